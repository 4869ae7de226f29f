"""Validation in the coordinators' admin: every rule answers with a Swedish form error
(status 200), never a 500, and nothing is saved."""

import pytest
from django.contrib.auth import get_user_model

from followup.models import FollowUpReport
from promises.models import Activity, PromisePeriod

from .admin_helpers import D, admin_url, errors_of, form_data, make_corner
from .factories import (
    ActivityStatusFactory,
    FollowUpReportFactory,
    PromiseFactory,
    PromisePeriodFactory,
)
from .helpers import html_of

pytestmark = pytest.mark.django_db

PASSWORD = "Trygghet-i-Jakobsberg-2024"


# --- validation: form errors in Swedish, status 200 -------------------------------------------
def period_post(corner, **values):
    data = {
        "municipality": corner.municipality.pk,
        "police_area": corner.police_area.pk,
        "title": "Medborgarlöfte",
        "status": "draft",
        **{
            f"{prefix}-{key}": "0"
            for prefix in ("promises", "goals", "activities")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    data.update(values)
    return data


def assert_form_error(response, text):
    assert response.status_code == 200
    messages = errors_of(response)
    assert any(text in message for message in messages), messages
    assert text in html_of(response)
    assert "rätta fel" in html_of(response)  # "Var god rätta felet nedan."


def test_period_that_ends_before_it_starts(client, corner):
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("promises", "promiseperiod", "add"),
        period_post(corner, starts_on="2026-12-31", ends_on="2026-01-01"),
    )
    assert_form_error(response, "Slutdatum kan inte vara före startdatum.")
    assert not PromisePeriod.objects.filter(starts_on=D(2026, 12, 31)).exists()


def test_overlapping_periods(client, corner):
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("promises", "promiseperiod", "add"),
        period_post(corner, starts_on="2024-06-01", ends_on="2025-05-31"),
    )
    assert_form_error(response, "En kommun kan bara ha ett medborgarlöfte åt gången.")
    assert "överlappar ”Alfalöftet 2024”" in html_of(response)


def test_police_area_that_does_not_serve_the_municipality(client, corner, admin_client):
    other = make_corner("Beta")
    response = admin_client.post(
        admin_url("promises", "promiseperiod", "add"),
        period_post(
            corner, police_area=other.police_area.pk, starts_on="2026-01-01", ends_on="2026-12-31"
        ),
    )
    assert_form_error(response, "Lokalpolisområdet arbetar inte i den valda kommunen.")


def test_period_dates_that_would_leave_a_report_outside(client, corner):
    client.force_login(corner.coordinator)
    url = admin_url("promises", "promiseperiod", "change", corner.period.pk)
    data = {**form_data(client.get(url)), "starts_on": "2024-06-01"}
    response = client.post(url, data)
    assert_form_error(
        response, "Perioden har uppföljningar som då skulle hamna utanför den (tertial 1 2024)."
    )
    corner.period.refresh_from_db()
    assert corner.period.starts_on == D(2024, 1, 1)


def test_agreement_that_ends_before_it_starts(client, corner):
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("promises", "cooperationagreement", "add"),
        {
            "municipality": corner.municipality.pk,
            "police_area": corner.police_area.pk,
            "title": "Överenskommelse",
            "valid_from": "2026-12-31",
            "valid_to": "2026-01-01",
            "status": "draft",
        },
    )
    assert_form_error(response, "Slutdatum kan inte vara före startdatum.")


def test_report_for_a_tertial_outside_the_period(client, corner):
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("followup", "followupreport", "add"),
        {"period": corner.period.pk, "which": "2025-1"},
    )
    assert_form_error(response, "Välj en av tertialerna i listan.")
    assert not FollowUpReport.objects.filter(year=2025).exists()


def test_second_report_for_the_same_tertial(client, corner):
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("followup", "followupreport", "add"),
        {"period": corner.period.pk, "which": "2024-1"},
    )
    assert_form_error(
        response, "Det finns redan en uppföljning av tertial 1 2024 för Alfalöftet 2024."
    )
    assert FollowUpReport.objects.filter(period=corner.period).count() == 1


def test_report_tertials_are_the_periods_own(client, corner):
    """Friction 8: no year to type; the period's tertials are the choices."""
    client.force_login(corner.coordinator)
    url = admin_url("followup", "followupreport", "add")
    response = client.get(f"{url}?period={corner.period.pk}")
    choices = response.context["adminform"].form.fields["which"].choices
    assert [label for _, label in choices] == [
        "Välj tertial",
        "Tertial 3 2024 (september–december)",
        "Tertial 2 2024 (maj–augusti)",
        "Tertial 1 2024 (januari–april)",
    ]
    preset = client.get(f"{url}?period={corner.period.pk}&year=2024&tertial=2")
    assert preset.context["adminform"].form["which"].value() == "2024-2"


def test_activity_of_another_party_needs_its_name(client, corner):
    client.force_login(corner.coordinator)
    url = admin_url("promises", "promiseperiod", "change", corner.period.pk)
    data = form_data(client.get(url))
    data["activities-0-responsible"] = "annan"
    data["activities-0-partner_name"] = ""
    assert_form_error(client.post(url, data), "Ange vilken aktör som ansvarar.")


def test_goal_with_a_promise_of_another_period(client, corner):
    other_period = PromisePeriodFactory(
        municipality=corner.municipality,
        police_area=corner.police_area,
        title="Nästa löfte",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
    )
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("promises", "goal", "add"),
        {"period": other_period.pk, "promise": corner.promise.pk, "text": "Mål", "order": "1"},
    )
    assert_form_error(response, "Löftet hör till en annan period.")


def test_activity_in_a_published_report_cannot_be_deleted_in_the_period(client, corner):
    # A draft period (a published one refuses every delete: test_admin_published_parts.py)
    # whose report was published before it was unpublished.
    corner.period.status = "draft"
    corner.period.save()
    client.force_login(corner.coordinator)
    url = admin_url("promises", "promiseperiod", "change", corner.period.pk)
    data = {**form_data(client.get(url)), "activities-0-DELETE": "on"}
    assert_form_error(client.post(url, data), "finns i en publicerad uppföljning")
    assert Activity.objects.filter(pk=corner.activity.pk).exists()


def test_promises_are_ordered_by_number(client, corner):
    second = PromiseFactory(period=corner.period, title="Andra löftet", order=2)
    client.force_login(corner.coordinator)
    url = admin_url("promises", "promiseperiod", "change", corner.period.pk)
    page = html_of(client.get(url))
    assert page.index("Alfas löfte om trygghet") < page.index("Andra löftet")
    data = form_data(client.get(url))
    data["promises-1-order"] = "0"
    assert client.post(url, data).status_code == 302
    page = html_of(client.get(url))
    assert page.index("Andra löftet") < page.index("Alfas löfte om trygghet")
    second.refresh_from_db()
    assert second.order == 0


def test_period_form_explains_what_belongs_where(client, corner):
    client.force_login(corner.coordinator)
    page = html_of(client.get(admin_url("promises", "promiseperiod", "change", corner.period.pk)))
    for text in (
        "Lägesbilden beskriver problemen och platserna",
        "Underlaget är det lägesbilden bygger på",
        "Förväntad effekt är vad de boende ska märka",
        "Vad löftet bygger på: medborgardialoger",  # the field's own help text
        "Löften – vad polis och kommun lovar",
        "Aktiviteter – vem som gör vad",
        "Lägre nummer visas först på webbplatsen.",
    ):
        assert text in page, text


def test_superuser_creates_a_coordinator_from_the_admin(admin_client, corner):
    user = get_user_model().objects.create_user("ny-samordnare")
    response = admin_client.post(
        admin_url("municipalities", "coordinatorscope", "add"),
        {"user": user.pk, "municipalities": [corner.municipality.pk]},
    )
    assert response.status_code == 302, errors_of(response)
    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name="Samordnare").exists()
    assert list(user.coordinator_scope.municipalities.all()) == [corner.municipality]


def test_status_rows_of_a_report_are_edited_with_history_and_not_added(client, corner):
    extra = ActivityStatusFactory(report=FollowUpReportFactory(period=corner.period, tertial=2))
    client.force_login(corner.coordinator)
    url = admin_url("followup", "activitystatus", "change", extra.pk)
    data = {**form_data(client.get(url)), "status": "genomford", "comment": "Klart."}
    assert client.post(url, data).status_code == 302
    extra.refresh_from_db()
    assert extra.status == "genomford" and extra.comment == "Klart."
