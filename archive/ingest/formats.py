"""File formats to text: plain text (any Chinese encoding), .docx, .pdf with a text layer and
saved .html pages. Each returns (text, encoding-or-format) or raises IngestError."""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile
import zlib

from archive.ingest.chars import SENTENCE_END, cjk_count
from archive.ingest.decode import decode_bytes
from archive.ingest.html_budget import check_html_budget
from archive.ingest.layout import HEADING_START_RE, SALUTATION_RE, join_pieces, unwrap_lines
from archive.ingest.types import IngestError

# pdfminer logs a warning for every oddity of a damaged file; the import report carries the
# one error that matters.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

TEXT_EXTENSIONS = {".txt", ".text", ".md", ""}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}

ERROR_UNSUPPORTED = (
    "不支持的文件类型 {ext}(支持 .txt、.docx、.pdf、.html、.htm、.zip,"
    "以及扫描件图片 .jpg、.png、.tif、.webp、.heic)"
)
ERROR_OLD_DOC = "不支持旧版 Word 文档 .doc,请在 Word 中另存为 .docx 后再导入"
ERROR_BAD_DOCX = "Word 文档已损坏或不完整,无法打开"
ERROR_BAD_PDF = "PDF 文件已损坏或不完整,无法读取"
ERROR_ENCRYPTED_PDF = "PDF 已加密,无法提取文字"
ERROR_PDF_NO_TEXT = "PDF 没有可提取的文字层,页面上也没有可识别的扫描图像"
ERROR_PDF_UNMAPPED = "PDF 的字体没有文字编码表,提取不出文字(请改用原始 Word 文件)"
_CID_RE = re.compile(r"\(cid:\d+\)")
MAX_UNMAPPED_GLYPHS = 10
ERROR_HTML_NO_TEXT = "网页中没有找到正文"


def extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[1].lower() if "." in name else ""


def extract_text(filename: str, data: bytes) -> tuple[str, str]:
    ext = extension(filename)
    if ext in TEXT_EXTENSIONS:
        return decode_bytes(data)
    if ext == ".docx":
        return docx_text(data), "docx"
    if ext == ".doc":
        raise IngestError(ERROR_OLD_DOC)
    if ext == ".pdf":
        return pdf_text(data), "pdf"
    if ext in HTML_EXTENSIONS:
        return html_text(data), "html"
    raise IngestError(ERROR_UNSUPPORTED.format(ext=ext))


def docx_text(data: bytes) -> str:
    # Imported here: python-docx and pdfminer load only when such a file arrives.
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    from archive.ingest.docx_numbering import NumberingLabels

    try:
        document = Document(io.BytesIO(data))
        labels = NumberingLabels(document)
        paragraphs = [labels.label(p) + p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs.append(" ".join(cell.text for cell in row.cells))
    except (
        zipfile.BadZipFile,
        zlib.error,
        PackageNotFoundError,
        KeyError,
        ValueError,
        XMLSyntaxError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise IngestError(ERROR_BAD_DOCX) from exc
    return "\n".join(paragraphs)


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF; raises IngestError when there is none (a scan: see ocr.py)."""
    text = join_pdf_pages([paragraphs for paragraphs, _ in pdf_pages(data)])
    check_pdf_text(text)
    return text


def join_pdf_pages(pages: list[list[str]]) -> str:
    paragraphs: list[str] = []
    for page in pages:
        on_page = list(page)
        if paragraphs and on_page and continues_over_break(paragraphs[-1], on_page[0]):
            # A paragraph running over the page break.
            paragraphs[-1] = join_pieces(paragraphs[-1], on_page.pop(0))
        paragraphs.extend(on_page)
    return "\n".join(paragraphs)


def pdf_pages(data: bytes) -> list[tuple[list[str], bool]]:
    """Each page's paragraphs from its text layer (page numbers dropped), and whether the page
    shows an image (a page with an image and no text is a scan)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTFigure, LTImage, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[tuple[list[str], bool]] = []
    try:
        for page in extract_pages(io.BytesIO(data)):
            on_page: list[str] = []
            has_image = False
            for element in page:
                if isinstance(element, LTTextContainer):
                    # A text box is a block of printed lines: join the wraps, keep paragraphs.
                    on_page.extend(unwrap_lines(element.get_text().split("\n")))
                elif isinstance(element, LTFigure | LTImage):
                    has_image = True
            pages.append(([p for p in on_page if not PAGE_NUMBER_RE.match(p)], has_image))
    except (PDFEncryptionError, PDFPasswordIncorrect) as exc:
        raise IngestError(ERROR_ENCRYPTED_PDF) from exc
    except (
        PDFSyntaxError,
        PSException,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        zlib.error,
        struct.error,
    ) as exc:
        # pdfminer reports damaged files through many plain exception types.
        raise IngestError(ERROR_BAD_PDF) from exc
    return pages


def check_pdf_text(text: str) -> None:
    """A PDF whose fonts carry no Unicode map extracts as `(cid:1234)` codes: that is no text
    layer either, whatever its length."""
    unmapped = len(_CID_RE.findall(text))
    if unmapped > MAX_UNMAPPED_GLYPHS and unmapped > cjk_count(text):
        raise IngestError(ERROR_PDF_UNMAPPED)
    if cjk_count(text) == 0 and len(text.strip()) < 20:
        raise IngestError(ERROR_PDF_NO_TEXT)


PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–·\s]*\d{1,4}[-—–·\s]*|第\s*\d{1,4}\s*页(?:\s*[/,，]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4})$"
)


def continues_over_break(last: str, first: str) -> bool:
    """Whether ``first`` (a page's first paragraph) continues ``last`` (the previous page's)."""
    return (
        last[-1] not in SENTENCE_END + '：:”"…'
        and not HEADING_START_RE.match(first)
        and not (SALUTATION_RE.match(first))
    )


def html_text(data: bytes) -> str:
    """A saved web page to text. The article is found by trafilatura (main-content extraction
    that scores the page's blocks; with htmldate for the page's date) instead of hand-picked
    containers. Returned: the page title, the page's date as a 发布时间 line (metadata keeps it
    as the publication time, never as the speech's date), then the article's paragraphs, one
    per line; the text pipeline then cleans it like any other text."""
    check_html_budget(data)
    import trafilatura

    text, _ = _decode_html(data)
    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,  # a speech paragraph lost is worse than a line of furniture kept
        deduplicate=False,
    )
    body = (document.text or "") if document is not None else ""
    if cjk_count(body) == 0:
        raise IngestError(ERROR_HTML_NO_TEXT)
    head = []
    title = (document.title or "").strip()
    if title and not body.startswith(title):
        head.append(title)
    if document.date:
        head.append(f"发布时间：{document.date}")
    return "\n".join([*head, body])


def _decode_html(data: bytes) -> tuple[str, str]:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4000], re.I)
    if m:
        declared = m.group(1).decode("ascii").lower()
        try:
            return data.decode("gb18030" if declared in ("gb2312", "gbk") else declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration is common: detect instead
    return decode_bytes(data)
