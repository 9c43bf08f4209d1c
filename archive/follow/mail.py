"""The mails of an alert: the confirmation and the digest, plain text, every one with its
unsubscribe and manage links (and the List-Unsubscribe headers for one-click unsubscribe)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse

from archive.follow import tokens
from archive.follow.models import Alert
from search.backends import Hit
from search.language.params import parse_params
from search.language.query import parse_query
from search.page.export import plain_snippet
from search.page.results import build_rows

DIGEST_ROWS = 20  # speeches listed in one mail; the mail links to the search for the rest


def absolute(path: str) -> str:
    """Mails are sent by a worker with no request: links use FOLLOW_SITE_URL."""
    return settings.FOLLOW_SITE_URL.rstrip("/") + path


def links(alert: Alert) -> dict[str, str]:
    return {
        "unsubscribe_url": absolute(
            reverse("follow:unsubscribe", args=[tokens.unsubscribe_token(alert.pk)])
        ),
        "manage_url": absolute(reverse("follow:manage", args=[tokens.manage_token(alert.email)])),
        "search_url": absolute(
            reverse("search:search") + (f"?{alert.query}" if alert.query else "")
        ),
    }


def _send(alert: Alert, subject: str, template: str, context: dict) -> None:
    context = {"alert": alert, **links(alert), **context}
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[alert.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send(fail_silently=False)


def send_confirmation(alert: Alert) -> None:
    confirm_url = absolute(reverse("follow:confirm", args=[tokens.confirm_token(alert.pk)]))
    _send(
        alert,
        "请确认订阅讲稿库检索提醒",
        "follow/mail/confirm.txt",
        {"confirm_url": confirm_url, "days": tokens.CONFIRM_MAX_AGE // 86400},
    )


def send_digest(alert: Alert, speech_ids: list[int]) -> None:
    """The news of one alert: the first DIGEST_ROWS speeches with their snippets."""
    params = parse_params(QueryDict(alert.query))
    shown = speech_ids[:DIGEST_ROWS]
    rows = build_rows([Hit(pk, None) for pk in shown], parse_query(params.q), params.q)
    items = [
        {
            "title": row.speech.title,
            "date": row.speech.date,
            "url": absolute(row.url),
            "snippet": plain_snippet(row),
        }
        for row in rows
    ]
    _send(
        alert,
        f"讲稿库提醒:{alert.query_label} 有 {len(speech_ids)} 篇新讲话",
        "follow/mail/digest.txt",
        {"items": items, "count": len(speech_ids), "more": len(speech_ids) - len(items)},
    )
