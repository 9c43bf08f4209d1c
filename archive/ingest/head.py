"""The head of a text: what stands above the speech proper (title, subtitle, byline, dateline,
site furniture). The speech starts at its salutation (同志们:), or, without one, at its first
line of prose. Title, delivery date, byline and the page's own publication stamp are read
from the head; the body never contains it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.ingest.chars import cjk_count
from archive.ingest.chrome import DOC_TYPE_WORD_RE, chrome_flags, is_protected
from archive.ingest.layout import BRACKET_HEADING_RE, HEADING_START_RE, SALUTATION_RE
from archive.ingest.script import to_simplified
from archive.ingest.titles import cut_glued_tail, find_salutation

HEAD_MAX_LINES = 40
# A glued one-line page: the salutation this far into the line still ends the head.
GLUED_HEAD_MAX_CHARS = 400
PROSE_MIN_CJK = 15
_PROSE_RE = re.compile("[。！？；!?;]")


TOC_LINE_RE = re.compile(r"^\s*(目\s*录|目\s*錄|提\s*纲|提\s*綱)\s*$")
# A line that ends with a colon and holds no other "label:" pair addresses the reader.
_ADDRESS_LINE_RE = re.compile(r"^[^:：]{2,60}[:：]$")


@dataclass
class Head:
    lines: list[str] = field(default_factory=list)  # head lines, glosses removed
    chrome: list[bool] = field(default_factory=list)  # chrome flag per head line
    # Where the speech starts in the source lines: (line index, offset in that line).
    body_start: tuple[int, int] = (0, 0)

    @property
    def plain_lines(self) -> list[str]:
        """Head lines that are not chrome (title, subtitle, byline, dateline)."""
        return [line for line, c in zip(self.lines, self.chrome, strict=True) if not c]


def _is_prose(line: str) -> bool:
    return cjk_count(line) >= PROSE_MIN_CJK and (bool(_PROSE_RE.search(line)) or len(line) > 80)


# A dateline or byline: a date, an office.
_DATELINE_OR_BYLINE_RE = re.compile(r"[年月日]|书记|长")


def _reads_as_head(line: str) -> bool:
    """A title (names its kind of document), a dateline or a byline."""
    simplified = to_simplified(line)
    return bool(DOC_TYPE_WORD_RE.search(simplified) or _DATELINE_OR_BYLINE_RE.search(simplified))


def _checked(head: Head) -> Head:
    """What stands above the first line of prose is a head only if something there reads as
    one (chrome, a title, a dateline, a byline); otherwise it is the text's own first lines."""
    if not any(c or _reads_as_head(line) for line, c in zip(head.lines, head.chrome, strict=True)):
        head.body_start = (0, 0)
    return head


def split_head(source_lines: list[str]) -> Head:
    """The lines above the speech, with their chrome flags; a line that glues the title to the
    speech contributes its part before the salutation (or its leading title)."""
    window = source_lines[:HEAD_MAX_LINES]
    flags = chrome_flags(window)
    head = Head()
    for index, (line, is_chrome) in enumerate(zip(window, flags, strict=True)):
        stripped = line.strip()
        simplified = to_simplified(stripped)
        head.body_start = (index, 0)
        if (
            SALUTATION_RE.match(simplified)
            or (not is_chrome and simplified.endswith(("们:", "们：")) and len(simplified) <= 6)
            or TOC_LINE_RE.match(stripped)
            or (not is_chrome and BRACKET_HEADING_RE.match(stripped))
        ):
            return head
        if not is_chrome and _is_prose(stripped):
            at = find_salutation(stripped)
            offset = len(line) - len(line.lstrip())
            if at is not None and at <= GLUED_HEAD_MAX_CHARS:
                head.lines.append(stripped[:at])
                head.chrome.append(False)
                head.body_start = (index, offset + at)
            elif not re.search("[，,。]", stripped[:30]) and not is_protected(simplified[:2]):
                leading = cut_glued_tail(stripped[:80])
                if leading != stripped[:80]:
                    head.lines.append(leading)
                    head.chrome.append(False)
                    head.body_start = (index, offset + len(leading))
            return head if head.body_start[1] else _checked(head)
        ends_sentence = bool(stripped) and stripped[-1] in "。！？!?"
        if not is_chrome and _ADDRESS_LINE_RE.match(stripped):
            return head  # "市委：", "各乡镇人民政府，县直各部门：": the text is addressed
        if (
            stripped
            and not is_chrome
            and (cjk_count(stripped) < 2 or HEADING_START_RE.match(stripped) or ends_sentence)
        ):
            # Not a title, byline or dateline (a title never opens with 一、 or ends a sentence):
            # the text has begun.
            return _checked(head)
        head.lines.append(stripped)
        head.chrome.append(is_chrome)
    # No speech start found near the top: nothing is taken for head but what came before.
    head.body_start = (0, 0)
    return head
