"""Coordinators cannot delete the promises, goals and activities of a published period,
through any route ("avpublicera först"); superusers may; drafts' parts go as before."""

import pytest

from promises.models import Activity, Goal, Promise
from tests.admin_helpers import admin_url, form_data, make_corner, make_superuser
from tests.helpers import html_of

pytestmark = pytest.mark.django_db

MESSAGE = "avpublicera först"


@pytest.mark.parametrize("model", [Promise, Goal, Activity])
def test_the_change_pages_delete_refuses(client, alfa, model):
    part = alfa.obj(model)
    client.force_login(alfa.coordinator)
    url = admin_url("promises", model._meta.model_name, "delete", part.pk)
    response = client.post(url, {"post": "yes"}, follow=True)
    assert MESSAGE in html_of(response)
    assert model.objects.filter(pk=part.pk).exists()


@pytest.mark.parametrize("model", [Promise, Goal, Activity])
def test_the_bulk_delete_refuses(client, alfa, model):
    part = alfa.obj(model)
    client.force_login(alfa.coordinator)
    response = client.post(
        admin_url("promises", model._meta.model_name, "changelist"),
        {"action": "delete_selected", "_selected_action": [part.pk], "post": "yes"},
        follow=True,
    )
    assert MESSAGE in html_of(response)
    assert model.objects.filter(pk=part.pk).exists()


def test_the_periods_inline_delete_is_refused(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "change", alfa.period.pk)
    page = client.get(url)
    assert 'name="goals-0-DELETE"' not in html_of(page)
    data = {**form_data(page), "goals-0-DELETE": "on", "promises-0-DELETE": "on"}
    client.post(url, data)
    assert Goal.objects.filter(pk=alfa.goal.pk).exists()
    assert Promise.objects.filter(pk=alfa.promise.pk).exists()


def test_a_superuser_may_delete_and_a_drafts_parts_go(client, alfa):
    client.force_login(make_superuser())
    url = admin_url("promises", "goal", "delete", alfa.goal.pk)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Goal.objects.filter(pk=alfa.goal.pk).exists()

    draft = make_corner("Gamma", published=False)
    client.force_login(draft.coordinator)
    url = admin_url("promises", "goal", "delete", draft.goal.pk)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Goal.objects.filter(pk=draft.goal.pk).exists()
