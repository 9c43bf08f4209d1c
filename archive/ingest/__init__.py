"""The text pipeline: bytes + file name in, ParsedSpeech out. Pure functions, no Django.

    formats (txt via decode, docx, pdf, html via trafilatura; zip via containers;
             scans: images and PDF pages without a text layer via ocr → ocr_layout)
      → clean (head, chrome, gloss, layout, punct) → metadata (titles, dates, level)
      → kinds → outline → fingerprint

Decisions worth knowing (details in each module):
* The body keeps the original script; only widths are normalized (`,` → `，` next to Chinese,
  `(一)` → `（一）`, full-width digits → ASCII). Section numbers are taken from the normalized
  body, so `number + heading` is always a prefix of its paragraph.
* The title block above 同志们: leaves the body (the title is in ParsedSpeech.title).
* Enumerations (一是, 二要) are depth 3 when they open a paragraph; inside a paragraph they stay
  running text. Formal headings (一、 （一） 1、) after a sentence end get their own paragraph.
* Mojibake and U+FFFD are kept in the body (nothing is guessed) and listed in ``warnings``;
  only pinyin glosses, whose text is never speech, are removed even next to mojibake.
* The head above the speech (title, subtitle, byline, dateline, site furniture) leaves the body;
  the speech starts at its salutation or first prose line (head.py).
* Site furniture is judged on general signals (chrome.py): what a page says about itself, the
  shape of toolbars and stamps, position and repetition; every cut line is kept in ``removed``.
* The title is weighed from candidates (titles.py) and ``title_rule`` says where it came from.
* The date is one the text gives for the speech: a dateline under the title, the title, the
  closing lines; ``date_rule`` says which ("标题下", "标题", "落款"). A site's 发布时间 stamp is
  only ``published``, never the speech's date.
* ``kind`` says whether the text is a speech or a look-alike (kinds.py), with ``kind_reason``.
* Limits: DEFAULT_MAX_FILE_BYTES per document, DEFAULT_MAX_TOTAL_BYTES per upload;
  ``check_size`` lets a caller refuse a file from its size before reading it.
"""

from archive.ingest.metadata import pick_keywords
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
    "pick_keywords",
    "reparse_text",
    "suggest_theme",
]
