"""Hostile files through the ingest pipeline: it finishes each one within a time limit and
answers a ParsedSpeech or an IngestError with a message, never anything else.

tests/ingest already covers damaged docx/pdf/zip (byte flips and truncation), zip bombs, zips
lying about their size, nested zips and encrypted PDFs; this adds generated input (hypothesis),
huge lines, XML bombs and external entities in docx, and hand-made hostile PDFs.
"""

from __future__ import annotations

import io
import signal
import zipfile
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest import IngestError, ParsedSpeech, iter_documents

# Per file. Generous: the point is "never hangs", not speed (the slowest case here, a 4 MB
# line, takes a few seconds on the 2-core machine).
TIME_LIMIT_SECONDS = 20
EXTENSIONS = [".txt", ".html", ".docx", ".pdf", ".zip", ".htm", ".text"]


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int):
    def expired(signum, frame):
        raise Hang(f"still parsing after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def ingest(filename: str, data: bytes) -> list[ParsedSpeech | IngestError]:
    with time_limit(TIME_LIMIT_SECONDS):
        results = [result for _name, result in iter_documents(filename, data)]
    for result in results:
        assert isinstance(result, ParsedSpeech | IngestError), type(result)
        if isinstance(result, IngestError):
            assert str(result).strip(), "an IngestError without a message"
    return results


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(data=st.binary(max_size=4096), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes_under_every_extension(data, ext):
    ingest(f"fuzz{ext}", data)


@FUZZ
@given(
    text=st.text(max_size=3000),
    encoding=st.sampled_from(["utf-8", "utf-16", "gb18030", "big5", "utf-8-sig"]),
    ext=st.sampled_from([".txt", ".html"]),
)
def test_random_unicode_in_any_encoding(text, encoding, ext):
    ingest(f"fuzz{ext}", text.encode(encoding, errors="ignore"))


@FUZZ
@given(
    prefix=st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=200
    ),
    noise=st.lists(st.sampled_from(["一、", "(一)", "1.", "同志们:", "\n", "时间:", "。"])),
)
def test_speech_like_text_with_outline_noise(prefix, noise):
    ingest("fuzz.txt", (prefix + "".join(noise) * 20).encode("utf-8"))


def make_docx(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType="'
            'application/xml"/><Override PartName="/word/document.xml" ContentType="'
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
            '"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_with(doctype: str, text: str) -> bytes:
    return (
        f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'
        f"{text}</w:t></w:r></w:p></w:body></w:document>"
    ).encode()


BILLION_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


def test_docx_billion_laughs_is_refused_quickly():
    results = ingest("bomb.docx", make_docx(document_with(BILLION_LAUGHS, "&j;")))
    assert len(results) == 1
    assert isinstance(results[0], IngestError)


def test_docx_external_entity_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容不得外泄" * 10, encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = "同志们:今天召开全县群众工作会议,研究部署群众工作。&xxe;要做好群众工作。"
    for result in ingest("xxe.docx", make_docx(document_with(doctype, body))):
        if isinstance(result, ParsedSpeech):
            assert "机密内容" not in result.body


@pytest.mark.parametrize(
    "line",
    [
        "同志们今天召开全县群众工作会议研究部署工作" * 100_000,
        "同志们:" + "一、加强群众工作" * 100_000,
        "a" * 4_000_000,
        "。" * 2_000_000,
    ],
    ids=["cjk-2M", "headings-in-one-line", "ascii-4M", "punctuation-2M"],
)
def test_huge_single_lines_finish(line):
    ingest("huge.txt", line.encode("utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "line", ["群" * 4_000_000, "锟斤拷" * 1_000_000], ids=["one-char", "mojibake"]
)
def test_huge_lines_of_unknown_words_finish(line):
    """Characters jieba cannot split into words go through its slow HMM (archive/ingest/
    metadata.py bounds how much text keyword extraction reads)."""
    ingest("huge.txt", line.encode("utf-8"))


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


HOSTILE_PDFS = {
    "pages-loop": pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]
    ),
    "deep-arrays": pdf([b"<< /Type /Catalog /Pages " + b"[" * 100_000 + b" >>"]),
    "deep-dicts": pdf([b"<< /Type /Catalog /X " + b"<< /A " * 50_000 + b" >>"]),
    "huge-length": pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /MediaBox [0 0 600 800] >>",
            b"<< /Length 999999999999 >>\nstream\nBT /F1 12 Tf (hello) Tj ET\nendstream",
        ]
    ),
    "self-reference": pdf([b"<< /Type /Catalog /Pages 1 0 R >>"]),
    "no-xref": b"%PDF-1.7\n" + b"1 0 obj << >> endobj\n" * 1000,
    "header-only": b"%PDF-1.4\n%%EOF",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PDFS))
def test_hostile_pdfs_are_refused_with_a_message(name):
    results = ingest(f"{name}.pdf", HOSTILE_PDFS[name])
    assert len(results) == 1
    assert isinstance(results[0], IngestError)


def test_a_zip_of_hostile_files_reports_each_and_imports_the_good_one():
    good = ("同志们:\n今天召开全县群众工作会议,研究部署下一阶段的群众工作任务。" * 3).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.docx", make_docx(document_with(BILLION_LAUGHS, "&j;")))
        archive.writestr("loop.pdf", HOSTILE_PDFS["pages-loop"])
        archive.writestr("good.txt", good)
    results = ingest("batch.zip", buffer.getvalue())
    assert [type(r).__name__ for r in results].count("ParsedSpeech") == 1
    assert [type(r).__name__ for r in results].count("IngestError") == 2
