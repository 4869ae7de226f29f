"""A follow-up report's status rows as a spreadsheet: export, import with a preview,
errors by row and column, idempotent, scoped, recorded in the history."""

from followup.models import ActivityStatus, FollowUpReport
from followup.spreadsheets import COLUMNS
from tests.admin_helpers import admin_url
from tests.factories import ActivityFactory
from tests.helpers import text_of
from tests.spreadsheet_helpers import confirm, sheet_rows, upload, xlsx

HEADERS = [column.header for column in COLUMNS]


def export(client, report, file_format="xlsx"):
    return client.get(admin_url("followup", "followupreport", "export", report.pk, file_format))


def test_export_has_a_row_per_activity_and_explains_the_statuses(client, alfa):
    client.force_login(alfa.coordinator)
    response = export(client, alfa.report)
    rows = sheet_rows(response.content)
    assert rows[0] == HEADERS
    assert rows[1][:3] == [alfa.activity.pk, "Alfas aktivitet: fler vandringar", "Pågår"]
    notes = {r[0]: r[2] for r in sheet_rows(response.content, sheet=1)[1:]}
    assert notes["Status"] == "Ingen uppgift, Ej påbörjad, Pågår, Genomförd, Försenad, Utgår"


def test_statuses_are_imported_after_a_preview_and_recorded_in_the_history(client, alfa):
    client.force_login(alfa.coordinator)
    rows = sheet_rows(export(client, alfa.report).content)
    rows[1][2:5] = ["försenad", "Sex vandringar hittills", 6]
    new = ActivityFactory(period=alfa.period, text="Ny aktivitet utan rad", responsible="polisen")
    rows.append([new.pk, new.text, "Genomförd", "", None])

    preview = upload(client, FollowUpReport, alfa.report, xlsx(rows[1:], rows[0]), "t1.xlsx")

    text = text_of(preview)
    assert "1 nya, 1 ändrade, 0 oförändrade" in text
    assert "status: Pågår → Försenad" in text
    assert "uppnått antal: (tomt) → 6" in text
    confirm(client, preview)
    status = ActivityStatus.objects.get(report=alfa.report, activity=alfa.activity)
    assert (status.status, status.comment, status.achieved_count) == (
        "forsenad",
        "Sex vandringar hittills",
        6,
    )
    assert ActivityStatus.objects.get(activity=new).status == "genomford"
    assert status.history.latest().history_change_reason == "Inläst från kalkylarket t1.xlsx"

    again = upload(client, FollowUpReport, alfa.report, xlsx(rows[1:], rows[0]))
    assert "0 nya, 0 ändrade, 2 oförändrade" in text_of(again)


def test_csv_round_trip_is_no_change(client, alfa):
    client.force_login(alfa.coordinator)
    exported = export(client, alfa.report, "csv")
    preview = upload(client, FollowUpReport, alfa.report, exported.content, "t1.csv")
    assert "0 nya, 0 ändrade, 1 oförändrade" in text_of(preview)


def test_errors_name_row_and_column_and_nothing_is_imported(client, alfa, beta):
    client.force_login(alfa.coordinator)
    rows = [
        [alfa.activity.pk, "", "Klar", "", None],
        [beta.activity.pk, "", "Pågår", "", None],
        ["", "En aktivitet som inte finns", "Pågår", "", None],
    ]
    preview = upload(client, FollowUpReport, alfa.report, xlsx(rows, HEADERS))
    text = text_of(preview)
    assert "har 3 fel. Inget har lästs in." in text
    assert "Rad 2, kolumn C (Status): ”Klar” är inte en status som finns." in text
    assert f"Rad 3, kolumn A (Nummer): Aktivitet {beta.activity.pk} hör inte till" in text
    assert "Rad 4, kolumn B (Aktivitet): Aktiviteten finns inte i uppföljningens period." in text
    assert ActivityStatus.objects.get(pk=alfa.status.pk).status == alfa.status.status


def test_another_municipalitys_report_can_be_neither_read_nor_written(client, alfa, beta):
    client.force_login(alfa.coordinator)
    assert export(client, beta.report).status_code == 404
    content = xlsx([[beta.activity.pk, "", "Utgår", "", None]], HEADERS)
    assert upload(client, FollowUpReport, beta.report, content).status_code == 404
    assert ActivityStatus.objects.get(pk=beta.status.pk).status != "utgar"
