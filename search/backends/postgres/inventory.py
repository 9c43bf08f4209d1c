"""What the PostgreSQL index holds, and whether it can be read."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from search.backends.postgres import filters
from search.backends.postgres.db import read_cursor, write_cursor

DOCUMENTS = "speech_search_searchdocument"
CHUNKS = "speech_search_searchchunk"
RUM_INDEX = "search_chunk_grams_rum"
REQUIRED_INDEXES = (
    RUM_INDEX,
    "search_document_title_gin",
    "search_document_words_gin",
)


def indexed_count() -> int:
    with write_cursor() as cursor:  # the primary: upkeep compares it with what was just written
        cursor.execute(f"SELECT count(*) FROM {DOCUMENTS}")
        return cursor.fetchone()[0]


def indexed_stamps() -> dict[int, str]:
    """Each indexed speech's stamp (``index_stamp`` of the speech it was written from); no
    stamp (stale: check_index repairs it) for a speech whose chunks' copies of its filter
    columns differ from its document's, as a one-term search filters and counts on those."""
    chunk = ", ".join(f"c.{column}" for column in filters.columns())
    document = ", ".join(f"d.{column}" for column in filters.columns())
    with write_cursor() as cursor:
        cursor.execute(
            f"""SELECT d.speech_id, CASE WHEN EXISTS (
                    SELECT 1 FROM {CHUNKS} c WHERE c.speech_id = d.speech_id
                    AND ({chunk}) IS DISTINCT FROM ({document})
                ) THEN '' ELSE d.updated END
            FROM {DOCUMENTS} d"""
        )
        return dict(cursor.fetchall())


def missing_indexes(cursor) -> list[str]:
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [list(REQUIRED_INDEXES)]
    )
    present = {row[0] for row in cursor.fetchall()}
    return [name for name in REQUIRED_INDEXES if name not in present]


ERROR_NO_RUM = (
    "SEARCH_BACKEND=postgres 需要 PostgreSQL 的 rum 扩展,"
    "数据库 {database} 还没有文本块的 RUM 索引。"
    "请在数据库服务器上安装 rum(Debian:apt-get install postgresql-15-rum,版本号与服务器一致),"
    "然后运行 python manage.py migrate speech_search 0002 和 python manage.py migrate。"
)
ERROR_MISSING = "缺少检索索引:{names}(请运行 migrate)"


def require_indexes() -> None:
    """Refuse to serve without the indexes searches rely on (start-up, check_index)."""
    with read_cursor() as cursor:
        missing = missing_indexes(cursor)
        if RUM_INDEX in missing:
            raise ImproperlyConfigured(
                ERROR_NO_RUM.format(database=cursor.db.settings_dict["NAME"])
            )
        if missing:
            raise LookupError(ERROR_MISSING.format(names=", ".join(missing)))


def check() -> str:
    """Read the index as a search would (a match through the chunks' index); the document
    count."""
    require_indexes()
    with read_cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM speech_search_searchchunk WHERE grams @@ %s::tsquery", ["'的'"]
        )
        cursor.execute(f"SELECT count(*) FROM {DOCUMENTS}")
        return f"{cursor.fetchone()[0]} documents"
