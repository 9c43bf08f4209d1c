"""The speech page in a real Chromium: phone and desktop layouts, outline highlight, anchors."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from tests.web.browser import browser  # noqa: F401 - the module-scoped fixture
from tests.web.conftest import import_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_speech_page_on_desktop_and_phone(browser, live_server, speeches, tmp_path):  # noqa: F811
    url = f"{live_server.url}/speeches/{speeches['county'].pk}/"
    desktop = browser.new_page(viewport={"width": 1280, "height": 900})
    desktop.goto(url + "#s2")
    target = desktop.locator("#s2")
    assert target.is_visible()
    assert desktop.evaluate("document.querySelector(':target').id") == "s2"
    # the outline follows the reader: the section in view is highlighted
    desktop.wait_for_selector(".toc a.active")
    assert desktop.locator(".toc a.active").get_attribute("data-anchor") in {"s2", "s1-2"}
    toc_box = desktop.locator(".toc").bounding_box()
    body_box = desktop.locator(".speech-body").bounding_box()
    assert toc_box["x"] + toc_box["width"] <= body_box["x"], "outline sits beside the text"
    desktop.screenshot(path=str(tmp_path / "speech-desktop.png"), full_page=True)

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(url + "?q=作风")
    toc_box = phone.locator(".toc").bounding_box()
    body_box = phone.locator(".speech-body").bounding_box()
    assert toc_box["y"] + toc_box["height"] <= body_box["y"], "outline stacks above the text"
    assert body_box["width"] <= 390
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390, "no sideways scrolling on a phone"
    assert phone.locator(".hit-nav").is_visible()
    phone.click("[data-hit=next]")
    assert phone.locator("mark.current").count() == 1
    phone.screenshot(path=str(tmp_path / "speech-phone.png"), full_page=True)
    home = browser.new_page(viewport={"width": 1280, "height": 900})
    home.goto(live_server.url + "/")
    assert home.locator("input[name=q]").first.is_visible()
    home.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    for shot in ("speech-desktop.png", "speech-phone.png", "home.png"):
        assert (tmp_path / shot).stat().st_size > 10_000
    _keep(tmp_path)


def test_traditional_view_converts_the_tab_title_outline_and_facts(
    browser,  # noqa: F811
    live_server,
    speeches,
    tmp_path,
):
    url = f"{live_server.url}/speeches/{speeches['county'].pk}/?script=hant"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    assert page.title() == "在全縣領導幹部作風建設會議上的講話 · 讲稿库"
    outline = page.locator(".toc").inner_text()
    assert "提高認識" in outline and "提高认识" not in outline
    meta = page.locator(".speech-meta").inner_text()
    assert "全縣領導幹部作風建設會議" in meta and "作風建設" in meta
    keywords = page.locator(".keywords").inner_text()
    assert "作風" in keywords and "作风" not in keywords
    assert "群眾滿意度" in page.locator(".speech-body").inner_text()
    page.screenshot(path=str(tmp_path / "speech-hant.png"), full_page=True)
    _keep(tmp_path)


def _keep(tmp_path) -> None:
    """Copies the screenshots to SCREENSHOT_DIR when a person wants to look at them."""
    screens = os.environ.get("SCREENSHOT_DIR")
    if screens:
        os.makedirs(screens, exist_ok=True)
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, screens)


SENTENCE = (
    "各级领导干部要把心思用在干事创业上,把精力放在狠抓落实上,以实际行动推动各项工作落地见效。"
)
FILLER = "\n".join(SENTENCE * 6 for _ in range(4))
LONG = f"""在全县作风建设推进会议上的讲话
时间:2023-05-10
同志们:
{FILLER}
一、统一思想
{FILLER}
(一)提高站位。{SENTENCE}
{FILLER}
(二)压实责任。{SENTENCE}
{FILLER}
二、狠抓落实
{FILLER}
(一)抓好督查。{SENTENCE}
{FILLER}
"""


def until(page, predicate: str, arg=None, timeout: float = 3.0) -> None:
    """Wait until ``predicate`` (a JavaScript function) returns true. Polled from here:
    Playwright's wait_for_function polls by evaluating a string in the page, which the page's
    CSP (no 'unsafe-eval') refuses whenever the first check is false, so under load the test
    failed on the CSP rather than on the outline."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {predicate} ({arg})")
        page.wait_for_timeout(50)


@pytest.mark.parametrize("width", [390, 1280])
def test_outline_marks_the_linked_section_and_then_the_one_in_view(
    browser,  # noqa: F811
    live_server,
    transactional_db,
    tmp_path,
    width,
):
    speech = import_text(LONG, "long.txt")
    assert [s.anchor for s in speech.sections.all()] == ["s1", "s1-1", "s1-2", "s2", "s2-1"]
    page = browser.new_page(viewport={"width": width, "height": 844}, is_mobile=width < 500)
    url = f"{live_server.url}/speeches/{speech.pk}/"

    def marked(anchor: str) -> None:
        until(
            page,
            "a => { const on = document.querySelectorAll('.toc a.active');"
            " return on.length === 1 && on[0].dataset.anchor === a; }",
            anchor,
        )

    page.goto(url + "#s1-1")
    marked("s1-1")
    page.goto(url + "#s2-1")  # the last section: the page cannot scroll it to the top
    marked("s2-1")
    page.goto(url + "#s2")
    marked("s2")
    # The reader scrolls back up: the section whose heading was last passed is marked.
    page.evaluate("document.getElementById('s1-2').scrollIntoView()")
    marked("s1-2")
    page.evaluate("window.scrollBy(0, -200)")
    marked("s1-1")
    page.evaluate("window.scrollTo(0, 0)")
    until(page, "() => !document.querySelector('.toc a.active')")
    page.goto(url + "#s1-1")
    marked("s1-1")
    page.screenshot(path=str(tmp_path / f"outline-{width}.png"))
    _keep(tmp_path)
