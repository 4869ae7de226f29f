"""Real-browser tests: Debian's Chromium driven by Playwright against a live server.

No browser is downloaded: Playwright launches /usr/bin/chromium (`make browser`
installs it). axe-core comes bundled in axe-playwright-python.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the test code that sets up
# data is ordinary synchronous Django code, so Django's async guard is lifted here only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
# WCAG 2.0, 2.1 and 2.2 A/AA rules, as axe tags them.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: run `make browser` (Debian package chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """open_page(viewport=DESKTOP) -> a fresh page; fails the test on console errors
    (a CSP violation or a broken script shows up there)."""
    contexts, errors = [], []

    def _open(viewport=DESKTOP, **context_options):
        context = browser.new_context(viewport=viewport, locale="sv-SE", **context_options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield _open
    for context in contexts:
        context.close()
    assert not errors, f"Console errors in the browser: {errors}"


@pytest.fixture
def page(open_page):
    return open_page()


def assert_accessible(page, **options):
    """axe-core finds no WCAG 2.x A/AA violation on the page as it is now. `options` go
    to axe.run as they are (e.g. preload=False)."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, **options}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()


def tab_to(page, name, limit=80):
    """Press Tab until the focused element's accessible text contains `name`; returns
    how many presses it took. Keyboard-only navigation, as a person would do it."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.innerText || e.value || e.getAttribute('aria-label') || '').trim(); }"
        )
        if name in focused:
            return presses
    raise AssertionError(f"Could not reach {name!r} with the keyboard in {limit} presses")
