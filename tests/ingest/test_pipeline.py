"""Bad input: every failure is a clear Chinese message, and one bad document never stops the
others."""

import io
import os

import pytest

from archive.ingest import IngestError, ParsedSpeech, iter_documents, parse_document, reparse_text
from tests.ingest.conftest import SPEECH_TEXT, make_blank_pdf, make_docx, make_pdf, make_zip

GOOD = SPEECH_TEXT.encode("utf-8")


def error_of(filename: str, data: bytes, **limits) -> str:
    results = list(iter_documents(filename, data, **limits))
    assert len(results) == 1
    result = results[0][1]
    assert isinstance(result, IngestError), result
    return str(result)


def test_empty_file():
    assert error_of("empty.txt", b"") == "文件为空"
    assert error_of("blank.txt", b"  \n\r\n ") == "文件为空"


def test_binary_garbage():
    message = error_of("garbage.txt", os.urandom(5000))
    assert message in (
        "文件不是文本(含有二进制数据)",
        "无法识别文件编码(不是 UTF-8、UTF-16、GB18030/GBK 或 Big5 文本)",
    )


def test_undecodable_bytes():
    data = "Café résumé naïve façade, déjà vu.".encode("latin-1") * 30
    assert error_of("latin1.txt", data).startswith("无法识别文件编码")


def test_truncated_docx():
    data = make_docx()
    assert error_of("broken.docx", data[: len(data) // 2]) == "Word 文档已损坏或不完整,无法打开"


def test_pdf_without_text_layer_or_page_image():
    # Pages of scanned images are read by OCR (tests/ingest/test_ocr.py); a page with neither
    # text nor an image has nothing to read.
    assert error_of("blank.pdf", make_blank_pdf()) == (
        "PDF 没有可提取的文字层,页面上也没有可识别的扫描图像"
    )


def test_truncated_pdf():
    data = make_pdf()
    assert "PDF" in error_of("broken.pdf", data[:300])


def test_unsupported_types():
    assert (
        error_of("speech.xyz", GOOD)
        == "不支持的文件类型 .xyz(支持 .txt、.docx、.pdf、.html、.htm、.zip,"
        "以及扫描件图片 .jpg、.png、.tif、.webp、.heic)"
    )
    assert error_of("old.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100).startswith(
        "不支持旧版 Word 文档 .doc"
    )


def test_only_chrome_is_no_speech():
    data = "下载文档\n收藏 分享\n购物车\n此文档下载收益归作者所有\n".encode()
    assert error_of("chrome.txt", data).startswith("没有提取到正文")


def test_oversized_file_is_refused_with_the_sizes():
    data = b"a" * (100 * 1024 * 1024)
    assert error_of("huge.txt", data) == "文件过大(100 MB,上限 20 MB)"
    assert error_of("speech.txt", b"x" * 30000, max_file_bytes=10000) == (
        "文件过大(0.03 MB,上限 0.01 MB)"
    )


def test_size_can_be_checked_before_reading():
    from archive.ingest import check_size

    assert str(check_size("huge.txt", 100 * 1024 * 1024)) == "文件过大(100 MB,上限 20 MB)"
    assert check_size("ok.txt", 1000) is None
    assert check_size("batch.zip", 100 * 1024 * 1024) is None  # zips are limited by the total
    assert str(check_size("batch.zip", 300 * 1024 * 1024)) == "文件过大(300 MB,上限 200 MB)"


def test_configurable_limit_message():
    assert error_of("big.txt", b"x" * (3 * 1024 * 1024), max_file_bytes=2 * 1024 * 1024) == (
        "文件过大(3 MB,上限 2 MB)"
    )


def test_parse_document_raises_and_reparse_reruns_the_pipeline():
    with pytest.raises(IngestError, match="文件为空"):
        parse_document("empty.txt", b"")
    parsed = reparse_text(
        "在全县会议上的讲话\n同志们:\n一、抓好落实\n要抓好落实，确保完成全年目标任务。", "x.txt"
    )
    assert parsed.body == "同志们：\n一、抓好落实\n要抓好落实，确保完成全年目标任务。"
    assert parsed.sections[0].anchor == "s1"
    assert parsed.raw_text.startswith("在全县会议上的讲话")


def test_utf8_with_a_damaged_byte_is_read_and_the_damage_reported():
    data = bytearray(GOOD)
    at = GOOD.index("隐患".encode())
    data[at] = 0xFF
    results = list(iter_documents("damaged.txt", bytes(data)))
    parsed = results[0][1]
    assert isinstance(parsed, ParsedSpeech)
    assert parsed.encoding == "utf-8"
    assert "\ufffd" in parsed.body
    assert any("无法识别的字符" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    ("filename", "make"),
    [
        ("a.docx", make_docx),
        ("a.pdf", make_pdf),
        ("a.zip", lambda: make_zip({"x.txt": GOOD, "y.docx": make_docx()})),
    ],
)
def test_damaged_files_never_raise(filename, make):
    import random

    original = make()
    rng = random.Random(filename)  # fixed seed: the same damaged files every run
    for i in range(40):
        data = bytearray(original)
        if i % 2:
            data = data[: rng.randrange(len(data))]
        else:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        for _name, result in iter_documents(filename, bytes(data)):
            assert isinstance(result, ParsedSpeech | IngestError)
            if isinstance(result, IngestError):
                assert str(result)  # a message to show


def test_a_speech_without_a_title_gets_a_marked_guess():
    body = "同志们：\n今天召开全县防汛工作会议。主要任务是部署防汛工作。"
    parsed = reparse_text(body, "uploads/在全县防汛工作会议上的讲话.txt")
    assert parsed.title == "在全县防汛工作会议上的讲话"  # a file name naming the meeting
    assert not any("标题" in w for w in parsed.warnings)
    parsed = reparse_text(body, "scan_0001.txt")
    assert parsed.title == "今天召开全县防汛工作会议"
    assert parsed.warnings[0] == "没有找到讲话标题,暂用正文开头作标题"


def test_password_protected_pdf():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("secret"))
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(50, 800, "同志们：今天召开全县会议，部署安全生产工作。")
    pdf.save()
    assert error_of("locked.pdf", out.getvalue()) == "PDF 已加密,无法提取文字"


def test_pdf_whose_fonts_have_no_unicode_map():
    from archive.ingest.formats import check_pdf_text

    with pytest.raises(IngestError, match="没有文字编码表"):
        check_pdf_text("(cid:1234)(cid:88)" * 20)
    check_pdf_text("同志们：今天召开全县会议。(cid:12)")  # one stray glyph is fine
