"""The head of a text: what stands above the speech proper (title, subtitle, byline, dateline,
site furniture). The speech starts at its salutation (同志们:), or, without one, at its first
line of prose. Title, delivery date, byline and the page's own publication stamp are read
from the head; the body never contains it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.ingest.chars import cjk_count
from archive.ingest.chrome import chrome_flags, is_protected
from archive.ingest.layout import SALUTATION_RE
from archive.ingest.script import to_simplified
from archive.ingest.titles import cut_glued_tail, find_salutation

HEAD_MAX_LINES = 40
# A glued one-line page: the salutation this far into the line still ends the head.
GLUED_HEAD_MAX_CHARS = 400
PROSE_MIN_CJK = 15
_PROSE_RE = re.compile("[。！？；]")


@dataclass
class Head:
    lines: list[str] = field(default_factory=list)  # head lines, glosses removed
    chrome: list[bool] = field(default_factory=list)  # chrome flag per head line

    @property
    def plain_lines(self) -> list[str]:
        """Head lines that are not chrome (title, subtitle, byline, dateline)."""
        return [line for line, c in zip(self.lines, self.chrome, strict=True) if not c]


def _is_prose(line: str) -> bool:
    return cjk_count(line) >= PROSE_MIN_CJK and (bool(_PROSE_RE.search(line)) or len(line) > 80)


def split_head(source_lines: list[str]) -> Head:
    """The lines above the speech, with their chrome flags; a line that glues the title to the
    speech contributes its part before the salutation (or its leading title)."""
    window = source_lines[:HEAD_MAX_LINES]
    flags = chrome_flags(window)
    head = Head()
    for line, is_chrome in zip(window, flags, strict=True):
        stripped = line.strip()
        simplified = to_simplified(stripped)
        if SALUTATION_RE.match(simplified) or (
            not is_chrome and simplified.endswith(("们:", "们：")) and len(simplified) <= 6
        ):
            break
        if not is_chrome and _is_prose(stripped):
            at = find_salutation(stripped)
            if at is not None and at <= GLUED_HEAD_MAX_CHARS:
                head.lines.append(stripped[:at])
                head.chrome.append(False)
            elif not re.search("[，,。]", stripped[:30]) and not is_protected(simplified[:2]):
                leading = cut_glued_tail(stripped[:80])
                if leading != stripped[:80]:
                    head.lines.append(leading)
                    head.chrome.append(False)
            break
        head.lines.append(stripped)
        head.chrome.append(is_chrome)
    return head
