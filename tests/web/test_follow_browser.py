"""Exports, trends and quote links in a real Chromium at 390 and 1280 px."""

from __future__ import annotations

import csv
import io

import pytest

from tests.web.browser import browser  # noqa: F401 - the module-scoped fixture
from tests.web.test_speech_browser import _keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def _page(browser, name, **options):  # noqa: F811
    width, height = WIDTHS[name]
    return browser.new_page(
        viewport={"width": width, "height": height}, is_mobile=name == "phone", **options
    )


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("name", WIDTHS)
def test_search_exports_and_feed_links(browser, live_server, speeches, tmp_path, name):  # noqa: F811
    page = _page(browser, name, accept_downloads=True)
    page.goto(f"{live_server.url}/search/?q=作风")
    csv_link = page.get_by_role("link", name="CSV")
    assert csv_link.is_visible() and page.get_by_role("link", name="JSON Lines").is_visible()
    assert page.locator(".feed-link").is_visible()
    page.locator(".follow-box summary").click()
    email = page.locator(".follow-form input[type=email]")
    assert email.is_visible()
    box = email.bounding_box()
    assert box["x"] + box["width"] <= WIDTHS[name][0]
    _no_sideways_scroll(page, WIDTHS[name][0])
    page.screenshot(path=str(tmp_path / f"search-exports-{name}.png"), full_page=True)
    with page.expect_download() as info:
        csv_link.click()
    with open(info.value.path(), "rb") as downloaded:
        data = downloaded.read()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["在全县领导干部作风建设会议上的讲话"]
    _keep(tmp_path)


@pytest.mark.parametrize("name", WIDTHS)
def test_trends_chart(browser, live_server, speeches, tmp_path, name):  # noqa: F811
    page = _page(browser, name)
    page.goto(f"{live_server.url}/trends/?q=群众&q=作风&q=安全生产")
    chart = page.locator("svg.trends-svg")
    assert chart.is_visible()
    assert page.locator("svg.trends-svg polyline").count() == 3
    # The chart keeps readable labels: on a phone it scrolls sideways inside its own box.
    box = page.locator(".trends-chart-scroll").bounding_box()
    assert box["width"] <= WIDTHS[name][0] and chart.bounding_box()["height"] > 100
    font = chart.locator("text.axis").first.evaluate("t => t.getBoundingClientRect().height")
    assert font >= 9, "axis labels of a readable size"
    assert page.locator(".trends-legend li").count() == 3
    assert page.locator(".trends-table tbody tr").count() >= 2  # 2022 … 2024
    _no_sideways_scroll(page, WIDTHS[name][0])
    page.screenshot(path=str(tmp_path / f"trends-{name}.png"), full_page=True)
    _keep(tmp_path)


SELECT = """([anchor, start, length]) => {
  const text = document.getElementById(anchor).firstChild;
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, start + length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


@pytest.mark.parametrize("name", WIDTHS)
def test_quote_link_flow(browser, live_server, speeches, tmp_path, name):  # noqa: F811
    district = speeches["district"]  # stored in traditional characters
    paragraphs = district.body.split("\n")
    index = next(i for i, p in enumerate(paragraphs) if p.startswith("群眾工作是一切"))
    anchor = f"p{index + 1}"
    page = _page(browser, name)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/speeches/{district.pk}/?script=hans")
    page.evaluate(SELECT, [anchor, 0, 12])  # 群众工作是一切工作的基础 in simplified
    page.wait_for_selector(".quote-bar:not([hidden])")
    link = page.locator(".quote-bar-url").input_value()
    assert f"#{anchor}:~:text=" in link and "quote=" in link
    page.screenshot(path=str(tmp_path / f"quote-bar-{name}.png"))
    page.bring_to_front()  # the clipboard answers only the focused page
    page.get_by_role("button", name="复制引文与出处").click()
    page.wait_for_selector(".quote-bar-status:has-text('已复制')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("“群众工作是一切工作的基础”") and "[EB/OL]" in copied

    # Another reader (no script preference) sees the speech as stored, in traditional
    # characters: the passage selected in simplified is marked there, and after switching back.
    opened = _page(browser, name)
    opened.goto(link)
    marked = opened.locator("mark.quote")
    assert marked.all_inner_texts() == ["群眾工作是一切工作的基礎"]
    assert marked.first.is_visible() and _in_view(opened, "#quote")
    opened.screenshot(path=str(tmp_path / f"quote-opened-{name}.png"), full_page=True)
    opened.get_by_role("link", name="简体").click()
    assert opened.locator("mark.quote").all_inner_texts() == ["群众工作是一切工作的基础"]
    _no_sideways_scroll(opened, WIDTHS[name][0])
    _keep(tmp_path)


def _in_view(page, selector: str) -> bool:
    return page.evaluate(
        """(s) => { const b = document.querySelector(s).getBoundingClientRect();
                   return b.top >= 0 && b.bottom <= window.innerHeight; }""",
        selector,
    )
