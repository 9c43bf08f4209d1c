"""Zip uploads: one document per entry, junk skipped, bombs, path tricks and encrypted entries
refused with a message while the other entries still import."""

import io
import zipfile

import pytest

from archive.ingest import IngestError, ParsedSpeech, iter_documents
from tests.ingest.conftest import SPEECH_TEXT, make_pdf, make_zip

GOOD = SPEECH_TEXT.encode("utf-8")


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
    results = list(iter_documents("bad.zip", b"PK\x03\x04 this is not a zip"))
    assert [(name, str(error)) for name, error in results] == [
        ("bad.zip", "压缩包已损坏或不是 zip 文件(BadZipFile)")
    ]


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


def test_zip_header_lying_about_the_size_is_refused():
    import struct

    data = bytearray(make_zip({"bomb.txt": b"\0" * (30 * 1024 * 1024), "good.txt": GOOD}))
    # Declare 1,000 bytes in both headers of the 30 MB entry, as a crafted bomb would.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = struct.pack("<I", 1000)
    results = dict(iter_documents("lie.zip", bytes(data)))
    assert str(results["lie.zip/bomb.txt"]).startswith("压缩包已损坏或不是 zip 文件")
    assert isinstance(results["lie.zip/good.txt"], ParsedSpeech)
