"""Rebuilding the PostgreSQL index beside the live one, then swapping it in.

The rows are written into new tables with COPY (no index to maintain per row), the indexes are
then built in one sort each, and a short transaction drops the old tables and renames the new
ones and their indexes into place: searches read the old index until that instant (they wait
only for the swap itself), then the new one. The rows of each speech are computed in
REBUILD_PROCS processes (pure Python: folding, grams, jieba words).

Rows of speeches saved during the build were written to the live tables by ``documents.sync``
and are lost in the swap; index upkeep's drift check after a rebuild
(search/upkeep/rebuild.py) finds and repairs them, as for the Whoosh backend.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import connections, transaction

from archive.models import Section
from search.backends import index_stamp
from search.backends.postgres.db import write_alias
from search.backends.postgres.documents import (
    CHUNK_COPIES,
    DOCUMENT_COLUMNS,
    PLACE_CODE_VALUES,
    IndexRows,
    chunk_copies,
    indexed_speeches,
    place_codes,
    rows_for,
)

TABLES = (
    "speech_search_searchdocument",
    "speech_search_searchchunk",
    "speech_search_searchrankterm",
)
BATCH = 100
NEW = "_new"


def _speech_batches(alias: str, ids: list[int]) -> Iterator[list[tuple]]:
    """The plain values ``rows_for`` takes, a batch of speeches at a time."""
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        headings: dict[int, list[str]] = {}
        for speech_id, heading in (
            Section.objects.using(alias)
            .filter(speech_id__in=chunk)
            .order_by("speech_id", "paragraph", "order")
            .values_list("speech_id", "heading")
        ):
            headings.setdefault(speech_id, []).append(heading)
        rows = (
            indexed_speeches()
            .using(alias)
            .filter(pk__in=chunk)
            .values_list(
                "pk",
                "title",
                "body",
                "level",
                "theme__slug",
                "date",
                "updated_at",
                "speaker_entry_id",
                "speaker_role",
                *PLACE_CODE_VALUES,
            )
        )
        yield [
            (
                pk,
                title,
                body,
                "\n".join(headings.get(pk, [])),
                level,
                slug,
                date,
                stamp,
                place_codes(*codes),
                str(speaker) if speaker else "",
                role,
            )
            for pk, title, body, level, slug, date, stamp, speaker, role, *codes in rows
        ]


def _rows_of_batch(batch: list[tuple]) -> list[IndexRows]:
    return [
        rows_for(
            pk, title, body, heads, level, slug, date, index_stamp(stamp), places, speaker, role
        )
        for pk, title, body, heads, level, slug, date, stamp, places, speaker, role in batch
    ]


def _indexes(cursor) -> list[tuple[str, str, str]]:
    """(table, index name, definition) of every index of the live tables."""
    cursor.execute(
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)",
        [list(TABLES)],
    )
    return cursor.fetchall()


def rebuild(*, empty: bool, progress: Callable[[int, int], None] | None) -> int:
    alias = write_alias()
    connection = connections[alias]
    ids = [] if empty else list(indexed_speeches().using(alias).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        indexes = _indexes(cursor)
        for table in TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}{NEW}")
            # Defaults, the chunk ids' identity, lz4; no indexes yet (built after the rows).
            cursor.execute(
                f"CREATE TABLE {table}{NEW} (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY"
                " INCLUDING COMPRESSION INCLUDING STORAGE)"
            )
        done = 0
        procs = max(1, settings.REBUILD_PROCS)
        batches = _speech_batches(alias, ids)
        raw = cursor.cursor  # psycopg's own cursor: COPY
        columns = ", ".join(DOCUMENT_COLUMNS)
        chunk_columns = ", ".join(["speech_id", "grams", *CHUNK_COPIES])
        with multiprocessing.get_context("fork").Pool(procs) if procs > 1 else _InProcess() as pool:
            for rows in pool.imap(_rows_of_batch, batches):
                with raw.copy(f"COPY {TABLES[0]}{NEW} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row.document)
                with raw.copy(f"COPY {TABLES[1]}{NEW} ({chunk_columns}) FROM STDIN") as copy:
                    for row in rows:
                        copies = chunk_copies(row.document)
                        for vector in row.chunks:
                            copy.write_row((row.document[0], vector, *copies))
                terms = f"COPY {TABLES[2]}{NEW} (word, speech_id, score) FROM STDIN"
                with raw.copy(terms) as copy:
                    for row in rows:
                        for word, score in row.rank_terms.items():
                            copy.write_row((word, row.document[0], score))
                done += len(rows)
                if progress:
                    progress(done, len(ids))
        # The RUM index of the chunks is most of the build after the rows (~150 s at 10,000
        # speeches with 1 GB; more memory, fewer passes over the sorted entries).
        cursor.execute(
            "SELECT set_config('maintenance_work_mem', %s, false)",
            [settings.SEARCH_REBUILD_WORK_MEM],
        )
        renames = []
        for number, (table, name, definition) in enumerate(indexes):
            temporary = f"search_rebuild_{number}"
            definition = definition.replace(f"INDEX {name} ON", f"INDEX {temporary} ON", 1)
            definition = definition.replace(f" {table} ", f" {table}{NEW} ", 1)
            definition = definition.replace(f".{table} ", f".{table}{NEW} ", 1)
            cursor.execute(definition)
            if name.endswith("_pkey"):  # the index behind the primary key: the key again
                cursor.execute(
                    f"ALTER TABLE {table}{NEW} ADD CONSTRAINT {temporary} "
                    f"PRIMARY KEY USING INDEX {temporary}"
                )
            renames.append((temporary, name))
            if table == TABLES[2] and name.endswith("_pkey"):
                # A search reads the rows of its few words: stored word by word, that is a
                # few pages instead of one page per speech (16 ms → 2 ms for 群众 at 10,000).
                cursor.execute(f"CLUSTER {table}{NEW} USING {temporary}")
        cursor.execute("RESET maintenance_work_mem")
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}{NEW}")
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DROP TABLE {table}")
            cursor.execute(f"ALTER TABLE {table}{NEW} RENAME TO {table}")
        for temporary, name in renames:
            cursor.execute(f"ALTER INDEX {temporary} RENAME TO {name}")
    return len(ids)


class _InProcess:
    """``Pool``'s ``imap`` in this process (REBUILD_PROCS=1)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def imap(self, function, iterable):
        return map(function, iterable)
