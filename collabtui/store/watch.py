"""Noticing that the store changed: the other copies of collab committed something.

:meth:`Store.watcher <collabtui.store.core.Store.watcher>` returns one of these; the
app asks :meth:`changed` twice a second (off the UI thread) and re-reads what its
screens show when it says yes. Each watcher holds one dedicated connection:

* SQLite: ``PRAGMA data_version``, which changes when *another* connection commits
  (our own pool's writes count too: they use other connections).
* PostgreSQL: ``LISTEN collab_changed``; every write transaction sends a
  ``NOTIFY collab_changed`` (see :meth:`collabtui.store.unit.Sessions.write`).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import make_url

#: The channel every write transaction notifies on PostgreSQL.
CHANNEL = "collab_changed"


class Watcher(Protocol):
    """Says whether anyone committed to the store since the last question."""

    def changed(self) -> bool:
        """True once after each commit (or burst of commits) by anyone; never blocks."""

    def close(self) -> None:
        """Release the watcher's connection."""


class NullWatcher:
    """A store nobody else can reach (SQLite in memory): nothing ever changes."""

    def changed(self) -> bool:
        return False

    def close(self) -> None:
        pass


class SqliteWatcher:
    """Reads ``PRAGMA data_version`` on its own connection (a few microseconds)."""

    def __init__(self, path: Path, timeout: float = 5.0):
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.Lock()
        self._last = self._version(conn)

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        return conn.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        with self._lock:
            if self._conn is None:
                return False
            try:
                now = self._version(self._conn)
            except sqlite3.Error:  # locked for longer than the timeout: ask again later
                return False
            seen, self._last = self._last, now
            return now != seen

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class PostgresWatcher:
    """``LISTEN collab_changed`` on its own autocommit connection."""

    def __init__(self, url: str):
        import psycopg

        conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self._conn: psycopg.Connection | None = psycopg.connect(conninfo, autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._lock = threading.Lock()

    def changed(self) -> bool:
        import psycopg

        with self._lock:
            if self._conn is None:
                return False
            try:
                return bool(list(self._conn.notifies(timeout=0)))  # drain them all
            except psycopg.Error:
                return False

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def open_watcher(url: str, dialect: str) -> Watcher:
    """A watcher on the database at ``url`` (whose SQLAlchemy dialect is ``dialect``)."""
    from collabtui.store.location import sqlite_path

    if dialect == "postgresql":
        return PostgresWatcher(url)
    path = sqlite_path(url)
    return SqliteWatcher(path) if path is not None else NullWatcher()
