"""Phone (390×844) and desktop layouts of the search and reading pages in a real Chromium:
results above the fold with the filters behind 筛选, one search box, the outline collapsed."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.web.browser import browser  # noqa: F401 - the module-scoped fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def _keep(tmp_path) -> None:
    if screens := os.environ.get("SCREENSHOT_DIR"):
        os.makedirs(screens, exist_ok=True)
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, screens)


def _one_line(page, selector: str) -> bool:
    return page.evaluate(
        "s => document.querySelector(s).getClientRects().length === 1"
        " && document.querySelector(s).getBoundingClientRect().height < 40",
        selector,
    )


@pytest.mark.parametrize("javascript", [True, False])
def test_phone_search_shows_results_first_and_filters_behind_a_control(
    browser,  # noqa: F811
    live_server,
    speeches,
    tmp_path,
    javascript,
):
    context = browser.new_context(**PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/search/?q=群众&from=2020")
    first = page.locator(".result").first.bounding_box()
    assert first["y"] < 844 - 100, "the first result starts above the fold"
    assert page.locator("input[name=q]:visible").count() == 1, "one search box"
    facets = page.locator("details.facets")
    assert facets.get_attribute("open") is None
    assert not page.locator(".facet a").first.is_visible()
    page.locator("details.facets > summary").click()
    assert page.locator(".facet a").first.is_visible()
    assert _one_line(page, ".search-help code:nth-of-type(3)")  # "A OR B" stays whole
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / f"search-390-js{int(javascript)}.png"), full_page=True)
    context.close()
    _keep(tmp_path)


@pytest.mark.parametrize("javascript", [True, False])
def test_desktop_search_shows_the_filters_beside_the_results(
    browser,  # noqa: F811
    live_server,
    speeches,
    tmp_path,
    javascript,
):
    context = browser.new_context(**DESKTOP, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/search/?q=群众")
    assert page.locator(".facet a").first.is_visible()
    assert not page.locator("details.facets > summary").is_visible()
    facets = page.locator(".facets-panel").bounding_box()
    results = page.locator(".search-results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"]
    assert page.locator("input[name=q]:visible").count() == 1
    page.screenshot(path=str(tmp_path / f"search-1280-js{int(javascript)}.png"), full_page=True)
    context.close()
    _keep(tmp_path)


def test_phone_speech_page_starts_with_the_outline_collapsed(
    browser,  # noqa: F811
    live_server,
    speeches,
    tmp_path,
):
    url = f"{live_server.url}/speeches/{speeches['county'].pk}/"
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(url + "?q=作风")
    assert phone.locator(".toc details").get_attribute("open") is None
    assert not phone.locator(".toc a").first.is_visible()
    assert phone.locator(".speech-body p").first.bounding_box()["y"] < 844
    assert _one_line(phone, ".hit-nav a")  # 取消标记 does not wrap
    phone.locator(".toc summary").click()
    assert phone.locator(".toc a").first.is_visible()
    phone.screenshot(path=str(tmp_path / "speech-390.png"), full_page=True)
    desktop = browser.new_context(**DESKTOP, java_script_enabled=False).new_page()
    desktop.goto(url)
    assert desktop.locator(".toc a").first.is_visible(), "the outline is shown beside the text"
    desktop.screenshot(path=str(tmp_path / "speech-1280.png"))
    _keep(tmp_path)
