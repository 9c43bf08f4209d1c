"""The review page in a real Chromium at 1280 and 390 px: no sideways scrolling, 导入/跳过/替换
labels on one line, one card per file, the outline folded with every heading a click away."""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings

from archive.uploads.forms import ERROR_DATE
from tests.uploads.conftest import OUTLINE
from tests.web.browser import browser  # noqa: F401 - the module-scoped fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}


def _open(browser, live_server, client, editor, url, width):  # noqa: F811
    client.force_login(editor)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="en-US", is_mobile=width < 600
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}{url}")
    return page


def _keep(page, name, tmp_path):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if screens := os.environ.get("SCREENSHOT_DIR"):
        os.makedirs(screens, exist_ok=True)
        shutil.copy(path, screens)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("screen", WIDTHS)
def test_review_fits_the_screen_with_readable_labels_and_outline(
    browser,  # noqa: F811
    live_server,
    client,
    editor,
    review_batch,
    tmp_path,
    screen,
):
    width = WIDTHS[screen]
    page = _open(browser, live_server, client, editor, review_batch.get_absolute_url(), width)
    assert _fits(page), page.evaluate("document.documentElement.scrollWidth")

    # Each action label is one line of text, wider than it is tall.
    labels = page.locator(".review-row:not(.review-error) .review-action label")
    assert labels.count() == 3  # 导入, 跳过, 替换已有讲话 (the editor may replace)
    for index in range(labels.count()):
        box = labels.nth(index).bounding_box()
        assert box["height"] < 30 and box["width"] > box["height"], labels.nth(index).inner_text()

    # One card per file, stacked, each within the screen.
    cards = page.locator(".review-row")
    assert cards.count() == 2
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"]
    assert first["x"] >= 0 and first["x"] + first["width"] <= width

    # The date reads as 年-月-日 even in an English browser.
    date = page.locator("input[name='form-0-date']")
    assert date.get_attribute("type") == "text"
    assert date.input_value() == "2023-04-17"
    assert date.get_attribute("placeholder") == "YYYY-MM-DD"
    assert page.locator(".review-row").first.locator("select[name$='-kind']").is_visible()

    # The outline starts folded; opened, every heading shows on a readable column.
    outline = page.locator(".review-outline")
    assert not outline.locator("li").first.is_visible()
    assert f"{len(OUTLINE)} 条" in outline.locator("summary").inner_text()
    _keep(page, f"review-{screen}", tmp_path)
    outline.locator("summary").click()
    items = outline.locator("li")
    assert items.count() == len(OUTLINE)
    assert items.last.is_visible()
    assert outline.bounding_box()["width"] >= (300 if screen == "desktop" else 280)
    page.locator(".review-removed summary").click()
    assert page.locator(".review-removed li").first.is_visible()
    assert _fits(page)
    _keep(page, f"review-{screen}-open", tmp_path)

    # A date typed the American way is refused in Chinese, next to the field, nothing saved.
    date.fill("04/17/2023")
    page.click("input[type=submit][value=导入所选]")
    field = page.locator(".review-field.errors")
    assert ERROR_DATE in field.inner_text()
    assert page.locator("input[name='form-0-date']").input_value() == "04/17/2023"
    assert _fits(page)
    _keep(page, f"review-{screen}-error", tmp_path)
    page.context.close()


@pytest.mark.parametrize("screen", WIDTHS)
def test_upload_page_is_reachable_from_the_admin_index(
    browser,  # noqa: F811
    live_server,
    client,
    editor,
    review_batch,
    tmp_path,
    screen,
):
    page = _open(browser, live_server, client, editor, "/admin/", WIDTHS[screen])
    _keep(page, f"admin-index-{screen}", tmp_path)
    page.locator("#upload-shortcut a", has_text="上传讲话").first.click()
    assert page.locator("h1").inner_text() == "上传讲话"
    assert page.locator(".upload-history").is_visible()  # the recent batches, review_batch's
    assert _fits(page)
    _keep(page, f"upload-{screen}", tmp_path)
    page.context.close()
