"""The follow-up workflow in the admin, end to end with the Django test client, and the
admin's validation: every rule answers with the form and a Swedish message, never a 500."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from followup.models import ActivityStatus, FollowUpReport
from municipalities.models import Municipality
from promises.models import Activity, CooperationAgreement, PromisePeriod

from .admin_helpers import D, admin_url, errors_of, form_data, make_corner
from .factories import (
    ActivityFactory,
    FollowUpReportFactory,
    PromisePeriodFactory,
)
from .helpers import html_of

pytestmark = pytest.mark.django_db

PASSWORD = "Trygghet-i-Jakobsberg-2024"


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
    assert "Samordnarens arbetsyta" in html_of(client.get("/admin/"))

    # A new follow-up: only Järfälla's periods to choose from.
    add_url = admin_url("followup", "followupreport", "add")
    add_page = client.get(add_url)
    period_labels = [
        str(label) for _, label in add_page.context["adminform"].form.fields["period"].choices
    ]
    assert "Järfälla: Medborgarlöfte 2024" in period_labels
    assert not any("Jönköping" in label or "Sollentuna" in label for label in period_labels)
    period = PromisePeriod.objects.get(municipality__code="0123", slug="2024")
    created = client.post(add_url, {"period": period.pk, "which": "2024-1"}, follow=True)
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
        assert activity.text in html_of(created)

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
    assert "Förhandsvisning" in html_of(preview)
    assert "Fyra gemensamma kvällar i centrum." in html_of(preview)

    # Publish.
    change_url = admin_url("followup", "followupreport", "change", report.pk)
    data = form_data(client.get(change_url))
    data["_publish"] = "Spara och publicera"
    published = client.post(change_url, data, follow=True)
    assert "är publicerad och syns på webbplatsen" in " ".join(messages_of(published))
    assert "Visa på webbplatsen" in html_of(published)
    report.refresh_from_db()
    assert report.status == "published" and report.published_at is not None

    # Everyone can read it on the public page.
    client.logout()
    page = client.get(public_url)
    assert page.status_code == 200
    html = html_of(page)
    assert "Uppföljning tertial 1 2024" in html
    assert "Närvaron vid Jakobsbergs station har ökat under våren." in html
    assert "Fyra gemensamma kvällar i centrum." in html
    # Each activity's row says the status she chose for it.
    activities = list(period.activities.order_by("order", "pk"))
    for activity, status in zip(activities, chosen, strict=True):
        row = re.search(rf'<tr id="status-{activity.pk}">(.*?)</tr>', html, re.S).group(1)
        assert f"status--{status}" in row, (activity.text, status)

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
        changelist = html_of(client.get(admin_url(opts.app_label, opts.model_name, "changelist")))
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


def test_adding_an_activity_later_gives_the_report_its_row_on_next_save(client, corner):
    late = ActivityFactory(period=corner.period, text="Ny aktivitet i maj")
    client.force_login(corner.coordinator)
    url = admin_url("followup", "followupreport", "change", corner.report.pk)
    data = form_data(client.get(url))
    assert client.post(url, data).status_code == 302
    assert ActivityStatus.objects.filter(report=corner.report, activity=late).exists()
    assert "Ny aktivitet i maj" in html_of(client.get(url))


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
    assert "Spara och publicera" in html_of(response)

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
    assert "Alfalöftet 2024" in html_of(period_preview)
    assert "Förhandsvisning – utkastet är inte publicerat" in html_of(period_preview)
    assert "no-store" in period_preview["Cache-Control"]
    report_preview = client.get(urls[1])
    assert "Alfas kommentar" in html_of(report_preview)


def test_change_pages_link_to_the_public_page_or_the_preview(client):
    published = make_corner("Alfa")
    draft = make_corner("Beta", published=False)
    client.force_login(published.coordinator)
    page = html_of(
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
        page = html_of(client.get(admin_url(app_label, model_name, "change", obj.pk)))
        assert f'href="{public.get_absolute_url()}"' in page, model_name
    client.force_login(draft.coordinator)
    page = html_of(client.get(admin_url("followup", "followupreport", "change", draft.report.pk)))
    assert "Visa på webbplatsen" not in page
    assert "Förhandsvisa" in page and "Utkast: syns inte på webbplatsen" in page
