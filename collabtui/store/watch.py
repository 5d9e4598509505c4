"""Noticing that the store changed: the other copies of collab committed something.

:meth:`Store.watcher <collabtui.store.core.Store.watcher>` returns one of these; the
app asks :meth:`changed` twice a second (off the UI thread) and re-reads what its
screens show when it says yes. Each watcher holds one dedicated connection:

* SQLite: ``PRAGMA data_version``, which changes when *another* connection commits
  (our own pool's writes count too: they use other connections); then the change log
  since the last look says whose transactions they were.
* PostgreSQL: ``LISTEN collab_changed``; every write transaction sends a
  ``NOTIFY collab_changed`` with its transaction id (see
  :meth:`collabtui.store.unit.Sessions.write`).

The store's own transactions are not reported: the screen that wrote shows what it
wrote (a key on a register of thousands re-reads one row), and reading everything again
after each of one's own keys would be the slowest part of the key (issue 20). A commit
the log does not record (the outbox's) is reported whoever made it; on SQLite, another
copy's such commit in the same half second as one of ours is seen at the next change.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import make_url

#: The channel every write transaction notifies on PostgreSQL.
CHANNEL = "collab_changed"

#: Whether every one of these transactions is the watching store's own.
Mine = Callable[[Iterable[str]], bool]


def _nobodys(txns: Iterable[str]) -> bool:
    return False


class Watcher(Protocol):
    """Says whether anyone committed to the store since the last question."""

    def changed(self) -> bool:
        """True once after each commit (or burst of commits) by anyone but the store
        that made the watcher; never blocks."""

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

    def __init__(self, path: Path, timeout: float = 5.0, mine: Mine = _nobodys):
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.Lock()
        self._mine = mine
        self._last = self._version(conn)
        self._logged = self._last_logged(conn)

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        return conn.execute("PRAGMA data_version").fetchone()[0]

    @staticmethod
    def _last_logged(conn: sqlite3.Connection) -> int:
        return conn.execute("SELECT coalesce(max(id), 0) FROM change").fetchone()[0]

    def changed(self) -> bool:
        with self._lock:
            if self._conn is None:
                return False
            try:
                now = self._version(self._conn)
                if now == self._last:
                    return False
                last = self._last_logged(self._conn)  # rows after it: the next look's
                txns = [
                    row[0]
                    for row in self._conn.execute(
                        "SELECT DISTINCT txn FROM change WHERE id > ? AND id <= ?",
                        (self._logged, last),
                    )
                ]
            except sqlite3.Error:  # locked for longer than the timeout: ask again later
                return False
            self._last, self._logged = now, last
            return not txns or not self._mine(txns)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class PostgresWatcher:
    """``LISTEN collab_changed`` on its own autocommit connection."""

    def __init__(self, url: str, mine: Mine = _nobodys):
        import psycopg

        conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self._conn: psycopg.Connection | None = psycopg.connect(conninfo, autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._lock = threading.Lock()
        self._mine = mine

    def changed(self) -> bool:
        import psycopg

        with self._lock:
            if self._conn is None:
                return False
            try:
                txns = [n.payload for n in self._conn.notifies(timeout=0)]  # drain them all
            except psycopg.Error:
                return False
            return bool(txns) and not self._mine(txns)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def open_watcher(url: str, dialect: str, mine: Mine = _nobodys) -> Watcher:
    """A watcher on the database at ``url`` (whose SQLAlchemy dialect is ``dialect``)
    that does not report the transactions ``mine`` says are its store's."""
    from collabtui.store.location import sqlite_path

    if dialect == "postgresql":
        return PostgresWatcher(url, mine)
    path = sqlite_path(url)
    return SqliteWatcher(path, mine=mine) if path is not None else NullWatcher()
