"""The frictions a first-time coordinator met in the admin, one test (or more) each:
1 dates, 2 a new promise in the same save, 3 the preview banner, 4 Swedish history with
status rows, 5 the admin's own 404/403 (6 add_coordinator: test_admin_frictions_names.py)."""

import datetime

from promises.models import Activity, Goal, Promise, PromisePeriod
from tests.admin_helpers import admin_url, errors_of, form_data, make_superuser
from tests.factories import LocalPoliceAreaFactory
from tests.helpers import html_of, text_of


def period_add_data(corner, **changes):
    area = LocalPoliceAreaFactory(municipalities=[corner.municipality])
    return {
        "municipality": corner.municipality.pk,
        "police_area": area.pk,
        "title": "Medborgarlöfte 2017",
        "starts_on": "10/1/2017",
        "ends_on": "31.12.2017",
        "slug": "",
        "status": "draft",
        "dates_precision": "day",
        "signed_precision": "day",
        **{
            f"{prefix}-{key}": value
            for prefix in ("promises", "goals", "activities", "signatories")
            for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
        **changes,
    }


# --- 1 dates -----------------------------------------------------------------------------
def test_a_day_first_date_is_read_day_first(client, alfa):
    client.force_login(alfa.coordinator)
    response = client.post(admin_url("promises", "promiseperiod", "add"), period_add_data(alfa))
    assert response.status_code == 302, errors_of(response)
    period = PromisePeriod.objects.get(title="Medborgarlöfte 2017")
    assert (period.starts_on, period.ends_on) == (
        datetime.date(2017, 1, 10),
        datetime.date(2017, 12, 31),
    )


def test_ambiguous_and_impossible_dates_get_a_swedish_error_naming_the_format(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "add")
    response = client.post(url, period_add_data(alfa, starts_on="10/1/17", ends_on="31/2/2017"))
    errors = errors_of(response)
    assert "”10/1/17” är tvetydigt: skriv året med fyra siffror." in errors[0]
    assert "”31/2/2017” är inte ett datum som finns." in errors[1]
    assert all("Skriv datum som 2017-01-10 eller dag först: 10/1/2017." in e for e in errors[:2])
    assert 'value="10/1/17"' in html_of(response)  # what was typed is kept
    assert not PromisePeriod.objects.filter(title="Medborgarlöfte 2017").exists()


def test_each_date_field_says_the_format(client, alfa):
    # The fields are native date inputs (issue 16 point 5): their hint names ISO, the
    # format a Swedish browser shows and sends; a date typed day first is still read.
    client.force_login(alfa.coordinator)
    page = text_of(client.get(admin_url("promises", "promiseperiod", "change", alfa.period.pk)))
    assert page.count("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.") >= 3


# --- 2 a new promise chosen in the same save ----------------------------------------------
def test_an_activity_chooses_a_promise_added_in_the_same_save(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "change", alfa.period.pk)
    page = client.get(url)
    assert "i den ordning de står där; allt sparas på en gång." in text_of(page)
    data = form_data(page)
    data.update(
        {
            "promises-TOTAL_FORMS": "2",
            "promises-1-title": "Nytt löfte om belysning",
            "promises-1-description": "",
            "promises-1-order": "2",
            "activities-TOTAL_FORMS": "2",
            "activities-1-text": "Byta trasiga lampor",
            "activities-1-responsible": "kommunen",
            "activities-1-partner_name": "",
            "activities-1-target_count": "",
            "activities-1-target_unit": "",
            "activities-1-promise": "nytt-1",
            "activities-1-order": "2",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    promise = Promise.objects.get(title="Nytt löfte om belysning")
    assert Activity.objects.get(text="Byta trasiga lampor").promise == promise


def test_choosing_a_new_promise_that_is_not_in_the_form_is_explained(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "change", alfa.period.pk)
    data = form_data(client.get(url))
    data["goals-0-promise"] = "nytt-2"
    response = client.post(url, data)
    assert "Det finns inget nytt löfte 2 i formuläret." in " ".join(errors_of(response))
    assert Goal.objects.get(pk=alfa.goal.pk).promise == alfa.promise


# --- 3 the preview banner ------------------------------------------------------------------
def test_the_preview_banner_says_published_or_draft_truthfully(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "preview", alfa.period.pk)
    published = text_of(client.get(url))
    assert "Förhandsvisning – publicerad" in published
    assert "inte publicerat" not in published
    alfa.period.status = "draft"
    alfa.period.save()
    draft = text_of(client.get(url))
    assert "Förhandsvisning – utkastet är inte publicerat" in draft
    report = text_of(client.get(admin_url("followup", "followupreport", "preview", alfa.report.pk)))
    assert "Förhandsvisning – medborgarlöftet är inte publicerat" in report


# --- 4 history in Swedish, status rows under their report ------------------------------------
def test_history_is_swedish_and_shows_status_rows_under_their_report(client, alfa):
    client.force_login(alfa.coordinator)
    report_url = admin_url("followup", "followupreport", "change", alfa.report.pk)
    data = form_data(client.get(report_url))
    data["statuses-0-achieved_count"] = "52"
    data["statuses-0-status"] = "genomford"
    assert client.post(report_url, data).status_code == 302
    client.post(
        admin_url("followup", "followupreport", "changelist"),
        {"action": "unpublish_selected", "_selected_action": [alfa.report.pk]},
    )

    page = client.get(admin_url("followup", "followupreport", "history", alfa.report.pk))
    text = text_of(page).replace("&rarr;", "→")
    for english in ("Choose a date", "Changed", "Created", "draft", "published", "History"):
        assert english not in text, english
    assert "Historik: Alfakommun: tertial 1 2024" in text
    assert "Publiceringsstatus: Publicerad → Utkast" in text
    assert "Ändringar i status per aktivitet" in text
    assert "Uppnått antal: (tomt) → 52" in text
    assert "Status: Pågår → Genomförd" in text
    assert "Ändrad" in text


# --- 5 out of scope inside the admin ---------------------------------------------------------
NO_ACCESS = "Du har inte behörighet till den här kommunens uppgifter, eller så finns sidan inte."


def test_another_municipalitys_object_answers_in_the_admin_without_revealing_it(client, alfa, beta):
    client.force_login(alfa.coordinator)
    existing = client.get(admin_url("promises", "promiseperiod", "change", beta.period.pk))
    missing = client.get(admin_url("promises", "promiseperiod", "change", 987654))
    assert existing.status_code == missing.status_code == 404
    assert NO_ACCESS in text_of(existing)
    assert "Medborgarlöften – administration" in text_of(existing)  # the admin's layout
    assert text_of(existing) == text_of(missing)


def test_user_admin_answers_a_swedish_403_in_the_admin(client, alfa):
    client.force_login(alfa.coordinator)
    response = client.get("/admin/auth/user/")
    assert response.status_code == 403
    assert NO_ACCESS in text_of(response)


def test_the_public_404_is_unchanged(client, alfa):
    response = client.get("/finns-inte-alls/")
    assert response.status_code == 404
    assert NO_ACCESS not in text_of(response)


# --- 7 messages, 8 tertials, 9 one word for delete, 10 autocomplete and date hierarchy ------
def test_creating_a_report_says_so_naturally(client, alfa):
    client.force_login(alfa.coordinator)
    response = client.post(
        admin_url("followup", "followupreport", "add"),
        {"period": alfa.period.pk, "which": "2024-2", "summary": ""},
        follow=True,
    )
    text = text_of(response)
    assert (
        "Uppföljningen av tertial 2 2024 för Alfalöftet 2024 är skapad som utkast, "
        "med en rad för periodens aktivitet." in text
    )
    assert "Uppföljningen uppföljning" not in text


def test_saving_says_the_objects_name_without_the_model_label(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "change", alfa.period.pk)
    response = client.post(url, form_data(client.get(url)), follow=True)
    assert "Ändringarna i ” Alfakommun: Alfalöftet 2024 ” är sparade." in text_of(response)


def test_one_word_for_delete(client, alfa):
    client.force_login(alfa.coordinator)
    alfa.period.status = "draft"
    alfa.period.save()
    text = text_of(client.get(admin_url("promises", "promiseperiod", "change", alfa.period.pk)))
    assert "Radera" not in text and "Ta bort" in text


def test_period_and_agreement_lists_have_date_hierarchies(client, alfa):
    client.force_login(make_superuser())
    response = client.get(admin_url("promises", "promiseperiod", "changelist"))
    assert response.context["cl"].date_hierarchy == "starts_on"
    response = client.get(admin_url("promises", "cooperationagreement", "changelist"))
    assert response.context["cl"].date_hierarchy == "valid_from"


def test_report_period_is_an_autocomplete(client, alfa):
    client.force_login(alfa.coordinator)
    response = client.get(admin_url("followup", "followupreport", "add"))
    assert 'data-ajax--url="/admin/autocomplete/"' in html_of(response)
