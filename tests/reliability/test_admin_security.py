"""The admin refuses non-staff users everywhere, enforces CSRF on its POSTs, and throttles
login attempts (django-axes, archive/throttle.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client

from archive.models import Speech
from archive.throttle import LIMIT
from tests.search.conftest import make_speech

PASSWORD = "a-long-pass-1234"


@pytest.fixture(autouse=True)
def fresh_throttle(settings):
    # Real password hashing (PBKDF2) costs ~0.3 s a login; these tests are about the refusals.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def speech(db):
    return make_speech("群众工作会议讲话", "群众工作是基础。", index=False)


def admin_urls(speech) -> list[str]:
    return [
        "/admin/",
        "/admin/upload/",
        "/admin/archive/speech/",
        "/admin/archive/speech/add/",
        f"/admin/archive/speech/{speech.pk}/change/",
        f"/admin/archive/speech/{speech.pk}/delete/",
        f"/admin/archive/speech/{speech.pk}/history/",
        "/admin/archive/theme/",
        "/admin/auth/user/",
    ]


def test_anonymous_and_non_staff_users_are_refused_everywhere(client, speech):
    User.objects.create_user("reader", "r@example.com", PASSWORD)
    signed_in = Client()
    signed_in.login(request=HttpRequest(), username="reader", password=PASSWORD)
    for who, visitor in (("anonymous", client), ("non-staff", signed_in)):
        for url in admin_urls(speech):
            response = visitor.get(url)
            assert response.status_code in (302, 403, 404), (who, url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/admin/login/"), (who, url)
        posted = visitor.post(f"/admin/archive/speech/{speech.pk}/delete/", {"post": "yes"})
        assert posted.status_code in (302, 403), (who, posted.status_code)
    assert Speech.objects.filter(pk=speech.pk).exists()


def test_staff_without_permissions_cannot_change_speeches(speech):
    User.objects.create_user("clerk", "c@example.com", PASSWORD, is_staff=True)
    clerk = Client()
    clerk.login(request=HttpRequest(), username="clerk", password=PASSWORD)
    assert clerk.get(f"/admin/archive/speech/{speech.pk}/change/").status_code == 403
    clerk.post(f"/admin/archive/speech/{speech.pk}/delete/", {"post": "yes"})
    assert Speech.objects.filter(pk=speech.pk).exists()


def test_superuser_reaches_the_admin(client, speech):
    User.objects.create_superuser("boss", "b@example.com", PASSWORD)
    client.login(request=HttpRequest(), username="boss", password=PASSWORD)
    assert client.get(f"/admin/archive/speech/{speech.pk}/change/").status_code == 200
    assert client.get("/admin/upload/").status_code == 200


def test_admin_posts_without_csrf_token_are_refused(speech):
    User.objects.create_superuser("boss", "b@example.com", PASSWORD)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(User.objects.get(username="boss"))
    for url, data in [
        (f"/admin/archive/speech/{speech.pk}/delete/", {"post": "yes"}),
        (f"/admin/archive/speech/{speech.pk}/change/", {"title": "改掉"}),
        ("/admin/upload/", {}),
        ("/admin/logout/", {}),
    ]:
        assert browser.post(url, data).status_code == 403, url
    assert Speech.objects.get(pk=speech.pk).title == "群众工作会议讲话"


def test_login_is_throttled_after_repeated_failures(client, db):
    User.objects.create_superuser("boss", "b@example.com", PASSWORD)
    for _ in range(LIMIT - 1):
        failed = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
        assert failed.status_code == 200
    # The LIMIT-th failure locks the address out, and so is any login after it.
    locked = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
    assert locked.status_code == 429
    blocked = client.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "登录失败次数过多" in blocked.content.decode()
    assert "_auth_user_id" not in client.session

    other = Client(REMOTE_ADDR="10.0.0.2")
    allowed = other.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert allowed.status_code == 302


def test_a_successful_login_resets_the_count(client, db):
    User.objects.create_superuser("boss", "b@example.com", PASSWORD)
    for _ in range(LIMIT - 1):
        client.post("/admin/login/", {"username": "boss", "password": "wrong"})
    assert (
        client.post("/admin/login/", {"username": "boss", "password": PASSWORD}).status_code == 302
    )
    client.logout()
    for _ in range(LIMIT - 1):
        assert (
            client.post("/admin/login/", {"username": "boss", "password": "x"}).status_code == 200
        )
    assert (
        client.post("/admin/login/", {"username": "boss", "password": PASSWORD}).status_code == 302
    )


def test_the_count_is_shared_by_every_worker_and_survives_a_restart(client, db):
    """Each gunicorn worker has its own local-memory cache, and a restart empties it: the count
    must not live there (clearing the cache stands for another worker or a restart)."""
    User.objects.create_superuser("boss", "b@example.com", PASSWORD)
    for attempt in range(LIMIT - 1):
        failed = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
        assert failed.status_code == 200
        if attempt == 1:
            cache.clear()
    cache.clear()
    locked = client.post("/admin/login/", {"username": "boss", "password": "wrong"})
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
