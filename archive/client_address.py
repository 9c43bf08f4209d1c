"""The reader's address, for the per-address limits (draft check, alert subscriptions, admin
login lockout). Behind the TLS proxy that docs/deploy.md puts in front, REMOTE_ADDR is the
proxy's for every request: CLIENT_ADDRESS_HEADER names the header the proxy sets instead
(X-Real-IP, or X-Forwarded-For, of which the right-most entry, the one the proxy appended,
is taken: the entries before it are whatever the client sent)."""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    header = settings.CLIENT_ADDRESS_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        last = value.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
