"""Plain data that the ingest pipeline produces. No Django imports here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

LEVEL_COUNTY = "county"
LEVEL_DISTRICT = "district"


class IngestError(Exception):
    """A file could not be turned into a speech. The message is Chinese and names the problem;
    callers add the file name when they report it."""


@dataclass(frozen=True)
class ParsedSection:
    """One heading of the outline.

    Invariant relied on by the speech page: ``paragraphs[paragraph]`` of the parsed body starts
    with ``number + heading`` (the heading may be the whole paragraph, or its first sentence).
    """

    number: str  # the label exactly as printed: "一、", "(一)", "1、", "(1)", "一是"
    heading: str  # the heading text without its number
    depth: int  # 1 for 一、, 2 for (一), 3 for 1、 and 一是, 4 for (1)
    anchor: str  # "s1", "s1-2", "s1-2-3"
    paragraph: int  # index into the body's paragraphs (body.split("\n"))


@dataclass
class OcrPage:
    """One page of a scanned document: recognised by OCR (``ocr``) or taken from its text
    layer. ``confidence`` is the engine's character-weighted mean (0–1) for OCR pages;
    ``image`` a JPEG of the page for the review screen; ``error`` why the page gave nothing."""

    number: int  # 1-based
    ocr: bool
    text: str = ""  # the page's paragraphs, one per line
    confidence: float | None = None
    image: bytes | None = None
    error: str = ""


@dataclass
class ParsedSpeech:
    """Everything the pipeline learned from one file, before anything is saved."""

    source_name: str
    raw_text: str  # the decoded text before cleaning, kept for audit
    body: str  # cleaned text in its original script; one paragraph per line
    title: str
    title_rule: str = ""  # which rule gave the title ("标题行", "跨行标题", "网页说明", "文件名")
    date: datetime.date | None = None
    date_rule: str = ""  # which rule gave the date ("标题下", "标题", "落款"), "" when unknown
    published: datetime.date | None = None  # the page's publication stamp, not the speech date
    date_note: str = ""  # why there is no date although the page shows one
    level: str | None = None  # LEVEL_COUNTY, LEVEL_DISTRICT or None
    meeting: str = ""
    speaker: str = ""  # the speaker's name as written, "" when unknown (speakers.py)
    speaker_role: str = ""  # normalised office (县委书记), "" when unknown
    # Where (places.py): the county/district as the text writes it, its division code ("" when
    # none or when the name is shared by several divisions, listed in place_candidates).
    place_name: str = ""
    place_code: str = ""
    place_candidates: list[str] = field(default_factory=list)
    place_confidence: float = 0.0
    theme: str | None = None  # suggested theme name (filled by the service from the Theme table)
    keywords: list[str] = field(default_factory=list)
    sections: list[ParsedSection] = field(default_factory=list)
    fingerprint: str = ""  # exact-duplicate key (hex), same for the same cleaned text
    simhash: int = 0  # 64-bit near-duplicate key
    encoding: str = ""  # detected encoding or container format ("utf-8", "gb18030", "docx", …)
    kind: str = "speech"  # "speech", "news", "summary", "plan", "notice" or "other" (kinds.py)
    kind_reason: str = ""  # the clues that made it a non-speech, in Chinese
    removed: list[str] = field(default_factory=list)  # lines dropped as site chrome
    warnings: list[str] = field(default_factory=list)  # Chinese, shown in the import report
    # The pages of a scanned file, when any page was read by OCR (empty for text files).
    ocr_pages: list[OcrPage] = field(default_factory=list)

    @property
    def is_ocr(self) -> bool:
        return any(page.ocr for page in self.ocr_pages)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n")
