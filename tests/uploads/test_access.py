"""Only staff with can_upload reach the upload pages; the upload form needs its CSRF token."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from archive.uploads.models import UploadBatch

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/admin/upload/", "/admin/archive/speech/"])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_non_staff_user_gets_no_access(client):
    user = User.objects.create_user("reader", password="x-y-z-123")
    client.force_login(user)
    for url in ["/admin/upload/", "/admin/archive/speech/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_without_permission_is_refused(client):
    user = User.objects.create_user("staff", password="x-y-z-123", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/upload/").status_code == 403


def test_upload_post_without_csrf_token_is_rejected(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(reverse("uploads:upload"))
    assert "上传讲话" in page.content.decode()
    response = client.post(
        reverse("uploads:upload"), {"files": [SimpleUploadedFile("a.txt", "同志们".encode())]}
    )
    assert response.status_code == 403
    assert not UploadBatch.objects.exists()
