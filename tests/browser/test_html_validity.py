"""Zero errors from the Nu Html Checker on the admin pages coordinators use and on the
public pages, as the browser received them (issue 16: axe and the Nu Html Checker)."""

import json

import pytest
from django.urls import reverse

from ..admin_helpers import admin_url, make_corner
from .test_a11y_admin import PASSWORD
from .test_admin import log_in
from .test_pages import PAGES
from .vnu import html_errors

pytestmark = pytest.mark.django_db(transaction=True)


def served(page, url):
    response = page.goto(url)
    assert response.ok, url
    return response.text()


def test_admin_pages_coordinators_use_are_valid_html(live_server, page):
    corner = make_corner("Alfa", published=False)
    corner.coordinator.set_password(PASSWORD)
    corner.coordinator.save()
    base = live_server.url
    pages = {"login": served(page, base + reverse("admin:login"))}
    log_in(page, live_server, corner.coordinator.username)
    period, report = corner.period.pk, corner.report.pk
    for name, url in {
        "index": reverse("admin:index"),
        "period-list": admin_url("promises", "promiseperiod", "changelist"),
        "period-add": admin_url("promises", "promiseperiod", "add"),
        "period-change": admin_url("promises", "promiseperiod", "change", period),
        "period-history": admin_url("promises", "promiseperiod", "history", period),
        "report-add": admin_url("followup", "followupreport", "add"),
        "report-change": admin_url("followup", "followupreport", "change", report),
        "report-history": admin_url("followup", "followupreport", "history", report),
    }.items():
        pages[name] = served(page, base + url)
    # A change form with errors in the main form and in an inline row.
    page.goto(base + admin_url("promises", "promiseperiod", "change", period))
    page.locator("#id_title").fill("")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Spara och fortsätt redigera").click()
    pages["period-errors"] = navigation.value.text()
    errors = html_errors(pages)
    assert not errors, json.dumps(errors, ensure_ascii=False, indent=1)


def test_public_pages_are_valid_html(live_server, page, seed_content):
    pages = {name: served(page, live_server.url + url()) for name, url in PAGES.items()}
    for name in ("accessibility:statement", "accessibility:report-barrier"):
        pages[name.split(":")[1]] = served(page, live_server.url + reverse(name))
    errors = html_errors(pages)
    assert not errors, json.dumps(errors, ensure_ascii=False, indent=1)
