"""How many times a folded term occurs in each speech (the trends page), on the PostgreSQL
index: the chunks find the speeches holding the term (the same ``<->`` phrase as a search),
then each one's folded title and body is counted, overlapping occurrences included. Chunks
overlap (lexemes.chunk_spans), so counting positions in them would count some twice."""

from __future__ import annotations

from archive.models import Speech
from search.backends.postgres.db import read_alias, search_cursor
from search.backends.postgres.lexemes import term_query
from search.backends.postgres.matching import CHUNKS
from search.language.normalize import fold

BATCH = 200


def count_overlapping(text: str, term: str) -> int:
    count, start = 0, text.find(term)
    while start >= 0:
        count += 1
        start = text.find(term, start + 1)
    return count


def term_occurrences(folded: str) -> dict[int, int]:
    """speech id → occurrences of ``folded`` (already folded, no whitespace) in the speech's
    title and body, for every indexed speech that holds it at least once."""
    if not folded:
        return {}
    with search_cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT speech_id FROM {CHUNKS} WHERE grams @@ %s::tsquery",
            [term_query(folded)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
    result: dict[int, int] = {}
    speeches = Speech.objects.using(read_alias()).published()
    for start in range(0, len(ids), BATCH):
        rows = speeches.filter(pk__in=ids[start : start + BATCH]).values_list("pk", "title", "body")
        for pk, title, body in rows:
            count = count_overlapping(fold(f"{title}\n{body}"), folded)
            if count:
                result[pk] = count
    return result
