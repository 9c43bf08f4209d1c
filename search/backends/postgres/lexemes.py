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

from collections import Counter
from collections.abc import Iterator

from search.language.words import char_grams_at

MAX_POSITION = 16_383
MAX_POSITIONS_PER_LEXEME = 256
# Terms longer than this may be missed where they straddle two chunks (the query language
# promises exact matching for 1–12 characters).
OVERLAP = 64


def quote(lexeme: str) -> str:
    """A lexeme as a quoted tsvector/tsquery token (quotes and backslashes doubled)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL.
    return text.replace("\x00", " ")


def chunk_spans(folded: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each chunk of ``folded``: fewer than MAX_POSITION characters and no gram
    more than MAX_POSITIONS_PER_LEXEME times, consecutive chunks overlapping by OVERLAP."""
    length = len(folded)
    if length < MAX_POSITION and _fits(folded):
        yield 0, length  # the usual case, decided at C speed
        return
    start = 0
    while True:
        counts: dict[str, int] = {}
        end = start
        limit = min(length, start + MAX_POSITION - 1)
        while end < limit:
            grams = (folded[end], folded[end : end + 2])
            if any(counts.get(g, 0) >= MAX_POSITIONS_PER_LEXEME for g in grams):
                break
            for gram in grams:
                counts[gram] = counts.get(gram, 0) + 1
            end += 1
        yield start, end
        if end >= length:
            return
        # A chunk holds at least MAX_POSITIONS_PER_LEXEME characters, more than OVERLAP, so
        # every chunk starts further on than the one before.
        start = end - OVERLAP


def _fits(folded: str) -> bool:
    """Whether no gram occurs too often (a pair never occurs more often than its first
    character)."""
    if len(folded) <= MAX_POSITIONS_PER_LEXEME:
        return True
    return Counter(folded).most_common(1)[0][1] <= MAX_POSITIONS_PER_LEXEME


def grams_vector(folded: str) -> str:
    """The tsvector literal of one chunk (already folded, within the limits above)."""
    positions: dict[str, list[int]] = {}
    for index, grams in enumerate(char_grams_at(_clean(folded)), start=1):
        for gram in grams:
            positions.setdefault(gram, []).append(index)
    return " ".join(
        f"{quote(gram)}:{','.join(map(str, places))}" for gram, places in positions.items()
    )


def chunk_vectors(folded: str) -> list[str]:
    """The tsvector literals of ``folded`` cut into chunks (one empty vector for no text)."""
    return [grams_vector(folded[start:end]) for start, end in chunk_spans(folded)]


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
