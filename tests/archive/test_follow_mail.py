"""Email alerts end to end through a real SMTP server on loopback (aiosmtpd): the mails
arrive, their links work, and unsubscribing stops them."""

from __future__ import annotations

import datetime
import email
import email.policy
import logging
import re
import socket
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from archive.follow import services
from archive.follow.models import Alert
from archive.follow.tasks import send_digests
from tests.search.conftest import make_speech


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.FOLLOW_SITE_URL = "http://testserver"
    yield inbox
    controller.stop()


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _link(text: str, path_part: str) -> str:
    [url] = [u for u in re.findall(r"http://testserver\S+", text) if path_part in u][:1]
    return urlsplit(url).path


def _later(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def test_subscribe_confirm_digest_manage_unsubscribe(client, db, smtp):
    make_speech("县委作风建设会议讲话", "要持续推进作风建设。", date=datetime.date(2023, 1, 5))
    response = client.post(
        "/follow/subscribe/",
        {"email": "reader@example.com", "query": "q=作风建设", "frequency": "daily"},
    )
    assert response.status_code == 200 and "请查收确认邮件" in response.content.decode()
    [confirmation] = smtp.messages
    assert confirmation["To"] == "reader@example.com"
    assert (
        str(confirmation["List-Unsubscribe"])
        .strip()
        .startswith("<http://testserver/follow/unsubscribe/")
    )
    text = _text(confirmation)
    assert "“作风建设”" in text
    # Nothing is sent before the address is confirmed.
    assert services.digests_send(_later(2)) == 0
    page = client.get(_link(text, "/follow/confirm/"))
    assert page.status_code == 200 and "订阅已确认" in page.content.decode()

    make_speech(
        "区委作风建设推进会讲话",
        "今年作风建设要见实效,各部门抓好落实。",
        date=datetime.date(2024, 3, 1),
    )
    make_speech("安全生产会议讲话", "要排查隐患。", date=datetime.date(2024, 3, 2))
    send_digests.call_local()  # not yet a day since the confirmation
    assert len(smtp.messages) == 1
    assert services.digests_send(_later(1.5)) == 1
    digest = smtp.messages[-1]
    body = _text(digest)
    assert "有 1 篇新讲话" in digest["Subject"]
    assert "区委作风建设推进会讲话" in body and "今年作风建设要见实效" in body
    assert "县委作风建设会议讲话" not in body and "安全生产" not in body
    speech_path = _link(body, "/speeches/")
    assert client.get(speech_path).status_code == 200

    manage = client.get(_link(body, "/follow/manage/"))
    assert manage.status_code == 200 and "“作风建设”" in manage.content.decode()
    alert = Alert.objects.get()
    client.post(
        _link(body, "/follow/manage/"),
        {"alert": alert.pk, "action": "frequency", "frequency": "weekly"},
    )
    assert Alert.objects.get().frequency == "weekly"

    gone = client.get(_link(body, "/follow/unsubscribe/"))
    assert gone.status_code == 200 and "已退订" in gone.content.decode()
    assert not Alert.objects.exists()
    make_speech("再一篇作风建设讲话", "作风建设永远在路上。", date=datetime.date(2024, 4, 1))
    assert services.digests_send(_later(30)) == 0
    assert len(smtp.messages) == 2


def test_one_click_unsubscribe_by_post_and_bad_tokens(client, db, smtp):
    services.alert_subscribe(
        email="a@example.com", query="q=党建", frequency="weekly", client_address="10.0.0.1"
    )
    url = urlsplit(str(smtp.messages[0]["List-Unsubscribe"]).strip().strip("<>")).path
    csrf_client = type(client)(enforce_csrf_checks=True)
    assert csrf_client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Alert.objects.exists()
    assert client.get("/follow/confirm/forged/").status_code == 404
    assert client.get("/follow/manage/forged/").status_code == 404
    assert client.get("/follow/unsubscribe/forged/").status_code == 404


def test_abuse_limits_per_address_and_per_client(client, db, smtp, settings):
    settings.FOLLOW_LIMITS = {
        "per_address": 5,
        "confirmations_per_address_per_day": 2,
        "per_client_per_hour": 3,
    }
    post = {"email": "x@example.com", "query": "q=党建", "frequency": "weekly"}
    assert client.post("/follow/subscribe/", post).status_code == 200
    assert client.post("/follow/subscribe/", post).status_code == 200
    refused = client.post("/follow/subscribe/", post)
    assert refused.status_code == 429
    assert services.ERROR_TOO_MANY_CONFIRMATIONS in refused.content.decode()
    other = {**post, "email": "y@example.com"}
    assert client.post("/follow/subscribe/", other).status_code == 200
    refused = client.post("/follow/subscribe/", {**post, "email": "z@example.com"})
    assert refused.status_code == 429 and services.ERROR_CLIENT_LIMIT in refused.content.decode()
    assert len(smtp.messages) == 3
    bad = client.post(
        "/follow/subscribe/", {**post, "email": "not-an-address"}, REMOTE_ADDR="10.9.9.9"
    )
    assert bad.status_code == 400 and services.ERROR_BAD_EMAIL in bad.content.decode()


def test_search_page_offers_the_alert_form(client, db):
    html = client.get("/search/", {"q": "作风建设", "level": "county"}).content.decode()
    assert 'action="/follow/subscribe/"' in html
    assert 'name="query" value="q=%E4%BD%9C%E9%A3%8E%E5%BB%BA%E8%AE%BE&amp;level=county"' in html


def test_a_query_with_a_line_break_still_gets_its_digest_and_does_not_stop_the_others(
    client, db, smtp
):
    """The query is typed by the reader and goes into the digest's Subject: a line break in it
    must not make the mail refused (BadHeaderError), nor stop the digests of other alerts."""
    for query in ("q=作风%0D%0A建设", "q=作风建设"):
        services.alert_subscribe(
            email="reader@example.com", query=query, frequency="daily", client_address="10.0.0.2"
        )
    for alert in Alert.objects.all():
        services.alert_confirm(alert.pk)
    make_speech("区委作风建设推进会讲话", "今年作风建设要见实效。", date=datetime.date(2024, 3, 1))
    assert services.digests_send(_later(1.5)) == 2
    digests = smtp.messages[2:]
    assert len(digests) == 2
    for digest in digests:
        assert "\n" not in str(digest["Subject"])
    assert any("“作风 建设”" in str(d["Subject"]) for d in digests)


def test_a_query_too_long_to_keep_is_refused_with_a_message(client, db, smtp):
    """The longest query the search takes (256 characters) is over 2,000 once percent-encoded:
    more than the alert keeps (1,000). The reader is told, rather than PostgreSQL refusing the
    row (a 500) or the alert following a clipped search."""
    query = "q=" + "作风建设" * 64
    response = client.post(
        "/follow/subscribe/", {"email": "a@example.com", "query": query, "frequency": "weekly"}
    )
    assert response.status_code == 400
    assert services.ERROR_QUERY_TOO_LONG in response.content.decode()
    assert not Alert.objects.exists() and smtp.messages == []


def test_subscribing_while_the_mail_server_is_down_says_so(client, db, settings):
    """No confirmation mail can leave: the reader is told to try later (503, not a 500), and no
    alert is left behind counting against the address's limits."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _free_port(), 2
    response = client.post(
        "/follow/subscribe/",
        {"email": "reader@example.com", "query": "q=作风建设", "frequency": "weekly"},
    )
    assert response.status_code == 503
    assert services.ERROR_MAIL_FAILED in response.content.decode()
    assert not Alert.objects.exists()


def test_the_alert_names_its_place_and_role_filters(client, db, smtp):
    """An alert on a search narrowed to a place and a role says so in its mails and on the
    manage page, rather than reading like a search of the whole archive."""
    from archive.places import ensure_places

    ensure_places()
    alert = services.alert_subscribe(
        email="reader@example.com",
        query="q=作风&place=120103&role=区委书记",
        frequency="weekly",
        client_address="10.0.0.3",
    )
    label = "“作风” 地方:天津市河西区 职务:区委书记"
    assert alert.query_label == label
    assert label in _text(smtp.messages[0])


def test_one_alert_failing_does_not_stop_the_others(client, db, smtp, monkeypatch):
    """Whatever goes wrong with one alert's digest (here: its mail cannot be built), it is tried
    again at the next run and the alerts after it still get theirs."""
    for query in ("q=作风建设", "q=建设"):
        services.alert_subscribe(
            email="reader@example.com", query=query, frequency="daily", client_address="10.0.0.3"
        )
    for alert in Alert.objects.all():
        services.alert_confirm(alert.pk)
    make_speech("区委作风建设推进会讲话", "今年作风建设要见实效。", date=datetime.date(2024, 3, 1))
    first = Alert.objects.order_by("pk").first()
    real_send = services.mail.send_digest

    def broken_for_the_first(alert, ids):
        if alert.pk == first.pk:
            raise ValueError("a template error")
        return real_send(alert, ids)

    monkeypatch.setattr(services.mail, "send_digest", broken_for_the_first)
    assert services.digests_send(_later(1.5)) == 1
    digests = smtp.messages[2:]
    assert len(digests) == 1 and "“建设”" in str(digests[0]["Subject"])
    first.refresh_from_db()
    assert first.last_sent_at is None  # still due: the next run tries it again
    monkeypatch.setattr(services.mail, "send_digest", real_send)
    assert services.digests_send(_later(1.6)) == 1
    assert "“作风建设”" in str(smtp.messages[-1]["Subject"])
