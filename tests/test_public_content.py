"""Public and current are each stated once: every model whose rows public pages show has
one public() queryset with the whole rule, an edit to any of them shows on the next
request, and every way of publishing keeps the same rule (actions, buttons, history)."""

import pytest
from django.core.exceptions import ValidationError

from core import publishing
from followup import services
from followup.models import ActivityStatus, FollowUpReport
from municipalities.models import County, LocalPoliceArea, Municipality, PoliceRegion
from portal.caching import public_models
from promises.models import (
    Activity,
    CooperationAgreement,
    Goal,
    PeriodState,
    Promise,
    PromisePeriod,
)

from .admin_helpers import admin_url, errors_of, form_data, make_corner
from .helpers import period_url, report_url, text_of

pytestmark = pytest.mark.django_db

CONTENT = [PromisePeriod, Promise, Goal, Activity, CooperationAgreement, FollowUpReport]


def test_the_public_models_are_the_content_and_the_reference_data():
    assert set(public_models()) == {
        *CONTENT,
        ActivityStatus,
        PoliceRegion,
        County,
        Municipality,
        LocalPoliceArea,
    }


@pytest.mark.parametrize("model", [*CONTENT, ActivityStatus], ids=lambda m: m.__name__)
def test_drafts_and_their_parts_are_never_public(model):
    public, draft = make_corner("Alfa"), make_corner("Beta", published=False)
    assert set(model.objects.public()) == {public.obj(model)}
    assert draft.obj(model) not in model.objects.public()


def test_a_published_report_of_a_draft_period_is_not_public_nor_its_statuses():
    corner = make_corner("Alfa")
    PromisePeriod.objects.filter(pk=corner.period.pk).update(status="draft")
    assert not FollowUpReport.objects.public().exists()
    assert not ActivityStatus.objects.public().exists()
    assert not Activity.objects.public().exists()


def test_a_period_knows_its_state_on_any_day():
    period = make_corner("Alfa").period
    assert period.state_on(period.starts_on) is PeriodState.CURRENT
    assert period.state_on(period.ends_on) is PeriodState.CURRENT
    before = period.starts_on.replace(year=period.starts_on.year - 1)
    after = period.ends_on.replace(year=period.ends_on.year + 1)
    assert period.state_on(before) is PeriodState.UPCOMING
    assert period.state_on(after) is PeriodState.ENDED
    assert list(PromisePeriod.objects.public().current(period.starts_on)) == [period]
    assert not PromisePeriod.objects.public().current(after).exists()


# --- an edit to any public model shows on the next request ----------------------------------
def _municipality_page(corner):
    return corner.municipality.get_absolute_url()


def _period_page(corner):
    return period_url(corner.municipality.slug, corner.period.slug)


def _report_page(corner):
    return report_url(corner.municipality.slug, corner.period.slug, 2024, 1)


# model -> (the object of a corner, the page that shows it, the field edited)
EDITS = {
    PoliceRegion: (lambda c: c.police_area.police_region, _municipality_page, "name", "area"),
    County: (lambda c: c.municipality.county, _municipality_page, "name", None),
    Municipality: (lambda c: c.municipality, _municipality_page, "name", None),
    LocalPoliceArea: (lambda c: c.police_area, _municipality_page, "name", None),
    PromisePeriod: (lambda c: c.period, _municipality_page, "title", None),
    Promise: (lambda c: c.promise, _period_page, "title", None),
    Goal: (lambda c: c.goal, _period_page, "text", None),
    Activity: (lambda c: c.activity, _period_page, "text", None),
    CooperationAgreement: (lambda c: c.agreement, _municipality_page, "title", None),
    FollowUpReport: (lambda c: c.report, _report_page, "summary", None),
    ActivityStatus: (lambda c: c.status, _report_page, "comment", None),
}


@pytest.mark.parametrize("model", public_models(), ids=lambda m: m.__name__)
def test_an_edit_to_any_public_model_shows_on_the_next_request(client, model):
    assert model in EDITS, f"Say how an edit to {model.__name__} shows on a page"
    get_object, page_of, field, via = EDITS[model]
    corner = make_corner("Alfa")
    url = page_of(corner)
    if via == "area":  # a police region's name is on its police areas' pages
        url = corner.police_area.get_absolute_url()
    assert client.get(url).status_code == 200  # now cached
    obj = get_object(corner)
    setattr(obj, field, f"Omdöpt {model.__name__}")
    obj.save()
    assert f"Omdöpt {model.__name__}" in text_of(client.get(url))


# --- one path for publishing ------------------------------------------------------------------
def test_publish_refuses_a_report_of_a_draft_period_with_the_swedish_reason():
    corner = make_corner("Alfa", published=False)
    with pytest.raises(ValidationError, match="förrän medborgarlöftet"):
        services.publish_report(report=corner.report)
    corner.report.refresh_from_db()
    assert not corner.report.is_published


def test_publish_and_unpublish_work_for_every_publishable_model():
    corner = make_corner("Alfa", published=False)
    objects = (corner.period, corner.agreement, corner.report)
    for obj in objects:  # the period first: its report may only follow it
        publishing.publish(obj)
        obj.refresh_from_db()
        assert obj.is_published and obj.published_at is not None
    for obj in reversed(objects):
        publishing.unpublish(obj)
        obj.refresh_from_db()
        assert not obj.is_published


def test_a_history_revert_cannot_publish_a_report_of_a_draft_period(client):
    corner = make_corner("Alfa")
    services.unpublish_report(report=corner.report)
    publishing.unpublish(corner.period)
    published_version = corner.report.history.filter(status="published").first()
    client.force_login(corner.coordinator)
    url = admin_url(
        "followup", "followupreport", "simple_history", corner.report.pk, published_version.pk
    )

    page = client.get(url)
    assert page.status_code == 200, page.status_code
    response = client.post(url, form_data(page))

    assert response.status_code == 200
    assert any("förrän medborgarlöftet" in error for error in errors_of(response))
    corner.report.refresh_from_db()
    assert not corner.report.is_published


def test_editing_an_already_published_report_of_an_unpublished_period_is_allowed():
    corner = make_corner("Alfa")
    publishing.unpublish(corner.period)
    corner.report.refresh_from_db()
    corner.report.summary = "Rättat stavfel."
    corner.report.full_clean()  # editing is not publishing again
