"""The replica router's choices (archive/replicas.py), without a replica: which requests may
read from one, which models, and when a replica is skipped. make test-replica drives a real
streaming replica end to end."""

from __future__ import annotations

import psycopg
import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import RequestFactory

from archive import replicas
from archive.models import Speech
from search.models import SearchDocument


@pytest.fixture
def one_replica(settings, monkeypatch):
    monkeypatch.setattr(replicas, "replica_aliases", lambda: ["replica1"])
    settings.DATABASE_REPLICA_MAX_LAG = 5
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0  # every read checks again
    replicas._health.clear()
    lag = {"seconds": 0.0}

    def fake_lag(alias):
        if lag["seconds"] is None:
            raise psycopg.OperationalError("connection refused")
        return lag["seconds"]

    monkeypatch.setattr(replicas, "lag_seconds", fake_lag)
    yield lag
    replicas._health.clear()


def test_reads_go_to_a_healthy_replica_only_inside_replica_reads(one_replica):
    router = replicas.ReplicaRouter()
    assert router.db_for_read(Speech) == "default"
    with replicas.replica_reads():
        assert router.db_for_read(Speech) == "replica1"
        assert router.db_for_read(SearchDocument) == "replica1"
        assert router.db_for_read(Session) == "default"  # sessions, users: the primary
        assert router.db_for_read(User) == "default"
    assert router.db_for_write(Speech) == "default"
    assert router.allow_migrate("replica1", "archive") is False


def test_a_lagging_or_unreachable_replica_is_skipped(one_replica):
    router = replicas.ReplicaRouter()
    with replicas.replica_reads():
        one_replica["seconds"] = 12.0
        assert router.db_for_read(Speech) == "default"
        one_replica["seconds"] = None
        assert router.db_for_read(Speech) == "default"
        one_replica["seconds"] = 0.5
        assert router.db_for_read(Speech) == "replica1"


@pytest.mark.django_db
def test_inside_a_transaction_reads_stay_on_the_primary(one_replica):
    router = replicas.ReplicaRouter()
    with replicas.replica_reads(), transaction.atomic():
        assert router.db_for_read(Speech) == "default"


@pytest.mark.parametrize(
    ("method", "signed_in", "replica"),
    [("get", False, True), ("head", False, True), ("post", False, False), ("get", True, False)],
)
def test_only_readers_get_and_head_requests_may_read_from_replicas(method, signed_in, replica):
    seen = []
    middleware = replicas.ReplicaReadsMiddleware(
        lambda request: seen.append(replicas._replica_reads.get())
    )
    request = getattr(RequestFactory(), method)("/search/")
    request.user = User(username="editor") if signed_in else AnonymousUser()
    middleware(request)
    assert seen == [replica]
