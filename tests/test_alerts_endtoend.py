"""Done when: a person follows Jönköping by e-mail from its page, gets exactly one mail
when a new tertial report is published through the admin, and stops with one click."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from followup.models import FollowUpReport
from promises.models import PromisePeriod

from .admin_helpers import admin_url, form_data, make_superuser
from .alerts_helpers import confirm_link, mails_to, path_of, subscribe

pytestmark = pytest.mark.django_db

ADDRESS = "anna.andersson@example.se"


def publish_report_in_admin(client, period, *, year, tertial, summary):
    created = client.post(
        admin_url("followup", "followupreport", "add"),
        {"period": period.pk, "which": f"{year}-{tertial}"},
        follow=True,
    )
    change_url = created.redirect_chain[-1][0]
    data = form_data(created)
    data["summary"] = summary
    data["_publish"] = "Spara och publicera"
    published = client.post(change_url, data, follow=True)
    assert "är publicerad och syns på webbplatsen" in published.content.decode()
    return FollowUpReport.objects.get(period=period, year=year, tertial=tertial)


def send_alerts():
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    return out.getvalue()


def test_follow_jonkoping_get_one_mail_per_new_report_and_stop_with_one_click(
    client, seed_content, django_capture_on_commit_callbacks
):
    # The "Följ" section on Jönköping's page has the form, the scope preselected.
    page = client.get("/kommuner/jonkoping/").content.decode()
    assert 'name="omrade" value="kommun/jonkoping"' in page

    # Subscribe: a confirmation mail, nothing else, and the same receipt page as always.
    answer = subscribe(client, ADDRESS, "kommun/jonkoping", django_capture_on_commit_callbacks)
    assert answer.status_code == 302 and answer["Location"] == "/folj/tack/"
    assert "Titta i din e-post" in client.get("/folj/tack/").content.decode()
    [confirmation] = mails_to(ADDRESS)
    assert confirmation.subject.startswith("Bekräfta att du vill följa Jönköping")
    assert "Länken gäller i 7 dagar" in confirmation.body

    # Nothing is sent before confirmation.
    period = PromisePeriod.objects.get(municipality__slug="jonkoping", slug="2020")
    client.force_login(make_superuser())
    publish_report_in_admin(client, period, year=2020, tertial=1, summary="Före bekräftelsen.")
    client.logout()
    send_alerts()
    assert len(mails_to(ADDRESS)) == 1

    # Confirm: the link shows a button, pressing it confirms.
    link = confirm_link(confirmation)
    assert "Bekräfta" in client.get(link).content.decode()
    confirmed = client.post(link)
    assert "Du följer Jönköping" in confirmed.content.decode()

    # A coordinator publishes tertial 2 with "Spara och publicera".
    client.force_login(make_superuser_once())
    report = publish_report_in_admin(
        client, period, year=2020, tertial=2, summary="Fler trygghetsvandringar i centrum."
    )
    client.logout()

    # send_alerts: exactly one mail, with the report's link and RFC 8058 headers.
    output = send_alerts()
    assert "Lade 1 e-postmeddelanden om 1 publiceringar i utkorgen." in output
    digests = mails_to(ADDRESS)[1:]
    assert len(digests) == 1
    digest = digests[0]
    assert digest.subject.startswith("Nytt: Uppföljning tertial 2 2020 – Jönköping")
    assert "http://127.0.0.1:8000" + report.get_absolute_url() in digest.body
    assert "Uppföljning tertial 1 2020" not in digest.body  # published before confirmation
    html, mimetype = digest.alternatives[0]
    assert mimetype == "text/html" and report.get_absolute_url() in html
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url in digest.body

    # Running it again sends nothing twice.
    send_alerts()
    assert len(mails_to(ADDRESS)) == 2

    # One click: the mail provider POSTs to the header's URL, no login, no CSRF token.
    client.handler.enforce_csrf_checks = True
    stopped = client.post(
        path_of(unsubscribe_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert stopped.status_code == 200
    assert "Du får ingen mer e-post" in stopped.content.decode()
    client.handler.enforce_csrf_checks = False

    # No more mail, whatever is published next.
    client.force_login(make_superuser_once())
    publish_report_in_admin(client, period, year=2020, tertial=3, summary="Sista tertialen.")
    send_alerts()
    assert len(mails_to(ADDRESS)) == 2
    assert len(mail.outbox) == 2


def make_superuser_once():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="chef")
