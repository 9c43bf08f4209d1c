"""The one write path of alerts: subscribe, confirm, change, unsubscribe, send the digests.

Errors a reader can cause are ``FollowError`` with a Chinese message (module constants the
tests reuse); views turn them into pages.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from archive.follow import mail
from archive.follow.models import Alert
from archive.models import Speech
from search.language.params import SearchParams, parse_params
from search.page.service import search
from search.unavailable import INDEX_UNAVAILABLE

logger = logging.getLogger(__name__)

ERROR_BAD_EMAIL = "邮箱地址不对,请检查后再试。"
ERROR_TOO_MANY_ALERTS = "这个邮箱的提醒已达上限({limit} 个),请先退订一些。"
ERROR_TOO_MANY_CONFIRMATIONS = "这个邮箱今天已收到多封确认邮件,请先确认,或明天再试。"
ERROR_CLIENT_LIMIT = "订阅太频繁,请一小时后再试。"
ERROR_BAD_FREQUENCY = "提醒频率只能是每天或每周。"
ERROR_QUERY_TOO_LONG = "检索条件太长,无法订阅提醒,请缩短检索词后再试。"
ERROR_MAIL_FAILED = "确认邮件暂时无法发出,订阅没有保存,请稍后再试。"
DIGEST_SEARCH_CAP = 2000  # matches examined per alert for news, newest first


class FollowError(Exception):
    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def client_key(address: str) -> str:
    """A keyed hash of the client's address: comparable, not reversible without the key."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()


def alert_query(params: SearchParams) -> str:
    """The query string an alert keeps: the search's state without page and sort."""
    return urlencode(params.as_query_dict(page=None, sort=None))


def _check_limits(email: str, client: str, now: datetime.datetime) -> None:
    limits = settings.FOLLOW_LIMITS
    recent_client = Alert.objects.filter(
        client=client, created_at__gte=now - datetime.timedelta(hours=1)
    ).count()
    if client and recent_client >= limits["per_client_per_hour"]:
        raise FollowError(ERROR_CLIENT_LIMIT, status=429)
    mine = Alert.objects.filter(email__iexact=email)
    if mine.count() >= limits["per_address"]:
        raise FollowError(ERROR_TOO_MANY_ALERTS.format(limit=limits["per_address"]), status=429)
    unconfirmed_today = mine.filter(
        confirmed_at=None, created_at__gte=now - datetime.timedelta(days=1)
    ).count()
    if unconfirmed_today >= limits["confirmations_per_address_per_day"]:
        raise FollowError(ERROR_TOO_MANY_CONFIRMATIONS, status=429)


def alert_subscribe(*, email: str, query: str, frequency: str, client_address: str) -> Alert:
    """A new unconfirmed alert and its confirmation mail (double opt-in)."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise FollowError(ERROR_BAD_EMAIL) from error
    if frequency not in Alert.Frequency.values:
        raise FollowError(ERROR_BAD_FREQUENCY)
    params = parse_params(QueryDict(query or ""))
    kept = alert_query(params)
    if len(kept) > Alert._meta.get_field("query").max_length:
        raise FollowError(ERROR_QUERY_TOO_LONG)
    client = client_key(client_address)
    now = timezone.now()
    with transaction.atomic():
        _check_limits(email, client, now)
        alert = Alert.objects.create(email=email, query=kept, frequency=frequency, client=client)
    try:
        mail.send_confirmation(alert)
    except OSError as error:  # SMTP refused or unreachable: smtplib's errors are OSErrors
        logger.exception("alert %s: confirmation not sent, subscription dropped", alert.pk)
        alert.delete()
        raise FollowError(ERROR_MAIL_FAILED, status=503) from error
    return alert


def alert_confirm(alert_id: int) -> Alert | None:
    """Confirm the alert; news count from now on. None when it no longer exists."""
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None:
        return None
    if alert.confirmed_at is None:
        now = timezone.now()
        alert.confirmed_at = now
        alert.checked_until = now
        alert.save(update_fields=["confirmed_at", "checked_until"])
    return alert


def alert_unsubscribe(alert_id: int) -> Alert | None:
    """Delete the alert; returns what it was (for the page), or None when already gone."""
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is not None:
        alert.delete()
    return alert


def alert_set_frequency(*, email: str, alert_id: int, frequency: str) -> None:
    if frequency not in Alert.Frequency.values:
        raise FollowError(ERROR_BAD_FREQUENCY)
    Alert.objects.filter(pk=alert_id, email__iexact=email).update(frequency=frequency)


def alert_delete(*, email: str, alert_id: int) -> None:
    Alert.objects.filter(pk=alert_id, email__iexact=email).delete()


def new_matches(alert: Alert, until: datetime.datetime) -> list[int]:
    """Ids of published speeches matching the alert's search that were added after the last
    check and up to ``until``, newest first. Raises INDEX_UNAVAILABLE like a search."""
    params = replace(parse_params(QueryDict(alert.query)), sort="newest", page=1)
    hits = search(params, per_page=DIGEST_SEARCH_CAP).outcome.hits
    ids = [hit.speech_id for hit in hits]
    fresh = set(
        Speech.objects.published()
        .filter(pk__in=ids, created_at__gt=alert.checked_until, created_at__lte=until)
        .values_list("pk", flat=True)
    )
    return [pk for pk in ids if pk in fresh]


def digests_send(now: datetime.datetime | None = None) -> int:
    """Send every confirmed alert that is due its digest of news; returns mails sent. An alert
    whose search fails (index unreadable), whose mail is refused, or that fails in any other way
    is logged and tried at the next run; the alerts after it are sent all the same."""
    now = now or timezone.now()
    sent = 0
    for alert in Alert.objects.exclude(confirmed_at=None).order_by("pk"):
        if alert.checked_until and alert.checked_until + alert.period > now:
            continue
        try:
            sent += _digest_one(alert, now)
        except Exception:  # noqa: BLE001 - one alert's failure must not stop the others' digests
            logger.exception("alert %s: digest failed, tried again next run", alert.pk)
    return sent


def _digest_one(alert: Alert, now: datetime.datetime) -> int:
    """The digest of one due alert: 1 when a mail went out, 0 when there was no news or it is
    postponed to the next run."""
    try:
        ids = new_matches(alert, now)
    except INDEX_UNAVAILABLE:
        logger.exception("alert %s: search index unreadable, digest postponed", alert.pk)
        return 0
    if ids:
        try:
            mail.send_digest(alert, ids)
        except OSError:  # SMTP refused or unreachable: smtplib's errors are OSErrors
            logger.exception("alert %s: digest not sent, tried again next run", alert.pk)
            return 0
        alert.last_sent_at = now
    alert.checked_until = now
    alert.save(update_fields=["checked_until", "last_sent_at"])
    return 1 if ids else 0
