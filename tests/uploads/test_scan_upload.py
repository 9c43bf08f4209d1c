"""A photo and a scanned PDF through upload → review (page image beside the recognised text,
corrections) → import → search, with the real OCR engine on one small page each."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from haystack.query import SearchQuerySet
from lxml import html

from archive.ingest import ocr
from archive.models import Speech
from archive.uploads import work
from archive.uploads.models import UploadBatch
from tests.ocr_samples import SPEECH, TITLE, sample_jpeg, sample_scanned_pdf
from tests.uploads.test_upload_flow import review_data, upload

pytestmark = pytest.mark.django_db

WRAPPED = "各乡镇要落实属地责任，各部门要落实监管责任，企业要落实主体责任，确保责任到人。"
CORRECTED = WRAPPED.replace("确保责任到人", "确保责任层层落实到人")
PDF_SPEECH = SPEECH.replace(TITLE, "在全县防汛工作会议上的讲话").replace("安全生产", "防汛")


@pytest.fixture
def scans_in_review(client, editor, monkeypatch):
    # Every page counts as low confidence here, so the review opens them all for checking.
    monkeypatch.setattr(ocr, "LOW_CONFIDENCE", 1.01)
    activities = []
    moved = work._moved

    def recording(batch_id, **fields):
        activities.append(fields.get("activity"))
        moved(batch_id, **fields)

    monkeypatch.setattr(work, "_moved", recording)
    client.force_login(editor)
    review = upload(
        client,
        SimpleUploadedFile("安全生产讲话照片.jpg", sample_jpeg()),
        SimpleUploadedFile("防汛讲话扫描件.pdf", sample_scanned_pdf([PDF_SPEECH])),
    )
    # The progress page shows each page as the worker reaches it.
    assert "正在识别 安全生产讲话照片.jpg:第 1/1 页" in activities
    assert "正在识别 防汛讲话扫描件.pdf:第 1/1 页" in activities
    return review, UploadBatch.objects.get()


def test_review_shows_each_page_image_beside_its_recognised_text(client, scans_in_review):
    review, batch = scans_in_review
    assert review.status_code == 200
    page = html.fromstring(review.content.decode())
    photo, pdf = batch.items.order_by("order")
    assert photo.title == TITLE and pdf.title == "在全县防汛工作会议上的讲话"
    for item in (photo, pdf):
        section = page.xpath(f'//section[@data-file="{item.name}"]')[0]
        summary = section.xpath('.//p[@class="review-scan-summary"]')[0].text_content()
        assert "由扫描件识别,共 1 页;1 页置信度较低,请对照原图核对" in summary
        details = section.xpath('.//details[contains(@class, "ocr-low")]')[0]
        assert details.get("open") is not None
        image = details.xpath(".//img")[0]
        assert image.get("src") == reverse("uploads:page_image", args=[batch.pk, item.pk, 1])
        assert "第 1 页原图" in image.get("alt")
        textarea = details.xpath(".//textarea")[0]
        assert "一、认清当前形势" in textarea.text
    assert WRAPPED in page.xpath('//textarea[@name="form-0-page_1"]')[0].text
    progress = client.get(reverse("uploads:progress", args=[batch.pk])).json()
    assert progress["state"] == "review" and progress["activity"] == ""

    # The page images go to the uploader only (they may show unpublished material).
    url = reverse("uploads:page_image", args=[batch.pk, photo.pk, 1])
    image = client.get(url)
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert b"".join(image.streaming_content).startswith(b"\xff\xd8")
    missing = reverse("uploads:page_image", args=[batch.pk, photo.pk, 2])
    assert client.get(missing).status_code == 404

    other = User.objects.create_user("other", password="另一位编辑-口令", is_staff=True)
    other.user_permissions.add(Permission.objects.get(codename="can_upload"))
    client.force_login(other)
    assert client.get(url).status_code == 404  # not their batch
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_corrected_scan_from_a_zip_is_imported_marked_and_searchable(
    client, editor, corpus_sample, monkeypatch, django_capture_on_commit_callbacks
):
    pages_read = []
    real = ocr.recognise

    def counting(image):
        pages_read.append(image.size)
        return real(image)

    monkeypatch.setattr(ocr, "recognise", counting)
    client.force_login(editor)
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("扫描/安全生产讲话照片.jpg", sample_jpeg())
        archive.writestr(corpus_sample[0].name, corpus_sample[0].read_bytes())
    upload(client, SimpleUploadedFile("混合.zip", bundle.getvalue()))
    batch = UploadBatch.objects.get()
    assert len(pages_read) == 1
    rows = list(batch.items.all())
    scan_row = next(i for i, item in enumerate(rows) if item.name.endswith(".jpg"))
    data = review_data(batch)
    data[f"form-{scan_row}-page_1"] = SPEECH.replace("确保责任到人", "确保责任层层落实到人")
    with django_capture_on_commit_callbacks(execute=True):
        result = client.post(reverse("uploads:import", args=[batch.pk]), data, follow=True)
    assert "已导入(2)" in result.content.decode()
    # The import used the reviewed text (no second reading) and parsed the text file.
    assert len(pages_read) == 1
    assert Speech.objects.filter(from_scan=False).count() == 1
    photo = Speech.objects.get(from_scan=True)
    assert photo.title == TITLE
    assert CORRECTED in photo.paragraphs  # the editor's correction, not the engine's reading
    assert [p["page"] for p in photo.ocr_confidence] == [1]
    assert 0.9 < photo.ocr_confidence[0]["confidence"] <= 1
    assert SearchQuerySet().filter(content="层层落实").count() == 1
    assert "文字由扫描件识别" in client.get(photo.get_absolute_url()).content.decode()
