"""``PostgresBackend``: the search door (``search.backends.SearchBackend``) on tables of the
archive's own PostgreSQL database (SEARCH_BACKEND=postgres). Each method hands over to the
module that does the work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from search.backends.postgres import (
    build,
    documents,
    engine,
    inventory,
    occurrences,
    related,
    suggest,
)
from search.language.words import jieba_words

ERROR_NOT_POSTGRES = (
    "SEARCH_BACKEND=postgres 需要 PostgreSQL 数据库(DATABASE_URL=postgres://…),"
    "当前数据库引擎是 {engine}。"
)


def require_postgres() -> None:
    """Refuse to start on another database (called from settings and the app's checks)."""
    engine_name = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine_name:
        raise ImproperlyConfigured(ERROR_NOT_POSTGRES.format(engine=engine_name))


class Writer:
    """Writes go straight into the database, in the caller's transaction."""

    def sync(self, speech_ids: set[int]) -> None:
        documents.sync(speech_ids)


class PostgresBackend:
    # Concurrent writers are the database's business: no lock to wait for.
    lock_errors: tuple[type[BaseException], ...] = ()
    #: Index writes belong in the transaction that changes the speeches (archive/services.py).
    syncs_in_transaction = True

    def __init__(self):
        require_postgres()

    def search(self, params, parsed, *, per_page=None):
        return engine.run_search(params, parsed, per_page=per_page)

    def count(self, params, parsed, *, without=""):
        return engine.count_matches(params, parsed, without=without)

    def matching_ids(self, q):
        return engine.matching_ids(q)

    def occurrences(self, folded):
        return occurrences.term_occurrences(folded)

    def suggestions(self, parsed):
        return suggest.suggestions(parsed)

    def related(self, speech, limit):
        return related.related_speeches(speech, limit)

    @contextmanager
    def writing(self, *, timeout: float) -> Iterator[Writer]:
        yield Writer()

    def rebuild(self, *, empty=False, progress=None):
        total = build.rebuild(empty=empty, progress=progress)
        return Path("postgresql:speech_search_searchdocument"), total

    def indexed_count(self):
        return inventory.indexed_count()

    def indexed_stamps(self):
        return inventory.indexed_stamps()

    def check(self):
        return inventory.check()

    def warm(self):
        # In gunicorn's master before any worker serves: a missing extension stops the start.
        inventory.require_indexes()
        jieba_words("预热分词词典")
        suggest.warm()
