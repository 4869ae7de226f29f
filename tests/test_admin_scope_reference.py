"""Coordinator scope in the autocomplete, reference data, user management and deletion."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from followup.models import ActivityStatus, FollowUpReport
from municipalities.models import Municipality
from promises.models import PromisePeriod

from .admin_helpers import (
    D,
    admin_url,
    make_corner,
    make_superuser,
)
from .factories import LocalPoliceAreaFactory, MunicipalityFactory, PromisePeriodFactory
from .helpers import html_of

pytestmark = pytest.mark.django_db

NOT_FOUND_OR_FORBIDDEN = (403, 404)


# --- autocomplete -----------------------------------------------------------------------------
AUTOCOMPLETES = [
    ("promises", "promiseperiod", "municipality"),
    ("promises", "promiseperiod", "police_area"),
    ("promises", "cooperationagreement", "municipality"),
    ("promises", "cooperationagreement", "police_area"),
]


@pytest.mark.parametrize(("app_label", "model_name", "field_name"), AUTOCOMPLETES)
def test_autocomplete_offers_only_the_coordinators_choices(
    client, alfa, beta, app_label, model_name, field_name
):
    params = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
    url = "/admin/autocomplete/"
    assert client.get(url, params).status_code == 302

    client.force_login(alfa.coordinator)
    texts = [item["text"] for item in client.get(url, {**params, "term": ""}).json()["results"]]
    assert any("Alfa" in text for text in texts)
    assert not any("Beta" in text for text in texts)
    searched = client.get(url, {**params, "term": "Beta"}).json()["results"]
    assert searched == []

    client.force_login(make_superuser())
    searched = client.get(url, {**params, "term": "Beta"}).json()["results"]
    assert any("Beta" in item["text"] for item in searched)


def test_police_area_coordinator_works_for_every_municipality_the_area_serves(client):
    served = [MunicipalityFactory(name="Norrby"), MunicipalityFactory(name="Söderby")]
    area = LocalPoliceAreaFactory(name="Tvåbyområdet", municipalities=served)
    elsewhere = PromisePeriodFactory(title="Annanstans")
    periods = [
        PromisePeriodFactory(municipality=m, police_area=area, title=f"{m.name}löftet")
        for m in served
    ]
    from municipalities.services import set_coordinator_scope

    user = get_user_model().objects.create_user("omradet")
    set_coordinator_scope(user=user, municipalities=[], police_areas=[area])
    client.force_login(user)
    page = html_of(client.get(admin_url("promises", "promiseperiod", "changelist")))
    assert "Norrbylöftet" in page and "Söderbylöftet" in page and "Annanstans" not in page
    for period in periods:
        change = client.get(admin_url("promises", "promiseperiod", "change", period.pk))
        assert change.status_code == 200
    other = admin_url("promises", "promiseperiod", "change", elsewhere.pk)
    assert client.get(other).status_code == 404


# --- reference data and user management ---------------------------------------------------
@pytest.mark.parametrize(
    "model_name", ["municipality", "county", "policeregion", "localpolicearea"]
)
def test_reference_data_is_read_only_for_coordinators(client, alfa, beta, model_name):
    obj = {
        "municipality": beta.municipality,
        "county": beta.municipality.county,
        "policeregion": beta.police_area.police_region,
        "localpolicearea": beta.police_area,
    }[model_name]
    client.force_login(alfa.coordinator)
    assert client.get(admin_url("municipalities", model_name, "changelist")).status_code == 200
    change_url = admin_url("municipalities", model_name, "change", obj.pk)
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in html_of(page)  # shown, not editable
    assert client.post(change_url, {"name": "Ändrad"}).status_code == 403
    assert client.get(admin_url("municipalities", model_name, "add")).status_code == 403
    assert client.get(admin_url("municipalities", model_name, "delete", obj.pk)).status_code == 403
    assert Municipality.objects.filter(name="Ändrad").count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/municipalities/coordinatorscope/",
    ],
)
def test_coordinators_cannot_manage_users_or_scopes(client, alfa, url):
    client.force_login(alfa.coordinator)
    assert client.get(url).status_code == 403


def test_admin_index_lists_the_coordinators_workplace(client, alfa):
    client.force_login(alfa.coordinator)
    page = html_of(client.get("/admin/"))
    for label in ("Medborgarlöften (perioder)", "Uppföljningar", "Kommuner"):
        assert label in page
    assert "Användare" not in page and "Samordnares behörigheter" not in page


# --- deletion: drafts only ------------------------------------------------------------------
def test_coordinator_deletes_a_draft_but_not_a_published_period(client, alfa):
    client.force_login(alfa.coordinator)
    published = admin_url("promises", "promiseperiod", "delete", alfa.period.pk)
    assert client.get(published).status_code == 403
    assert client.post(published, {"post": "yes"}).status_code == 403
    change_page = html_of(
        client.get(admin_url("promises", "promiseperiod", "change", alfa.period.pk))
    )
    assert "Avpublicera det först" in change_page
    assert PromisePeriod.objects.filter(pk=alfa.period.pk).exists()

    draft = PromisePeriodFactory(
        municipality=alfa.municipality,
        police_area=alfa.police_area,
        title="Utkastet",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        status="draft",
    )
    url = admin_url("promises", "promiseperiod", "delete", draft.pk)
    assert "Utkastet" in html_of(client.get(url))
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not PromisePeriod.objects.filter(pk=draft.pk).exists()


def test_bulk_delete_refuses_published_objects_with_an_explanation(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("followup", "followupreport", "changelist")
    response = client.post(
        url,
        {"action": "delete_selected", "_selected_action": [alfa.report.pk]},
        follow=True,
    )
    assert "Avpublicera det först" in html_of(response)
    assert FollowUpReport.objects.filter(pk=alfa.report.pk).exists()


def test_draft_report_is_deleted_with_its_rows(client):
    corner = make_corner("Gamma", published=False)
    client.force_login(corner.coordinator)
    url = admin_url("followup", "followupreport", "delete", corner.report.pk)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not ActivityStatus.objects.filter(pk=corner.status.pk).exists()


# --- the admin's "/admin/r/" shortcut -------------------------------------------------------
def shortcut_url(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return f"/admin/r/{content_type.pk}/{obj.pk}/"


def test_the_shortcut_leads_to_the_coordinators_own_public_page(client, alfa):
    client.force_login(alfa.coordinator)
    response = client.get(shortcut_url(alfa.period))
    assert response.status_code == 302
    assert response["Location"].endswith(alfa.period.get_absolute_url())


def test_the_shortcut_reveals_nothing_of_another_municipality(client, alfa):
    beta = make_corner("Beta", published=False)
    client.force_login(alfa.coordinator)
    for obj in (beta.period, beta.report, beta.activity, beta.agreement):
        response = client.get(shortcut_url(obj))
        assert response.status_code == 404
        assert "betakommun" not in response.content.decode().lower()
    missing = client.get(f"/admin/r/{ContentType.objects.get_for_model(beta.period).pk}/999999/")
    assert missing.status_code == 404
