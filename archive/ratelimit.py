"""Requests per reader per time window, counted in Django's cache (``CACHES``): with the default
per-process memory cache each worker counts on its own, so the effective limit is workers ×
rate; point CACHES at a shared cache (database or Redis) to make it exact. The reader is the
address archive/client_address.py names (the proxy's header when CLIENT_ADDRESS_HEADER is set)."""

from __future__ import annotations

import time

from django.core.cache import cache

from archive.client_address import client_address


def exceeded(request, scope: str, rate: int, window: int) -> bool:
    """Count this request under ``scope``; True when the reader is over ``rate`` requests in
    the current ``window`` seconds."""
    current = int(time.time()) // window
    key = f"{scope}:{client_address(request)}:{current}"
    if cache.add(key, 1, timeout=window):
        return rate < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count > rate
