"""An editor uploads a scanned PDF and a phone photo in real Chromium, checks the recognised
text against the page images (at 1280 and 390 px), corrects a word, imports, and finds the
speech, marked as read from a scan. The OCR runs for real on one small page per file."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User

from archive.ingest import ocr
from tests.ocr_samples import SPEECH, TITLE, sample_jpeg, sample_scanned_pdf
from tests.uploads.test_browser import PASSWORD, browser, queued_tasks, run_queued, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser", "queued_tasks"]  # fixtures shared with the zip upload test

PDF_TITLE = "在全县防汛工作会议上的讲话"
CORRECTION = "确保责任层层落实到人"


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_scans_are_reviewed_beside_their_images_imported_and_found(
    browser, live_server, queued_tasks, tmp_path, monkeypatch
):
    # Every page counts as low confidence, so the review opens each one for checking.
    monkeypatch.setattr(ocr, "LOW_CONFIDENCE", 1.01)
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="can_upload"),
        *Permission.objects.filter(content_type__app_label="archive"),
    )
    pdf = tmp_path / "防汛讲话扫描件.pdf"
    flood = SPEECH.replace(TITLE, PDF_TITLE).replace("安全生产", "防汛")
    pdf.write_bytes(sample_scanned_pdf([flood]))
    photo = tmp_path / "安全生产讲话照片.jpg"
    photo.write_bytes(sample_jpeg())

    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/upload/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    assert "扫描的 PDF 和照片" in page.locator("#drop-zone").inner_text()
    page.set_input_files("#upload-files", [str(pdf), str(photo)])
    page.click("input[type=submit][value=上传并核对]")
    page.wait_for_selector("#upload-progress")
    assert run_queued() == 1
    page.wait_for_selector("#review-form", timeout=20000)

    for name, title in ((pdf.name, PDF_TITLE), (photo.name, TITLE)):
        row = page.locator(f".review-row[data-file='{name}']")
        assert row.locator("input[name$='-title']").input_value() == title
        assert "1 页置信度较低" in row.locator(".review-scan-summary").inner_text()
        image = row.locator(".ocr-page img")
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        text_box = row.locator(".ocr-page textarea")
        assert "一、认清当前形势" in text_box.input_value()
        # Image and text side by side at 1280 px.
        image_box, text_area = image.bounding_box(), text_box.bounding_box()
        assert image_box["x"] + image_box["width"] <= text_area["x"]
    assert no_sideways_scroll(page)
    shot(page, "scan-1-review-1280", tmp_path)

    page.set_viewport_size({"width": 390, "height": 844})
    photo_row = page.locator(f".review-row[data-file='{photo.name}']")
    photo_row.locator(".ocr-page img").scroll_into_view_if_needed()
    image_box = photo_row.locator(".ocr-page img").bounding_box()
    text_area = photo_row.locator(".ocr-page textarea").bounding_box()
    assert image_box["y"] + image_box["height"] <= text_area["y"]  # stacked on a phone
    assert no_sideways_scroll(page)
    shot(page, "scan-2-review-390", tmp_path)
    page.set_viewport_size({"width": 1280, "height": 900})

    box = photo_row.locator(".ocr-page textarea")
    box.fill(box.input_value().replace("确保责任到人", CORRECTION))
    page.click("input[type=submit][value=导入所选]")
    page.wait_for_selector("#upload-progress")
    assert run_queued() == 1
    page.wait_for_selector("#imported", timeout=20000)
    assert "已导入(2)" in page.locator("#imported").inner_text()
    shot(page, "scan-3-result", tmp_path)

    page.goto(f"{live_server.url}/search/?q=层层落实")
    page.click(f"main a:has-text('{TITLE}')")
    assert "文字由扫描件识别" in page.locator(".speech-meta").inner_text()
    assert CORRECTION in page.locator(".speech-body").inner_text()
    shot(page, "scan-4-speech-1280", tmp_path)
    page.set_viewport_size({"width": 390, "height": 844})
    assert no_sideways_scroll(page)
    shot(page, "scan-5-speech-390", tmp_path)
    page.close()
