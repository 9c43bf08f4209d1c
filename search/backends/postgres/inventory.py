"""What the PostgreSQL index holds, and whether it can be read."""

from __future__ import annotations

from search.backends.postgres.db import read_cursor, write_cursor

DOCUMENTS = "speech_search_searchdocument"
REQUIRED_INDEXES = (
    "search_chunk_grams_gin",
    "search_document_title_gin",
    "search_document_words_gin",
)


def indexed_count() -> int:
    with write_cursor() as cursor:  # the primary: upkeep compares it with what was just written
        cursor.execute(f"SELECT count(*) FROM {DOCUMENTS}")
        return cursor.fetchone()[0]


def indexed_stamps() -> dict[int, str]:
    with write_cursor() as cursor:
        cursor.execute(f"SELECT speech_id, updated FROM {DOCUMENTS}")
        return dict(cursor.fetchall())


def missing_indexes(cursor) -> list[str]:
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [list(REQUIRED_INDEXES)]
    )
    present = {row[0] for row in cursor.fetchall()}
    return [name for name in REQUIRED_INDEXES if name not in present]


def check() -> str:
    """Read the index as a search would (a match through the GIN index); the document count."""
    with read_cursor() as cursor:
        missing = missing_indexes(cursor)
        if missing:
            raise LookupError(f"缺少检索索引:{', '.join(missing)}(请运行 migrate)")
        cursor.execute(
            "SELECT count(*) FROM speech_search_searchchunk WHERE grams @@ %s::tsquery", ["'的'"]
        )
        cursor.execute(f"SELECT count(*) FROM {DOCUMENTS}")
        return f"{cursor.fetchone()[0]} documents"
