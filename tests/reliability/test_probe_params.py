"""Findings of the fault and abuse probe on query parameters and JSON errors (issue 15)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.reliability.test_url_fuzz import archive  # noqa: F401 (fixture)

# Unicode digits that str.isdigit() accepts and int() refuses.
ODD_DIGITS = ["²", "①", "³", "1²", "٣"]


@pytest.mark.parametrize("page", ODD_DIGITS)
def test_unicode_digit_pages_are_page_one(client, archive, page):  # noqa: F811
    response = client.get("/search/", {"q": "群众", "page": page})
    assert response.status_code == 200
    assert f'href="/speeches/{archive.pk}/' in response.content.decode()
    response = client.get("/speeches/", {"page": page})
    assert response.status_code == 200
    assert "群众工作会议讲话" in response.content.decode()
    response = client.get("/api/search/", {"q": "群众", "page": page})
    assert response.status_code == 200
    assert response.json()["page"] == 1


def test_api_not_found_is_json(client, archive):  # noqa: F811
    for url in ["/api/speeches/999999/", "/api/nothing-here/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json"), url
        assert "error" in response.json()


def test_api_server_error_is_json(archive, monkeypatch):  # noqa: F811
    def broken(params, **options):
        raise RuntimeError("probe")

    monkeypatch.setattr("search.views.search", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/api/search/", {"q": "群众"})
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]
    page = client.get("/search/", {"q": "群众"})
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


def test_api_database_outage_is_json(client, archive, monkeypatch):  # noqa: F811
    from django.db import OperationalError

    def broken(params, **options):
        raise OperationalError("probe")

    monkeypatch.setattr("search.views.search", broken)
    response = client.get("/api/search/", {"q": "群众"})
    assert response.status_code == 503
    assert response.json()["error"] == "数据库暂时无法访问,请稍后再试。"


def test_long_query_is_clipped_before_links_are_built(client, archive):  # noqa: F811
    from search.language.query import MAX_QUERY_CHARS

    short = client.get("/search/", {"q": "群众"})
    long_q = "群众 " * 1366  # 4 KB of characters, still finding the speech
    response = client.get("/search/", {"q": long_q})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/speeches/{archive.pk}/' in html
    assert long_q[: MAX_QUERY_CHARS + 1] not in html
    # Every link carries the query: clipped, the page grows by a few links' worth, not by 4 KB
    # per link.
    assert len(response.content) < len(short.content) + 40_000, len(response.content)
    data = client.get("/api/search/", {"q": long_q}).json()
    assert data["count"] == 1


def test_api_never_answers_html(archive):  # noqa: F811
    client = Client(enforce_csrf_checks=True)
    for response in (
        client.post("/api/search/", {"q": "群众"}),  # CSRF refusal, before the view
        Client().post("/api/search/", {"q": "群众"}),  # GET only: 405
        Client().delete(f"/api/speeches/{archive.pk}/"),
    ):
        assert response.status_code in (403, 405), response.status_code
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["error"]
