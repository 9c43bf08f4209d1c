"""Suggestions when a search finds nothing (search/language/suggesting.py), with the look-ups
answered from the PostgreSQL index."""

from __future__ import annotations

import threading

from archive.models import Speech
from search.backends.postgres.db import read_alias, read_cursor, search_cursor
from search.backends.postgres.lexemes import term_query
from search.backends.postgres.matching import CHUNKS
from search.language import suggesting
from search.language.normalize import fold
from search.language.query import ParsedQuery

warm = suggesting.warm
_readings: dict = {}
_readings_lock = threading.Lock()


class PostgresLookups:
    def exists(self, term: str) -> bool:
        with search_cursor() as cursor:
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {CHUNKS} WHERE grams @@ %s::tsquery)",
                [term_query(term)],
            )
            return cursor.fetchone()[0]

    def texts_containing(self, pieces: list[str], limit: int) -> list[str]:
        chosen: list[int] = []
        with search_cursor() as cursor:
            for piece in pieces:
                cursor.execute(
                    f"SELECT DISTINCT speech_id FROM {CHUNKS} WHERE grams @@ %s::tsquery "
                    "AND NOT speech_id = ANY(%s) ORDER BY speech_id LIMIT %s",
                    [term_query(piece), chosen, limit - len(chosen)],
                )
                chosen += [row[0] for row in cursor.fetchall()]
                if len(chosen) >= limit:
                    break
        texts = (
            Speech.objects.using(read_alias()).filter(pk__in=chosen).values_list("title", "body")
        )
        return [fold(f"{title}\n{body}") for title, body in texts]

    def readings(self) -> dict[str, tuple[int, str]]:
        """From the vocabulary of the ranking words (``ts_stat``, a pass over every document),
        kept per process until the index changes."""
        with read_cursor() as cursor:
            cursor.execute("SELECT count(*), max(updated) FROM speech_search_searchdocument")
            key = cursor.fetchone()
            with _readings_lock:
                if _readings.get("key") == key:
                    return _readings["best"]
            cursor.execute(
                "SELECT word, ndoc FROM ts_stat('SELECT words FROM speech_search_searchdocument')"
            )
            best = suggesting.best_readings(cursor.fetchall())
        with _readings_lock:
            _readings.update(key=key, best=best)
        return best


def suggestions(parsed: ParsedQuery) -> list[str]:
    return suggesting.suggestions(parsed, PostgresLookups())
