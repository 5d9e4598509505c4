"""The :class:`Store`: one object per database, one method per user intent."""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Date, bindparam, func, text
from sqlmodel import SQLModel, col, select

from collabtui.domain.errors import ConflictError
from collabtui.domain.summary import ProjectSummary
from collabtui.store.acceptance import AcceptanceOps
from collabtui.store.alert_facts import AlertOps
from collabtui.store.board import BoardOps
from collabtui.store.directory import DirectoryOps
from collabtui.store.documents import DocumentOps
from collabtui.store.engine import open_database
from collabtui.store.exchange import ExchangeOps
from collabtui.store.handbook import HandbookOps
from collabtui.store.history import HistoryOps
from collabtui.store.loader import LoaderOps
from collabtui.store.location import describe, sqlite_path
from collabtui.store.meeting_run import MeetingRunOps
from collabtui.store.meetings import MeetingOps
from collabtui.store.meta import MetaOps
from collabtui.store.minutes import MinutesOps
from collabtui.store.models import TABLES, Change
from collabtui.store.outbox import OutboxOps
from collabtui.store.phases import PhaseOps
from collabtui.store.progress import ProgressOps
from collabtui.store.projects import ProjectOps
from collabtui.store.queries import (
    DASHBOARD_SQL,
    NOT_AGREED_SQL,
    UNSIGNED_SQL,
    group_not_agreed,
    group_unsigned,
    row_to_summary,
)
from collabtui.store.request import RequestOps
from collabtui.store.resources import ResourceOps
from collabtui.store.retro import RetroOps
from collabtui.store.risks import RiskOps
from collabtui.store.search import SearchOps
from collabtui.store.tasks import TaskOps
from collabtui.store.unit import Sessions
from collabtui.store.watch import Watcher, open_watcher


def default_user() -> str:
    """The OS login name, the default author of changes."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "unknown"


class Store(
    DirectoryOps,
    ProjectOps,
    RequestOps,
    PhaseOps,
    MeetingOps,
    MeetingRunOps,
    MinutesOps,
    BoardOps,
    TaskOps,
    ProgressOps,
    ResourceOps,
    AcceptanceOps,
    RiskOps,
    RetroOps,
    HandbookOps,
    SearchOps,
    LoaderOps,
    DocumentOps,
    AlertOps,
    ExchangeOps,
    HistoryOps,
    OutboxOps,
    MetaOps,
):
    """Access to one collab database.

    Every public method is one user intent in one short transaction. Writes are
    recorded in the change log under ``user``. Reads return detached rows or the
    plain objects of :mod:`collabtui.domain.views`.
    """

    def __init__(self, url: str, user: str | None = None, *, create_parent: bool = False):
        self.url = url
        self.user = user or default_user()
        self.engine = open_database(url, create_parent=create_parent)
        self.user = _server_identity(self.engine) or self.user  # a secured server says who
        self.db = Sessions(self.engine, self.user)
        self._watchers: list[Watcher] = []

    def __repr__(self) -> str:
        return f"Store({describe(self.url)!r})"

    @property
    def path(self):
        """The SQLite file, or ``None`` for a server database."""
        return sqlite_path(self.url)

    def close(self) -> None:
        """Release every connection (the watchers' too)."""
        for watcher in self._watchers:
            watcher.close()
        self._watchers.clear()
        self.engine.dispose()

    def watcher(self) -> Watcher:
        """A new :class:`~collabtui.store.watch.Watcher`: has another copy committed
        since? (This store's own writes are not reported.)"""
        watcher = open_watcher(self.url, self.engine.dialect.name, self.db.all_own)
        self._watchers.append(watcher)
        return watcher

    def accepting(self, conflicts: Iterable[ConflictError]):
        """A context in which edits resolve ``conflicts`` the user has seen."""
        return self.db.accepting(conflicts)

    # ------------------------------------------------------------------ reads

    def dashboard(self, today: date) -> list[ProjectSummary]:
        """One summary row per project, open ones first (same SQL as start-up)."""
        stmt = text(DASHBOARD_SQL).bindparams(bindparam("today", type_=Date))
        with self.engine.connect() as conn:
            not_agreed = group_not_agreed(conn.execute(text(NOT_AGREED_SQL)).all())
            unsigned = group_unsigned(conn.execute(text(UNSIGNED_SQL)).all(), _rejected_name)
            rows = conn.execute(stmt, {"today": today}).all()
        return [row_to_summary(r, not_agreed, unsigned) for r in rows]

    def is_empty(self) -> bool:
        """True when the store holds no department, person or project."""
        with self.db.read() as s:
            return not any(
                s.exec(select(func.count()).select_from(TABLES[name])).one()
                for name in ("department", "person", "project")
            )

    def history(self, entity: str, entity_id: int) -> list[Change]:
        """The change log of one record, oldest first."""
        with self.db.read() as s:
            stmt = (
                select(Change)
                .where(Change.entity == entity, Change.entity_id == entity_id)
                .order_by(col(Change.id))
            )
            return list(s.exec(stmt))

    def count(self, model: type[SQLModel]) -> int:
        """How many rows ``model`` has."""
        with self.db.read() as s:
            return s.exec(select(func.count()).select_from(model)).one()

    @staticmethod
    def changed_fields(change: Change) -> dict[str, list]:
        """The ``{field: [old, new]}`` of a change row."""
        return json.loads(change.changes)


__all__ = ["Store"]


def _server_identity(engine) -> str | None:
    """``session_user`` on a server with permissions (store/permissions.py), else ``None``."""
    from collabtui.store.permissions import server_identity

    return server_identity(engine)


def _rejected_name(name: str) -> str:
    """A department that rejected the results, as the acceptance gate words it."""
    from collabtui.i18n import t

    return t("acceptance.rejected_name", department=name)
