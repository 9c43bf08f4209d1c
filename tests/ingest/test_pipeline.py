"""Bad input: every failure is a clear Chinese message, and one bad document never stops the
others."""

import io
import os
import zipfile

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


def test_pdf_without_text_layer():
    assert error_of("scan.pdf", make_blank_pdf()) == "PDF 没有可提取的文字层(可能是扫描件)"


def test_truncated_pdf():
    data = make_pdf()
    assert "PDF" in error_of("broken.pdf", data[:300])


def test_unsupported_types():
    assert (
        error_of("speech.xyz", GOOD)
        == "不支持的文件类型 .xyz(支持 .txt、.docx、.pdf、.html、.htm、.zip)"
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


def test_zip_with_one_bad_entry_among_good_ones():
    data = make_zip(
        {
            "speeches/good.txt": GOOD,
            "speeches/empty.txt": b"",
            "speeches/broken.docx": b"PK\x03\x04 not really",
            "speeches/good.pdf": make_pdf(),
            "speeches/.DS_Store": b"\0\0junk",
            "__MACOSX/speeches/._good.txt": b"\0\0junk",
            "Thumbs.db": b"\0",
        }
    )
    results = dict(iter_documents("batch.zip", data))
    assert sorted(results) == [
        "batch.zip/speeches/broken.docx",
        "batch.zip/speeches/empty.txt",
        "batch.zip/speeches/good.pdf",
        "batch.zip/speeches/good.txt",
    ]
    assert isinstance(results["batch.zip/speeches/good.txt"], ParsedSpeech)
    assert isinstance(results["batch.zip/speeches/good.pdf"], ParsedSpeech)
    assert str(results["batch.zip/speeches/empty.txt"]) == "文件为空"
    assert str(results["batch.zip/speeches/broken.docx"]) == "Word 文档已损坏或不完整,无法打开"


def test_nested_zip_and_directories():
    inner = make_zip({"deep/speech.txt": GOOD})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("folder/", b"")
        archive.writestr("folder/inner.zip", inner)
    results = list(iter_documents("outer.zip", out.getvalue()))
    assert [name for name, _ in results] == ["outer.zip/folder/inner.zip/deep/speech.txt"]
    assert isinstance(results[0][1], ParsedSpeech)


def test_zip_nested_too_deep_is_refused():
    data = make_zip({"a.txt": GOOD})
    for _ in range(3):
        data = make_zip({"more.zip": data})
    results = list(iter_documents("deep.zip", data))
    assert [str(r) for _, r in results] == ["压缩包嵌套过深(超过 2 层)"]


def test_zip_bomb_is_refused_and_the_rest_goes_on():
    data = make_zip({"bomb.txt": b"\0" * (30 * 1024 * 1024), "good.txt": GOOD})
    results = dict(iter_documents("bomb.zip", data))
    assert str(results["bomb.zip/bomb.txt"]) == "文件过大(30 MB,上限 20 MB)"
    assert isinstance(results["bomb.zip/good.txt"], ParsedSpeech)


def test_zip_compression_ratio_is_limited():
    data = make_zip({"zeros.txt": b"\0" * (2 * 1024 * 1024)})
    results = list(iter_documents("ratio.zip", data))
    assert str(results[0][1]) == "压缩比异常(超过 100 倍),疑似压缩炸弹,已拒绝"


def test_zip_total_size_is_limited():
    speech = GOOD * 5  # compresses well, so the zip itself is under the limit
    data = make_zip({"a.txt": speech, "b.txt": speech + b"\n"})
    assert len(data) < len(speech)
    results = list(iter_documents("two.zip", data, max_total_bytes=len(speech) + 10))
    assert isinstance(results[0][1], ParsedSpeech)
    assert str(results[1][1]).startswith("压缩包解压后总大小超过上限")


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/passwd.txt", "a/../../evil.txt", "C:/evil.txt"]
)
def test_zip_path_tricks_are_refused(name):
    data = make_zip({name: GOOD, "fine.txt": GOOD})
    results = list(iter_documents("tricks.zip", data))
    errors = [str(r) for _, r in results if isinstance(r, IngestError)]
    assert len(errors) == 1 and errors[0].startswith("压缩包内的路径不安全")
    assert sum(isinstance(r, ParsedSpeech) for _, r in results) == 1


def test_encrypted_zip_entry_is_refused():
    data = bytearray(make_zip({"secret.txt": GOOD}))
    # Set the "encrypted" flag in the local and central headers, as a password-protected zip has.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 0x1
    results = list(iter_documents("locked.zip", bytes(data)))
    assert [str(r) for _, r in results] == ["压缩包内的文件已加密,无法读取"]


def test_corrupt_zip():
    assert error_of("bad.zip", b"PK\x03\x04 this is not a zip").startswith(
        "压缩包已损坏或不是 zip 文件"
    )


class _GbkNamedInfo(zipfile.ZipInfo):
    """Writes the entry name as GBK bytes without the UTF-8 flag, as Windows zip tools do."""

    def _encodeFilenameFlags(self):  # noqa: N802 - overrides zipfile's private hook
        return self.filename.encode("gbk"), self.flag_bits


def test_gbk_file_names_in_zip_are_read():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(_GbkNamedInfo("讲话/在全县会议上的讲话.txt"), GOOD)
    results = list(iter_documents("win.zip", out.getvalue()))
    assert [name for name, _ in results] == ["win.zip/讲话/在全县会议上的讲话.txt"]
    assert isinstance(results[0][1], ParsedSpeech)


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
