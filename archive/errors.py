"""Error pages: HTML for people, JSON under /api/ (a client parsing JSON must never get a page)."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views import defaults

API_PREFIX = "/api/"
ERROR_NOT_FOUND = "找不到请求的内容。"
ERROR_SERVER = "服务器内部错误,请稍后再试。"
ERROR_BAD_REQUEST = "请求无效。"
ERROR_FORBIDDEN = "没有权限访问。"
ERROR_METHOD = "不支持这种请求方法。"
ERROR_GENERIC = "请求失败。"
STATUS_MESSAGES = {
    400: ERROR_BAD_REQUEST,
    403: ERROR_FORBIDDEN,
    404: ERROR_NOT_FOUND,
    405: ERROR_METHOD,
    500: ERROR_SERVER,
}


class NotFound(Http404):
    """A 404 whose message names what the link asked for (没有代码为 999999 的地方。): the page
    shows it. Django's own 404s (an unknown URL, get_object_or_404) keep the generic page."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def not_found(request, exception):
    if is_api(request):
        return api_error(ERROR_NOT_FOUND, 404)
    if isinstance(exception, NotFound):
        return render(request, "404.html", {"message": exception.message}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return api_error(ERROR_SERVER, 500)
    return defaults.server_error(request)


def bad_request(request, exception):
    if is_api(request):
        return api_error(ERROR_BAD_REQUEST, 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if is_api(request):
        return api_error(ERROR_FORBIDDEN, 403)
    return defaults.permission_denied(request, exception)


class ApiErrorsAsJsonMiddleware:
    """The last word on /api/ errors: whatever produced an error response that is not JSON
    (the CSRF refusal, a 405 from require_GET, a page from any middleware), the client gets
    ``{"error": "…"}`` with the same status. The handlers above cover the usual cases."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            is_api(request)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            message = STATUS_MESSAGES.get(response.status_code, ERROR_GENERIC)
            replacement = api_error(message, response.status_code)
            for header in ("Allow", "Retry-After"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response
