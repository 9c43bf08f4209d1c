"""PostgreSQL's Django backend for a read replica, answering from the primary when the
replica cannot: a connection it refuses is opened to the primary instead, and a read whose
connection the replica drops mid-request is retried once on the primary (outside a
transaction only: a read is safe to repeat). The replica is then marked down
(archive/replicas.py) so the router stops choosing it for a while."""

from __future__ import annotations

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.db.backends.postgresql import base
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


class FallbackCursorWrapper(CursorWrapper):
    def _retry(self, method, *args):
        try:
            return method(*args)
        except (OperationalError, InterfaceError):
            if self.db.in_atomic_block or self.db.on_primary:
                raise
            self.db.fall_back()
            self.cursor = self.db.create_cursor()
            return method(*args)

    def execute(self, sql, params=None):
        return self._retry(super().execute, sql, params)

    def executemany(self, sql, param_list):
        return self._retry(super().executemany, sql, param_list)


class FallbackCursorDebugWrapper(FallbackCursorWrapper, CursorDebugWrapper):
    """The same, logging queries (DEBUG, or tests capturing them)."""


class DatabaseWrapper(base.DatabaseWrapper):
    on_primary = False  # this connection was opened to the primary instead
    _force_primary = False

    def get_new_connection(self, conn_params):
        from archive.replicas import mark_down

        if not self._force_primary:
            try:
                connection = super().get_new_connection(conn_params)
            except Exception as exc:  # noqa: BLE001 - any failure to connect: use the primary
                # The reason goes into the log line, so a misconfigured replica (wrong host,
                # password, database) is told apart from one that is merely down.
                mark_down(self.alias, f"连接失败:{type(exc).__name__}: {exc}".strip())
            else:
                self.on_primary = False
                return connection
        self._force_primary = False
        self.on_primary = True
        return super().get_new_connection(connections["default"].get_connection_params())

    def fall_back(self) -> None:
        """The replica dropped this connection: reconnect, to the primary."""
        from archive.replicas import mark_down

        mark_down(self.alias)
        try:
            self.close()
        except DatabaseError:
            self.connection = None  # already broken; nothing to close
        self._force_primary = True
        self.connect()

    def make_cursor(self, cursor):
        return FallbackCursorWrapper(cursor, self)

    def make_debug_cursor(self, cursor):
        return FallbackCursorDebugWrapper(cursor, self)
