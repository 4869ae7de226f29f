"""The shared layout, checked in a real browser on a page every visitor can reach."""

import pytest
from django.urls import reverse

from .conftest import PHONE, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_about_page_is_accessible_on_desktop_and_phone(live_server, open_page):
    for viewport in (None, PHONE):
        page = open_page(viewport) if viewport else open_page()
        page.goto(live_server.url + reverse("portal:about"))
        assert page.locator("h1").all_inner_texts() == ["Om medborgarlöften"]
        assert_accessible(page)


def test_skip_link_is_first_and_moves_focus_to_main(live_server, page):
    page.goto(live_server.url + reverse("portal:about"))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Hoppa till huvudinnehållet"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_no_horizontal_scroll_at_320_px(live_server, open_page):
    page = open_page({"width": 320, "height": 640})
    page.goto(live_server.url + reverse("portal:about"))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
