"""Reads from a real streaming replica, run by .ci/test-replica.sh (make test-replica), which
starts the replica and passes DATABASE_URL (the primary), DATABASE_REPLICA_URLS and
REPLICA_STOP (the command that stops the replica).

Not a pytest module: pytest-django would create its throw-away database on every alias, and
a hot standby refuses writes. Each step asserts what a reader would see: the searches are
answered by the replica while it is healthy, by the primary (with no error and the same
results) while it lags past the bound and after it is stopped mid-run.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
os.environ.setdefault("DATABASE_REPLICA_MAX_LAG", "1")
os.environ.setdefault("DATABASE_REPLICA_CHECK_SECONDS", "0.2")

import django  # noqa: E402

django.setup()

from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from archive import replicas, services  # noqa: E402
from archive.models import Speech  # noqa: E402
from search.backends import backend  # noqa: E402

REPLICA = "replica1"
QUERY = "领导"


def step(text: str) -> None:
    print(f"-- {text}", flush=True)


def wait_for(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def primary_count(q: str = QUERY) -> int:
    return len(backend().matching_ids(q))  # outside a request: the primary


def search(client: Client, q: str = QUERY) -> tuple[int, list[str], list[str]]:
    """(count the API shows, SQL run on the replica, SQL run on the primary)."""
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200, response.content[:300]
    searched = "speech_search_search"
    return (
        response.json()["count"],
        [q["sql"] for q in on_replica.captured_queries if searched in q["sql"]],
        [q["sql"] for q in on_primary.captured_queries if searched in q["sql"]],
    )


def replica_sql(sql: str):
    """Run on the replica itself (its own connection, no fallback)."""
    return replicas_connection().execute(sql).fetchone()


_direct = []


def replicas_connection():
    if not _direct:
        import psycopg

        conf = connections[REPLICA].settings_dict
        _direct.append(
            psycopg.connect(
                host=conf["HOST"],
                port=conf["PORT"],
                user=conf["USER"],
                dbname=conf["NAME"],
                autocommit=True,
            )
        )
    return _direct[0]


def main() -> int:
    setup_test_environment()
    client = Client()
    assert replica_sql("SELECT pg_is_in_recovery()")[0] is True, "not a standby"
    expected = primary_count()
    assert expected > 0

    step("a search is answered by the replica")
    wait_for(lambda: replicas.lag_seconds(REPLICA) == 0, "the replica to catch up")
    count, on_replica, on_primary = search(client)
    assert count == expected, (count, expected)
    assert on_replica and not on_primary, (on_replica, on_primary)
    speech = Speech.objects.published().order_by("pk").first()
    with CaptureQueriesContext(connections[REPLICA]) as reading:
        assert client.get(f"/speeches/{speech.pk}/").status_code == 200
    assert reading.captured_queries, "the reading page did not read from the replica"

    step("a write on the primary reaches the replica's searches")
    services.speech_delete(speech=speech)
    expected = primary_count()
    wait_for(lambda: search(client)[0] == expected, "the delete to reach the replica")

    step("a replica lagging past DATABASE_REPLICA_MAX_LAG is skipped")
    replica_sql("SELECT pg_wal_replay_pause()")
    try:
        other = Speech.objects.published().order_by("pk").first()
        services.speech_delete(speech=other)
        expected = primary_count()
        time.sleep(1.5)  # past the 1 s bound
        count, on_replica, on_primary = search(client)
        assert count == expected and on_primary and not on_replica, (count, expected)
    finally:
        replica_sql("SELECT pg_wal_replay_resume()")
    wait_for(lambda: replicas.lag_seconds(REPLICA) == 0, "the replica to catch up again")
    time.sleep(0.3)  # the next health check
    count, on_replica, _on_primary = search(client)
    assert count == expected and on_replica, "the caught-up replica is used again"

    step("the replica is stopped mid-run: every search still answers, from the primary")
    stop = threading.Thread(
        target=lambda: subprocess.run(shlex.split(os.environ["REPLICA_STOP"]), check=True)
    )
    served_by_replica = served_by_primary = 0
    started = time.monotonic()
    while time.monotonic() - started < 8:
        if not stop.is_alive() and stop.ident is None and time.monotonic() - started > 1:
            stop.start()
        count, on_replica, on_primary = search(client)
        assert count == expected, (count, expected)
        served_by_replica += bool(on_replica)
        served_by_primary += bool(on_primary)
    stop.join()
    print(f"   searches: {served_by_replica} by the replica, {served_by_primary} by the primary")
    assert served_by_replica and served_by_primary
    count, on_replica, on_primary = search(client)
    assert count == expected and on_primary and not on_replica
    step("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
