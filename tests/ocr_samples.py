"""Scanned pages for the OCR tests, made here from a short speech written for the tests
(bench/ocr_pages.py sets it in a CJK font). Without the font the tests that need it skip with
one reason; under CI (``CI`` set) that is a failure, as .ci/run installs the font."""

from __future__ import annotations

import os

import pytest

from bench.ocr_pages import font_path, image_bytes, pages_to_pdf, render_pages

NO_FONT = "没有中文字体,无法生成扫描页(apt-get install fonts-wqy-microhei) / no CJK font"
TITLE = "在全县安全生产工作会议上的讲话"
SPEECH = f"""{TITLE}
（2024年3月5日）
同志们：
今天召开全县安全生产工作会议，主要任务是总结去年工作，部署今年的安全生产任务。
一、认清当前形势
去年全县安全生产形势总体平稳，事故起数和死亡人数实现双下降，但隐患依然不少。
二、压实各方责任
各乡镇要落实属地责任，各部门要落实监管责任，企业要落实主体责任，确保责任到人。"""
SECOND_PAGE = """三、加强组织领导
各级领导干部要带头深入一线检查，发现隐患立即整改，决不能让隐患变成事故。
同志们，安全生产责任重于泰山，我们要以更高标准抓好各项工作。"""
SMALL_PAGE = (5.8, 6.5)  # inches: one page holds the whole sample speech


def require_font() -> None:
    if font_path() is None:
        if os.environ.get("CI"):
            pytest.fail(NO_FONT)
        pytest.skip(NO_FONT)


def sample_page(text: str = SPEECH, dpi: int = 150):
    require_font()
    return render_pages(text, dpi=dpi, page_inches=SMALL_PAGE, max_pages=1)[0]


def sample_png(text: str = SPEECH) -> bytes:
    return image_bytes(sample_page(text).image, "PNG")


def sample_jpeg(text: str = SPEECH) -> bytes:
    return image_bytes(sample_page(text).image.convert("RGB"), "JPEG", quality=85)


def sample_scanned_pdf(texts: list[str] | None = None) -> bytes:
    pages = [sample_page(text).image for text in (texts or [SPEECH])]
    return pages_to_pdf(pages, 150)
