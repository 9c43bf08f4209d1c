"""Limits of the draft check: size of the text and of an uploaded file, and submissions per
address (archive/ratelimit.py counts them)."""

from __future__ import annotations

from django.conf import settings

from archive import ratelimit

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
    return ratelimit.exceeded(request, "reuse-check", RATE, WINDOW)
