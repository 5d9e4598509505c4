"""One transaction per user intent, with the audit trail and version checks built in.

Every flush of a :class:`Unit`'s session appends :class:`~collabtui.store.models.Change`
rows (who, when, which record, which fields, old and new values) and bumps the
version of each edited row. Store functions never write change rows by hand, so no
write can skip the log.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, cast

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import (
    DataError,
    IntegrityError,
    OperationalError,
    ProgrammingError,
    StatementError,
)
from sqlmodel import Session, SQLModel

from collabtui.domain.enums import ChangeAction
from collabtui.domain.errors import ConflictError, NotFound, StoreError, ValidationError
from collabtui.i18n import t
from collabtui.store.models import Change, Row, Task, utcnow
from collabtui.store.watch import CHANNEL

#: Columns that change on every edit and would only add noise to the log.
_QUIET = {"version", "updated_at", "created_at"}

_M = TypeVar("_M", bound=SQLModel)
_R = TypeVar("_R", bound=Row)


def plain(value: object) -> object:
    """A JSON-ready form of a column value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record_dict(obj: SQLModel) -> dict[str, object]:
    """All column values of a row, JSON-ready."""
    return {c.key: plain(getattr(obj, c.key)) for c in inspect(type(obj)).column_attrs}


class Unit:
    """The session of one write transaction, with helpers that keep the rules."""

    def __init__(self, session: Session, seen: dict[tuple[str, int, int], int] | None = None):
        """``seen``: versions the user has seen since loading (see :meth:`Sessions.accepting`)."""
        self.session = session
        self.seen = seen if seen is not None else {}

    def get(self, model: type[_M], key: int) -> _M:
        """The row ``key`` of ``model``, locked for update; :class:`NotFound` if absent."""
        obj = self.session.get(model, key, with_for_update=True)
        if obj is None:
            # SQLModel types __tablename__ as str or its declared_attr; on a table, a str.
            raise NotFound(cast(str, model.__tablename__), key)
        return obj

    def edit(self, model: type[_R], key: int, expected_version: int | None, **fields: Any) -> _R:
        """Set ``fields`` on a row edited from ``expected_version``.

        Raises :class:`ConflictError` when someone else changed the row meanwhile.
        ``expected_version=None`` skips the check (for edits that cannot conflict,
        such as appending to a list the user did not load).
        """
        obj = self.get(model, key)
        table = model.__tablename__
        if expected_version is not None:
            # The caller's version is what its form loaded; a conflict the user has
            # resolved since says which newer version that now stands for.
            current = self.seen.get((table, key, expected_version), expected_version)
            if obj.version != current:
                raise ConflictError(table, key, expected_version, obj.version, record_dict(obj))
        for name, value in fields.items():
            if name not in type(obj).model_fields:
                raise ValueError(f"{model.__name__} has no field {name!r}")
            setattr(obj, name, value)
        return obj

    def add(self, obj: _M) -> _M:
        """Insert ``obj`` and return it with its id."""
        self.session.add(obj)
        self.session.flush()
        return obj

    def delete(self, obj: SQLModel) -> None:
        """Delete ``obj`` (foreign keys decide what follows it)."""
        self.session.delete(obj)
        self.session.flush()

    def scalars(self, statement) -> list:
        """All scalar results of a select."""
        return list(self.session.exec(statement).all())

    def first(self, statement):
        """The first result of a select, or ``None``."""
        return self.session.exec(statement).first()


@event.listens_for(Session, "before_flush")
def _bump_versions(session: Session, _ctx, _instances) -> None:
    """Check the task rules, then give every really-changed row a new version and time."""
    if "actor" not in session.info:
        return
    from collabtui.domain.tasks import check_task  # the rules every stored task keeps
    from collabtui.store.lifecycle_guard import check_lifecycle  # the lifecycle tables

    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Task):
            check_task(obj)
        _refuse_nul(obj)
        _check_values(obj)
        check_lifecycle(session, obj, new=obj in session.new)
    now = utcnow()
    for obj in session.dirty:
        if isinstance(obj, Row) and session.is_modified(obj, include_collections=False):
            obj.version = (obj.version or 0) + 1
            obj.updated_at = now


def _refuse_nul(obj: SQLModel) -> None:
    """No text holds NUL (PostgreSQL cannot store it) or half of a UTF-16 surrogate pair
    (no UTF-8 database can): neither backend takes them, with one translated reason."""
    for attr in inspect(type(obj)).column_attrs:
        value = getattr(obj, attr.key, None)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise ValidationError.of("err.nul_char", attr.key)
        if _SURROGATE.search(value):
            raise ValidationError.of("err.surrogate_char", attr.key)


#: A lone surrogate code point (U+D800–U+DFFF): not a character, cannot be encoded.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_values(obj: SQLModel) -> None:
    """The value domain (domain/bounds.py): finite numbers, sane days, real weeks, …"""
    from collabtui.store.bounds import check_record

    check_record(obj)


@event.listens_for(Session, "after_flush")
def _log_changes(session: Session, _ctx) -> None:
    """Append one change row per created, edited or deleted record."""
    info = session.info
    if "actor" not in info:
        return
    rows: list[dict] = []
    base = {
        "at": utcnow(),
        "actor": info["actor"],
        "txn": info["txn"],
        "intent": info.get("intent", ""),
        "note": info.get("note", ""),
        "reverts": info.get("reverts"),
    }
    for obj in session.new:
        if isinstance(obj, Row):
            diff = {k: [None, v] for k, v in record_dict(obj).items() if k not in _QUIET}
            rows.append(_change(base, obj, ChangeAction.CREATE, diff))
    for obj in session.dirty:
        if isinstance(obj, Row):
            diff = {}
            state = inspect(obj)
            for attr in state.mapper.column_attrs:
                if attr.key in _QUIET:
                    continue
                hist = state.attrs[attr.key].history
                if hist.has_changes():
                    old = hist.deleted[0] if hist.deleted else None
                    new = hist.added[0] if hist.added else None
                    if plain(old) != plain(new):
                        diff[attr.key] = [plain(old), plain(new)]
            if diff:
                rows.append(_change(base, obj, ChangeAction.UPDATE, diff))
    for obj in session.deleted:
        if isinstance(obj, Row):
            # All of the row, its creation time and version too: undo re-inserts it.
            diff = {k: [v, None] for k, v in record_dict(obj).items() if k != "updated_at"}
            rows.append(_change(base, obj, ChangeAction.DELETE, diff))
    if rows:
        session.connection().execute(Change.__table__.insert(), rows)


def _project_of(obj: Row) -> int | None:
    """The project a record belongs to, when it says so directly."""
    if obj.__tablename__ == "project":
        return obj.id
    return getattr(obj, "project_id", None)


def _change(base: dict, obj: Row, action: ChangeAction, diff: dict) -> dict:
    return {
        **base,
        "entity": obj.__tablename__,
        "entity_id": obj.id,
        "project_id": _project_of(obj),
        "action": action,
        "changes": json.dumps(diff, ensure_ascii=False, sort_keys=True),
    }


#: How many of its own transactions a store remembers for its watchers (a watcher asks
#: twice a second; a store does not write hundreds of transactions in half a second).
OWN_KEPT = 1024


class Sessions:
    """Opens short sessions on one engine: reads, and writes as one logged unit."""

    def __init__(self, engine: Engine, actor: str):
        self.engine = engine
        self.actor = actor
        self._write_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
        self._notify = engine.dialect.name == "postgresql"
        self._seen: dict[tuple[str, int, int], int] = {}
        #: The transactions this store wrote, newest last (the last :data:`OWN_KEPT`):
        #: its watchers do not report them (the screen that wrote shows it already).
        self._own: dict[str, None] = {}
        self._own_lock = threading.Lock()

    def all_own(self, txns: Iterable[str]) -> bool:
        """Whether every transaction in ``txns`` was written by this store (called from
        a watcher's thread)."""
        with self._own_lock:
            return all(txn in self._own for txn in txns)

    def _mark_own(self, txn: str) -> None:
        with self._own_lock:
            self._own[txn] = None
            if len(self._own) > OWN_KEPT:
                del self._own[next(iter(self._own))]

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; objects stay usable after it closes."""
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except UnicodeEncodeError:  # a lone surrogate in a search or a key (see below)
            raise ValidationError.of("err.surrogate_char", None) from None

    @contextmanager
    def write(self, intent: str, note: str = "", *, reverts: str | None = None) -> Iterator[Unit]:
        """One transaction for one user intent; committed on success, else rolled back.

        ``reverts``: the transaction an undo or a redo reverts (see ``history.py``).
        """
        from collabtui.store.engine import friendly_reason

        session = Session(self._write_engine, expire_on_commit=False)
        txn = uuid.uuid4().hex
        session.info.update(actor=self.actor, txn=txn, intent=intent, note=note, reverts=reverts)
        self._mark_own(txn)  # before the commit: a watcher may look the moment it lands
        try:
            with session.begin():
                yield Unit(session, self._seen)
                if self._notify:  # other copies LISTEN (store/watch.py)
                    session.execute(
                        text("SELECT pg_notify(:channel, :txn)"),
                        {"channel": CHANNEL, "txn": session.info["txn"]},
                    )
        except IntegrityError as exc:
            raise ValidationError(_integrity_message(exc)) from None
        except UnicodeEncodeError:  # a lone surrogate reached a query before the flush
            raise ValidationError.of("err.surrogate_char", None) from None
        except DataError as exc:  # a value the server refuses (PostgreSQL: NUL in text)
            nul = "nul" in str(exc.orig).lower()
            raise ValidationError(t("err.nul_char") if nul else friendly_reason(exc)) from None
        except OperationalError as exc:
            raise StoreError(friendly_reason(exc)) from None
        except ProgrammingError as exc:  # PostgreSQL: a write the policies refuse
            from collabtui.store.permissions import forbidden

            refused = forbidden(exc, self.actor)
            if refused is None:
                raise
            raise refused from None
        except StatementError as exc:
            if isinstance(exc.orig, ValueError):  # a value our column types refuse
                raise ValidationError(str(exc.orig)) from None
            raise
        finally:
            session.close()

    @contextmanager
    def accepting(self, conflicts: Iterable[ConflictError]) -> Iterator[None]:
        """Writes inside resolve ``conflicts`` the user has seen: an edit from a
        conflict's ``expected`` version is checked against its ``actual`` version.

        "Keep mine" saves again inside this; a form showing "theirs" saves inside it
        from then on. A third copy's later change is still a conflict.
        """
        saved = dict(self._seen)
        self._seen.update({(c.entity, c.entity_id, c.expected): c.actual for c in conflicts})
        try:
            yield
        finally:
            self._seen.clear()
            self._seen.update(saved)


def _integrity_message(exc: IntegrityError) -> str:
    text = str(exc.orig).lower()
    if "unique" in text or "duplicate" in text:
        return t("err.unique")
    if "foreign key" in text:
        return t("err.foreign_key")
    if "not null" in text:
        return t("err.not_null")
    return t("err.integrity")
