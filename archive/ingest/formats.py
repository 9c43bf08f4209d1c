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

ERROR_UNSUPPORTED = "不支持的文件类型 {ext}(支持 .txt、.docx、.pdf、.html、.htm、.zip)"
ERROR_OLD_DOC = "不支持旧版 Word 文档 .doc,请在 Word 中另存为 .docx 后再导入"
ERROR_BAD_DOCX = "Word 文档已损坏或不完整,无法打开"
ERROR_BAD_PDF = "PDF 文件已损坏或不完整,无法读取"
ERROR_ENCRYPTED_PDF = "PDF 已加密,无法提取文字"
ERROR_PDF_NO_TEXT = "PDF 没有可提取的文字层(可能是扫描件)"
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
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    paragraphs: list[str] = []
    try:
        for page in extract_pages(io.BytesIO(data)):
            on_page: list[str] = []
            for element in page:
                if isinstance(element, LTTextContainer):
                    # A text box is a block of printed lines: join the wraps, keep paragraphs.
                    on_page.extend(unwrap_lines(element.get_text().split("\n")))
            on_page = [p for p in on_page if not PAGE_NUMBER_RE.match(p)]
            if paragraphs and on_page and _continues(paragraphs[-1], on_page[0]):
                # A paragraph running over the page break.
                paragraphs[-1] = join_pieces(paragraphs[-1], on_page.pop(0))
            paragraphs.extend(on_page)
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
    text = "\n".join(paragraphs)
    check_pdf_text(text)
    return text


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


def _continues(last: str, first: str) -> bool:
    return (
        last[-1] not in SENTENCE_END + '：:”"…'
        and not HEADING_START_RE.match(first)
        and not (SALUTATION_RE.match(first))
    )


_BLOCK_TAGS = [
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
]
_CHROME_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "svg",
]
_CHROME_HINT_RE = re.compile(
    r"(nav|menu|footer|header|sidebar|breadcrumb|comment|share|related|recommend|login|toolbar|banner|ad-|ads|copyright)",
    re.I,
)
_BODY_HINT_RE = re.compile(r"(article|content|main|post|text|body|detail|zoom|con_)", re.I)


def html_text(data: bytes) -> str:
    check_html_budget(data)
    from bs4 import BeautifulSoup

    text, _ = _decode_html(data)
    soup = BeautifulSoup(text, "lxml")
    title = ""
    heading = soup.find("h1")
    if heading and heading.get_text(strip=True):
        title = heading.get_text(" ", strip=True)
    elif soup.title and soup.title.string:
        title = soup.title.string.strip()
    date_line = _page_date_line(soup)
    for tag in soup(_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is None:
            continue
        marks = " ".join([*tag.get("class", []), tag.get("id", "") or ""])
        if marks and _CHROME_HINT_RE.search(marks) and not _BODY_HINT_RE.search(marks):
            tag.decompose()
    container = _main_container(soup)
    if container is None:
        raise IngestError(ERROR_HTML_NO_TEXT)
    for br in container.find_all("br"):
        br.replace_with("\n")
    for block in container.find_all(_BLOCK_TAGS):
        block.insert_before("\n")
        block.insert_after("\n")
    lines = [line.strip() for line in container.get_text().split("\n")]
    body = "\n".join(line for line in lines if line)
    if cjk_count(body) == 0:
        raise IngestError(ERROR_HTML_NO_TEXT)
    if date_line and date_line not in body:
        body = f"{date_line}\n{body}"
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return body


_PAGE_DATE_RE = re.compile(
    r"(发布时间|發布時間|发布日期|發布日期|时间|時間|日期)[:：]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
)


def _page_date_line(soup) -> str:
    """The page's publication date ("时间：2023-05-06 来源：…") often sits outside the article
    body; keep it as a 时间 line so metadata can read it (cleaning drops the line itself)."""
    for string in soup.find_all(string=_PAGE_DATE_RE):
        if string.parent is not None and string.parent.name in ("script", "style"):
            continue
        m = _PAGE_DATE_RE.search(string)
        if m:
            return m[0]
    return ""


def _decode_html(data: bytes) -> tuple[str, str]:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4000], re.I)
    if m:
        declared = m.group(1).decode("ascii").lower()
        try:
            return data.decode("gb18030" if declared in ("gb2312", "gbk") else declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration is common: detect instead
    return decode_bytes(data)


def _main_container(soup):
    """The element holding the article: the one with most Chinese text in its direct <p>
    children (or its own text), preferring <article> and ids/classes naming the content."""
    best, best_score = None, 0.0
    for tag in soup.find_all(["article", "div", "section", "td", "main", "body"]):
        paragraphs = tag.find_all("p", recursive=False)
        own = sum(cjk_count(p.get_text()) for p in paragraphs)
        if not paragraphs:
            own = cjk_count("".join(tag.find_all(string=True, recursive=False)))
        marks = " ".join([*tag.get("class", []), tag.get("id", "") or ""])
        score = own * (1.5 if tag.name == "article" or _BODY_HINT_RE.search(marks) else 1.0)
        if score > best_score:
            best, best_score = tag, score
    if best is None:
        return soup.body or soup
    return best
