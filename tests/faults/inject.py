"""Real SQLite failures on demand: a full disk, a read-only file, a locked database.

Each is a context manager on a :class:`~collabtui.store.Store` (SQLite only), or on a
:class:`Target` naming a file whose stores are yet to be opened (the CLI's): inside
it, a write fails with SQLite's own error; on leaving it the problem goes away. Open
connections are closed on entry and exit so every new one sees it.

- ``disk_full``: ``PRAGMA max_page_count`` set to the file's current size on every
  connection, so the next page SQLite needs gives a real ``SQLITE_FULL``.
- ``read_only``: the file made unwritable. Not root: ``chmod 0444``. Root ignores
  file modes, so as root the file is made immutable (``chattr +i``), which root
  cannot write either; where ``chattr`` is refused, every connection gets
  ``PRAGMA query_only`` instead. All three give SQLite's ``SQLITE_READONLY``.
  :data:`READ_ONLY_HOW` says which one ran.
- ``locked``: another connection holds ``BEGIN IMMEDIATE`` while the store's busy
  timeout is cut to :data:`SHORT_BUSY_MS`, so the store gives up with ``SQLITE_BUSY``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.pool import Pool

#: The busy timeout while :func:`locked` holds the lock (the store's is 5 s).
SHORT_BUSY_MS = 150
#: How :func:`read_only` made the file read-only on this machine (set on first use).
READ_ONLY_HOW: list[str] = []


@dataclass
class Target:
    """A SQLite file and the engine to inject into (``None``: every engine opened meanwhile)."""

    path: Path
    engine: object = None


@contextmanager
def on_connect(engine, *pragmas: str) -> Iterator[None]:
    """Run ``pragmas`` on every new connection of ``engine`` (``None``: of any pool)."""

    def run(dbapi_conn, _record) -> None:
        for pragma in pragmas:
            dbapi_conn.execute(pragma)

    target = Pool if engine is None else engine
    _dispose(engine)
    event.listen(target, "connect", run)
    try:
        yield
    finally:
        event.remove(target, "connect", run)
        _dispose(engine)


def _dispose(engine) -> None:
    if engine is not None:
        engine.dispose()


@contextmanager
def disk_full(store) -> Iterator[None]:
    """The store's disk is full: no page can be added to the file."""
    con = sqlite3.connect(store.path)
    try:
        pages = con.execute("PRAGMA page_count").fetchone()[0]
    finally:
        con.close()
    with on_connect(store.engine, f"PRAGMA max_page_count = {pages}"):
        yield


@contextmanager
def read_only(store) -> Iterator[None]:
    """The store's file cannot be written."""
    path = store.path
    # Every connection of ours closes: SQLite would otherwise reuse a descriptor it
    # opened for writing while another connection (the app's watcher) holds the file.
    close = getattr(store, "close", None)
    if close is not None:
        close()
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o444)
        _how("chmod 0444")
        try:
            yield
        finally:
            _dispose(store.engine)
            path.chmod(mode)
        return
    if _chattr("+i", path):
        _how("chattr +i (running as root)")
        try:
            yield
        finally:
            _dispose(store.engine)
            _chattr("-i", path)
        return
    _how("PRAGMA query_only (root, and chattr was refused)")
    with on_connect(store.engine, "PRAGMA query_only = ON"):
        yield


@contextmanager
def locked(store) -> Iterator[None]:
    """Another program holds the write lock for as long as we are inside."""
    with on_connect(store.engine, f"PRAGMA busy_timeout = {SHORT_BUSY_MS}"):
        other = sqlite3.connect(store.path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()


FAULTS = {"disk_full": disk_full, "read_only": read_only, "locked": locked}


def _chattr(flag: str, path) -> bool:
    try:
        done = subprocess.run(["chattr", flag, str(path)], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _how(text: str) -> None:
    if text not in READ_ONLY_HOW:
        READ_ONLY_HOW.append(text)
