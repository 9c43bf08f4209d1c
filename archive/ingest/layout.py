"""Paragraph layout: rebuild paragraphs from one-line page dumps and PDF line wraps, and remove
spaces that wrapping left between Chinese characters.

Two kinds of dump exist in the corpus:
* page dumps where one space stands for each paragraph break (`…落实。 一、做好…`); a space after
  sentence-ending punctuation, before a heading or around 同志们: is a break, other spaces
  between Chinese text are noise;
* PDF dumps where one space stands for each printed line end, full lines having about the same
  width (`…主要任务 是全面落实…`). A line clearly shorter than the full width ends a paragraph.
"""

from __future__ import annotations

import re

from archive.ingest.chars import CJK, SENTENCE_END, display_width, is_wide

# The audience addressed: 同志们：, 各位代表、各位委员：, 各位代表,同志们:, 尊敬的各位领导、同志们：
_ADDRESSEE = (
    r"(同志们|同志們|各位[^，,。：:；]{1,20}|尊敬的[^，,。：:；]{1,30}|女士们|先生们|朋友们)"
)
SALUTATION_RE = re.compile(rf"^{_ADDRESSEE}([，,、]\s*{_ADDRESSEE})*[:：]")
# A heading marker at the start of a piece of text (same forms as outline.py recognises).
_NUM = "一二三四五六七八九十"
HEADING_START_RE = re.compile(
    rf"^(?:[{_NUM}]{{1,3}}、|[(（][{_NUM}]{{1,3}}[)）]|\d{{1,2}}[、.．](?!\d)|[(（]\d{{1,2}}[)）]"
    rf"|[{_NUM}]{{1,2}}(?:是|要)(?!否|非|[{_NUM}])"
    rf")"
)
# A part heading set in brackets: 【求真务实篇】.
BRACKET_HEADING_RE = re.compile(r"^\s*【[^】]{2,24}】\s*$")
FORMAL_HEADING_START_RE = re.compile(
    rf"^(?:[{_NUM}]{{1,3}}、|[(（][{_NUM}]{{1,3}}[)）]|\d{{1,2}}[、．](?!\d)|[(（]\d{{1,2}}[)）])"
)

# Ratio of the full line width under which a PDF line counts as the last line of a paragraph.
SHORT_LINE_RATIO = 0.8
# A line that ends a sentence and is this much shorter than full width also ends a paragraph.
SHORT_SENTENCE_LINE_RATIO = 0.9
MIN_WRAP_SEGMENTS = 6
# A heading followed by a space in a page dump is a heading line when it is at most this long.
HEADING_LINE_MAX_CHARS = 60
# ... and what follows its wrap space is still the heading when it is at most this long.
HEADING_TAIL_MAX_CHARS = 12

_SPACES_RE = re.compile(r"[ \t\u00a0\u2002-\u200a\u3000]+")


def join_pieces(left: str, right: str) -> str:
    """Joins two pieces of one paragraph: no space next to Chinese, one space between words."""
    if not left:
        return right
    if not right:
        return left
    if is_wide(left[-1]) or is_wide(right[0]):
        return left + right
    return left + " " + right


def squeeze_spaces(paragraph: str) -> str:
    """Removes spaces touching a Chinese character or full-width sign; keeps one space between
    Latin words and numbers."""
    pieces = _SPACES_RE.split(paragraph.strip())
    out = ""
    for piece in pieces:
        out = join_pieces(out, piece)
    return out


def _looks_wrapped(segments: list[str]) -> bool:
    if len(segments) < MIN_WRAP_SEGMENTS:
        return False
    widths = [display_width(s) for s in segments]
    full = _full_width(widths)
    if full < 20 or full > 160:
        return False
    near_full = sum(1 for w in widths if full * SHORT_LINE_RATIO <= w <= full * 1.05)
    return near_full >= len(widths) * 0.6


def _full_width(widths: list[int]) -> float:
    ordered = sorted(widths)
    return float(ordered[int(len(ordered) * 0.9) - 1 if len(ordered) > 1 else 0])


def unwrap_lines(lines: list[str]) -> list[str]:
    """Joins printed lines into paragraphs: a short line, a salutation or a heading start ends
    or starts a paragraph."""
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return []
    widths = [display_width(line) for line in lines]
    full = max(_full_width(widths), 1.0)
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        if current and (SALUTATION_RE.match(line) or FORMAL_HEADING_START_RE.match(line)):
            paragraphs.append(current)
            current = ""
        current = join_pieces(current, line)
        width = widths[i]
        ends_sentence = line[-1] in SENTENCE_END + '：:”"'
        if (
            width < full * SHORT_LINE_RATIO
            or (ends_sentence and width < full * SHORT_SENTENCE_LINE_RATIO)
            or SALUTATION_RE.match(line)
            or _heading_ends_here(current, lines[i + 1] if i + 1 < len(lines) else "")
        ):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _heading_ends_here(current: str, following: str) -> bool:
    """A full-width heading line ("一、认清形势，把握大局，深刻理解…的关键意义") ends its
    paragraph unless the next line only finishes it ("…硬任" + "务。近年来…"): a tail ends its
    sentence within a few characters, a new sentence runs longer."""
    if not FORMAL_HEADING_START_RE.match(current) or re.search(f"[{SENTENCE_END}]", current):
        return False
    m = re.search(f"[{SENTENCE_END}]", following)
    if m is None:
        return len(following) > HEADING_TAIL_MAX_CHARS
    return m.start() > HEADING_TAIL_MAX_CHARS


_BREAK_AFTER = SENTENCE_END + '：:；;”"'


def _heading_continuation(segment: str) -> bool:
    """The tail of a heading broken by a wrap space (`…关系 的“连心桥”`): short, no sentence
    end, not a heading itself. Body text after a heading line is a longer sentence."""
    return (
        len(segment) <= HEADING_TAIL_MAX_CHARS
        and not re.search(f"[{SENTENCE_END}]", segment)
        and not HEADING_START_RE.match(segment)
    )


def split_spaced_dump(line: str) -> list[str]:
    """A page dump with spaces for paragraph breaks: split where a space follows the end of a
    sentence or precedes a heading or salutation; other spaces are squeezed."""
    segments = [s for s in _SPACES_RE.split(line.strip()) if s]
    paragraphs: list[str] = []
    current = ""
    for seg in segments:
        starts_block = SALUTATION_RE.match(seg) or HEADING_START_RE.match(seg)
        heading_line = HEADING_START_RE.match(current) and not re.search(
            f"[{SENTENCE_END}]", current
        )
        if current and (
            current[-1] in _BREAK_AFTER
            or starts_block
            or SALUTATION_RE.match(current)
            or (
                heading_line
                and len(current) <= HEADING_LINE_MAX_CHARS
                and not _heading_continuation(seg)
            )
        ):
            paragraphs.append(current)
            current = seg
        else:
            current = join_pieces(current, seg)
    if current:
        paragraphs.append(current)
    return paragraphs


def rebuild_line(line: str) -> list[str]:
    """One input line → one or more paragraphs."""
    segments = [s for s in _SPACES_RE.split(line.strip()) if s]
    if len(segments) <= 1:
        return [line.strip()] if line.strip() else []
    if _looks_wrapped(segments):
        return unwrap_lines(segments)
    has_cjk_gap = re.search(rf"(?:{CJK}|[，。、；：？！”）])[ \u3000]+(?:{CJK}|[“（])", line)
    if has_cjk_gap:
        return split_spaced_dump(line)
    return [squeeze_spaces(line)]


_INLINE_HEADING_RE = re.compile(
    rf"(?<=[{SENTENCE_END}])\s*(?=(?:[{_NUM}]{{1,3}}、|[(（][{_NUM}]{{1,3}}[)）]|\d{{1,2}}[、．](?!\d)))"
    # "我讲三点意见：一、…" in a page dump: the outline starts after the colon.
    rf"|(?<=意见[：:]|问题[：:]|几点[：:]|方面[：:]|如下[：:])\s*(?=一、|[(（]一[)）])"
)


def split_inline_headings(paragraph: str) -> list[str]:
    """Moves formal headings (一、 (一) 1、) that follow a sentence end inside a paragraph to
    their own paragraph, and the first heading after an announcement of points ("我强调三点意见：
    一、…"). Enumerations such as 一是 inside a paragraph stay: they are running text there."""
    parts = [p.strip() for p in _INLINE_HEADING_RE.split(paragraph)]
    return [p for p in parts if p]


# Hard wraps: a text saved from a PDF or a fixed-width page breaks lines every ~28 characters,
# mid-sentence and mid-word. Such a text has many lines of about the same width that end
# without punctuation; a text with one paragraph per line has neither.
HARD_WRAP_MIN_LINES = 8
HARD_WRAP_MAX_WIDTH = 160  # display columns of a full printed line (80 characters)
HARD_WRAP_OPEN_SHARE = 0.5  # share of full-width lines ending mid-sentence


def looks_hard_wrapped(lines: list[str]) -> bool:
    lines = [line.strip() for line in lines if line.strip()]
    if len(lines) < HARD_WRAP_MIN_LINES:
        return False
    # Cheap first look: most lines of a text with one paragraph per line are longer than any
    # printed line (characters are at most as many as display columns).
    lengths = sorted(len(line) for line in lines)
    if lengths[len(lengths) // 2] > HARD_WRAP_MAX_WIDTH:
        return False
    widths = [display_width(line) for line in lines]
    full = _full_width(widths)
    if not 20 <= full <= HARD_WRAP_MAX_WIDTH:
        return False
    full_lines = [line for line, w in zip(lines, widths, strict=True) if w >= full * 0.85]
    open_ended = [line for line in full_lines if line[-1] not in _BREAK_AFTER + "，,、"]
    return len(full_lines) >= len(lines) * 0.4 and len(open_ended) >= len(full_lines) * (
        HARD_WRAP_OPEN_SHARE
    )


def unwrap_hard_wrapped(lines: list[str]) -> list[str]:
    """Joins the printed lines of a hard-wrapped text into paragraphs; other texts unchanged."""
    return unwrap_lines(lines) if looks_hard_wrapped(lines) else lines
