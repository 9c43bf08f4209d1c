"""/healthz and the friendly 503 when the database is down."""

from __future__ import annotations

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db(transaction=True)


def test_healthz_reports_database_and_index(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["index"].startswith("ok")


def test_database_outage_is_a_friendly_503(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("django.db.models.query.QuerySet._fetch_all", broken)
    response = client.get("/speeches/1/")
    assert response.status_code == 503
    text = response.content.decode()
    assert "数据库暂时无法访问" in text
    assert "Traceback" not in text and "OperationalError" not in text
    assert response["Retry-After"] == "30"


def test_healthz_says_when_the_database_is_down(client, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OperationalError("server closed the connection")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"].startswith("error")
