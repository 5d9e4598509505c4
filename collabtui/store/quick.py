"""Checks and reads on a SQLite file with the standard library only.

The CLI runs :func:`preflight` before it opens anything, so a bad ``--db`` gets a
one-line answer and the file is never touched. The app draws its first dashboard
with :func:`dashboard_rows`, so importing the ORM never stands between start and
first frame; :meth:`collabtui.store.Store.dashboard` runs the very same SQL.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from collabtui.domain.errors import BadDatabase
from collabtui.domain.summary import ProjectSummary
from collabtui.i18n import t
from collabtui.store.queries import (
    DASHBOARD_SQL,
    NOT_AGREED_SQL,
    SCHEMA_HEAD,
    UNSIGNED_SQL,
    group_not_agreed,
    group_unsigned,
    row_to_summary,
)

#: ``PRAGMA application_id`` of a collab file ("Colb").
APPLICATION_ID = 0x436F6C62
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileState:
    """What :func:`preflight` found at a path."""

    exists: bool
    revision: str | None

    @property
    def current(self) -> bool:
        """True when the file exists and its schema is the one this release writes."""
        return self.exists and self.revision == SCHEMA_HEAD


def preflight(path: Path, *, writable: bool = True) -> FileState:
    """Check that ``path`` can serve as a collab store, without changing it.

    Raises :class:`BadDatabase` naming the path and the reason.
    """
    where = str(path)
    if path.is_dir():
        raise BadDatabase(where, t("err.db.directory"))
    if path.exists() and not path.is_file():  # a FIFO would hang, /dev/null grow a journal
        raise BadDatabase(where, t("err.db.special_file"))
    if not path.exists():
        parent = path.parent
        if not parent.is_dir():
            # The default location's folders are created; a named path must exist.
            raise BadDatabase(where, t("err.db.no_folder", folder=parent))
        if writable and not os.access(parent, os.W_OK | os.X_OK):
            raise BadDatabase(where, t("err.db.cannot_create", folder=parent))
        return FileState(exists=False, revision=None)
    if not os.access(path, os.R_OK):
        raise BadDatabase(where, t("err.db.unreadable"))
    size = path.stat().st_size
    if size == 0:
        return FileState(exists=False, revision=None)
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise BadDatabase(where, t("err.db.not_sqlite"))
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            # Read through the WAL: a fresh file's header may not hold the id yet.
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BadDatabase(where, t("err.db.damaged", reason=exc)) from None
    # Another program's file: it has tables, or it set an id of its own (even with
    # no tables yet). An empty SQLite file without an id counts as new.
    if app_id != APPLICATION_ID and (tables or app_id != 0):
        raise BadDatabase(where, t("err.db.foreign"))
    if writable and not os.access(path, os.W_OK):
        raise BadDatabase(where, t("err.db.read_only"))
    if writable and not os.access(path.parent, os.W_OK | os.X_OK):
        raise BadDatabase(where, t("err.db.folder_read_only", folder=path.parent))
    return FileState(exists=bool(tables), revision=revision)


def dashboard_rows(path: Path, today: date) -> list[ProjectSummary]:
    """The dashboard's project rows, read with ``sqlite3`` (no ORM import)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        not_agreed = group_not_agreed(con.execute(NOT_AGREED_SQL))
        unsigned = group_unsigned(
            con.execute(UNSIGNED_SQL),
            lambda name: t("acceptance.rejected_name", department=name),
        )
        rows = con.execute(DASHBOARD_SQL, {"today": today.isoformat()})
        return [row_to_summary(r, not_agreed, unsigned) for r in rows]
    finally:
        con.close()
