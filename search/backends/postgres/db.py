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
def search_cursor() -> Iterator:
    """A read cursor for statements that match chunks, with the planner told to reach rows
    through bitmap index scans only. Its cost model does not see that testing ``grams @@
    query`` row by row (a sequential scan, or an index scan on another column with the match as
    a filter) decompresses every chunk's tsvector: a common two-character word at 2,000
    speeches took 674 ms that way and 2 ms through the GIN index, which answers a one-lexeme
    query without rechecking rows. Set for these statements only, and reset after them."""
    with read_cursor() as cursor:
        cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off")
        try:
            yield cursor
        finally:
            cursor.execute("RESET enable_seqscan; RESET enable_indexscan")


@contextmanager
def write_cursor() -> Iterator:
    with connections[write_alias()].cursor() as cursor:
        yield cursor
