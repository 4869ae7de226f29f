"""The architecture holds by construction: apps import only downward, no source file
grows past what one person can read, and an admin that forgets the coordinator scope
fails Django's system checks."""

from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.admin.sites import AdminSite
from django.db import models
from django.test.utils import isolate_apps

from core.layers import BASE_DIR, LAYERS, import_graph, violations
from municipalities.checks import check_scoped_admins
from municipalities.models import Municipality
from municipalities.scope import ScopedAdminMixin, scoped_models
from municipalities.services import coordinator_permission_keys
from promises.models import PromisePeriod

MAX_LINES = 400


def test_no_app_imports_from_a_layer_above_or_beside_it():
    assert violations(import_graph()) == []


def test_the_layer_check_names_an_upward_import(tmp_path):
    (tmp_path / "promises").mkdir()
    (tmp_path / "promises" / "leak.py").write_text("from portal.views import home\n")
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "fine.py").write_text("from promises.models import Promise\n")

    found = violations(import_graph(tmp_path))

    assert found == ["promises/leak.py: promises (layer 3) imports portal (layer 6)"]


def test_the_site_sits_on_top_of_the_domain_apps():
    graph = import_graph()
    assert set(graph["portal"]) >= {"core", "municipalities", "promises", "followup"}
    assert set(graph["core"]) == set()
    assert set(graph["accessibility"]) <= {"core", "outbox"}


def test_no_source_file_is_longer_than_one_person_can_read():
    sources = [
        path
        for top in [*LAYERS, "tests", "benchmarks"]
        for path in (BASE_DIR / top).rglob("*.py")
        if "migrations" not in path.parts
    ]
    too_long = {
        str(path.relative_to(BASE_DIR)): count
        for path in sources
        if (count := len(Path(path).read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


# --- coordinator scope by construction -------------------------------------------------------
def test_every_scoped_model_declares_how_it_reaches_its_municipality():
    labels = {model._meta.label for model in scoped_models()}
    assert labels == {
        "promises.PromisePeriod",
        "promises.Promise",
        "promises.Goal",
        "promises.Activity",
        "promises.CooperationAgreement",
        "promises.PeriodSignatory",
        "promises.AgreementSignatory",
        "followup.FollowUpReport",
        "followup.ActivityStatus",
    }


def test_coordinators_may_edit_exactly_the_scoped_models_and_read_reference_data():
    keys = coordinator_permission_keys()
    edited = {(app, codename.split("_", 1)[1]) for app, codename in keys}
    assert {(m._meta.app_label, m._meta.model_name) for m in scoped_models()} <= edited
    assert ("municipalities", "change_municipality") not in keys
    assert ("municipalities", "view_municipality") in keys
    assert not any(app == "auth" for app, _ in keys)


def test_the_registered_admins_pass_the_scope_check():
    assert check_scoped_admins() == []


@isolate_apps("tests")
def test_an_unscoped_admin_of_a_scoped_model_fails_the_system_check():
    class Leaflet(models.Model):  # noqa: DJ008
        """A new scoped model in a throwaway app, registered without the scope."""

        scope_path = "period__"
        period = models.ForeignKey(PromisePeriod, on_delete=models.CASCADE)

        class Meta:
            app_label = "tests"

    site = AdminSite(name="throwaway")
    site.register(Leaflet, admin.ModelAdmin)
    try:
        errors = check_scoped_admins()
    finally:
        site.unregister(Leaflet)

    assert [error.id for error in errors] == ["municipalities.E001"]
    assert "tests.Leaflet" in errors[0].msg


@isolate_apps("tests")
def test_an_inline_offering_other_municipalities_fails_the_system_check():
    class Notice(models.Model):  # noqa: DJ008
        municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)
        period = models.ForeignKey(PromisePeriod, on_delete=models.CASCADE)

        class Meta:
            app_label = "tests"

    class NoticeInline(admin.TabularInline):
        model = Notice

    class ScopedPeriodAdmin(ScopedAdminMixin, admin.ModelAdmin):
        inlines = [NoticeInline]

    site = AdminSite(name="throwaway-inline")
    site.register(PromisePeriod, ScopedPeriodAdmin)
    try:
        errors = check_scoped_admins()
    finally:
        site.unregister(PromisePeriod)

    assert [error.id for error in errors] == ["municipalities.E002"]


@pytest.mark.parametrize("model", scoped_models(), ids=lambda m: m._meta.label)
def test_every_scoped_model_has_a_scoped_admin(model):
    assert isinstance(admin.site._registry[model], ScopedAdminMixin)
