"""``/healthz``: is the archive able to serve? Checks the database and the search index."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.engine import open_index
from search.unavailable import INDEX_UNAVAILABLE


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _index_status() -> str:
    try:
        index = open_index()
        with index.searcher() as searcher:
            return f"ok ({searcher.doc_count()} documents)"
    except INDEX_UNAVAILABLE as exc:
        return f"error: {exc.__class__.__name__}"


@never_cache
def healthz(request):
    database = _database_status()
    index = _index_status()
    healthy = database == "ok" and index.startswith("ok")
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "index": index},
        status=200 if healthy else 503,
    )
