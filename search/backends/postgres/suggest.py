"""Suggestions when a search finds nothing (search/language/suggesting.py), with the look-ups
answered from the PostgreSQL index."""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError, connections

from archive.models import Speech
from search.backends.postgres.db import read_alias, read_cursor, search_cursor
from search.backends.postgres.lexemes import term_query
from search.backends.postgres.matching import CHUNKS
from search.language import suggesting
from search.language.normalize import fold
from search.language.query import ParsedQuery

logger = logging.getLogger(__name__)
# Up to this many indexed speeches the vocabulary is recomputed in the search that finds it
# stale; past it, in a background thread (readings()).
INLINE_REFRESH_MAX = 2_000
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
        """From the vocabulary of the index's words (``ts_stat``: a pass over every document's
        words, ~25 s at 100,000 speeches), kept per process. Once a process has a vocabulary,
        an index change is picked up by a refresh in a background thread while searches use
        the one they have: a suggestion may miss the newest speeches' words for that long,
        and no search waits for the pass. A small archive's pass is cheap (~0.2 s per
        1,000 speeches), so up to INLINE_REFRESH_MAX speeches it is made at once. gunicorn's
        master computes it before forking (``warm``), so workers start with it."""
        key = _index_key()
        with _readings_lock:
            best, known = _readings.get("best"), _readings.get("key")
            if best is not None and known == key:
                return best
            if best is None or key[0] <= INLINE_REFRESH_MAX:
                best = None  # computed now, below
            elif not _readings.get("refreshing"):
                _readings["refreshing"] = True
                threading.Thread(target=_refresh_in_background, daemon=True).start()
        return best if best is not None else _refresh(key)


def _index_key() -> tuple:
    with read_cursor() as cursor:
        cursor.execute("SELECT count(*), max(updated) FROM speech_search_searchdocument")
        return cursor.fetchone()


def _refresh(key: tuple) -> dict[str, tuple[int, str]]:
    with read_cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT words FROM speech_search_searchdocument')"
        )
        best = suggesting.best_readings(cursor.fetchall())
    with _readings_lock:
        _readings.update(key=key, best=best)
    return best


def _refresh_in_background() -> None:
    try:
        _refresh(_index_key())
    except DatabaseError:
        logger.exception("同音词表刷新失败,继续使用旧的词表")
    finally:
        with _readings_lock:
            _readings["refreshing"] = False
        connections.close_all()  # this thread's own connections


def warm() -> None:
    suggesting.warm()
    _refresh(_index_key())


def suggestions(parsed: ParsedQuery) -> list[str]:
    return suggesting.suggestions(parsed, PostgresLookups())
