"""Request bodies over the limit are refused from their Content-Length, before Django reads a
byte (multipart files past FILE_UPLOAD_MAX_MEMORY_SIZE would otherwise be written to temporary
files first). Runs first in MIDDLEWARE, before sessions: whether the sender is signed in is
looked up in the session store only for a body too big for an anonymous request.

Limits: anonymous requests REQUEST_MAX_ANONYMOUS_BODY_BYTES (the login form is tiny); signed-in
users REQUEST_MAX_BODY_BYTES (admin forms with a long speech body); the upload page
INGEST_MAX_UPLOAD_BYTES plus multipart overhead (the upload view then explains the exact limit);
the draft check (/check/, /check/compare/, /api/check/) REUSE_CHECK_MAX_FILE_BYTES plus that
overhead.
A body sent without Content-Length (chunked) is not read by Django at all.

The refused body is never read by Django; gunicorn may still drain it from the socket to keep
the connection alive (it has no body limit of its own), so the bytes on the wire are stopped by
the proxy in front (nginx ``client_max_body_size``), see docs/deploy.md.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpResponse
from django.template.loader import render_to_string

from archive.errors import api_error, is_api

UPLOAD_PATH = "/admin/upload/"
# The draft check takes a pasted text or one file from anyone (REUSE_CHECK_MAX_FILE_BYTES); its
# result posts the draft again to set it beside a source (/check/compare/).
CHECK_PATHS = ("/check/", "/check/compare/", "/api/check/")
# Multipart boundaries and headers around the files of an upload at the full limit.
MULTIPART_OVERHEAD = 1024 * 1024
ERROR_TOO_LARGE = "请求内容过大,已拒绝(上限 {limit})。"


def _human(size: int) -> str:
    return f"{size // 1024} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.0f} MB"


def _signed_in(request) -> bool:
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(key)
    return store.get(SESSION_KEY) is not None


def limit_for(request) -> int:
    """The largest body this request may send; the session is read only when needed."""
    if request.path in CHECK_PATHS:
        return settings.REUSE_CHECK_MAX_FILE_BYTES + MULTIPART_OVERHEAD
    if not _signed_in(request):
        return settings.REQUEST_MAX_ANONYMOUS_BODY_BYTES
    if request.path == UPLOAD_PATH:
        return settings.INGEST_MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD
    return settings.REQUEST_MAX_BODY_BYTES


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django treats a malformed length as no body
        if length > settings.REQUEST_MAX_ANONYMOUS_BODY_BYTES:
            limit = limit_for(request)
            if length > limit:
                return _too_large(request, limit)
        return self.get_response(request)


def _too_large(request, limit: int) -> HttpResponse:
    message = ERROR_TOO_LARGE.format(limit=_human(limit))
    if is_api(request):
        response = api_error(message, 413)
    else:
        html = render_to_string("413.html", {"message": message})
        response = HttpResponse(html, status=413)
    return response
