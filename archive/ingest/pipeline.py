"""The pipeline in one place: file → text → clean → metadata → outline → fingerprint."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from archive.ingest.chars import cjk_count
from archive.ingest.clean import clean_text
from archive.ingest.containers import iter_zip, too_large
from archive.ingest.fingerprint import exact_fingerprint, simhash
from archive.ingest.formats import (
    check_pdf_text,
    extension,
    extract_text,
    join_pdf_pages,
    pdf_pages,
)
from archive.ingest.gazetteer import default_gazetteer
from archive.ingest.kinds import KIND_LABELS, KIND_SPEECH, classify
from archive.ingest.layout import SALUTATION_RE
from archive.ingest.metadata import extract_metadata
from archive.ingest.ocr import DEFAULT_MAX_OCR_PAGES, IMAGE_EXTENSIONS, Progress, ScanResult
from archive.ingest.outline import parse_outline
from archive.ingest.places import extract_place
from archive.ingest.speakers import extract_speaker
from archive.ingest.titles import TITLE_RULE_QUOTED, clean_title
from archive.ingest.types import IngestError, ParsedSpeech

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_TOTAL_BYTES = 200 * 1024 * 1024

ERROR_EMPTY = "文件为空"
ERROR_NO_TEXT = "没有提取到正文(清理网站杂项后没有剩下讲话内容)"
WARN_NOT_SPEECH = "看起来不是讲话稿,而是{label}(依据:{reason});导入后不公开,请核对"
WARN_TITLE_QUOTED = "标题取自网页上的说明文字,正文上方没有标题行,请核对"
# A speech has at least this many Chinese characters once the chrome is gone.
MIN_BODY_CJK = 20


def reparse_text(raw_text: str, source_name: str = "", encoding: str = "") -> ParsedSpeech:
    """Clean + metadata + outline + fingerprint on already-decoded text."""
    cleaned = clean_text(raw_text)
    if cjk_count(cleaned.body) < MIN_BODY_CJK:
        raise IngestError(ERROR_NO_TEXT)
    paragraphs = cleaned.paragraphs
    meta = extract_metadata(cleaned.source.split("\n"), paragraphs, source_name, cleaned.head)
    sections, outline_warnings = parse_outline(paragraphs)
    byline = cleaned.head.plain_lines
    place = extract_place(
        default_gazetteer(),
        title=meta.title,
        byline=byline,
        paragraphs=paragraphs,
        date=meta.date,
        source_host=urlsplit(source_name).hostname or "" if "://" in source_name else "",
    )
    # The place's kind decides the level when a place is known, so the two never disagree.
    level = place.level or meta.level
    level_notes = [] if place.level and place.level != meta.level else meta.notes
    speaker = extract_speaker(meta.title, byline, paragraphs, level)
    title, title_warnings = _title_or_fallback(meta.title, paragraphs, source_name)
    if meta.title_rule == TITLE_RULE_QUOTED and title == meta.title:
        title_warnings.append(WARN_TITLE_QUOTED)
    verdict = classify(title, paragraphs)
    kind_warnings = []
    if verdict.kind != KIND_SPEECH:
        kind_warnings.append(
            WARN_NOT_SPEECH.format(label=KIND_LABELS[verdict.kind], reason=verdict.reason)
        )
    return ParsedSpeech(
        source_name=source_name,
        raw_text=raw_text,
        body=cleaned.body,
        title=title,
        title_rule=meta.title_rule if title == meta.title else "",
        date=meta.date,
        date_rule=meta.date_rule,
        published=meta.published,
        date_note=meta.date_note,
        level=level,
        meeting=meta.meeting,
        speaker=speaker.name,
        speaker_role=speaker.role,
        place_name=place.name,
        place_code=place.code,
        place_candidates=place.candidates,
        place_confidence=place.confidence,
        keywords=meta.keywords,
        sections=sections,
        fingerprint=exact_fingerprint(cleaned.body),
        simhash=simhash(cleaned.body),
        encoding=encoding,
        kind=verdict.kind,
        kind_reason=verdict.reason,
        removed=[line.strip() for line in cleaned.removed if line.strip()],
        warnings=[
            *kind_warnings,
            *title_warnings,
            *([meta.date_note] if meta.date_note else []),
            *level_notes,
            *place.warnings,
            *cleaned.warnings,
            *outline_warnings,
        ],
    )


WARN_LOW_CONFIDENCE = "由扫描件识别,第 {pages} 页识别置信度较低,请对照原图核对"
WARN_PAGE_ERRORS = "扫描件有页面未能识别:{errors}"


def reparse_scan(scan: ScanResult, source_name: str = "") -> ParsedSpeech:
    """The pipeline on a scan's recognised text; the pages travel with the result."""
    from archive.ingest.ocr import LOW_CONFIDENCE

    parsed = reparse_text(scan.text, source_name, "ocr")
    parsed.ocr_pages = scan.pages
    low = [
        str(page.number)
        for page in scan.pages
        if page.ocr and not page.error and (page.confidence or 0) < LOW_CONFIDENCE
    ]
    errors = [page.error for page in scan.pages if page.error]
    if low:
        parsed.warnings.insert(0, WARN_LOW_CONFIDENCE.format(pages="、".join(low)))
    if errors:
        parsed.warnings.insert(0, WARN_PAGE_ERRORS.format(errors=";".join(errors)))
    return parsed


TITLE_FALLBACK_CHARS = 30


def _title_or_fallback(
    title: str, paragraphs: list[str], source_name: str
) -> tuple[str, list[str]]:
    """A speech always gets a title: the file name, else the opening words of the first
    paragraph after the salutation; the import report says it was guessed."""
    if title:
        return title, []
    stem = clean_title(source_name.rsplit("/", 1)[-1]) if source_name else ""
    if stem and cjk_count(stem) >= 2:
        return stem, ["没有找到讲话标题,暂用文件名作标题"]
    opening = next((p for p in paragraphs if not SALUTATION_RE.match(p)), paragraphs[0])
    first = re.split("[。！？；]", opening, maxsplit=1)[0][:TITLE_FALLBACK_CHARS]
    return first, ["没有找到讲话标题,暂用正文开头作标题"]


def check_size(
    filename: str,
    size: int,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
) -> IngestError | None:
    """The size error for a file of ``size`` bytes, or None. Callers holding a path should call
    this with ``os.stat(path).st_size`` before reading, so a 100 MB file is refused without
    being loaded (a zip is limited by the total, its entries one by one later)."""
    limit = max_total_bytes if extension(filename) == ".zip" else max_file_bytes
    return too_large(size, limit) if size > limit else None


def parse_document(
    filename: str,
    data: bytes,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_ocr_pages: int = DEFAULT_MAX_OCR_PAGES,
    progress: Progress | None = None,
) -> ParsedSpeech:
    """One file (not a zip) to a ParsedSpeech; raises IngestError with a Chinese message.
    Images and PDF pages without a text layer are read by OCR (``progress(done, total)`` after
    each recognised page); the result then carries its pages in ``ocr_pages``."""
    if len(data) > max_file_bytes:
        raise too_large(len(data), max_file_bytes)
    if not data.strip():
        raise IngestError(ERROR_EMPTY)
    ext = extension(filename)
    if ext == ".zip":
        raise IngestError("压缩包请用批量导入(每个文件分别导入)")
    if ext in IMAGE_EXTENSIONS or ext == ".pdf":
        from archive.ingest import ocr

        if ext == ".pdf":
            pages = pdf_pages(data)
            scan = ocr.scan_pdf(filename, data, pages, max_pages=max_ocr_pages, progress=progress)
            if scan is None:
                text = join_pdf_pages([paragraphs for paragraphs, _ in pages])
                check_pdf_text(text)
                return reparse_text(text, filename, "pdf")
        else:
            scan = ocr.scan_images(filename, data, max_pages=max_ocr_pages, progress=progress)
        return reparse_scan(scan, filename)
    text, encoding = extract_text(filename, data)
    if not text.strip():
        raise IngestError(ERROR_EMPTY)
    return reparse_text(text, filename, encoding)


def iter_documents(
    filename: str,
    data: bytes,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
    max_ocr_pages: int = DEFAULT_MAX_OCR_PAGES,
    progress: Progress | None = None,
    only: set[str] | None = None,
) -> Iterator[tuple[str, ParsedSpeech | IngestError]]:
    """One item per document; errors are yielded in place, never raised. ``only``: the names
    of the zip entries wanted, the others are skipped unparsed (an import that has the scans of
    a zip already does not recognise them again)."""
    options = {"max_file_bytes": max_file_bytes, "max_ocr_pages": max_ocr_pages}
    if progress is not None:
        options["progress"] = progress
    size_error = check_size(
        filename, len(data), max_file_bytes=max_file_bytes, max_total_bytes=max_total_bytes
    )
    if size_error is not None:
        yield filename, size_error
        return
    if extension(filename) != ".zip":
        yield filename, _parse_safely(filename, data, options)
        return
    budget = [max_total_bytes, max_total_bytes]
    for name, content in iter_zip(filename, data, max_file_bytes=max_file_bytes, budget=budget):
        if only is not None and name not in only:
            continue
        if isinstance(content, IngestError):
            yield name, content
        else:
            yield name, _parse_safely(name, content, options)


def _parse_safely(filename: str, data: bytes, options: dict) -> ParsedSpeech | IngestError:
    try:
        return parse_document(filename, data, **options)
    except IngestError as exc:
        return exc
    except RecursionError as exc:
        return IngestError(f"文件结构过深,无法解析({type(exc).__name__})")
