"""Places and speakers in a real Chromium at phone (390 px) and desktop (1280 px) widths:
the place filter from the tile map and the facet tree, its chip, the place and speaker pages,
nothing wider than the screen. Screenshots go to the test's temp folder (SCREENSHOT_DIR keeps
them)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.web.browser import browser  # noqa: F401 - the module-scoped fixture
from tests.web.test_places_pages import placed  # noqa: F401 - the speeches with places

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


def _keep(tmp_path) -> None:
    if screens := os.environ.get("SCREENSHOT_DIR"):
        os.makedirs(screens, exist_ok=True)
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, screens)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_map_facets_chips_place_and_speaker_pages(
    browser,  # noqa: F811
    live_server,
    placed,  # noqa: F811
    tmp_path,
    size,
):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(f"{live_server.url}/places/")
    assert _fits(page), "the places page fits the screen"
    page.screenshot(path=str(tmp_path / f"places-{size}.png"), full_page=True)
    page.locator(".province-map svg a", has_text="天津").click()  # a tile of the map
    page.wait_for_url("**/places/120000/")
    assert page.locator("h1").inner_text() == "天津市"
    page.screenshot(path=str(tmp_path / f"place-tianjin-{size}.png"), full_page=True)
    page.get_by_role("link", name="河西区").first.click()
    page.wait_for_url("**/places/120103/")
    assert "张明" in page.locator("main").inner_text()
    assert _fits(page)
    page.get_by_role("link", name="张明").first.click()
    page.wait_for_url("**/speakers/*/")
    assert "区委书记" in page.locator("main").inner_text()
    page.screenshot(path=str(tmp_path / f"speaker-{size}.png"), full_page=True)

    page.goto(f"{live_server.url}/search/?q=工作")
    assert page.locator(".hits-map svg a").count() == 2  # 天津, 陕西: hits on the map
    page.locator(".hits-map").screenshot(path=str(tmp_path / f"search-map-{size}.png"))
    if size == "phone":
        page.locator("details.facets > summary").click()
    page.locator(".facet-place a", has_text="天津市").click()
    page.wait_for_url("**place=120000**")
    assert "地方:天津市" in page.locator(".chips").inner_text()
    assert "政府工作报告" not in page.locator(".results").inner_text()
    if size == "phone":
        page.locator("details.facets > summary").click()
    page.locator(".facet-place a", has_text="南开区").click()
    page.wait_for_url("**place=120104**")
    assert page.locator(".result").count() == 1
    assert "南开区" in page.locator(".result .place").first.inner_text()
    assert _fits(page)
    page.screenshot(path=str(tmp_path / f"search-place-{size}.png"), full_page=True)
    page.locator(".chip a").first.click()  # remove the place chip
    page.wait_for_url(lambda url: "place=" not in url)
    assert page.locator(".result").count() == 3
    assert errors == []
    context.close()
    _keep(tmp_path)
