"""A record's history, and undo / redo of the current user's actions, from the change log.

An action is one transaction (``txn``) of one user. Undo writes, in one new
transaction, the inverse of every change row of the action (old values back,
created rows deleted, deleted rows re-inserted with their ids); its rows carry
``reverts`` = the undone txn and the intent ``undo:<intent>``. Redo reverts an undo
the same way (``redo:<intent>``). So the stacks are read from the log, and survive
restarts:

- the undo stack: the user's ordinary and redo transactions no later transaction
  reverts, newest on top, back to the last bulk load by anyone (``NOT_UNDOABLE``);
- the redo stack: the user's undo transactions since their last ordinary one that
  no redo reverts yet (a new ordinary edit empties it).

An undo or redo is refused, and nothing written, when anyone else changed or
deleted a record it touches since the action.
"""

from __future__ import annotations

import json
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Date, Float, bindparam, text
from sqlmodel import col, select

from collabtui.domain.enums import ChangeAction
from collabtui.domain.errors import StoreError
from collabtui.i18n import t
from collabtui.store.base import StoreBase
from collabtui.store.cascade import delete_with_children
from collabtui.store.changelog import (
    FieldChange,
    HistoryEntry,
    Reverted,
    base_intent,
    intent_label,
    kind_label,
    record_name,
)
from collabtui.store.models import EDITABLE_TABLES, TABLES, Change, EnumText, Row, UTCDateTime
from collabtui.store.unit import record_dict

#: Intents of bulk loads: never undone, and nobody's undo walks back past them.
#: (``collab import`` and ``restore`` bring the log along with the data: undo goes on.)
NOT_UNDOABLE = ("demo.load", "dataset.load")

#: Children whose changes a record's history shows with its own: parent → (table, column).
CHILDREN = {
    "task": (("tasksupport", "task_id"), ("taskupdate", "task_id")),
    "riskwarning": (("risktask", "risk_id"), ("riskdepartment", "risk_id")),
}

#: Tables, parents first (the order re-inserts must follow; deletes go the other way).
_ORDER = {model.__tablename__: i for i, model in enumerate(EDITABLE_TABLES)}

#: The user's change rows, newest first, after the last bulk load (read in pages).
_WALK_SQL = """
SELECT id, txn, intent, reverts FROM change
WHERE actor = :actor AND id < :before
  AND id > COALESCE((SELECT MAX(id) FROM change WHERE intent IN :barrier), 0)
ORDER BY id DESC LIMIT :page
"""

_PAGE = 200


def top_of_stack(conn, actor: str, kind: str) -> tuple[str, int] | None:
    """The (txn, last change id) an undo (``kind="undo"``) or a redo would revert.

    Walks the user's rows back from the newest and stops at the first answer, so
    the cost is the number of the user's recent undos, not the length of the log.
    Undo: the newest ordinary or redo transaction no later row reverts. Redo: the
    newest undo not yet redone, unless an ordinary action came after it.
    """
    reverted: set[str] = set()
    before = None
    stmt = text(_WALK_SQL).bindparams(bindparam("barrier", expanding=True))
    while True:
        rows = conn.execute(
            stmt,
            {
                "actor": actor,
                "before": before if before is not None else 2**62,
                "barrier": list(NOT_UNDOABLE),
                "page": _PAGE,
            },
        ).all()
        for key, txn, intent, reverts in rows:
            ordinary = reverts is None
            if kind == "redo" and ordinary:
                return None
            if txn not in reverted:
                if kind == "undo" and (ordinary or intent.startswith("redo:")):
                    return txn, key
                if kind == "redo" and intent.startswith("undo:"):
                    return txn, key
            if reverts is not None:
                reverted.add(reverts)
        if len(rows) < _PAGE:
            return None
        before = rows[-1][0]


class UndoRefused(StoreError):
    """An undo or redo that cannot be applied; the message says why."""


class HistoryOps(StoreBase):
    """Store methods for history, undo and redo (mixed into the Store)."""

    # ------------------------------------------------------------------ history

    def record_history(self, entity: str, entity_id: int) -> list[HistoryEntry]:
        """Every change of one record, newest first; for a task, its supports' and
        daily updates' changes too."""
        if entity not in TABLES:
            raise ValueError(f"unknown entity {entity!r}")
        with self.db.read() as s:
            records = [(entity, [entity_id])]
            for child, column in CHILDREN.get(entity, ()):
                pattern = f'%"{column}": [null, {int(entity_id)}]%'
                ids = s.exec(
                    select(Change.entity_id).where(
                        Change.entity == child,
                        Change.action == ChangeAction.CREATE,
                        col(Change.changes).like(pattern),
                    )
                ).all()
                if ids:
                    records.append((child, sorted(set(ids))))
            rows: list[Change] = []
            for name, ids in records:
                rows += s.exec(
                    select(Change).where(Change.entity == name, col(Change.entity_id).in_(ids))
                ).all()
            rows.sort(key=lambda c: c.id, reverse=True)
            names = _record_names(rows)
        return [_entry(c, names) for c in rows]

    def reference_names(self, entries: list[HistoryEntry]) -> dict[tuple[str, int], str]:
        """Names of the people, departments, tasks and projects the entries' fields
        refer to, by (table, id)."""
        ids: dict[str, set[int]] = {}
        for entry in entries:
            model = TABLES[entry.entity]
            for change in entry.fields:
                column = model.__table__.c.get(change.field)
                for fk in column.foreign_keys if column is not None else ():
                    target = fk.column.table.name
                    for value in (change.old, change.new):
                        if isinstance(value, int) and target in _NAMED:
                            ids.setdefault(target, set()).add(value)
        out: dict[tuple[str, int], str] = {}
        with self.db.read() as s:
            for target, keys in ids.items():
                model = TABLES[target]
                column = getattr(model, _NAMED[target])
                for key, name in s.exec(
                    select(model.id, column).where(col(model.id).in_(sorted(keys)))
                ).all():
                    out[(target, key)] = name
        return out

    # ------------------------------------------------------------------ undo / redo

    def undo(self, *, tz: tzinfo) -> Reverted:
        """Revert the current user's newest action still done; :class:`UndoRefused`
        when there is none, or when someone else changed what it touched since (its
        message gives that moment in the user's zone ``tz``)."""
        return self._revert("undo", tz)

    def redo(self, *, tz: tzinfo) -> Reverted:
        """Do again the action the current user undid last (if nothing new came since)."""
        return self._revert("redo", tz)

    def _revert(self, kind: str, tz: tzinfo) -> Reverted:
        with self.db.read() as s:
            found = top_of_stack(s.connection(), self.user, kind)
            if found is None:
                raise UndoRefused.of(f"{kind}.nothing")
            txn, last_id = found[0], found[1]
            rows = list(s.exec(select(Change).where(Change.txn == txn).order_by(col(Change.id))))
        base = base_intent(rows[0].intent)
        main = _main_change(rows)
        with self.db.write(f"{kind}:{base}", reverts=txn) as u:
            # Read again under the write lock: another copy may have just done it.
            again = top_of_stack(u.session.connection(), self.user, kind)
            if again is None or again[0] != txn:
                raise UndoRefused.of(f"{kind}.nothing")
            what = intent_label(base, self._name_now(u, main))
            u.session.info["tz"] = tz  # a refusal names the moment in the user's zone
            for change in _inverse_order(rows):
                self._apply_inverse(u, change, kind, what)
            u.session.flush()
            self._check_nobody_else(u, last_id, kind, what)
            what = intent_label(base, self._name_now(u, main))  # as the record is named now
        return Reverted(kind, what, main.entity, main.entity_id)

    def _name_now(self, u, change: Change) -> str:
        """The record's name from its row if it exists, else from the log."""
        obj = u.session.get(TABLES[change.entity], change.entity_id)
        values = record_dict(obj) if obj is not None else _values(change)
        name = record_name(change.entity, values, change.entity_id)
        person_id = values.get("person_id")
        if name.startswith("#") and isinstance(person_id, int):
            # an attendee or a sign-off has no name of its own: its person's name
            person = u.session.get(TABLES["person"], person_id)
            if person is not None:
                return record_name("person", record_dict(person), person_id)
        return name

    def _apply_inverse(self, u, change: Change, kind: str, what: str) -> None:
        """Write the inverse of one change row."""
        model = TABLES[change.entity]
        diff = json.loads(change.changes)
        obj = u.session.get(model, change.entity_id)
        if change.action == ChangeAction.DELETE:
            if obj is not None:
                self._refuse_changed(u, change.entity, change.entity_id, kind, what)
            fields: dict[str, Any] = {k: _python(model, k, old) for k, (old, _new) in diff.items()}
            fields["version"] = int(fields.get("version") or 0) + 1
            fields.pop("updated_at", None)
            if fields.get("created_at") is None:
                fields.pop("created_at", None)
            u.add(model(**{**fields, "id": change.entity_id}))
            return
        if obj is None:
            if change.action == ChangeAction.CREATE and self._deleted_here(u, change):
                return  # a cascade of this same undo removed it already
            self._refuse_deleted(u, change, kind, what)
        if change.action == ChangeAction.CREATE:
            delete_with_children(u, obj)
        else:
            old = {k: _python(model, k, pair[0]) for k, pair in diff.items()}
            u.edit(model, change.entity_id, None, **old)
            u.session.flush()

    @staticmethod
    def _deleted_here(u, change: Change) -> bool:
        return (
            u.first(
                select(Change.id).where(
                    Change.txn == u.session.info["txn"],
                    Change.entity == change.entity,
                    Change.entity_id == change.entity_id,
                    Change.action == ChangeAction.DELETE,
                )
            )
            is not None
        )

    def _check_nobody_else(self, u, since: int, kind: str, what: str) -> None:
        """Refuse when another user changed any record this undo touched since ``since``."""
        mine = u.session.info["txn"]
        touched: dict[str, set[int]] = {}
        for entity, key in u.session.exec(
            select(Change.entity, Change.entity_id).where(Change.txn == mine)
        ).all():
            touched.setdefault(entity, set()).add(key)
        for entity, keys in touched.items():
            theirs = u.first(
                select(Change)
                .where(
                    Change.entity == entity,
                    col(Change.entity_id).in_(sorted(keys)),
                    Change.id > since,
                    Change.txn != mine,
                    Change.actor != self.user,
                )
                .order_by(col(Change.id).desc())
            )
            if theirs is not None:
                raise UndoRefused(
                    _refusal(
                        kind, "changed", what, theirs, self._label(u, theirs), u.session.info["tz"]
                    )
                )

    def _refuse_changed(self, u, entity: str, key: int, kind: str, what: str) -> None:
        latest = u.first(
            select(Change)
            .where(Change.entity == entity, Change.entity_id == key)
            .order_by(col(Change.id).desc())
        )
        raise UndoRefused(
            _refusal(kind, "changed", what, latest, self._label(u, latest), u.session.info["tz"])
        )

    def _refuse_deleted(self, u, change: Change, kind: str, what: str) -> None:
        gone = u.first(
            select(Change)
            .where(
                Change.entity == change.entity,
                Change.entity_id == change.entity_id,
                Change.action == ChangeAction.DELETE,
            )
            .order_by(col(Change.id).desc())
        )
        raise UndoRefused(
            _refusal(
                kind, "deleted", what, gone, self._label(u, gone or change), u.session.info["tz"]
            )
        )

    def _label(self, u, change: Change | None) -> str:
        if change is None:
            return ""
        return f"{kind_label(change.entity).lower()} {self._name_now(u, change)}"


# ---------------------------------------------------------------------- helpers

#: Referenced tables, and the column a reference to them is shown by instead of an id.
_NAMED = {
    "person": "name",
    "department": "name",
    "task": "code",
    "project": "code",
    "riskwarning": "title",
    "goal": "description",
    "decision": "text",
    "meeting": "title",
    "agendaitem": "title",
}


def _refusal(kind: str, how: str, what: str, change: Change | None, record: str, tz: tzinfo) -> str:
    """ "Cannot undo move task T-12: ann changed task T-12 at 2026-11-27 10:02"."""
    if change is None:
        return t(f"{kind}.refused_{how}_unknown", what=what, record=record)
    when = f"{change.at.astimezone(tz):%Y-%m-%d %H:%M}"
    return t(f"{kind}.refused_{how}", what=what, who=change.actor, when=when, record=record)


def _values(change: Change) -> dict[str, object]:
    """A record's values as one change row knows them (new ones, or old on delete)."""
    diff = json.loads(change.changes)
    index = 0 if change.action == ChangeAction.DELETE else 1
    return {k: pair[index] for k, pair in diff.items()}


def _main_change(rows: list[Change]) -> Change:
    """The row an action is named after: of the top-most table, the last one (a
    move's own edit after the renumbering, a delete's record after its children)."""
    top = min(_ORDER.get(c.entity, len(_ORDER)) for c in rows)
    return [c for c in rows if _ORDER.get(c.entity, len(_ORDER)) == top][-1]


def _inverse_order(rows: list[Change]) -> list[Change]:
    """Re-inserts parents first, then old values back, then deletes children first."""
    depth = lambda c: _ORDER.get(c.entity, len(_ORDER))  # noqa: E731
    inserts = [c for c in rows if c.action == ChangeAction.DELETE]
    updates = [c for c in rows if c.action == ChangeAction.UPDATE]
    deletes = [c for c in rows if c.action == ChangeAction.CREATE]
    inserts.sort(key=lambda c: (depth(c), c.entity_id))
    deletes.sort(key=lambda c: (depth(c), c.entity_id), reverse=True)
    return [*inserts, *reversed(updates), *deletes]


def _python(model: type[Row] | type[Change], field: str, value: Any) -> object:
    """A logged (JSON-ready) value turned back into what the column holds."""
    column = model.__table__.c.get(field)
    if value is None or column is None:
        return value
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, EnumText):
        return kind.enum_cls(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Float):
        return float(value)
    return value


def _record_names(rows: list[Change]) -> dict[tuple[str, int], str]:
    """The name of each record in ``rows``, from the newest row that tells it."""
    out: dict[tuple[str, int], str] = {}
    for change in sorted(rows, key=lambda c: c.id):
        values = _values(change)
        name = record_name(change.entity, values, change.entity_id)
        key = (change.entity, change.entity_id)
        if key not in out or not name.startswith("#"):
            out[key] = name
    return out


def _entry(change: Change, names: dict[tuple[str, int], str]) -> HistoryEntry:
    diff = json.loads(change.changes)
    return HistoryEntry(
        id=change.id,
        at=change.at,
        actor=change.actor,
        action=str(change.action.value if hasattr(change.action, "value") else change.action),
        intent=change.intent,
        entity=change.entity,
        entity_id=change.entity_id,
        record=names.get((change.entity, change.entity_id), f"#{change.entity_id}"),
        fields=tuple(FieldChange(k, pair[0], pair[1]) for k, pair in sorted(diff.items())),
        reverts=change.reverts,
    )
