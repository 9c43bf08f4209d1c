"""The text pipeline: bytes + file name in, ParsedSpeech out. Pure functions, no Django.

    formats (txt via decode, docx, pdf, html; zip via containers)
      → clean (chrome, gloss, layout, punct) → metadata → outline → fingerprint

Decisions worth knowing (details in each module):
* The body keeps the original script; only widths are normalized (`,` → `，` next to Chinese,
  `(一)` → `（一）`, full-width digits → ASCII). Section numbers are taken from the normalized
  body, so `number + heading` is always a prefix of its paragraph.
* The title block above 同志们: leaves the body (the title is in ParsedSpeech.title).
* Enumerations (一是, 二要) are depth 3 when they open a paragraph; inside a paragraph they stay
  running text. Formal headings (一、 （一） 1、) after a sentence end get their own paragraph.
* Mojibake and U+FFFD are kept in the body (nothing is guessed) and listed in ``warnings``;
  only pinyin glosses, whose text is never speech, are removed even next to mojibake.
* The date comes from a 时间/日期 line, then the title, then the closing lines; ``date_rule``
  says which ("时间行", "标题", "落款"). A page's 时间 line is often the upload date.
* Limits: DEFAULT_MAX_FILE_BYTES per document, DEFAULT_MAX_TOTAL_BYTES per upload;
  ``check_size`` lets a caller refuse a file from its size before reading it.
"""

from archive.ingest.pipeline import check_size, iter_documents, parse_document, reparse_text
from archive.ingest.themes import DEFAULT_THEMES, suggest_theme
from archive.ingest.types import IngestError, ParsedSection, ParsedSpeech

__all__ = [
    "DEFAULT_THEMES",
    "IngestError",
    "check_size",
    "ParsedSection",
    "ParsedSpeech",
    "iter_documents",
    "parse_document",
    "reparse_text",
    "suggest_theme",
]
