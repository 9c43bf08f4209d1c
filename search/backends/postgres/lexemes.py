"""Text → PostgreSQL ``tsvector`` / ``tsquery`` literals, built here rather than by PostgreSQL.

Why by hand: under a C.UTF-8 locale PostgreSQL's text-search parsers drop CJK characters
(``to_tsvector('simple', '领导干部')`` is empty), and no parser cuts character grams. So the
application folds the text (``search.language.normalize.fold``) and writes the lexemes itself:
at each position the character and the pair starting there (``char_grams_at``), so a term is
one lexeme (1–2 characters) or a phrase of overlapping pairs joined by ``<->``, which matches
exactly where the folded term occurs contiguously.

Two limits of ``tsvector`` shape the chunks: positions stop at 16,383 and a lexeme keeps at
most 256 positions (later ones are dropped silently). A text is therefore cut into chunks that
respect both, each starting ``OVERLAP`` characters before the previous one ended, so a term of
up to OVERLAP + 1 characters always lies whole inside one chunk.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from operator import add

MAX_POSITION = 16_383
MAX_POSITIONS_PER_LEXEME = 256
# Terms longer than this may be missed where they straddle two chunks (the query language
# promises exact matching for 1–12 characters).
OVERLAP = 64
_WHITESPACE = re.compile(r"\s")


def quote(lexeme: str) -> str:
    """A lexeme as a quoted tsvector/tsquery token (quotes and backslashes doubled)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL.
    return text.replace("\x00", " ")


def gram_positions(folded: str) -> dict[str, list[int]]:
    """Each gram of ``folded`` (every character and every adjacent pair, none with whitespace)
    → its positions (1-based, as tsvector counts), ascending, in one pass per gram size: the
    grams of ``search.language.words.char_grams_at``, collected for a whole speech at once."""
    found: defaultdict[str, list[int]] = defaultdict(list)
    for index, gram in enumerate(folded, 1):
        found[gram].append(index)
    for index, gram in enumerate(map(add, folded, folded[1:]), 1):
        found[gram].append(index)
    for gram in [g for g in found if _WHITESPACE.search(g)]:
        del found[gram]
    return found


def chunk_spans(folded: str, grams: dict[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each chunk of ``folded``: fewer than MAX_POSITION characters and no gram
    more than MAX_POSITIONS_PER_LEXEME times, consecutive chunks overlapping by OVERLAP."""
    length = len(folded)
    grams = gram_positions(folded) if grams is None else grams
    crowded = [places for places in grams.values() if len(places) > MAX_POSITIONS_PER_LEXEME]
    spans = []
    start = 0
    while True:
        end = min(length, start + MAX_POSITION - 1)
        for places in crowded:
            first = bisect_left(places, start + 1)
            if first + MAX_POSITIONS_PER_LEXEME < len(places):
                # The chunk ends before this gram's first occurrence past the limit.
                end = min(end, places[first + MAX_POSITIONS_PER_LEXEME] - 1)
        spans.append((start, end))
        if end >= length:
            return spans
        # A chunk holds at least MAX_POSITIONS_PER_LEXEME characters, more than OVERLAP, so
        # every chunk starts further on than the one before.
        start = end - OVERLAP


def _vector(grams: dict[str, list[int]], start: int, end: int, whole: bool) -> str:
    if whole:
        return " ".join(f"{quote(g)}:{','.join(map(str, places))}" for g, places in grams.items())
    parts = []
    for gram, places in grams.items():
        # Grams starting in [start, end) and ending within it (1-based: start + 1 …).
        places = places[bisect_left(places, start + 1) : bisect_left(places, end - len(gram) + 2)]
        if places:
            parts.append(f"{quote(gram)}:{','.join([str(p - start) for p in places])}")
    return " ".join(parts)


def grams_vector(folded: str) -> str:
    """The tsvector literal of one short text (a title) or chunk, within the limits above."""
    folded = _clean(folded)
    return _vector(gram_positions(folded), 0, len(folded), True)


def chunk_vectors(folded: str) -> list[str]:
    """The tsvector literals of ``folded`` cut into chunks (one empty vector for no text)."""
    folded = _clean(folded)
    grams = gram_positions(folded)
    spans = chunk_spans(folded, grams)
    if len(spans) == 1:
        return [_vector(grams, 0, len(folded), True)]
    return [_vector(grams, start, end, False) for start, end in spans]


def term_query(folded: str) -> str:
    """The tsquery literal matching where ``folded`` (no whitespace) occurs contiguously."""
    folded = _clean(folded)
    if len(folded) <= 2:
        return quote(folded)
    return " <-> ".join(quote(folded[i : i + 2]) for i in range(len(folded) - 1))


def any_of(queries: list[str]) -> str:
    return " | ".join(f"( {q} )" for q in queries)


WEIGHT_TITLE = "A"
WEIGHT_HEADING = "B"
WEIGHT_BODY = "D"


def words_vector(parts: list[tuple[list[str], str]]) -> str:
    """A tsvector literal of words for ranking: each (words, weight) part in order, positions
    running on across parts (clamped at MAX_POSITION), at most MAX_POSITIONS_PER_LEXEME per
    word (the first ones: titles and headings come first)."""
    positions: dict[str, list[str]] = {}
    position = 0
    for words, weight in parts:
        for word in words:
            position = min(position + 1, MAX_POSITION)
            word = _clean(word)
            places = positions.setdefault(word, [])
            if len(places) < MAX_POSITIONS_PER_LEXEME:
                places.append(f"{position}{weight}")
    return " ".join(f"{quote(word)}:{','.join(places)}" for word, places in positions.items())


def words_query(words: list[str]) -> str:
    return " | ".join(quote(_clean(word)) for word in dict.fromkeys(words))


# Ranking reads a vector for every matching speech, so it gets a small one: title and heading
# words whole, and of the body only its RANK_BODY_WORDS most frequent words, each with at most
# RANK_POSITIONS occurrences (a whole speech's words, ~20 KB compressed, made ranking the
# dearest part of a search: TOAST decompression per matching speech).
RANK_BODY_WORDS = 200
RANK_POSITIONS = 8


def ranking_parts(parts: list[tuple[list[str], str]]) -> list[tuple[list[str], str]]:
    """``parts`` (title, headings, body as (words, weight)) cut down for the ranking vector."""
    *head, (body, weight) = parts
    counts: dict[str, int] = {}
    for word in body:
        counts[word] = counts.get(word, 0) + 1
    kept = sorted(counts, key=lambda word: (-counts[word], word))[:RANK_BODY_WORDS]
    repeated = [word for word in kept for _ in range(min(counts[word], RANK_POSITIONS))]
    return [*head, (repeated, weight)]
