"""Recognised lines to paragraphs: reading order, running headers and page numbers, line wraps.

Written by hand because the OCR engine returns loose line boxes and no layout, and no kept
library rebuilds Chinese paragraphs from boxes. The rules use only geometry relative to the
page's own text (line height, column edges), never a page size or a site:

* rows: boxes on one baseline (a line the detector cut in two) are joined left to right,
  unless the right one starts where other lines start (a column's edge);
* columns: when many lines lie wholly left and wholly right of the text's middle and few cross
  it, the page has two columns, read left then right; lines crossing the middle (a title over
  both columns) are read where they stand, above or below the columns;
* furniture: page numbers in the top or bottom band of the text are dropped; a line in those
  bands that repeats on other pages (digits aside) is a running header or footer
  (``running_keys``) and is dropped;
* paragraphs: a line starts a paragraph when it is indented, when the line before it ended
  short of the column's right edge, or when it opens with a heading number (一、 （一）).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from archive.ingest.layout import HEADING_START_RE, SALUTATION_RE, join_pieces
from archive.ingest.ocr_engine import OcrLine

# A box whose left edge this many other lines share starts a column line: never joined onto
# the box left of it (a title over the left column beside a line of the right one).
COLUMN_EDGE_LINES = 3
# The top and bottom share of the text block where headers, footers and page numbers live.
BAND = 0.08
# A line this many line-heights right of its column's left edge is indented.
INDENT_HEIGHTS = 1.0
# A line ending this many line-heights short of its column's right edge ends its paragraph.
SHORT_END_HEIGHTS = 1.5
# A running header or footer is short (a title, an office, a date); body lines are not.
RUNNING_MAX_CHARS = 40
PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–·_一\s]*\d{1,4}[-—–·_一\s]*|第\s*\d{1,4}\s*页(?:\s*[/,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})$"
)
_DIGITS_RE = re.compile(r"[\d\s\-—–·_]+")


@dataclass
class PageLayout:
    """One page's text in reading order."""

    paragraphs: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)  # dropped headers, footers, numbers
    confidence: float = 1.0  # character-weighted mean of the kept lines


def _column_starts(lines: list[OcrLine], line_height: float) -> set[int]:
    """The lines (ids) whose left edge is shared by COLUMN_EDGE_LINES other lines: they start
    a line of a column, not the second half of a line the detector cut in two. On a noisy
    two-column page the gutter can be as narrow as a cut (about one line height)."""
    starts = set()
    for line in lines:
        aligned = sum(1 for b in lines if abs(b.x0 - line.x0) < line_height * 0.5)
        if aligned > COLUMN_EDGE_LINES:  # the line itself is counted too
            starts.add(id(line))
    return starts


def _rows(lines: list[OcrLine], line_height: float) -> list[OcrLine]:
    """Joins boxes that sit on one row and touch (a line cut in two by the detector)."""
    merged: list[OcrLine] = []
    column_starts = _column_starts(lines, line_height)
    for line in sorted(lines, key=lambda b: (b.centre_y, b.x0)):
        for i, other in enumerate(merged):
            same_row = abs(other.centre_y - line.centre_y) < line_height * 0.5
            gap = line.x0 - other.x1
            if id(line) in column_starts and gap > 0:
                continue
            if same_row and -line_height < gap < line_height * 1.2:
                merged[i] = _join(other, line)
                break
        else:
            merged.append(line)
    return merged


def _join(left: OcrLine, right: OcrLine) -> OcrLine:
    n_left, n_right = len(left.text), len(right.text)
    return OcrLine(
        min(left.x0, right.x0),
        min(left.y0, right.y0),
        max(left.x1, right.x1),
        max(left.y1, right.y1),
        join_pieces(left.text, right.text),
        (left.confidence * n_left + right.confidence * n_right) / max(n_left + n_right, 1),
    )


def _reading_order(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines in reading order, as a list of blocks (one per column or spanning run)."""
    left_edge = min(b.x0 for b in lines)
    right_edge = max(b.x1 for b in lines)
    middle = (left_edge + right_edge) / 2
    left = [b for b in lines if b.x1 < middle]
    right = [b for b in lines if b.x0 > middle]
    spanning = [b for b in lines if b.x0 <= middle <= b.x1]
    two_columns = len(left) >= 3 and len(right) >= 3 and len(spanning) <= 0.2 * len(lines)
    by_y = sorted(lines, key=lambda b: b.y0)
    if not two_columns:
        return [by_y]
    top = min(min(b.y0 for b in left), min(b.y0 for b in right))
    bottom = max(max(b.y1 for b in left), max(b.y1 for b in right))
    above = [b for b in spanning if b.y1 <= top]
    below = [b for b in spanning if b.y0 >= bottom]
    # A spanning line between the columns' top and bottom is read with the left column.
    inside = [b for b in spanning if b not in above and b not in below]
    blocks = [
        sorted(above, key=lambda b: b.y0),
        sorted(left + inside, key=lambda b: b.y0),
        sorted(right, key=lambda b: b.y0),
        sorted(below, key=lambda b: b.y0),
    ]
    return [block for block in blocks if block]


def _edges(block: list[OcrLine], page_edges: tuple[float, float]) -> tuple[float, float]:
    """A block's left and right text edges. Full lines outnumber paragraph ends in prose, so
    the right edge is the upper quartile of line ends (a wide header does not move it); a block
    of a few lines is measured against the page's edges."""
    if len(block) < 4:
        return page_edges
    ends = sorted(b.x1 for b in block)
    return min(b.x0 for b in block), ends[(len(ends) * 3) // 4 - 1]


def _paragraphs(
    block: list[OcrLine],
    line_height: float,
    page_edges: tuple[float, float],
    out: list[str],
    opened: bool,
) -> bool:
    """Appends the block's paragraphs to ``out``; ``opened`` says the last paragraph of ``out``
    may continue (its last line was full). Returns the same for the block's end."""
    left, right = _edges(block, page_edges)
    for line in block:
        indented = line.x0 - left > line_height * INDENT_HEIGHTS
        starts = (
            indented
            or HEADING_START_RE.match(line.text)
            or SALUTATION_RE.match(line.text)
            or not opened
            or not out
        )
        if starts:
            out.append(line.text)
        else:
            out[-1] = join_pieces(out[-1], line.text)
        opened = right - line.x1 < line_height * SHORT_END_HEIGHTS
    return opened


def band_lines(lines: list[OcrLine]) -> list[OcrLine]:
    """The lines in the top and bottom bands of a page's text (headers, footers, numbers)."""
    if not lines:
        return []
    line_height = statistics.median(b.height for b in lines)
    top = min(b.y0 for b in lines)
    bottom = max(b.y1 for b in lines)
    band = max((bottom - top) * BAND, line_height)
    return [b for b in lines if b.y1 <= top + band or b.y0 >= bottom - band]


def running_keys(pages: list[list[OcrLine]]) -> frozenset[str]:
    """Short header and footer lines that repeat on half the pages or more (two at least),
    digits aside (a running title with its page number)."""
    if len(pages) < 2:
        return frozenset()
    seen: dict[str, int] = {}
    for lines in pages:
        for key in {running_key(b.text) for b in band_lines(lines)}:
            seen[key] = seen.get(key, 0) + 1
    needed = max(2, len(pages) // 2)
    return frozenset(
        key for key, count in seen.items() if count >= needed and 0 < len(key) <= RUNNING_MAX_CHARS
    )


def running_key(text: str) -> str:
    return _DIGITS_RE.sub("", text)


def page_layout(lines: list[OcrLine], running: frozenset[str] = frozenset()) -> PageLayout:
    """One page's recognised lines to paragraphs in reading order; ``running`` holds the keys
    of the document's running headers and footers (``running_keys``)."""
    lines = [b for b in lines if b.text.strip()]
    if not lines:
        return PageLayout(confidence=0.0)
    line_height = statistics.median(b.height for b in lines)
    lines = _rows(lines, line_height)
    in_band = set(map(id, band_lines(lines)))
    kept, furniture = [], []
    for line in lines:
        if id(line) in in_band and (
            PAGE_NUMBER_RE.match(line.text) or running_key(line.text) in running
        ):
            furniture.append(line.text)
        else:
            kept.append(line)
    if not kept:
        return PageLayout(furniture=furniture, confidence=0.0)
    paragraphs: list[str] = []
    opened = False
    page_edges = (min(b.x0 for b in kept), max(b.x1 for b in kept))
    for block in _reading_order(kept):
        opened = _paragraphs(block, line_height, page_edges, paragraphs, opened)
    chars = sum(len(b.text) for b in kept)
    confidence = sum(b.confidence * len(b.text) for b in kept) / max(chars, 1)
    return PageLayout(paragraphs, furniture, confidence)
