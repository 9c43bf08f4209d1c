"""Admin login lockout, counted by django-axes in the database: at the LIMIT-th failed login
from one address within WINDOW seconds (AXES_FAILURE_LIMIT, AXES_COOLOFF_TIME in settings),
logins from it are refused with 429 until the window passes; a successful login resets the
count. Stored in the database, the count is the same in every
gunicorn worker and survives a restart (a per-process cache gave each worker its own count).

The address is archive.client_address (AXES_CLIENT_IP_CALLABLE): REMOTE_ADDR, or behind a
proxy the header CLIENT_ADDRESS_HEADER names; unset there, every client shares the proxy's.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

LIMIT = settings.AXES_FAILURE_LIMIT
WINDOW = int(settings.AXES_COOLOFF_TIME.total_seconds())
MESSAGE = "登录失败次数过多,请 {minutes} 分钟后再试。"


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """What a locked-out address gets (AXES_LOCKOUT_CALLABLE): the Chinese message, 429."""
    return HttpResponse(
        MESSAGE.format(minutes=WINDOW // 60),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
