"""An editor uploads a zip in real Chromium: review, correct a title, import, watch the
progress, read the result, find the speech in search.

Tasks are queued (huey, in-memory storage) and run by the test between page views, standing in
for the worker, so the progress pages are really shown."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from huey.contrib.djhuey import HUEY

from tests.uploads.conftest import BROKEN_NAME, make_zip

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "讲稿库-浏览器测试"
NEW_TITLE = "浏览器里改过的标题"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI: {CHROMIUM} is missing, the browser tests cannot run")
    pytest.skip(f"browser tests did NOT run: {CHROMIUM} not found", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the Django calls the test makes
    # are synchronous all the same.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def queued_tasks():
    """Tasks wait in huey's queue until run_queued() plays the worker."""
    previous = HUEY._immediate, HUEY.storage
    HUEY._immediate = False
    HUEY.storage = HUEY.get_immediate_storage()
    yield
    HUEY._immediate, HUEY.storage = previous


def run_queued() -> int:
    count = 0
    while (task := HUEY.dequeue()) is not None:
        HUEY.execute(task)
        count += 1
    return count


def shot(page, name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    # SCREENSHOT_DIR keeps a copy for a person to look at; by default only tmp_path holds them.
    if screens := os.environ.get("SCREENSHOT_DIR"):
        Path(screens).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(screens) / path.name)


def test_editor_uploads_reviews_imports_and_finds(
    browser, live_server, queued_tasks, corpus_sample, tmp_path
):
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="can_upload"),
        *Permission.objects.filter(content_type__app_label="archive"),
    )
    archive = tmp_path / "讲话合集.zip"
    archive.write_bytes(make_zip(corpus_sample))

    page = browser.new_page(locale="zh-CN")
    page.goto(f"{live_server.url}/admin/upload/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    assert page.locator("h1").inner_text() == "上传讲话"

    page.set_input_files("#upload-files", str(archive))
    assert "讲话合集.zip" in page.locator("#upload-chosen").inner_text()
    shot(page, "upload-1-pick", tmp_path)
    page.click("input[type=submit][value=上传并核对]")
    page.wait_for_selector("#upload-progress")
    assert "正在解析" in page.locator("#progress-label").inner_text()
    assert run_queued() == 1
    page.wait_for_selector("#review-form", timeout=15000)  # the page polls and reloads

    rows = page.locator(".review-row")
    assert rows.count() == len(corpus_sample) + 1
    broken = page.locator(f".review-row[data-file$='{BROKEN_NAME}']")
    assert "无法解析" in broken.inner_text()
    first = page.locator(".review-row:not(.review-error)").first
    first.locator("input[name$='-title']").fill(NEW_TITLE)
    shot(page, "upload-2-review", tmp_path)

    page.click("input[type=submit][value=导入所选]")
    page.wait_for_selector("#upload-progress")
    label = page.locator("#progress-label").inner_text()
    assert "正在导入" in label and f"0 / {len(corpus_sample) + 1}" in label
    shot(page, "upload-3-progress", tmp_path)
    assert run_queued() == 1
    page.wait_for_selector("#imported", timeout=15000)

    assert f"已导入({len(corpus_sample)})" in page.locator("#imported").inner_text()
    failed = page.locator(".result-failed").inner_text()
    assert BROKEN_NAME in failed
    assert NEW_TITLE in page.locator(".result-imported").inner_text()
    shot(page, "upload-4-result", tmp_path)

    page.click(f"text={NEW_TITLE}")  # the admin page of the new speech
    assert page.locator("#id_title").input_value() == NEW_TITLE
    assert page.locator(".fieldBox.field-raw_text").is_visible()  # raw text beside the cleaned body
    shot(page, "upload-5-speech", tmp_path)

    page.goto(f"{live_server.url}/search/?q={NEW_TITLE}")
    assert NEW_TITLE in page.locator("main").inner_text()
    shot(page, "upload-6-search", tmp_path)
    page.close()
