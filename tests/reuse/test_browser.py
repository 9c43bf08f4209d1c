"""Badges, compare and the draft check in a real Chromium at 390 and 1280 px, under the CSP."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.reuse.conftest import anchor_of
from tests.reuse.test_check import DRAFT
from tests.web.browser import browser  # noqa: F401 - the module-scoped fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (1280, 390)


def _page(browser, width, violations):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return page


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"


def test_badges_compare_and_check(browser, live_server, reuse_speeches, tmp_path):  # noqa: F811
    source, copy = reuse_speeches["source"], reuse_speeches["copy"]
    violations: list[str] = []
    for width in WIDTHS:
        page = _page(browser, width, violations)
        page.goto(f"{live_server.url}/speeches/{copy.pk}/")
        badge = page.locator(".reuse-badge").first
        assert badge.is_visible() and "可能来源" in badge.inner_text()
        assert page.locator(".reuse-summary meter").is_visible()
        _fits(page, width)
        page.screenshot(path=str(tmp_path / f"reuse-badges-{width}.png"), full_page=True)
        # The badge leads to the source paragraph itself.
        badge.locator("a").first.click()
        target = anchor_of(source, "今年以来")
        page.wait_for_url(f"**/speeches/{source.pk}/#{target}")
        assert page.evaluate("document.querySelector(':target').id") == target

        page.goto(f"{live_server.url}/compare/{source.pk}/{copy.pk}/")
        left = page.locator(".compare-row.paired .compare-left").first.bounding_box()
        right = page.locator(".compare-row.paired .compare-right").first.bounding_box()
        if width >= 1000:
            assert left["x"] + left["width"] <= right["x"], "side by side on a wide screen"
        else:
            assert left["y"] + left["height"] <= right["y"], "stacked on a phone"
        assert page.locator("del.diff-del").first.is_visible()
        _fits(page, width)
        page.screenshot(path=str(tmp_path / f"reuse-compare-{width}.png"), full_page=True)

        page.goto(f"{live_server.url}/speeches/{copy.pk}/")
        page.click(".reuse-history a >> nth=0")
        page.wait_for_selector(".passage-history")
        assert page.locator(".passage-history li").count() == 2
        assert "最早" in page.locator(".passage-history li").first.inner_text()
        _fits(page, width)
        page.screenshot(path=str(tmp_path / f"reuse-passage-{width}.png"), full_page=True)

        page.goto(f"{live_server.url}/check/")
        page.fill("textarea[name=text]", DRAFT)
        page.click(".check-form button[type=submit]")
        page.wait_for_selector(".check-result")
        assert "在临江县乡村振兴工作会议上的讲话" in page.locator(".check-passages").inner_text()
        _fits(page, width)
        page.screenshot(path=str(tmp_path / f"reuse-check-{width}.png"), full_page=True)
        page.close()
    assert violations == []
    _keep(tmp_path)


def _keep(tmp_path) -> None:
    """Copies the screenshots to SCREENSHOT_DIR when a person wants to look at them."""
    screens = os.environ.get("SCREENSHOT_DIR")
    if screens:
        os.makedirs(screens, exist_ok=True)
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, screens)
