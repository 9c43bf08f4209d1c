"""Admin login throttling: after LOGIN_FAILURE_LIMIT failed attempts from one address within
LOGIN_FAILURE_WINDOW seconds, the login form answers 429 until the window passes.

A failed login is the login form shown again after a POST (200); a success redirects. Counts
live in Django's cache (per process with the default local-memory cache, so each gunicorn
worker counts on its own: the effective limit is the limit times the workers).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

LOGIN_PATH = "/admin/login/"
LIMIT = int(getattr(settings, "LOGIN_FAILURE_LIMIT", 5))
WINDOW = int(getattr(settings, "LOGIN_FAILURE_WINDOW", 15 * 60))
MESSAGE = "登录失败次数过多,请 {minutes} 分钟后再试。"


def _key(request) -> str:
    return f"login-failures:{request.META.get('REMOTE_ADDR', '')}"


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != LOGIN_PATH or request.method != "POST":
            return self.get_response(request)
        key = _key(request)
        if cache.get(key, 0) >= LIMIT:
            return HttpResponse(
                MESSAGE.format(minutes=WINDOW // 60),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
        response = self.get_response(request)
        if response.status_code == 200:
            cache.add(key, 0, WINDOW)
            cache.incr(key)
        elif response.status_code in (301, 302):
            cache.delete(key)
        return response
