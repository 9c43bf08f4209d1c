"""Limits of the draft check: size of the text and of an uploaded file, and submissions per
address. The rate is counted in Django's cache (``CACHES``): with the default per-process
memory cache each worker counts on its own, so the effective limit is workers × REUSE_CHECK_RATE;
point CACHES at a shared cache (database or Redis) to make it exact."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from archive.client_address import client_address

MAX_CHARS = settings.REUSE_CHECK_MAX_CHARS
MAX_FILE_BYTES = settings.REUSE_CHECK_MAX_FILE_BYTES
MAX_OCR_PAGES = settings.REUSE_CHECK_MAX_OCR_PAGES  # scanned pages recognised per file
RATE = settings.REUSE_CHECK_RATE  # submissions per address per window
WINDOW = settings.REUSE_CHECK_WINDOW  # seconds

ERROR_EMPTY = "请粘贴文稿或选择文件。"
ERROR_TOO_LONG = "文稿过长:{chars} 字,一次最多查 {limit} 字,请分段提交。"
ERROR_FILE_TOO_LARGE = "文件过大:上限 {limit} MB。"
ERROR_RATE = "查重过于频繁,请 {minutes} 分钟后再试。"


def rate_exceeded(request) -> bool:
    """Count this submission; True when the address is over RATE in the current window."""
    window = int(time.time()) // WINDOW
    key = f"reuse-check:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=WINDOW):
        return RATE < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=WINDOW)
        count = 1
    return count > RATE
