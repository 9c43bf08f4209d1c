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

from bisect import bisect_left
from functools import cache
from typing import NamedTuple

import numpy as np

MAX_POSITION = 16_383
MAX_POSITIONS_PER_LEXEME = 256
# Terms longer than this may be missed where they straddle two chunks (the query language
# promises exact matching for 1–12 characters).
OVERLAP = 64


def quote(lexeme: str) -> str:
    """A lexeme as a quoted tsvector/tsquery token (quotes and backslashes doubled)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL.
    return text.replace("\x00", " ")


# Grams as integer keys, so a whole speech is sorted and grouped by numpy rather than in a
# Python dict of lists (the rebuild's client time was mostly that: ~15 ms per speech): a single
# character is its code point, a pair ``first << 21 | second`` plus PAIR (code points < 2**21).
PAIR = 1 << 42
# Every whitespace character (str.isspace; none lies above U+3000): grams never hold one.
_SPACES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.int64)
# The text of every position, with the comma that joins it to the one before.
_POSITIONS = np.array([str(p) for p in range(MAX_POSITION + 1)], dtype=object)
_AFTER_COMMA = "," + _POSITIONS


class Grams(NamedTuple):
    """Every gram of a folded text (each character and adjacent pair, none with whitespace),
    sorted by gram, each gram's positions (1-based, as tsvector counts) ascending; ``codes``
    are the text's code points."""

    keys: np.ndarray
    positions: np.ndarray
    codes: np.ndarray


def grams_of(folded: str) -> Grams:
    """The grams of ``folded`` as ``char_grams_at`` defines them, for a whole speech at once."""
    codes = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    wide = codes.astype(np.int64)
    kept = ~np.isin(wide, _SPACES)
    pairs = kept[:-1] & kept[1:]
    places = np.arange(1, len(wide) + 1, dtype=np.int64)
    keys = np.concatenate([wide[kept], ((wide[:-1] << 21) | wide[1:])[pairs] + PAIR])
    positions = np.concatenate([places[kept], places[:-1][pairs]])
    # Stable: each gram's positions stay ascending (both halves are).
    order = np.argsort(keys, kind="stable")
    return Grams(keys[order], positions[order], codes)


def _firsts(keys: np.ndarray) -> np.ndarray:
    """Index of the first entry of each gram in sorted ``keys``."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))


def chunk_spans(folded: str, grams: Grams | None = None) -> list[tuple[int, int]]:
    """(start, end) of each chunk of ``folded``: fewer than MAX_POSITION characters and no gram
    more than MAX_POSITIONS_PER_LEXEME times, consecutive chunks overlapping by OVERLAP."""
    length = len(folded)
    grams = grams_of(folded) if grams is None else grams
    firsts = _firsts(grams.keys)
    counts = np.diff(np.append(firsts, len(grams.keys)))
    crowded = [
        grams.positions[first : first + count].tolist()
        for first, count in zip(firsts.tolist(), counts.tolist(), strict=True)
        if count > MAX_POSITIONS_PER_LEXEME
    ]
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


def _quoted(lexeme: str) -> str:
    """``quote``, without its two replacements for the lexemes that need none (nearly all)."""
    if "'" in lexeme or "\\" in lexeme:
        return quote(lexeme)
    return "'" + lexeme + "'"


_QUOTES = np.array([ord("'"), ord("\\")], dtype=np.uint32)


def _vector(grams: Grams, offset: int) -> str:
    """The literal of sorted grams: ``'g':p,p 'h':p``, positions counted from ``offset``. Each
    position's text comes from a table and each gram's from numpy's string functions: no
    Python code runs per position or per gram."""
    keys, positions, codes = grams
    if not len(keys):
        return ""
    shifted = np.minimum(positions - offset, MAX_POSITION)  # as PostgreSQL clamps
    tokens = _AFTER_COMMA[shifted]
    firsts = _firsts(keys)
    starts = positions[firsts] - 1  # index in ``codes`` of each gram's first character
    second = np.where(keys[firsts] >= PAIR, codes[np.minimum(starts + 1, len(codes) - 1)], 0)
    # Two code points per gram read as a 2-character string; a single character's second
    # code is 0, which numpy reads as the string's end.
    texts = np.stack([codes[starts], second.astype(np.uint32)], axis=1).view("<U2")[:, 0]
    quoted = np.char.add(np.char.add(" '", texts), "':")
    awkward = np.flatnonzero(np.isin(codes[starts], _QUOTES) | np.isin(second, _QUOTES))
    heads = quoted.astype(object)
    for index in awkward.tolist():
        heads[index] = f" {quote(str(texts[index]))}:"
    tokens[firsts] = heads + _POSITIONS[shifted[firsts]]
    return "".join(tokens.tolist())[1:]


def grams_vector(folded: str) -> str:
    """The tsvector literal of one short text (a title) or chunk, within the limits above."""
    return _vector(grams_of(clean(folded)), 0)


def chunk_vectors(folded: str) -> list[str]:
    """The tsvector literals of ``folded`` cut into chunks (one empty vector for no text)."""
    folded = clean(folded)
    grams = grams_of(folded)
    spans = chunk_spans(folded, grams)
    if len(spans) == 1:
        return [_vector(grams, 0)]
    keys, positions, codes = grams
    last = positions + (keys >= PAIR)  # the position of each gram's last character
    vectors = []
    for start, end in spans:
        # Grams lying whole in the chunk: starting after ``start``, ending by ``end``.
        inside = (positions > start) & (last <= end)
        vectors.append(_vector(Grams(keys[inside], positions[inside], codes), start))
    return vectors


def term_query(folded: str) -> str:
    """The tsquery literal matching where ``folded`` (no whitespace) occurs contiguously."""
    folded = clean(folded)
    if len(folded) <= 2:
        return quote(folded)
    return " <-> ".join(quote(folded[i : i + 2]) for i in range(len(folded) - 1))


def any_of(queries: list[str]) -> str:
    return " | ".join(f"( {q} )" for q in queries)


WEIGHT_TITLE = "A"
WEIGHT_HEADING = "B"
WEIGHT_BODY = "D"


@cache
def _weighted(weight: str) -> list[str]:
    """``,{position}{weight}`` for every position."""
    return [f",{p}{weight}" for p in range(MAX_POSITION + 1)]


def words_vector(parts: list[tuple[list[str], str]]) -> str:
    """A tsvector literal of words for ranking: each (words, weight) part in order, positions
    running on across parts (clamped at MAX_POSITION), at most MAX_POSITIONS_PER_LEXEME per
    word (the first ones: titles and headings come first)."""
    words = [word for part, _weight in parts for word in part]
    if not words:
        return ""
    if "\x00" in "".join(words):
        words = list(map(clean, words))
    distinct = list(dict.fromkeys(words))
    number = {word: index for index, word in enumerate(distinct)}
    ids = np.fromiter(map(number.__getitem__, words), dtype=np.int64, count=len(words))
    places = np.minimum(np.arange(1, len(words) + 1), MAX_POSITION).tolist()
    tokens: list[str] = []
    done = 0
    for part, weight in parts:
        tokens += map(_weighted(weight).__getitem__, places[done : done + len(part)])
        done += len(part)
    order = np.argsort(ids, kind="stable")
    firsts = _firsts(ids[order])
    # Each entry's rank among its word's occurrences: keep the first MAX_POSITIONS_PER_LEXEME.
    counts = np.diff(np.append(firsts, len(order)))
    rank = np.arange(len(order)) - np.repeat(firsts, counts)
    kept = order[rank < MAX_POSITIONS_PER_LEXEME].tolist()
    starts = firsts - np.concatenate(
        [[0], np.cumsum(np.maximum(counts - MAX_POSITIONS_PER_LEXEME, 0))[:-1]]
    )
    ordered = [tokens[index] for index in kept]
    for start, index in zip(starts.tolist(), order[firsts].tolist(), strict=True):
        ordered[start] = f" {_quoted(words[index])}:{tokens[index][1:]}"
    return "".join(ordered)[1:]


def words_query(words: list[str]) -> str:
    return " | ".join(quote(clean(word)) for word in dict.fromkeys(words))
