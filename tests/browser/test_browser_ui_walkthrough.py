"""The walkthrough's layout findings at 375 and 320 px, in Chromium: the admin's history
pages fit a phone with readable contrast, wide tables keep their captions in view, the
admin's model names break only where a hyphen is shown, and the pages stay valid HTML."""

import datetime
import json

import pytest
from django.urls import reverse

from ..admin_helpers import admin_url, make_corner
from ..factories import ActivityFactory, MunicipalityFactory, PromisePeriodFactory
from .conftest import PHONE
from .test_admin import PASSWORD, assert_accessible, log_in
from .vnu import html_errors

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 640}

# Each element with text of its own whose contrast with the background behind it is below
# 4.5:1 (WCAG 1.4.3 for normal text), as [text, ratio].
LOW_CONTRAST = """() => {
  const lum = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const behind = e => {
    for (; e; e = e.parentElement) {
      const parts = getComputedStyle(e).backgroundColor.match(/[\\d.]+/g).map(Number);
      if (parts.length < 4 || parts[3] > 0.5) return getComputedStyle(e).backgroundColor;
    }
    return "rgb(255, 255, 255)";
  };
  const low = [];
  for (const e of document.querySelectorAll("body *")) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !e.getClientRects().length || e.closest(".visually-hidden")) continue;
    const a = lum(getComputedStyle(e).color), b = lum(behind(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push([e.textContent.trim().slice(0, 40), ratio.toFixed(2)]);
  }
  return low;
}"""

# Each line break inside the element's text that falls where no hyphen or space is shown.
MID_WORD_BREAKS = """(element) => {
  const breaks = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    let top = null;
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      // A range at the start of a line may also report an empty box at the end of the
      // line before: the character is where its last box with a width is.
      const rect = [...range.getClientRects()].filter(r => r.width > 0).pop();
      if (!rect) continue;
      if (top !== null && rect.top > top + 2 && !/[\\s\\u00ad-]/.test(node.data[i - 1])) {
        breaks.push(node.data.slice(0, i) + "|" + node.data.slice(i));
      }
      top = rect.top;
    }
  }
  return breaks;
}"""


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.fixture
def corner(db):
    corner = make_corner("Alfa")
    corner.coordinator.set_password(PASSWORD)
    corner.coordinator.save()
    return corner


def save_a_status(page, live_server, corner):
    """A status-only save, so the report's history holds more than its first version."""
    page.goto(live_server.url + admin_url("followup", "followupreport", "change", corner.report.pk))
    page.locator("#id_statuses-0-status").select_option("genomford")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara", exact=True).click()


def assert_valid(served):
    errors = html_errors(served)
    assert not errors, json.dumps(errors, ensure_ascii=False, indent=1)


def test_admin_history_pages_fit_a_phone_with_readable_text(live_server, open_page, corner):
    served = {}
    for viewport in (PHONE, NARROW):
        page = open_page(viewport)
        log_in(page, live_server, corner.coordinator.username)
        save_a_status(page, live_server, corner)
        for url in (
            admin_url("promises", "promiseperiod", "history", corner.period.pk),
            admin_url("followup", "followupreport", "history", corner.report.pk),
        ):
            served[url.strip("/").replace("/", "-")] = page.goto(live_server.url + url).text()
            assert overflow(page) <= 0, f"{url} scrolls sideways at {viewport['width']} px"
            assert page.evaluate(LOW_CONTRAST) == []
            cell = page.locator("#change-history tbody tr").first.locator("td").last
            assert cell.is_visible()
            assert page.evaluate(MID_WORD_BREAKS, cell.element_handle()) == []
            assert_accessible(page)
    assert_valid(served)


def test_admin_model_names_break_only_at_a_shown_hyphen(live_server, open_page, corner):
    page = open_page(NARROW)
    log_in(page, live_server, corner.coordinator.username)
    served = {"index": page.goto(live_server.url + reverse("admin:index")).text()}
    names = page.locator("#content-main .module th[scope=row]")
    assert names.count() > 5
    for index in range(names.count()):
        assert page.evaluate(MID_WORD_BREAKS, names.nth(index).element_handle()) == []
    assert overflow(page) <= 0
    assert_accessible(page)
    assert_valid(served)


def caption_problems(page):
    """Each wide table whose caption is not wholly inside its scrolling region, or whose
    region is not a named, focusable region."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main table")].flatMap(table => {
          const caption = table.querySelector("caption");
          const region = table.closest(".table-scroll");
          if (!caption || !region || region.scrollWidth <= region.clientWidth) return [];
          const c = caption.getBoundingClientRect(), r = region.getBoundingClientRect();
          const problems = [];
          if (c.left < r.left || c.right > r.right + 0.5) {
            problems.push("clipped: " + caption.textContent);
          }
          if (region.getAttribute("role") !== "region" || region.tabIndex !== 0
              || region.getAttribute("aria-labelledby") !== caption.id) {
            problems.push("unnamed region: " + caption.textContent);
          }
          return problems;
        })"""
    )


def test_wide_tables_keep_their_captions_readable_at_320_px(live_server, open_page, seed_content):
    jonkoping = PromisePeriodFactory(title="Medborgarlöfte 2020").municipality
    PromisePeriodFactory(
        municipality=jonkoping,
        title="Medborgarlöfte 2021",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    ActivityFactory(period=jonkoping.promise_periods.first())
    MunicipalityFactory()
    page = open_page(NARROW)
    wide, served = 0, {}
    for url in (
        reverse("portal:overview"),
        jonkoping.get_absolute_url(),
        reverse("opendata:index"),
    ):
        served[url.strip("/").replace("/", "-")] = page.goto(live_server.url + url).text()
        wide += page.evaluate(
            "[...document.querySelectorAll('.table-scroll')]"
            ".filter(r => r.scrollWidth > r.clientWidth).length"
        )
        assert caption_problems(page) == [], url
        assert overflow(page) <= 0, f"{url} scrolls sideways at 320 px"
        assert_accessible(page)
    assert wide >= 3  # the check above had wide tables to look at
    assert_valid(served)
