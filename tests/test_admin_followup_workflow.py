"""The follow-up workflow in the admin, end to end with the Django test client, and the
admin's validation: every rule answers with the form and a Swedish message, never a 500."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from followup.models import ActivityStatus, FollowUpReport
from municipalities.models import Municipality
from promises.models import Activity, CooperationAgreement, PromisePeriod

from .factories import (
    ActivityFactory,
    ActivityStatusFactory,
    FollowUpReportFactory,
    PromiseFactory,
    PromisePeriodFactory,
)
from .test_admin_support import D, admin_url, errors_of, form_data, make_corner

pytestmark = pytest.mark.django_db

PASSWORD = "Trygghet-i-Jakobsberg-2024"


def text_of(response):
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- "Done when" ------------------------------------------------------------------------------
def test_jarfalla_coordinator_follows_up_tertial_1_2024_and_publishes_it(
    client, seed_content, monkeypatch
):
    monkeypatch.setenv("DJANGO_COORDINATOR_PASSWORD", PASSWORD)
    call_command("add_coordinator", "anna", "--municipality", "0123", stdout=io.StringIO())

    # She logs in on the admin's login page.
    login = client.post(
        reverse("admin:login") + "?next=/admin/", {"username": "anna", "password": PASSWORD}
    )
    assert login.status_code == 302 and login["Location"] == "/admin/"
    assert "Samordnarens arbetsyta" in text_of(client.get("/admin/"))

    # A new follow-up: only Järfälla's periods to choose from.
    add_url = admin_url("followup", "followupreport", "add")
    add_page = client.get(add_url)
    period_labels = [
        str(label) for _, label in add_page.context["adminform"].form.fields["period"].choices
    ]
    assert "Järfälla: Medborgarlöfte 2024" in period_labels
    assert not any("Jönköping" in label or "Sollentuna" in label for label in period_labels)
    period = PromisePeriod.objects.get(municipality__code="0123", slug="2024")
    created = client.post(
        add_url, {"period": period.pk, "year": "2024", "tertial": "1"}, follow=True
    )
    report = FollowUpReport.objects.get(period=period, year=2024, tertial=1)
    assert created.redirect_chain[-1][0] == admin_url(
        "followup", "followupreport", "change", report.pk
    )
    assert "en rad för var och en av periodens 6 aktiviteter" in " ".join(messages_of(created))
    assert report.status == "draft"

    # One row per activity, pre-filled, on one page.
    rows = created.context["inline_admin_formsets"][0].formset.forms
    assert len(rows) == 6
    for activity in period.activities.all():
        assert activity.text in text_of(created)

    # She sets a status for each activity and saves a draft.
    chosen = ["genomford", "pagar", "pagar", "forsenad", "genomford", "ej_paborjad"]
    data = form_data(created)
    data["summary"] = "Närvaron vid Jakobsbergs station har ökat under våren."
    for index, status in enumerate(chosen):
        data[f"statuses-{index}-status"] = status
    data["statuses-0-comment"] = "Fyra gemensamma kvällar i centrum."
    data["statuses-0-achieved_count"] = "4"
    data["_save"] = "Spara"
    saved = client.post(created.redirect_chain[-1][0], data)
    assert saved.status_code == 302, errors_of(saved)
    assert sorted(report.statuses.values_list("status", flat=True)) == sorted(chosen)

    # Not public yet; her preview shows it.
    public_url = report.get_absolute_url()
    assert client.get(public_url).status_code == 404
    preview = client.get(admin_url("followup", "followupreport", "preview", report.pk))
    assert preview.status_code == 200
    assert "Förhandsvisning" in text_of(preview)
    assert "Fyra gemensamma kvällar i centrum." in text_of(preview)

    # Publish.
    change_url = admin_url("followup", "followupreport", "change", report.pk)
    data = form_data(client.get(change_url))
    data["_publish"] = "Spara och publicera"
    published = client.post(change_url, data, follow=True)
    assert "är publicerad och syns på webbplatsen" in " ".join(messages_of(published))
    assert "Visa på webbplatsen" in text_of(published)
    report.refresh_from_db()
    assert report.status == "published" and report.published_at is not None

    # Everyone can read it on the public page.
    client.logout()
    page = client.get(public_url)
    assert page.status_code == 200
    html = text_of(page)
    assert "Uppföljning tertial 1 2024" in html
    assert "Närvaron vid Jakobsbergs station har ökat under våren." in html
    assert "Fyra gemensamma kvällar i centrum." in html
    assert html.count("Genomförd") >= 2 and "Försenad" in html

    # And nothing of Jönköping or Sollentuna is hers to see or touch.
    client.post(reverse("admin:login"), {"username": "anna", "password": PASSWORD})
    assert_nothing_of(client, ["jonkoping", "sollentuna"])


def assert_nothing_of(client, municipality_slugs):
    others = Municipality.objects.filter(slug__in=municipality_slugs)
    periods = PromisePeriod.objects.filter(municipality__in=others)
    assert periods.count() >= 4
    objects = [
        *periods,
        *FollowUpReport.objects.filter(period__in=periods),
        *Activity.objects.filter(period__in=periods)[:3],
        *CooperationAgreement.objects.filter(municipality__in=others),
    ]
    for obj in objects:
        opts = obj._meta
        for view in ("change", "delete", "history"):
            url = admin_url(opts.app_label, opts.model_name, view, obj.pk)
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"post": "yes", "title": "x"}).status_code == 404, url
        changelist = text_of(client.get(admin_url(opts.app_label, opts.model_name, "changelist")))
        assert admin_url(opts.app_label, opts.model_name, "change", obj.pk) not in changelist
    for name in ("Jönköping", "Sollentuna"):
        for model_name in ("promiseperiod", "followupreport"):
            url = admin_url(
                "promises" if model_name == "promiseperiod" else "followup",
                model_name,
                "changelist",
            )
            assert client.get(url, {"q": name}).context["cl"].result_count == 0


# --- the workflow's parts -----------------------------------------------------------------------
@pytest.fixture
def corner():
    return make_corner("Alfa")


def test_adding_an_activity_later_gives_the_report_its_row_on_next_save(client, corner):
    late = ActivityFactory(period=corner.period, text="Ny aktivitet i maj")
    client.force_login(corner.coordinator)
    url = admin_url("followup", "followupreport", "change", corner.report.pk)
    data = form_data(client.get(url))
    assert client.post(url, data).status_code == 302
    assert ActivityStatus.objects.filter(report=corner.report, activity=late).exists()
    assert "Ny aktivitet i maj" in text_of(client.get(url))


def test_report_of_a_draft_period_cannot_be_published(client, corner):
    draft_period = PromisePeriodFactory(
        municipality=corner.municipality,
        police_area=corner.police_area,
        title="Utkastlöftet",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        status="draft",
    )
    report = FollowUpReportFactory(period=draft_period, year=2026, tertial=1, status="draft")
    client.force_login(corner.coordinator)
    url = admin_url("followup", "followupreport", "change", report.pk)
    data = {**form_data(client.get(url)), "_publish": "Spara och publicera"}
    response = client.post(url, data, follow=True)
    assert "förrän medborgarlöftet ”Utkastlöftet” är publicerat" in " ".join(messages_of(response))
    report.refresh_from_db()
    assert report.status == "draft"


def test_publish_action_publishes_all_selected_reports_or_none(client, corner):
    corner.report.status = "draft"
    corner.report.save()
    draft_period = PromisePeriodFactory(
        municipality=corner.municipality,
        police_area=corner.police_area,
        title="Utkastlöftet",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        status="draft",
    )
    blocked = FollowUpReportFactory(period=draft_period, year=2026, tertial=1, status="draft")
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("followup", "followupreport", "changelist"),
        {"action": "publish_selected", "_selected_action": [corner.report.pk, blocked.pk]},
        follow=True,
    )
    text = " ".join(messages_of(response))
    assert "Inget publicerades." in text
    assert "förrän medborgarlöftet ”Utkastlöftet” är publicerat" in text
    assert not FollowUpReport.objects.filter(status="published").exists()


def test_unpublish_button_and_actions(client, corner):
    client.force_login(corner.coordinator)
    url = admin_url("followup", "followupreport", "change", corner.report.pk)
    data = {**form_data(client.get(url)), "_unpublish": "Spara och avpublicera"}
    response = client.post(url, data, follow=True)
    assert "syns inte längre på webbplatsen" in " ".join(messages_of(response))
    corner.report.refresh_from_db()
    assert corner.report.status == "draft"
    assert "Spara och publicera" in text_of(response)

    changelist = admin_url("followup", "followupreport", "changelist")
    published = client.post(
        changelist,
        {"action": "publish_selected", "_selected_action": [corner.report.pk]},
        follow=True,
    )
    assert "Publicerat: 1 uppföljning." in " ".join(messages_of(published))
    corner.report.refresh_from_db()
    assert corner.report.status == "published"
    unpublished = client.post(
        changelist,
        {"action": "unpublish_selected", "_selected_action": [corner.report.pk]},
        follow=True,
    )
    assert "Avpublicerat: 1 uppföljning." in " ".join(messages_of(unpublished))


def test_period_and_agreement_actions_publish_and_unpublish(client, corner):
    client.force_login(corner.coordinator)
    for model_name, obj in (
        ("promiseperiod", corner.period),
        ("cooperationagreement", corner.agreement),
    ):
        url = admin_url("promises", model_name, "changelist")
        response = client.post(
            url, {"action": "unpublish_selected", "_selected_action": [obj.pk]}, follow=True
        )
        assert "Avpublicerat: 1" in " ".join(messages_of(response))
        obj.refresh_from_db()
        assert obj.status == "draft"
        response = client.post(
            url, {"action": "publish_selected", "_selected_action": [obj.pk]}, follow=True
        )
        assert "Publicerat: 1" in " ".join(messages_of(response))
        obj.refresh_from_db()
        assert obj.status == "published"


def test_preview_of_drafts_only_for_coordinators_with_access(client):
    alfa = make_corner("Alfa", published=False)
    beta = make_corner("Beta")
    urls = [
        admin_url("promises", "promiseperiod", "preview", alfa.period.pk),
        admin_url("followup", "followupreport", "preview", alfa.report.pk),
    ]
    assert client.get(alfa.period.get_absolute_url()).status_code == 404
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    client.force_login(beta.coordinator)
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(alfa.coordinator)
    period_preview = client.get(urls[0])
    assert period_preview.status_code == 200
    assert "Alfalöftet 2024" in text_of(period_preview)
    assert "Förhandsvisning – utkastet är inte publicerat" in text_of(period_preview)
    assert "no-store" in period_preview["Cache-Control"]
    report_preview = client.get(urls[1])
    assert "Alfas kommentar" in text_of(report_preview)


def test_change_pages_link_to_the_public_page_or_the_preview(client):
    published = make_corner("Alfa")
    draft = make_corner("Beta", published=False)
    client.force_login(published.coordinator)
    page = text_of(
        client.get(admin_url("promises", "promiseperiod", "change", published.period.pk))
    )
    assert f'href="{published.period.get_absolute_url()}"' in page
    assert "Visa på webbplatsen" in page and "Förhandsvisa" in page
    assert "Ny uppföljning" in page
    # "Ny uppföljning" opens the add form with the period chosen.
    add_page = client.get(
        admin_url("followup", "followupreport", "add"), {"period": published.period.pk}
    )
    assert add_page.context["adminform"].form.initial["period"] == str(published.period.pk)
    for app_label, model_name, obj, public in (
        ("promises", "promise", published.promise, published.period),
        ("promises", "activity", published.activity, published.period),
        ("promises", "cooperationagreement", published.agreement, published.agreement),
        ("followup", "followupreport", published.report, published.report),
        ("followup", "activitystatus", published.status, published.report),
    ):
        page = text_of(client.get(admin_url(app_label, model_name, "change", obj.pk)))
        assert f'href="{public.get_absolute_url()}"' in page, model_name
    client.force_login(draft.coordinator)
    page = text_of(client.get(admin_url("followup", "followupreport", "change", draft.report.pk)))
    assert "Visa på webbplatsen" not in page
    assert "Förhandsvisa" in page and "Utkast: syns inte på webbplatsen" in page


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
    assert text in text_of(response)
    assert "rätta fel" in text_of(response)  # "Var god rätta felet nedan."


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
    assert "överlappar ”Alfalöftet 2024”" in text_of(response)


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
        {"period": corner.period.pk, "year": "2025", "tertial": "1"},
    )
    assert_form_error(response, "Tertial 1 2025 ligger utanför perioden 2024-01-01–2024-12-31.")
    assert not FollowUpReport.objects.filter(year=2025).exists()


def test_second_report_for_the_same_tertial(client, corner):
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("followup", "followupreport", "add"),
        {"period": corner.period.pk, "year": "2024", "tertial": "1"},
    )
    assert_form_error(response, "Det finns redan en uppföljning för den tertialen.")
    assert FollowUpReport.objects.filter(period=corner.period).count() == 1


def test_report_year_out_of_range(client, corner):
    client.force_login(corner.coordinator)
    response = client.post(
        admin_url("followup", "followupreport", "add"),
        {"period": corner.period.pk, "year": "1999", "tertial": "1"},
    )
    assert_form_error(response, "2000")


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
    client.force_login(corner.coordinator)
    url = admin_url("promises", "promiseperiod", "change", corner.period.pk)
    data = {**form_data(client.get(url)), "activities-0-DELETE": "on"}
    assert_form_error(client.post(url, data), "finns i en publicerad uppföljning")
    assert Activity.objects.filter(pk=corner.activity.pk).exists()


def test_promises_are_ordered_by_number(client, corner):
    second = PromiseFactory(period=corner.period, title="Andra löftet", order=2)
    client.force_login(corner.coordinator)
    url = admin_url("promises", "promiseperiod", "change", corner.period.pk)
    page = text_of(client.get(url))
    assert page.index("Alfas löfte om trygghet") < page.index("Andra löftet")
    data = form_data(client.get(url))
    data["promises-1-order"] = "0"
    assert client.post(url, data).status_code == 302
    page = text_of(client.get(url))
    assert page.index("Andra löftet") < page.index("Alfas löfte om trygghet")
    second.refresh_from_db()
    assert second.order == 0


def test_period_form_explains_what_belongs_where(client, corner):
    client.force_login(corner.coordinator)
    page = text_of(client.get(admin_url("promises", "promiseperiod", "change", corner.period.pk)))
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
