"""More like this on the PostgreSQL index: the speech's subject words (its stored keywords,
then its own words by frequency times rarity in the archive, without generic and archive-wide
common words), the best text matches on them (``ts_rank`` over the ranking words, title and
headings weighing more), rescored with theme and meeting (search/language/subjects.py)."""

from __future__ import annotations

import math

from archive.models import Speech
from search.backends.postgres.db import read_alias, read_cursor
from search.backends.postgres.lexemes import quote, words_query
from search.backends.postgres.ranking import RANK_WEIGHTS
from search.language.normalize import fold
from search.language.subjects import (
    CANDIDATES,
    EXPLAIN_TERMS,
    KEY_TERMS,
    is_common,
    is_subject,
    rescore,
)
from search.unavailable import reading_index

DOCUMENTS = "speech_search_searchdocument"
WORDS_LOOKED_AT = KEY_TERMS * 3


def related_speeches(speech: Speech, limit: int = 5) -> list[tuple[Speech, list[str]]]:
    with reading_index():
        return _related(speech, limit)


def _own_words(cursor, speech_id: int) -> list[tuple[str, int]]:
    """(word, occurrences) of the speech's indexed words, most frequent first."""
    cursor.execute(
        f"SELECT w.lexeme, coalesce(array_length(w.positions, 1), 1) AS tf "
        f"FROM {DOCUMENTS} d, unnest(d.words) w WHERE d.speech_id = %s ORDER BY tf DESC, w.lexeme",
        [speech_id],
    )
    return cursor.fetchall()


def _found_in(cursor, words: list[str], cap: int) -> dict[str, int]:
    """Speeches holding each word, counted up to ``cap`` (enough to call a word common)."""
    if not words:
        return {}
    cursor.execute(
        f"SELECT t.word, (SELECT count(*) FROM (SELECT 1 FROM {DOCUMENTS} d "
        "WHERE d.words @@ t.q::tsquery LIMIT %s) s) "
        "FROM unnest(%s::text[], %s::text[]) AS t(word, q)",
        [cap, words, [quote(word) for word in words]],
    )
    return dict(cursor.fetchall())


def _subject_terms(cursor, speech: Speech, own: list[tuple[str, int]]):
    cursor.execute(f"SELECT count(*) FROM {DOCUMENTS}")
    speeches = cursor.fetchone()[0]
    keywords = [fold(k) for k in speech.keywords]
    looked_at = list(dict.fromkeys([*keywords, *(w for w, _tf in own if is_subject(w))]))
    looked_at = looked_at[: len(keywords) + WORDS_LOOKED_AT]
    found_in = _found_in(cursor, looked_at, speeches // 2 + 2)
    tf = dict(own)
    weights = {
        word: tf.get(word, 1) * math.log(1 + speeches / max(found_in.get(word, 0), 1))
        for word in looked_at
    }
    top = max(weights.values(), default=1.0)
    ordered = [(k, top) for k in keywords] + sorted(
        ((w, weight) for w, weight in weights.items() if w not in keywords),
        key=lambda item: -item[1],
    )
    query: dict[str, float] = {}
    explain: list[str] = []
    for term, weight in ordered:
        if term in explain or not is_subject(term) or is_common(found_in.get(term, 0), speeches):
            continue
        explain.append(term)
        if found_in.get(term) and len(query) < KEY_TERMS:
            query[term] = weight
        if len(explain) == EXPLAIN_TERMS:
            break
    return list(query), explain


def _related(speech: Speech, limit: int) -> list[tuple[Speech, list[str]]]:
    with read_cursor() as cursor:
        own = _own_words(cursor, speech.pk)
        if not own:
            return []  # not indexed (unpublished)
        words, terms = _subject_terms(cursor, speech, own)
        if not words:
            return []
        q = words_query(words)
        select = (
            f"SELECT d.speech_id, ts_rank('{RANK_WEIGHTS}', d.words, %s::tsquery) AS r "
            f"FROM {DOCUMENTS} d WHERE d.words @@ %s::tsquery AND d.speech_id <> %s"
        )
        cursor.execute(
            f"{select} ORDER BY r DESC, d.speech_id LIMIT %s", [q, q, speech.pk, CANDIDATES]
        )
        found = cursor.fetchall()
        if speech.theme_id:
            cursor.execute(
                f"{select} AND d.theme = %s ORDER BY r DESC, d.speech_id LIMIT %s",
                [q, q, speech.pk, speech.theme.slug, CANDIDATES],
            )
            found += cursor.fetchall()
    if not found:
        return []
    text_scores = {pk: score for pk, score in found}
    candidates = (
        Speech.objects.using(read_alias())
        .published()
        .select_related("theme")
        .defer("raw_text", "removed_lines")
        .in_bulk(text_scores)
    )
    return rescore(speech, terms, text_scores, candidates, limit)
