"""Relevance scores of a speech's words, computed once when the speech is indexed.

The backend ranks by PostgreSQL's ``ts_rank`` over a small vector of each speech's words
(title A, headings B, body D; ``ranking_parts``). For a query of words joined by ``|``
that rank is a sum over the query's distinct words of a score depending only on the word and
the speech (``calc_rank_or`` in PostgreSQL's tsrank.c), divided by the number of words. So the
score of every (word, speech) pair is written into a table (``SearchRankTerm``) at indexing,
and a search sums the rows of its words: an index lookup per word, where ``ts_rank`` read and
decompressed the vector of every matching speech (~100 ms of a 150 ms search for a common word
at 10,000 speeches; docs/performance.md).

Why by hand: the score is ``calc_rank_or``'s formula; PostgreSQL computes it only inside
``ts_rank``, for one speech at a time. ``tests/search/test_postgres_backend.py`` checks these
scores against ``ts_rank`` of the same words.
"""

from __future__ import annotations

from collections import Counter

from search.backends.postgres.lexemes import MAX_POSITION, MAX_POSITIONS_PER_LEXEME, clean

# Longer words get no row: a query's words come from terms of at most 12 characters (and a
# btree entry has a size limit).
MAX_WORD_LENGTH = 64

# ts_rank's weights of the labels, and the same as its weights argument (D, C, B, A), which
# related.py passes to ts_rank over the documents' whole word vectors.
LABEL_WEIGHTS = {"D": 0.1, "C": 0.2, "B": 0.5, "A": 1.0}
RANK_WEIGHTS = "{" + ", ".join(str(LABEL_WEIGHTS[label]) for label in "DCBA") + "}"
# A speech's words that get a score: title and heading words whole, and of the body only its
# RANK_BODY_WORDS most frequent words, each counted at most RANK_POSITIONS times (what the
# ranking vector held before the scores were stored; a score row per distinct body word would
# triple the table for words that decide no ranking).
RANK_BODY_WORDS = 200
RANK_POSITIONS = 8
# sum(1 / i**2) for i = 1…∞ (pi**2 / 6), as tsrank.c writes it.
_ZETA_2 = 1.64493406685


def ranking_parts(parts: list[tuple[list[str], str]]) -> list[tuple[list[str], str]]:
    """``parts`` (title, headings, body as (words, label)) cut down to the words scored."""
    *head, (body, label) = parts
    counts = Counter(body)
    kept = sorted(counts, key=lambda word: (-counts[word], word))[:RANK_BODY_WORDS]
    repeated = [word for word in kept for _ in range(min(counts[word], RANK_POSITIONS))]
    return [*head, (repeated, label)]


def word_score(weights: list[float]) -> float:
    """``calc_rank_or``'s score of one word from the weights of its positions, in order."""
    total, best, best_at = 0.0, -1.0, 0
    for index, weight in enumerate(weights):
        total += weight / ((index + 1) * (index + 1))
        if weight > best:
            best, best_at = weight, index
    return (best + total - best / ((best_at + 1) * (best_at + 1))) / _ZETA_2


def word_scores(parts: list[tuple[list[str], str]]) -> dict[str, float]:
    """Each distinct word's score in the vector ``lexemes.words_vector(parts)`` describes:
    positions running on across the parts, clamped at MAX_POSITION (equal positions merged,
    keeping the higher weight, as PostgreSQL does), the first MAX_POSITIONS_PER_LEXEME kept."""
    positions: dict[str, list[tuple[int, float]]] = {}
    place = 0
    for words, label in parts:
        weight = LABEL_WEIGHTS[label]
        for word in words:
            place += 1
            seen = positions.setdefault(word, [])
            if len(seen) < MAX_POSITIONS_PER_LEXEME:
                seen.append((min(place, MAX_POSITION), weight))
    scores = {}
    for word, seen in positions.items():
        if len(word) > MAX_WORD_LENGTH:
            continue
        if seen[-1][0] == MAX_POSITION and len(seen) > 1 and seen[-2][0] == MAX_POSITION:
            clamped = [weight for at, weight in seen if at == MAX_POSITION]
            seen = [(at, weight) for at, weight in seen if at < MAX_POSITION]
            seen.append((MAX_POSITION, max(clamped)))
        scores[clean(word)] = word_score([weight for _at, weight in seen])
    return scores
