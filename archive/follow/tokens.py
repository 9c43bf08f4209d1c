"""Signed tokens for the links in mails: confirm (expires), unsubscribe and manage (do not:
a link in an old mail must still stop the mails). Django's signing, keyed by SECRET_KEY."""

from __future__ import annotations

from django.core import signing

CONFIRM_MAX_AGE = 7 * 24 * 3600
_CONFIRM = "follow.confirm"
_UNSUBSCRIBE = "follow.unsubscribe"
_MANAGE = "follow.manage"


def confirm_token(alert_id: int) -> str:
    return signing.dumps(alert_id, salt=_CONFIRM)


def unsubscribe_token(alert_id: int) -> str:
    return signing.dumps(alert_id, salt=_UNSUBSCRIBE)


def manage_token(email: str) -> str:
    return signing.dumps(email.lower(), salt=_MANAGE)


def read_confirm(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=_CONFIRM, max_age=CONFIRM_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def read_unsubscribe(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=_UNSUBSCRIBE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def read_manage(token: str) -> str | None:
    try:
        value = signing.loads(token, salt=_MANAGE)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None
