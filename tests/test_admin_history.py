"""Every change to promises, activities and follow-up status is recorded (who, when, what)
by django-simple-history and can be read in the admin by those who may see the object."""

import pytest
from django.utils import timezone

from followup import services

from .admin_helpers import admin_url, errors_of, form_data, make_corner

pytestmark = pytest.mark.django_db


def edit(client, url, **changes):
    data = {**form_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)


def test_editing_a_period_records_who_when_and_what(client, corner):
    client.force_login(corner.coordinator)
    before = timezone.now()
    edit(
        client,
        admin_url("promises", "promiseperiod", "change", corner.period.pk),
        title="Alfalöftet 2024 (reviderat)",
    )
    latest, previous = corner.period.history.all()[:2]
    assert latest.history_user == corner.coordinator
    assert latest.history_type == "~"
    assert latest.history_date >= before
    delta = latest.diff_against(previous)
    assert delta.changed_fields == ["title"]
    change = delta.changes[0]
    assert (change.old, change.new) == ("Alfalöftet 2024", "Alfalöftet 2024 (reviderat)")

    page = client.get(admin_url("promises", "promiseperiod", "history", corner.period.pk))
    html = page.content.decode()
    assert "samordnare-alfa" in html
    assert "Alfalöftet 2024 → Alfalöftet 2024 (reviderat)" in html.replace("&rarr;", "→")
    assert 'style="' not in html  # the CSP allows no inline styles


def test_promises_and_activities_edited_inline_record_their_history(client, corner):
    client.force_login(corner.coordinator)
    edit(
        client,
        admin_url("promises", "promiseperiod", "change", corner.period.pk),
        **{
            "promises-0-title": "Alfas löfte om tryggare torg",
            "activities-0-text": "Alfas aktivitet: vandringar varje vecka",
        },
    )
    for obj, field, new in (
        (corner.promise, "title", "Alfas löfte om tryggare torg"),
        (corner.activity, "text", "Alfas aktivitet: vandringar varje vecka"),
    ):
        latest, previous = obj.history.all()[:2]
        assert latest.history_user == corner.coordinator
        assert latest.diff_against(previous).changed_fields == [field]
        assert getattr(latest, field) == new
    page = client.get(admin_url("promises", "activity", "history", corner.activity.pk))
    assert "vandringar varje vecka" in page.content.decode()


def test_changing_a_published_reports_status_is_recorded(client, corner):
    assert corner.report.is_published
    client.force_login(corner.coordinator)
    edit(
        client,
        admin_url("followup", "followupreport", "change", corner.report.pk),
        **{"statuses-0-status": "genomford", "statuses-0-comment": "Klart i april."},
    )
    latest, previous = corner.status.history.all()[:2]
    assert latest.history_user == corner.coordinator
    delta = latest.diff_against(previous)
    assert sorted(delta.changed_fields) == ["comment", "status"]
    page = client.get(admin_url("followup", "activitystatus", "history", corner.status.pk))
    html = page.content.decode()
    assert "Klart i april." in html and "samordnare-alfa" in html


def test_publishing_a_report_is_recorded(client, corner):
    corner.report.status = "draft"
    corner.report.save()
    client.force_login(corner.coordinator)
    url = admin_url("followup", "followupreport", "change", corner.report.pk)
    client.post(url, {**form_data(client.get(url)), "_publish": "Spara och publicera"})
    latest = corner.report.history.first()
    assert latest.status == "published"
    assert latest.history_user == corner.coordinator
    assert "status" in latest.diff_against(latest.prev_record).changed_fields


def test_services_record_the_user_outside_a_request(corner):
    report = services.create_report(
        period=corner.period, year=2024, tertial=2, user=corner.coordinator
    )
    assert report.history.first().history_user == corner.coordinator
    row = report.statuses.get()
    assert row.history.first().history_user == corner.coordinator


def test_history_of_another_municipalitys_object_is_not_shown(client, corner):
    beta = make_corner("Beta")
    client.force_login(corner.coordinator)
    for app_label, model_name, obj in (
        ("promises", "promiseperiod", beta.period),
        ("promises", "activity", beta.activity),
        ("followup", "activitystatus", beta.status),
    ):
        url = admin_url(app_label, model_name, "history", obj.pk)
        assert client.get(url).status_code == 404
        version = obj.history.first().history_id
        version_url = admin_url(app_label, model_name, "simple_history", obj.pk, version)
        assert client.get(version_url).status_code == 404
