"""Scans through the whole pipeline with the real OCR engine: a photo, a scanned PDF, a mixed
PDF, and the limits. Pages are small and few (the engine takes a second or two per page)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from archive.ingest import ocr, ocr_engine, parse_document
from archive.ingest.types import IngestError
from bench.ocr_pages import image_bytes
from tests.ingest.conftest import CJK_FONT
from tests.ocr_samples import (
    SECOND_PAGE,
    SPEECH,
    TITLE,
    sample_jpeg,
    sample_page,
    sample_scanned_pdf,
)

WRAPPED = "各乡镇要落实属地责任，各部门要落实监管责任，企业要落实主体责任，确保责任到人。"


@pytest.fixture(scope="module")
def photo():
    return parse_document("安全生产讲话.jpg", sample_jpeg())


def test_photo_is_read_into_a_speech_with_its_outline(photo):
    assert photo.title == TITLE
    assert photo.date.isoformat() == "2024-03-05"
    headings = [s.number + s.heading for s in photo.sections]
    assert headings == ["一、认清当前形势", "二、压实各方责任"]
    # Lines wrapped on the page are joined back into their paragraphs.
    assert WRAPPED in photo.paragraphs
    # The running header and the page number are not speech.
    assert "内部资料" not in photo.body and "— 1 —" not in photo.body


def test_photo_is_marked_as_ocr_with_a_confidence_per_page(photo):
    assert photo.is_ocr
    assert photo.encoding == "ocr"
    [page] = photo.ocr_pages
    assert page.ocr and page.number == 1 and page.confidence > ocr.LOW_CONFIDENCE
    assert Image.open(io.BytesIO(page.image)).format == "JPEG"
    assert not any("置信度较低" in w for w in photo.warnings)


def test_mixed_pdf_keeps_its_text_layer_and_reads_the_scanned_page():
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont(CJK_FONT, 12)
    y = 800
    for paragraph in SPEECH.split("\n"):
        for start in range(0, len(paragraph), 30):
            pdf.drawString(50, y, paragraph[start : start + 30])
            y -= 20
    pdf.showPage()
    scanned = sample_page(SECOND_PAGE).image
    pdf.drawImage(ImageReader(scanned.convert("RGB")), 0, 200, width=A4[0], height=500)
    pdf.showPage()
    pdf.save()

    parsed = parse_document("混合.pdf", out.getvalue())
    text_page, scan_page = parsed.ocr_pages
    assert not text_page.ocr and text_page.confidence is None
    assert scan_page.ocr and scan_page.confidence > ocr.LOW_CONFIDENCE
    assert "三、加强组织领导" in parsed.paragraphs
    assert "决不能让隐患变成事故" in parsed.body
    assert "一、认清当前形势" in parsed.paragraphs  # from the text layer of page 1


def test_unreadable_page_does_not_stop_the_others(monkeypatch):
    real = ocr_engine.recognise
    calls = []

    def failing_first(image):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("onnxruntime failed")
        return real(image)

    monkeypatch.setattr(ocr, "recognise", failing_first)
    parsed = parse_document("两页.pdf", sample_scanned_pdf([SECOND_PAGE, SPEECH]))
    first, second = parsed.ocr_pages
    assert first.error == "第 1 页无法识别(RuntimeError)"
    assert second.confidence > ocr.LOW_CONFIDENCE and "安全生产" in second.text
    assert "扫描件有页面未能识别:第 1 页无法识别(RuntimeError)" in parsed.warnings


def test_page_budget_names_the_file():
    with pytest.raises(IngestError) as error:
        parse_document("长文件.pdf", sample_scanned_pdf([SPEECH, SPEECH]), max_ocr_pages=1)
    assert str(error.value) == (
        "长文件.pdf:需要识别的扫描页有 2 页,超过每个文件 1 页的上限,请拆分后再上传"
    )


def test_huge_and_broken_images_are_refused_with_the_file_name(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(IngestError, match=r"^大图.png:图片过大"):
        parse_document("大图.png", sample_jpeg())
    with pytest.raises(IngestError, match=r"^坏图.jpg:图片已损坏或格式无法识别$"):
        parse_document("坏图.jpg", b"\xff\xd8\xff" + b"\x00" * 100)


def test_a_large_page_is_read_in_full_though_detected_on_a_smaller_copy():
    # 300 dpi: 1740 x 1950 px, which the detector sees scaled to 1280; the lines it finds are
    # cut from the full page for the recogniser.
    page = sample_page(dpi=300)
    assert max(page.image.size) > ocr_engine.SHIPPED.detect_max_side
    parsed = parse_document("高清扫描.png", image_bytes(page.image, "PNG"))
    assert parsed.title == TITLE
    assert parsed.paragraphs[-1] == WRAPPED
    headings = [s.number + s.heading for s in parsed.sections]
    assert headings == ["一、认清当前形势", "二、压实各方责任"]


def test_models_ship_inside_the_package():
    # Named by path: a missing file is an installation error, never a download.
    for path in ocr_engine.model_paths().values():
        assert path.is_file() and path.stat().st_size > 100_000


def test_image_formats_open_as_pages():
    page = sample_page().image.convert("RGB")
    tiff = io.BytesIO()
    page.save(tiff, "TIFF", save_all=True, append_images=[page.rotate(180)])
    assert len(ocr.open_image_pages("两页.tiff", tiff.getvalue())) == 2
    webp = io.BytesIO()
    page.save(webp, "WEBP", quality=80)
    [opened] = ocr.open_image_pages("照片.webp", webp.getvalue())
    assert opened.size == page.size
    # HEIC, as iPhones save photos (pillow-heif both writes it here and reads it in ocr.py).
    from pillow_heif import register_heif_opener

    register_heif_opener()
    heic = io.BytesIO()
    page.save(heic, "HEIF")
    assert heic.getvalue()[4:12] == b"ftypheic"
    [opened] = ocr.open_image_pages("iPhone.heic", heic.getvalue())
    assert opened.size == page.size


def test_phone_photo_is_turned_upright_from_its_exif_orientation():
    page = sample_page().image.convert("RGB")
    sideways = page.rotate(90, expand=True)  # the camera held sideways...
    exif = Image.Exif()
    exif[0x0112] = 8  # ...says so: rotate 90° clockwise to view
    photo = io.BytesIO()
    sideways.save(photo, "JPEG", exif=exif)
    [upright] = ocr.open_image_pages("手机照片.jpg", photo.getvalue())
    assert upright.size == page.size
