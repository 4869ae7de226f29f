"""Each coordinator sees and edits only their own municipalities' content, in every
admin view: list, search, filter, change, add, delete, history, inline, autocomplete.
Permission tests go anonymous → wrong coordinator → right coordinator."""

import pytest

from followup.models import ActivityStatus, FollowUpReport
from promises.models import Activity, CooperationAgreement, Goal, Promise, PromisePeriod

from .admin_helpers import (
    SCOPED_ADMINS,
    admin_url,
    errors_of,
    form_data,
    make_corner,
    make_superuser,
)
from .helpers import html_of

pytestmark = pytest.mark.django_db

NOT_FOUND_OR_FORBIDDEN = (403, 404)


# --- lists, searches and filters ------------------------------------------------------------
@pytest.mark.parametrize(("app_label", "model_name", "model"), SCOPED_ADMINS)
def test_lists_show_only_the_coordinators_own_objects(
    client, alfa, beta, app_label, model_name, model
):
    url = admin_url(app_label, model_name, "changelist")
    alfa_link = admin_url(app_label, model_name, "change", alfa.obj(model).pk)
    beta_link = admin_url(app_label, model_name, "change", beta.obj(model).pk)

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")

    client.force_login(beta.coordinator)
    page = html_of(client.get(url))
    assert beta_link in page and alfa_link not in page

    client.force_login(alfa.coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert alfa_link in html_of(response) and beta_link not in html_of(response)
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize(("app_label", "model_name", "model"), SCOPED_ADMINS)
def test_search_never_finds_another_municipalitys_objects(
    client, alfa, beta, app_label, model_name, model
):
    url = admin_url(app_label, model_name, "changelist")
    client.force_login(alfa.coordinator)
    found = client.get(url, {"q": "Betakommun"})
    assert found.context["cl"].result_count == 0
    assert "0 resultat" in html_of(found)
    client.force_login(make_superuser())
    assert client.get(url, {"q": "Betakommun"}).context["cl"].result_count == 1


@pytest.mark.parametrize(("app_label", "model_name", "model"), SCOPED_ADMINS)
def test_filters_offer_only_the_coordinators_municipalities(
    client, alfa, beta, app_label, model_name, model
):
    # A second municipality for Alfa's coordinator, so the municipality filter is shown.
    gamma = make_corner("Gamma")
    alfa.coordinator.coordinator_scope.municipalities.add(gamma.municipality)
    url = admin_url(app_label, model_name, "changelist")
    client.force_login(alfa.coordinator)
    response = client.get(url)
    changelist = response.context["cl"]
    choices = [
        str(choice["display"])
        for spec in changelist.filter_specs
        if "municipality" in getattr(spec, "field_path", "")
        for choice in spec.choices(changelist)
    ]
    assert "Alfakommun" in choices and "Gammakommun" in choices
    assert "Betakommun" not in choices
    assert "Betakommun" not in html_of(response)

    # Filtering on another municipality by address gives nothing either.
    lookup = {
        "promiseperiod": "municipality__id__exact",
        "cooperationagreement": "municipality__id__exact",
        "followupreport": "period__municipality__id__exact",
        "activitystatus": "report__period__municipality__id__exact",
        "agreementsignatory": "agreement__municipality__id__exact",
    }.get(model_name, "period__municipality__id__exact")
    filtered = client.get(url, {lookup: beta.municipality.pk})
    assert filtered.status_code == 200
    assert filtered.context["cl"].result_count == 0
    own = client.get(url, {lookup: gamma.municipality.pk})
    assert list(own.context["cl"].result_list) == [gamma.obj(model)]


def test_period_filter_lists_own_municipality(client, alfa, beta):
    client.force_login(alfa.coordinator)
    page = html_of(client.get(admin_url("promises", "promiseperiod", "changelist")))
    assert "Alfakommun" in page and "Betakommun" not in page


# --- objects by direct address --------------------------------------------------------------
@pytest.mark.parametrize(("app_label", "model_name", "model"), SCOPED_ADMINS)
def test_another_municipalitys_object_cannot_be_read_or_changed_by_address(
    client, alfa, beta, app_label, model_name, model
):
    target = beta.obj(model)
    model = type(target)
    before = model.objects.filter(pk=target.pk).values().get()
    urls = [
        admin_url(app_label, model_name, view, target.pk)
        for view in ("change", "delete", "history", "simple_history")
        if view != "simple_history"
    ]
    history_id = target.history.first().history_id
    urls.append(admin_url(app_label, model_name, "simple_history", target.pk, history_id))

    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to the login page

    client.force_login(alfa.coordinator)
    for url in urls:
        assert client.get(url).status_code in NOT_FOUND_OR_FORBIDDEN, url
        posted = client.post(url, {"post": "yes", "status": "draft", "title": "Kapad"})
        assert posted.status_code in NOT_FOUND_OR_FORBIDDEN, url
    assert model.objects.filter(pk=target.pk).values().get() == before

    client.force_login(beta.coordinator)
    own = client.get(urls[0])
    assert own.status_code == 200
    assert beta.name in html_of(own)


def test_right_coordinator_changes_their_period_and_it_is_saved(client, alfa):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "change", alfa.period.pk)
    data = form_data(client.get(url))
    data["title"] = "Alfalöftet 2024 (reviderat)"
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    alfa.period.refresh_from_db()
    assert alfa.period.title == "Alfalöftet 2024 (reviderat)"


# --- adding: choices limited to the scope ---------------------------------------------------
def test_period_cannot_be_added_for_another_municipality(client, alfa, beta):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "add")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "municipality": beta.municipality.pk,
            "police_area": beta.police_area.pk,
            "title": "Inbrytning",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "status": "draft",
            "promises-TOTAL_FORMS": "0",
            "promises-INITIAL_FORMS": "0",
            "goals-TOTAL_FORMS": "0",
            "goals-INITIAL_FORMS": "0",
            "activities-TOTAL_FORMS": "0",
            "activities-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert any("giltigt alternativ" in message for message in errors_of(response))
    assert not PromisePeriod.objects.filter(title="Inbrytning").exists()


@pytest.mark.parametrize(
    ("model_name", "data"),
    [
        ("promise", {"title": "Inbrytning", "order": "1"}),
        ("goal", {"text": "Inbrytning", "order": "1"}),
        ("activity", {"text": "Inbrytning", "responsible": "polisen", "order": "1"}),
    ],
)
def test_period_parts_cannot_be_added_to_another_municipalitys_period(
    client, alfa, beta, model_name, data
):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", model_name, "add")
    form = client.get(url)
    period_choices = [
        str(choice[1]) for choice in form.context["adminform"].form.fields["period"].choices
    ]
    assert any("Alfalöftet" in label for label in period_choices)
    assert not any("Betalöftet" in label for label in period_choices)
    response = client.post(url, {**data, "period": beta.period.pk})
    assert response.status_code == 200
    assert any("giltigt alternativ" in message for message in errors_of(response))
    model = {"promise": Promise, "goal": Goal, "activity": Activity}[model_name]
    assert not model.objects.filter(**{next(iter(data)): "Inbrytning"}).exists()


def test_agreement_cannot_be_added_for_another_municipality(client, alfa, beta):
    client.force_login(alfa.coordinator)
    response = client.post(
        admin_url("promises", "cooperationagreement", "add"),
        {
            "municipality": beta.municipality.pk,
            "police_area": beta.police_area.pk,
            "title": "Inbrytning",
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    assert any("giltigt alternativ" in message for message in errors_of(response))
    assert not CooperationAgreement.objects.filter(title="Inbrytning").exists()


def test_report_cannot_be_added_for_another_municipalitys_period(client, alfa, beta):
    client.force_login(alfa.coordinator)
    url = admin_url("followup", "followupreport", "add")
    # The period is chosen by autocomplete (friction 10), which offers only the scope.
    search = client.get(
        "/admin/autocomplete/",
        {"app_label": "followup", "model_name": "followupreport", "field_name": "period"},
    )
    offered = [result["text"] for result in search.json()["results"]]
    assert offered == ["Alfakommun: Alfalöftet 2024"]
    response = client.post(url, {"period": beta.period.pk, "which": "2024-2"})
    assert response.status_code == 200
    assert any("giltigt alternativ" in message for message in errors_of(response))
    assert not FollowUpReport.objects.filter(period=beta.period, tertial=2).exists()


def test_status_rows_are_never_added_by_hand(client, alfa):
    client.force_login(alfa.coordinator)
    assert client.get(admin_url("followup", "activitystatus", "add")).status_code == 403


# --- inlines ----------------------------------------------------------------------------------
def test_period_inlines_show_and_save_only_the_periods_own_rows(client, alfa, beta):
    client.force_login(alfa.coordinator)
    url = admin_url("promises", "promiseperiod", "change", alfa.period.pk)
    response = client.get(url)
    page = html_of(response)
    assert "Alfas löfte om trygghet" in page and "Betas" not in page
    # The promise dropdown of goals and activities offers this period's promises only.
    goal_form = next(f for f in response.context["inline_admin_formsets"] if f.opts.model is Goal)
    labels = [label for _, label in goal_form.formset.forms[0].fields["promise"].choices]
    assert labels[:2] == ["Hela perioden (alla löften)", "Alfas löfte om trygghet"]
    assert all(label.startswith("Nytt löfte") for label in labels[2:])  # friction 2

    # A forged row pointing at Beta's promise changes nothing of Beta's.
    data = form_data(response)
    data["promises-0-id"] = str(beta.promise.pk)
    data["promises-0-title"] = "Kapat löfte"
    data["activities-0-promise"] = str(beta.promise.pk)
    forged = client.post(url, data)
    assert forged.status_code == 200
    assert errors_of(forged)
    beta.promise.refresh_from_db()
    assert beta.promise.title == "Betas löfte om trygghet"
    assert not Promise.objects.filter(title="Kapat löfte").exists()


def test_report_inline_shows_the_reports_rows_and_cannot_be_forged(client, alfa, beta):
    client.force_login(alfa.coordinator)
    url = admin_url("followup", "followupreport", "change", alfa.report.pk)
    response = client.get(url)
    page = html_of(response)
    assert "Alfas aktivitet: fler vandringar" in page and "Betas" not in page
    data = form_data(response)
    data["statuses-0-id"] = str(beta.status.pk)
    data["statuses-0-comment"] = "Kapad kommentar"
    client.post(url, data)
    beta.status.refresh_from_db()
    assert beta.status.comment == "Betas kommentar"
    # Extra rows are ignored: the rows come from the period's activities only.
    data = form_data(response)
    data.update(
        {
            "statuses-TOTAL_FORMS": "2",
            "statuses-1-status": "genomford",
            "statuses-1-comment": "Extra rad",
            "statuses-1-report": str(alfa.report.pk),
        }
    )
    client.post(url, data)
    assert not ActivityStatus.objects.filter(comment="Extra rad").exists()
