"""Reads from PostgreSQL replicas (DATABASE_REPLICA_URLS), writes to the primary.

Which requests read from a replica: those ``ReplicaReadsMiddleware`` marks, i.e. GET and
HEAD requests of readers who are not signed in (search, the API, reading pages). Everything
else (editors, the admin, uploads, commands, the upload worker) reads the primary, so whoever
writes always reads their own writes. Inside a transaction on the primary every read stays on
the primary too.

A replica is used only while healthy: reachable, and replaying within
DATABASE_REPLICA_MAX_LAG seconds of the primary. Health is checked at most every
DATABASE_REPLICA_CHECK_SECONDS per process, on a connection of its own; a replica that fails
(refuses a connection, or drops one mid-request: ``archive/replica_db``) is marked down for
that long and the read is answered by the primary instead, with no error.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from contextlib import contextmanager

import psycopg
from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)

# The apps whose reads may be served by a replica (what readers see); sessions, users, the
# login lockout and the upload queue always read the primary.
READ_APPS = frozenset({"archive", "speech_search"})
_replica_reads = contextvars.ContextVar("replica_reads", default=False)
_health: dict[str, tuple[float, bool]] = {}  # alias → (checked at, usable)
_health_lock = threading.Lock()
_turn = 0

LAG_SQL = """
SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
  ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 1e9)
END
"""


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


@contextmanager
def replica_reads():
    """Inside this block, reads of READ_APPS may go to a healthy replica."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def _record(alias: str, ok: bool, why: str = "") -> None:
    """Remember the replica's state; log only when it changes (not at every check)."""
    with _health_lock:
        before = _health.get(alias)
        _health[alias] = (time.monotonic(), ok)
    if before is None or before[1] != ok:
        if ok:
            log.info("只读副本 %s 可用", alias)
        else:
            log.warning("只读副本 %s 不可用,读取改由主库承担:%s", alias, why)


def mark_down(alias: str, why: str = "连接失败") -> None:
    _record(alias, False, why)


def lag_seconds(alias: str) -> float:
    """How far the replica's replay is behind (0 when it has replayed all it received)."""
    conf = settings.DATABASES[alias]
    with psycopg.connect(
        host=conf.get("HOST") or None,
        port=conf.get("PORT") or None,
        user=conf.get("USER") or None,
        password=conf.get("PASSWORD") or None,
        dbname=conf["NAME"],
        connect_timeout=max(1, int(settings.DATABASE_REPLICA_CONNECT_TIMEOUT)),
        autocommit=True,
    ) as connection:
        return float(connection.execute(LAG_SQL).fetchone()[0])


def usable(alias: str) -> bool:
    now = time.monotonic()
    with _health_lock:
        checked = _health.get(alias)
    if checked is not None and now - checked[0] < settings.DATABASE_REPLICA_CHECK_SECONDS:
        return checked[1]
    try:
        lag = lag_seconds(alias)
    except psycopg.Error as exc:
        _record(alias, False, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return False
    ok = lag <= settings.DATABASE_REPLICA_MAX_LAG
    _record(alias, ok, f"落后主库 {lag:.1f} 秒")
    return ok


def pick_replica() -> str | None:
    """A healthy replica (in turn, when there are several), or None."""
    global _turn
    aliases = replica_aliases()
    for step in range(len(aliases)):
        alias = aliases[(_turn + step) % len(aliases)]
        if usable(alias):
            _turn = (_turn + step + 1) % len(aliases)
            return alias
    return None


class ReplicaRouter:
    """Reads of READ_APPS inside ``replica_reads()`` to a healthy replica; the rest to the
    primary ("default"). Migrations run on the primary only (replicas copy them)."""

    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or model._meta.app_label not in READ_APPS:
            return "default"
        if connections["default"].in_atomic_block:
            return "default"  # read what this transaction wrote
        return pick_replica() or "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Lets GET/HEAD requests of readers who are not signed in read from replicas. Placed
    after AuthenticationMiddleware (the user is known; sessions are read from the primary)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if request.method in ("GET", "HEAD") and not signed_in:
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
