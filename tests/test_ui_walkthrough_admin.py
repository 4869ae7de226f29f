"""What a first-time coordinator met in the admin (the walkthrough at 375 and 320 px): a
status-only save shown as an empty change in the report's history, two lists both
called "Undertecknare", a login page without a heading, and no word when a report is
published with most of its activities at "Ingen uppgift"."""

import html as html_module
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from followup import services

from .admin_helpers import admin_url, errors_of, form_data, make_superuser
from .factories import ActivityFactory, ActivityStatusFactory
from .helpers import html_of, text_of

pytestmark = pytest.mark.django_db


def change_cells(response):
    """The text of each "Vad som ändrades" cell of the report's own history table, newest
    version first (the last cell of each row of #change-history)."""
    html = html_of(response)
    start = html.index('id="change-history"')
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S)[-1] for row in rows]
    return [html_module.unescape(" ".join(re.sub(r"<[^>]+>", " ", c).split())) for c in cells]


def test_a_status_only_save_shows_the_statuses_it_changed(client, corner):
    client.force_login(corner.coordinator)
    url = admin_url("followup", "followupreport", "change", corner.report.pk)
    data = {**form_data(client.get(url)), "statuses-0-status": "genomford"}
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)

    history = client.get(admin_url("followup", "followupreport", "history", corner.report.pk))
    newest = change_cells(history)[0]
    assert (
        newest
        == "Vad som ändrades Status för ”Alfas aktivitet: fler vandringar”: Pågår → Genomförd"
    )


def test_a_save_that_changed_nothing_says_so(client, corner):
    client.force_login(corner.coordinator)
    url = admin_url("followup", "followupreport", "change", corner.report.pk)
    client.post(url, form_data(client.get(url)))
    history = client.get(admin_url("followup", "followupreport", "history", corner.report.pk))
    assert change_cells(history)[0] == "Vad som ändrades Sparad utan ändringar"


def test_the_two_signatory_lists_have_names_of_their_own(client, db):
    client.force_login(make_superuser())
    text = text_of(client.get(reverse("admin:index")))
    assert "Undertecknare av medborgarlöften" in text
    assert "Undertecknare av samverkansöverenskommelser" in text
    assert len(re.findall(r"Undertecknare(?! av)", text)) == 0


def test_the_login_page_has_a_heading(client, db):
    html = html_of(client.get(reverse("admin:login")))
    assert re.findall(r"<h1\b[^>]*>(.*?)</h1>", html) == ["Logga in"]


def publish(client, report):
    url = admin_url("followup", "followupreport", "change", report.pk)
    data = {**form_data(client.get(url)), "_publish": "Spara och publicera"}
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def draft(corner):
    """Alfa's report as a draft with three activities, all at "Ingen uppgift"."""
    corner.report.status = "draft"
    corner.report.save()
    corner.status.status = "ingen_uppgift"
    corner.status.save()
    for _ in range(2):
        activity = ActivityFactory(period=corner.period)
        ActivityStatusFactory(report=corner.report, activity=activity, status="ingen_uppgift")
    return corner.report


def test_publishing_with_most_statuses_unknown_warns_but_publishes(client, corner, draft):
    client.force_login(corner.coordinator)
    found = publish(client, draft)
    draft.refresh_from_db()
    assert draft.is_published
    assert ("success", "Uppföljning tertial 1 2024 är publicerad och syns på webbplatsen.") in found
    warnings = [text for level, text in found if level == "warning"]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "Observera: 3 av 3 aktiviteter i Alfakommun: tertial 1 2024 har status ”Ingen uppgift”"
    )
    # With most statuses given, publishing says only that it is done.
    services.unpublish_report(report=draft, user=corner.coordinator)
    draft.statuses.exclude(pk=corner.status.pk).update(status="pagar")
    assert [level for level, _text in publish(client, draft)] == ["success"]


def test_the_publish_action_in_the_list_warns_too(client, corner, draft):
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("followup", "followupreport", "changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.is_published
    assert "Observera: 3 av 3 aktiviteter" in text_of(response)


def test_every_list_on_the_admin_start_page_has_a_name_of_its_own(client, db):
    # Two lists with the same name ("E-postkö" under two headings) leave a coordinator
    # guessing which one holds what.
    client.force_login(make_superuser())
    apps = client.get(reverse("admin:index")).context["app_list"]
    names = [model["name"].casefold() for app in apps for model in app["models"]]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []
