"""The private, bounded copy a SQLite backup is restored from.

``collab restore`` never opens the backup itself with SQLite: it copies the file's
bytes (a regular file, opened read-only; a ``-wal`` or ``-journal`` beside it is
neither read nor folded in nor deleted), so the backup keeps its bytes and its time,
and a backup in a read-only folder restores like any other. The copy lives in a
private temporary folder that goes on every way out (errors, Ctrl+C, SIGTERM); one
left by a killed restore (SIGKILL) is removed by the next restore.

A crafted file cannot make the restore run forever or do work of its own: the copy
must hold tables only (no view, trigger or virtual table), and every statement on it
runs under SQLite's progress handler with a time limit (:data:`RESTORE_SECONDS`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from collabtui.domain.errors import StoreError
from collabtui.sources import open_regular

#: How long the restore may work on one backup before it gives up.
RESTORE_SECONDS = 300.0
#: The private folders' names: ``collab-restore-<pid>-<random>``.
_PREFIX = "collab-restore-"
#: SQLite virtual-machine steps between two looks at the clock.
_STEPS = 10_000
#: The deadline (``time.monotonic()``) of the restore running in this context, if any.
DEADLINE: ContextVar[float | None] = ContextVar("collab_restore_deadline", default=None)


def install_limit(dbapi_conn: sqlite3.Connection) -> None:
    """Abort any statement of ``dbapi_conn`` once the restore's deadline has passed
    (called for every new SQLite connection; a no-op outside a restore)."""
    deadline = DEADLINE.get()
    if deadline is not None:
        dbapi_conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _STEPS)


@contextmanager
def private_copy(path: Path, seconds: float | None = None) -> Iterator[Path]:
    """A checked private copy of the SQLite backup ``path``, removed on every exit.

    Raises :class:`StoreError` (one translated line, no file content) when the file
    cannot be read, is not a SQLite database, holds anything but tables, or takes
    longer than ``seconds`` (default :data:`RESTORE_SECONDS`) to work on.
    """
    limit = RESTORE_SECONDS if seconds is None else seconds
    token = DEADLINE.set(time.monotonic() + limit)
    try:
        _sweep_stale()
        prefix = f"{_PREFIX}{os.getpid()}-"
        with _terminate_as_interrupt(), tempfile.TemporaryDirectory(prefix=prefix) as d:
            copy = Path(d) / "restore.sqlite3"
            try:
                with open_regular(path) as src, open(copy, "xb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
            except OSError as exc:
                raise StoreError.of(
                    "exchange.err.read", path=path, reason=exc.strerror or exc
                ) from None
            copy.chmod(0o600)
            try:
                _only_tables(copy, path)
                yield copy
            except Exception:
                if time.monotonic() > (DEADLINE.get() or float("inf")):
                    raise StoreError.of("exchange.err.too_long", path=path, seconds=limit) from None
                raise
    finally:
        DEADLINE.reset(token)


def _sweep_stale() -> None:
    """Remove the copies of restores that were killed (SIGKILL, a power cut): folders
    ``collab-restore-<pid>-…`` of this user whose process is gone."""
    root = Path(tempfile.gettempdir())
    try:
        folders = list(root.glob(f"{_PREFIX}*-*"))
    except OSError:
        return
    for folder in folders:
        pid = folder.name[len(_PREFIX) :].split("-", 1)[0]
        try:
            mine = folder.is_dir() and folder.stat().st_uid == os.getuid()
        except OSError:
            continue
        if not (mine and pid.isdigit()) or _alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _only_tables(copy: Path, path: Path) -> None:
    """Refuse a copy that is not SQLite or holds a view, trigger or virtual table."""
    try:
        con = sqlite3.connect(copy, isolation_level=None)
        try:
            install_limit(con)
            kinds = con.execute(
                "SELECT type, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if time.monotonic() > (DEADLINE.get() or float("inf")):
            raise  # private_copy says it took too long
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError.of("exchange.err.bad_backup", path=path, reason=reason) from None
    for kind, sql in kinds:
        virtual = kind == "table" and (sql or "").lstrip().upper().startswith("CREATE VIRTUAL")
        if kind in ("view", "trigger") or virtual:
            raise StoreError.of("exchange.err.backup_not_tables", path=path)


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM raises :class:`KeyboardInterrupt` meanwhile, so the copy goes (main thread)."""

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            signal.signal(signal.SIGTERM, previous)


__all__ = ["DEADLINE", "RESTORE_SECONDS", "install_limit", "private_copy"]
