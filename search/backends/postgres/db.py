"""Which database connection the PostgreSQL backend reads and writes through.

Reads (searches, counts, suggestions, related speeches) go where the database router sends
reads of the index's models: a replica when one is configured and healthy (archive/replicas.py),
else the primary. Writes go to the primary, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, router

from search.models import SearchDocument


def read_alias() -> str:
    return router.db_for_read(SearchDocument) or "default"


def write_alias() -> str:
    return router.db_for_write(SearchDocument) or "default"


@contextmanager
def read_cursor() -> Iterator:
    with connections[read_alias()].cursor() as cursor:
        yield cursor


@contextmanager
def write_cursor() -> Iterator:
    with connections[write_alias()].cursor() as cursor:
        yield cursor
