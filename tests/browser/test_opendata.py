"""The open data pages in a real browser: axe-core at desktop and phone width, no
sideways scrolling of the page, and choosing a municipality without JavaScript."""

import pytest

from .conftest import DESKTOP, PHONE, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "oppna-data": "/oppna-data/",
    "oppna-data-fel": "/oppna-data/?kommun=0000",
    "oppna-data-kommun": "/oppna-data/kommuner/0680/",
    "api-dokumentation": "/oppna-data/api/",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_open_data_pages_pass_axe_at_desktop_and_phone_width(
    live_server, open_page, seed_content, name
):
    for viewport in (DESKTOP, PHONE):
        page = open_page(viewport)
        page.goto(live_server.url + PAGES[name])
        assert page.locator("h1").count() == 1
        assert page.locator("footer").get_by_role("link", name="Öppna data")
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {viewport['width']} px"


def test_choose_a_municipality_and_download_its_file(live_server, seed_content, browser):
    context = browser.new_context(viewport=PHONE, locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/oppna-data/")
        page.get_by_label("Kommun", exact=True).select_option(label="Jönköping")
        page.get_by_role("button", name="Visa kommunens filer").click()
        assert page.locator("h1").inner_text() == "Öppna data: Jönköping"
        for link in page.locator("main a[download]").all():  # none hidden off to the side
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.inner_text()
        with page.expect_download() as info:
            page.get_by_role("link", name="aktiviteter.csv").click()
        download = info.value
        assert download.suggested_filename.startswith("medborgarloften-0680-aktiviteter-")
        with open(download.path(), encoding="utf-8") as file:
            text = file.read()
        assert text.startswith("id,period_id,")
        assert text.count("/kommuner/jonkoping/medborgarloften/2020/") == 11
    finally:
        context.close()
