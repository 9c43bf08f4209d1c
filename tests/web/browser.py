"""Shared Playwright setup: Debian's Chromium, never a downloaded browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    """In CI a missing Chromium is a failure; elsewhere the skip says loudly what did not run."""
    if CHROMIUM.exists():
        return
    message = (
        f"浏览器测试没有运行:找不到 {CHROMIUM}(apt-get install chromium)。"
        "BROWSER TESTS DID NOT RUN."
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    # Playwright's sync API refuses to run inside a running event loop; Django's async-unsafe
    # guard would otherwise trip on the live server's database access from this thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield instance
        instance.close()
