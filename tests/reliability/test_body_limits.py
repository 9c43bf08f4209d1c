"""Request bodies over the limit are refused from their Content-Length, before any byte is read
(nothing reaches memory or a temporary file)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import ClientHandler

from archive.bodylimit import ERROR_TOO_LARGE

pytestmark = pytest.mark.django_db


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size=-1):
        raise AssertionError("the body was read")

    readline = read


def wsgi_post(path: str, length: int, **extra) -> tuple[str, bytes]:
    """A POST through Django's whole handler with a body that must not be read. The test
    client's handler, which (unlike a bare WSGIHandler) leaves the test's database connection
    open at the end of the request."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        "CONTENT_LENGTH": str(length),
        "wsgi.input": UnreadableBody(),
        "wsgi.url_scheme": "http",
        **extra,
    }
    response = ClientHandler()(environ)
    return str(response.status_code), response.content


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/upload/", "/search/", "/api/search/"])
def test_huge_anonymous_body_is_refused_unread(path):
    status, body = wsgi_post(path, 10**9)
    assert status.startswith("413")
    assert ERROR_TOO_LARGE.split(",")[0] in body.decode()


def test_anonymous_posts_are_capped_small(client):
    response = client.post(
        "/admin/login/", {"username": "x", "password": "y", "padding": "字" * 100_000}
    )
    assert response.status_code == 413
    assert "请求内容过大" in response.content.decode()
    # An ordinary login form still reaches the login page.
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 200


def test_signed_in_uploader_still_uploads_megabytes(settings, monkeypatch):
    monkeypatch.setattr("archive.uploads.tasks.parse_batch", lambda batch_id: None)
    user = User.objects.create_user("editor", password="讲稿库-测试口令", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="can_upload"))
    client = Client()
    client.force_login(user)
    big = SimpleUploadedFile("大文件.txt", ("同志们:\n" + "群众工作。" * 200_000).encode())
    response = client.post("/admin/upload/", {"files": [big]})
    assert response.status_code == 302  # to the batch (or back with a message), not a 413
    # Past the configured upload limit the request is refused before reading.
    status, _ = wsgi_post(
        "/admin/upload/",
        settings.INGEST_MAX_UPLOAD_BYTES * 2,
        HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}",
    )
    assert status.startswith("413")
