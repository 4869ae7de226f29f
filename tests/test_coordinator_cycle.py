"""The issue's "done when", end to end: a coordinator made with add_coordinator downloads
the template, fills a period's promises and activities, imports them, writes the tertial's
statuses by import, publishes, and is reminded when the next tertial closes."""

import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from followup.models import FollowUpReport
from promises.models import Activity, PromisePeriod
from tests.admin_helpers import admin_url, errors_of, form_data
from tests.helpers import text_of
from tests.spreadsheet_helpers import confirm, sheet_rows, upload, xlsx

PASSWORD = "Trygghet-i-Vingaker-2025"


def test_a_new_coordinator_goes_round_the_cycle(client, reference_data, monkeypatch):
    monkeypatch.setenv("DJANGO_COORDINATOR_PASSWORD", PASSWORD)
    call_command(
        "add_coordinator",
        "eva",
        "--municipality",
        "Vingåker",
        "--police-area",
        "Katrineholm",
        "--email",
        "eva@vingaker.se",
        stdout=io.StringIO(),
    )
    client.post(reverse("admin:login"), {"username": "eva", "password": PASSWORD})

    # The period, with day-first dates.
    add = admin_url("promises", "promiseperiod", "add")
    data = form_data(client.get(add))
    data.update(
        municipality=PromisePeriod._meta.get_field("municipality")
        .related_model.objects.get(name="Vingåker")
        .pk,
        police_area=PromisePeriod._meta.get_field("police_area")
        .related_model.objects.get(slug="katrineholm")
        .pk,
        title="Medborgarlöfte 2025",
        starts_on="1/1/2025",
        ends_on="31/12/2025",
    )
    response = client.post(add, data)
    assert response.status_code == 302, errors_of(response)
    period = PromisePeriod.objects.get(title="Medborgarlöfte 2025")

    # The template, filled as in a spreadsheet program, imported after its preview.
    template = client.get(admin_url("promises", "promiseperiod", "template")).content
    headers = sheet_rows(template)[0]
    walks = ["Trygghetsvandringar", "Gemensamt", "", 4, "vandringar", None, None]
    rows = [
        ["", "Löfte", "Tryggt centrum", "", "", "", None, "", None, None],
        ["", "Aktivitet", "Tryggt centrum", *walks],
    ]
    preview = upload(client, PromisePeriod, period, xlsx(rows, headers), "vingaker.xlsx")
    assert "2 nya" in text_of(preview)
    confirm(client, preview)
    activity = Activity.objects.get(period=period)

    # Tertial 1: the report, its statuses by import, then both published.
    client.post(
        admin_url("followup", "followupreport", "add"), {"period": period.pk, "which": "2025-1"}
    )
    report = FollowUpReport.objects.get(period=period, year=2025, tertial=1)
    exported = sheet_rows(
        client.get(admin_url("followup", "followupreport", "export", report.pk, "xlsx")).content
    )
    exported[1][2:5] = ["Pågår", "Två vandringar i centrum", 2]
    confirm(client, upload(client, FollowUpReport, report, xlsx(exported[1:], exported[0])))
    assert activity.statuses.get().achieved_count == 2
    for model, obj in (("promiseperiod", period), ("followupreport", report)):
        app = "promises" if model == "promiseperiod" else "followup"
        client.post(
            admin_url(app, model, "changelist"),
            {"action": "publish_selected", "_selected_action": [obj.pk]},
        )
    report.refresh_from_db()
    assert report.is_published

    # The next tertial closes: one reminder, about tertial 2 only, with its link.
    call_command("send_tertial_reminders", "--today=2025-08-17", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["eva@vingaker.se"]]
    assert "tertial 2 (maj–augusti) 2025 slutar den 31 augusti 2025" in mail.outbox[0].body
    assert "tertial 1" not in mail.outbox[0].body
