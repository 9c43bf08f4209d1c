"""Content-Security-Policy: scripts only from this site, so markup that slipped into a page
(stored XSS) could not run. Every page and the admin carry the header."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.search.conftest import make_speech

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_pages_allow_scripts_only_from_this_site(client):
    speech = make_speech("群众工作会议讲话", "同志们:\n群众工作是基础。")
    for url in ["/", "/search/?q=群众", f"/speeches/{speech.pk}/", "/speeches/", "/nothing/"]:
        policy = directives(client.get(url))
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["base-uri"] == ["'self'"], url


def test_admin_pages_carry_the_policy(client):
    client.force_login(User.objects.create_superuser("root", password="讲稿库-测试口令"))
    for url in ["/admin/", "/admin/archive/speech/", "/admin/upload/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response)["script-src"] == ["'self'"], url
