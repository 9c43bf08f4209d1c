"""Quote links: ``?quote=p5:一段原文`` opens a speech with exactly that passage marked.

The parameter names the paragraph where the passage starts and the passage itself (or its
first and last words, ``p5:开头…结尾``, for a long one). The passage is found by the archive's
``fold`` with whitespace ignored, so a link made on the 繁體 page finds the same words on the
简体 page and back, and a selection that runs over several paragraphs still matches. The
marking is done here, on the server, so the link works without JavaScript.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote as url_quote

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.web.reading import Block, convert_script
from search.language.normalize import fold, fold_with_offsets

MAX_QUOTE_CHARS = 600  # of the parameter; a longer selection is linked by its two ends
ENDS_CHARS = 24  # characters kept at each end when a long passage is linked by its ends
ELLIPSIS = "…"
MAX_PARAGRAPHS = 30  # a passage may run over at most this many paragraphs
_QUOTE = re.compile(r"^p([1-9][0-9]{0,5}):(.+)$", re.DOTALL)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Quote:
    paragraph: int  # 0-based index of the paragraph where the passage starts
    start: str  # folded, without whitespace
    end: str = ""  # folded, without whitespace: set when linked by its two ends

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph + 1}"


def _squeeze(text: str) -> str:
    return _SPACE.sub("", fold(text))


def parse_quote(value: str) -> Quote | None:
    """The ``quote`` parameter read, or None for anything malformed."""
    match = _QUOTE.match((value or "")[:MAX_QUOTE_CHARS])
    if not match:
        return None
    paragraph, passage = int(match.group(1)) - 1, match.group(2)
    start, _, end = (
        passage.partition(ELLIPSIS) if ELLIPSIS * 2 not in passage else (passage, "", "")
    )
    start, end = _squeeze(start), _squeeze(end)
    if not start:
        return None
    return Quote(paragraph, start, end)


def quote_param(anchor: str, passage: str) -> str:
    """The ``quote`` value for ``passage`` starting in paragraph ``anchor`` ("p5")."""
    passage = _SPACE.sub("", passage)
    if len(passage) > ENDS_CHARS * 2 + 1:
        passage = passage[:ENDS_CHARS] + ELLIPSIS + passage[-ENDS_CHARS:]
    return f"{anchor}:{passage}"


def quote_url(path: str, anchor: str, passage: str) -> str:
    return f"{path}?quote={url_quote(quote_param(anchor, passage), safe='')}#{anchor}"


@dataclass
class _Char:
    """One visible character of the squeezed, folded text: where it came from."""

    paragraph: int
    piece: int
    offset: int  # in the piece's shown text


def find_passage(
    pieces: list[list[str]], quote: Quote
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Where the quoted passage lies: (paragraph, piece) → [(start, end)] in the shown text of
    that piece. ``pieces``: for each paragraph, the pieces of shown text its block renders
    (a heading label and the rest, or the whole paragraph). Empty when not found."""
    first = quote.paragraph
    if not 0 <= first < len(pieces):
        return {}
    folded_chars: list[str] = []
    origins: list[_Char] = []
    first_length = 0
    for index in range(first, min(len(pieces), first + MAX_PARAGRAPHS)):
        for piece_index, text in enumerate(pieces[index]):
            folded, offsets = fold_with_offsets(text)
            for at, char in enumerate(folded):
                if not char.isspace():
                    folded_chars.append(char)
                    origins.append(_Char(index, piece_index, offsets[at]))
        if index == first:
            first_length = len(folded_chars)
    squeezed = "".join(folded_chars)
    start = squeezed.find(quote.start)
    if start < 0 or start >= first_length:
        return {}
    end = start + len(quote.start)
    if quote.end:
        found = squeezed.find(quote.end, end)
        if found < 0:
            return {}
        end = found + len(quote.end)
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for char in origins[start:end]:
        key = (char.paragraph, char.piece)
        runs = spans.setdefault(key, [])
        if runs and char.offset <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], char.offset + 1))
        else:
            runs.append((char.offset, char.offset + 1))
    return spans


def _marked(text: str, runs: list[tuple[int, int]], *, first: bool) -> SafeString:
    parts, cursor = [], 0
    for number, (start, end) in enumerate(runs):
        parts.append(escape(text[cursor:start]))
        target = ' id="quote"' if first and number == 0 else ""
        parts.append(f'<mark class="quote"{target}>{escape(text[start:end])}</mark>')
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # every piece of text went through escape()


def mark_quote(blocks: list[Block], body: str, sections, quote: Quote, *, script: str) -> bool:
    """Mark the quoted passage in ``blocks`` (one per paragraph of ``body``, as
    ``reading.body_blocks`` builds them); the search hits in those paragraphs give way to it.
    Returns whether the passage was found."""
    paragraphs = body.split("\n")
    by_paragraph = {section.paragraph: section for section in sections}
    pieces: list[list[str]] = []
    for index, paragraph in enumerate(paragraphs):
        block = blocks[index]
        section = by_paragraph.get(index)
        if block.heading_html is not None and not block.standalone and section is not None:
            label = f"{section.number}{section.heading}"
            pieces.append(
                [convert_script(label, script), convert_script(paragraph[len(label) :], script)]
            )
        else:
            pieces.append([convert_script(paragraph, script)])
    spans = find_passage(pieces, quote)
    if not spans:
        return False
    first_key = min(spans)
    for (index, piece), runs in spans.items():
        block, text = blocks[index], pieces[index][piece]
        html = _marked(text, runs, first=(index, piece) == first_key)
        # A standalone heading is one piece; a paragraph opening with a heading has two.
        if block.standalone or (block.heading_html is not None and piece == 0):
            block.heading_html = html
        else:
            block.text_html = html
    return True
