"""A period's promises, goals and activities as a spreadsheet: template, export, import
with a preview, errors by row and column, one transaction, idempotent, scoped, history."""

import datetime

import pytest

from promises.models import Activity, Goal, Promise, PromisePeriod
from promises.spreadsheets.period import COLUMNS
from tests.admin_helpers import admin_url
from tests.helpers import text_of
from tests.spreadsheet_helpers import confirm, sheet_rows, upload, xlsx

HEADERS = [column.header for column in COLUMNS]


def row(kind, promise="", text="", responsible="", partner="", count=None, unit="", day=None):
    return ["", kind, promise, text, responsible, partner, count, unit, day, None]


FILLED = [
    row("Löfte", "Tryggare centrum", "Polis och kommun lovar ett tryggare torg."),
    row("Mål", "Tryggare centrum", "Färre anmälda brott på torget", day="30/6/2025"),
    row("Aktivitet", "Tryggare centrum", "Trygghetsvandringar", "Gemensamt", "", 4, "tillfällen"),
    row("Aktivitet", "", "Föreläsning om droger", "Annan aktör", "Föreningen Tryggt"),
]


def test_the_template_has_a_swedish_header_and_a_sheet_explaining_each_column(client, alfa):
    client.force_login(alfa.coordinator)
    response = client.get(admin_url("promises", "promiseperiod", "template"))
    assert response["Content-Disposition"] == 'attachment; filename="mall.xlsx"'
    assert sheet_rows(response.content)[0][:4] == ["Nummer", "Typ", "Löfte", "Text"]
    notes = sheet_rows(response.content, sheet=1)
    assert notes[0] == ["Kolumn", "Vad den betyder", "Tillåtna värden"]
    allowed = {name: values for name, _, values in notes[1:]}
    assert "Polisen, Kommunen, Gemensamt" in allowed["Ansvarig"]
    assert "30/6/2025 (dag först)" in allowed["Senast (datum)"]


def test_a_filled_template_is_previewed_then_imported(client, alfa):
    client.force_login(alfa.coordinator)
    preview = upload(client, PromisePeriod, alfa.period, xlsx(FILLED, HEADERS), "alfa.xlsx")
    text = text_of(preview)
    assert (
        "Filen alfa.xlsx: 4 nya, 0 ändrade, 0 oförändrade. Inget tas bort. Inget är inläst ännu."
        in text
    )
    assert not Promise.objects.filter(title="Tryggare centrum").exists()

    done = confirm(client, preview)

    assert "Kalkylarket alfa.xlsx är inläst: 4 nya, 0 ändrade, 0 oförändrade." in text_of(done)
    promise = Promise.objects.get(period=alfa.period, title="Tryggare centrum")
    goal = Goal.objects.get(text="Färre anmälda brott på torget")
    assert (goal.promise, goal.deadline) == (promise, datetime.date(2025, 6, 30))
    walks = Activity.objects.get(text="Trygghetsvandringar")
    assert (walks.promise, walks.responsible, walks.target_count) == (promise, "gemensamt", 4)
    talk = Activity.objects.get(text="Föreläsning om droger")
    assert (talk.promise, talk.partner_name) == (None, "Föreningen Tryggt")
    reason = walks.history.latest().history_change_reason
    assert reason == "Inläst från kalkylarket alfa.xlsx"
    assert walks.history.latest().history_user == alfa.coordinator
    period_reason = alfa.period.history.latest().history_change_reason
    assert period_reason == "Inläst från kalkylarket alfa.xlsx: 4 nya, 0 ändrade, 0 oförändrade"


def test_importing_the_same_file_again_changes_nothing(client, alfa):
    client.force_login(alfa.coordinator)
    confirm(client, upload(client, PromisePeriod, alfa.period, xlsx(FILLED, HEADERS)))
    counts = (Promise.objects.count(), Activity.objects.count(), Goal.objects.count())
    history = Activity.history.count()

    again = upload(client, PromisePeriod, alfa.period, xlsx(FILLED, HEADERS))

    assert "0 nya, 0 ändrade, 4 oförändrade" in text_of(again)
    assert "det finns inget att läsa in" in text_of(again)
    assert (Promise.objects.count(), Activity.objects.count(), Goal.objects.count()) == counts
    assert Activity.history.count() == history


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_then_import_unchanged_is_no_change(client, alfa, file_format):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "export", alfa.period.pk, file_format)
    exported = client.get(url)
    assert exported["Content-Disposition"].endswith(f'.{file_format}"')
    if file_format == "xlsx":
        rows = sheet_rows(exported.content)
        assert rows[0] == HEADERS
        assert [r[1] for r in rows[1:]] == ["Löfte", "Mål", "Aktivitet"]
    else:
        assert exported.content.decode("utf-8-sig").startswith("Nummer;Typ;Löfte;Text;")

    preview = upload(client, PromisePeriod, alfa.period, exported.content, f"x.{file_format}")

    assert "0 nya, 0 ändrade, 3 oförändrade" in text_of(preview)


def test_a_changed_export_shows_what_changes(client, alfa):
    client.force_login(alfa.coordinator)
    exported = client.get(admin_url("promises", "promiseperiod", "export", alfa.period.pk, "xlsx"))
    rows = sheet_rows(exported.content)
    rows[3][3] = "Fler trygghetsvandringar"  # the activity's text
    preview = upload(client, PromisePeriod, alfa.period, xlsx(rows[1:], rows[0]))
    text = text_of(preview)
    assert "0 nya, 1 ändrade, 2 oförändrade" in text
    assert "text: Alfas aktivitet: fler vandringar → Fler trygghetsvandringar" in text
    confirm(client, preview)
    alfa.activity.refresh_from_db()
    assert alfa.activity.text == "Fler trygghetsvandringar"


def test_a_file_with_errors_imports_nothing_and_names_each_row_and_column(client, alfa, beta):
    client.force_login(alfa.coordinator)
    bad = [
        row("Löfte", "Nytt löfte", "Text"),
        row("Aktivitet", "Nytt löfte", "Vandringar", "Polis"),
        row("Mål", "", "Mål med konstigt datum", day="10/1/17"),
        row("Mål", "", "Mål som inte finns", day="31/2/2025"),
        row("Aktivitet", "", "Räkna", "Kommunen", "", "fyra", "gånger"),
        row("Aktivitet", "Okänt löfte", "X", "Kommunen"),
        [beta.activity.pk, "Aktivitet", "", "Betas", "Kommunen", "", None, "", None, None],
    ]
    preview = upload(client, PromisePeriod, alfa.period, xlsx(bad, HEADERS))
    text = text_of(preview)
    assert text_of(preview).startswith("Fel:")
    assert "har 6 fel. Inget har lästs in." in text
    assert "Rad 3, kolumn E (Ansvarig): ”Polis” är inte en ansvarig som finns." in text
    assert "Rad 4, kolumn I (Senast (datum)): ”10/1/17” är tvetydigt" in text
    assert "Rad 5, kolumn I (Senast (datum)): ”31/2/2025” är inte ett datum som finns." in text
    assert "Rad 6, kolumn G (Mätbart mål (antal)): ”fyra” är inte ett heltal" in text
    assert "Rad 7, kolumn C (Löfte): Det finns inget löfte ”Okänt löfte”" in text
    assert (
        f"Rad 8, kolumn A (Nummer): Nummer {beta.activity.pk} hör inte till den här perioden."
        in text
    )
    assert preview.context["payload"] == ""
    assert not Promise.objects.filter(title="Nytt löfte").exists()


def test_a_coordinator_cannot_import_into_or_export_another_municipalitys_period(
    client, alfa, beta
):
    client.force_login(alfa.coordinator)
    content = xlsx(FILLED, HEADERS)
    assert upload(client, PromisePeriod, beta.period, content).status_code == 404
    export = admin_url("promises", "promiseperiod", "export", beta.period.pk, "xlsx")
    assert client.get(export).status_code == 404
    assert not Promise.objects.filter(title="Tryggare centrum").exists()


def test_a_forged_confirmation_is_refused(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "import", alfa.period.pk)
    response = client.post(url, {"payload": "nonsense"}, follow=True)
    assert "Förhandsvisningen är för gammal. Välj filen igen." in text_of(response)


def test_a_file_that_is_not_a_spreadsheet_gets_a_swedish_error(client, alfa):
    client.force_login(alfa.coordinator)
    response = upload(client, PromisePeriod, alfa.period, b"hello", "loften.docx")
    assert "Välj en fil som slutar på.xlsx eller.csv." in text_of(response)
    response = upload(client, PromisePeriod, alfa.period, b"not a zip", "loften.xlsx")
    assert "Filen gick inte att läsa som ett kalkylark" in text_of(response)
    missing = upload(client, PromisePeriod, alfa.period, xlsx([], ["Typ", "Text"]))
    assert "Rubrikraden saknar kolumnerna ”Nummer”" in text_of(missing)


def test_the_change_page_links_the_downloads_and_the_import(client, alfa):
    client.force_login(alfa.coordinator)
    response = client.get(admin_url("promises", "promiseperiod", "change", alfa.period.pk))
    text = text_of(response)
    assert "Ladda ned (.xlsx)" in text and "Läs in kalkylark" in text


def test_only_xlsx_and_csv_are_offered(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "export", alfa.period.pk, "pdf")
    assert client.get(url).status_code == 404
