"""Cleaning: decoded text in, the speech body out (one paragraph per line, original script).

Order matters: glosses go first (they break chrome and heading patterns), then whole chrome
lines, then paragraphs are rebuilt from dumps, headings inside paragraphs get their own
paragraph, the leading title block goes (the title lives in ParsedSpeech.title), and each
paragraph's spaces and punctuation widths are normalized.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.ingest.chrome import drop_chrome, is_chrome_line
from archive.ingest.gloss import strip_glosses
from archive.ingest.head import TOC_LINE_RE, Head, split_head
from archive.ingest.layout import (
    SALUTATION_RE,
    rebuild_line,
    split_inline_headings,
    squeeze_spaces,
    unwrap_hard_wrapped,
)
from archive.ingest.punct import normalize_width

_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# How far into the text a salutation may sit for the lines above it to count as the title block.
TITLE_BLOCK_MAX_PARAGRAPHS = 6
TITLE_LINE_MAX_CHARS = 80
_TITLE_END_RE = re.compile(
    r"(讲话|講話|发言|發言|致辞|致辭|报告|報告|讲话稿|講話稿|讲稿|講稿)(参考范文|參考範文|范文|範文)*$"
)

# Mojibake left by a GBK/UTF-8 double conversion or a broken scrape.
# A question mark glued to another sign or to Latin/Cyrillic letters (`？?h委`, `？qū)е`) is a
# character lost in conversion, not a question.
MOJIBAKE_RE = re.compile(
    r"[?？](?:[?？!！;；。]|[A-Za-z\u00c0-\u024f\u0400-\u04ff]+\)?[\u0400-\u04ff]?)"
    r"|[\u0400-\u04ff]+|锟斤拷"
)


@dataclass
class CleanResult:
    body: str
    removed: list[str] = field(default_factory=list)  # chrome and title-block lines
    head: Head | None = None  # what stood above the speech (metadata reads it)
    source: str = ""  # the prepared text (newlines, invisible characters, glosses) it came from
    glosses: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n") if self.body else []


def prepare(raw: str) -> tuple[str, int]:
    """Newlines, invisible characters and pinyin glosses: what every later step expects."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE_RE.sub("", text)
    text = _CONTROL_RE.sub(" ", text)
    return strip_glosses(text)


def _is_title_like(paragraph: str) -> bool:
    return (
        len(paragraph) <= TITLE_LINE_MAX_CHARS
        and not re.search("[。！？；]", paragraph)
        and not SALUTATION_RE.match(paragraph)
    )


def drop_title_block(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Drops the title lines above the salutation (同志们:), or the leading lines that read as a
    speech title when there is no salutation."""
    salutation = next(
        (
            i
            for i, p in enumerate(paragraphs[:TITLE_BLOCK_MAX_PARAGRAPHS])
            if SALUTATION_RE.match(p)
        ),
        None,
    )
    if salutation is not None and all(_is_title_like(p) for p in paragraphs[:salutation]):
        return paragraphs[salutation:], paragraphs[:salutation]
    removed = []
    while paragraphs and _is_title_like(paragraphs[0]) and _TITLE_END_RE.search(paragraphs[0]):
        removed.append(paragraphs.pop(0))
    return paragraphs, removed


TOC_ENTRY_MAX_CHARS = 40


def _toc_key(text: str) -> str:
    """An entry as the speech repeats it: without leaders, page numbers and spaces."""
    return re.sub(r"[\s.·…—-]+\d*$|\s+", "", text)


def drop_table_of_contents(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """A 目录 line and the entries under it that the speech repeats as headings go (the outline
    is built from the headings in the speech, so its links point into the text); an entry the
    text does not repeat stays, as the only copy of that heading."""
    start = next((i for i, p in enumerate(paragraphs) if TOC_LINE_RE.match(p)), None)
    if start is None:
        return paragraphs, []
    end = start + 1
    while (
        end < len(paragraphs)
        and len(paragraphs[end]) <= TOC_ENTRY_MAX_CHARS
        and not re.search("[。！？；]", paragraphs[end])
    ):
        end += 1
    later = {_toc_key(p) for p in paragraphs[end:]}
    later |= {key[:TOC_ENTRY_MAX_CHARS] for key in later}
    repeated = {i for i in range(start + 1, end) if _toc_key(paragraphs[i]) in later}
    removed = [paragraphs[start], *(paragraphs[i] for i in sorted(repeated))]
    kept = [p for i, p in enumerate(paragraphs) if i != start and i not in repeated]
    return kept, removed


def scan_warnings(text: str) -> list[str]:
    warnings = []
    replacement = text.count("\ufffd")
    if replacement:
        warnings.append(f"正文含 {replacement} 个无法识别的字符(�),原文件可能已损坏")
    fragments = MOJIBAKE_RE.findall(text)
    if fragments:
        sample = "、".join(dict.fromkeys(f for f in fragments[:5]))
        warnings.append(f"正文含 {len(fragments)} 处疑似乱码(如 {sample}),已保留原样,请人工核对")
    return warnings


def _normalize_paragraph(paragraph: str) -> str:
    """Spaces and widths decide each other ("1 :、" → "1 ：、" → "1：、"): repeat both until the
    paragraph stops changing, so cleaning is idempotent."""
    for _ in range(5):
        changed = squeeze_spaces(normalize_width(paragraph))
        if changed == paragraph:
            break
        paragraph = changed
    return paragraph


def split_off_head(lines: list[str], head: Head | None = None) -> tuple[list[str], list[str]]:
    """(body lines, head lines): everything above where the speech starts, a glued line cut at
    its salutation. The title, byline and dateline live in ParsedSpeech's fields instead."""
    line_index, offset = (head or split_head(lines)).body_start
    above = [line for line in lines[:line_index] if line.strip()]
    rest = lines[line_index:]
    if offset and rest:
        above.append(rest[0][:offset])
        rest = [rest[0][offset:], *rest[1:]]
    return rest, above


def clean_text(raw: str) -> CleanResult:
    text, glosses = prepare(raw)
    source_lines = text.split("\n")
    head = split_head(source_lines)
    lines, above = split_off_head(source_lines, head)
    lines, removed = drop_chrome(lines)
    removed = [*above, *removed]
    lines = unwrap_hard_wrapped(lines)
    paragraphs: list[str] = []
    for line in lines:
        for paragraph in rebuild_line(line):
            paragraphs.extend(split_inline_headings(paragraph))
    paragraphs = [squeeze_spaces(p) for p in paragraphs]
    paragraphs = [p for p in paragraphs if p and not is_chrome_line(p)]
    paragraphs, title_block = drop_title_block(paragraphs)
    removed.extend(title_block)
    paragraphs, contents = drop_table_of_contents(paragraphs)
    removed.extend(contents)
    paragraphs = [_normalize_paragraph(p) for p in paragraphs]
    body = "\n".join(p for p in paragraphs if p)
    warnings = scan_warnings(body)
    if paragraphs and paragraphs[-1][-1] not in '。！？!?…”"）)':
        warnings.append("正文结尾没有结束标点,可能只抓取到部分内容")
    return CleanResult(
        body=body, removed=removed, glosses=glosses, warnings=warnings, head=head, source=text
    )
