"""``/healthz``: is the archive able to serve? Checks the database, the search index and the
static files every page links to."""

from __future__ import annotations

from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.backends import backend
from search.unavailable import INDEX_UNAVAILABLE, reading_index


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _index_status() -> str:
    try:
        with reading_index():
            return f"ok ({backend().check()})"
    except INDEX_UNAVAILABLE as exc:
        return f"error: 检索索引无法读取({exc.__class__.__name__}: {str(exc)[:120]})"


# A file every page links to (base.html).
STATIC_PROBE = "css/site.css"
STATIC_MISSING = "error: 静态文件清单缺失,请运行 manage.py collectstatic"


def _static_status() -> str:
    """With hashed names (production), ``{% static %}`` raises for a file missing from
    collectstatic's manifest, so every page would be a 500; say so here."""
    manifest_name = getattr(staticfiles_storage, "manifest_name", None)
    if manifest_name is None:
        return "ok"  # plain storage (development): files are found where they are
    try:
        # The manifest is read once, when the worker starts: a collectstatic run later needs a
        # restart, which is what this check then asks for.
        staticfiles_storage.url(STATIC_PROBE)
    except ValueError:
        return STATIC_MISSING
    return "ok"


@never_cache
def healthz(request):
    database = _database_status()
    index = _index_status()
    static = _static_status()
    healthy = database == "ok" and index.startswith("ok") and static == "ok"
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": database,
            "index": index,
            "static": static,
        },
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
