"""A database outage becomes a friendly 503 page instead of a traceback."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from archive.errors import api_error, is_api

logger = logging.getLogger(__name__)

DATABASE_DOWN_MESSAGE = "数据库暂时无法访问,请稍后再试。"


class DatabaseUnavailableMiddleware:
    """Turn OperationalError/InterfaceError raised by a view into a 503 rendered without the
    database (no context processors that query it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable: %s", exception)
        if is_api(request):
            response = api_error(DATABASE_DOWN_MESSAGE, 503)
            response["Retry-After"] = "30"
            return response
        html = render_to_string("503.html", {"message": DATABASE_DOWN_MESSAGE})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        return response
