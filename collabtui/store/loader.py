"""Loading a whole dataset (the demo, or a fixture) in one transaction.

The dataset is JSON::

    {"format": "collab-dataset/1",
     "departments": [{"key": "mkt", "name": "市场部", "external": false,
                      "head": "p_wang", "note": ""}],
     "people": [{"key": "p_wang", "name": "王芳", "department": "mkt", "role": "市场总监",
                 "email": "wang.fang@example.com", "chat": "@wang.fang"}],
     "projects": [{"code": "Q4-LAUNCH", "topic": "…", "requesting_department": "mkt",
                   "lead": "p_wang", "phase": "executing", "start_on": "-35d", …,
                   "departments": […], "goals": […], "milestones": […],
                   "consultations": […], "meetings": […], "tasks": […],
                   "resources": […], "progress": […], "risks": […],
                   "acceptance": […], "signoffs": […], "retro": […]}],
     "practices": [{"title": "…", "body": "…", "tags": ["会议", "纪要"],
                    "source_project": "VIP-PTS", "source_retro_item": "r_minutes",
                    "source_on": "-17d"}]}

Field names are the column names of :mod:`collabtui.store.models`, except references,
which drop the ``_id`` and hold the ``key`` of the record they point at (``owner``,
``department``, ``host``, ``follow_up_of`` …; see ``_REFS``). Keys of departments and
people are global, a project's key is its ``key`` or else its ``code``; goals,
meetings, tasks (key defaults to the code), decisions and retro items are keyed within
their project, agenda items within their meeting. Meetings may be referred to before
they are defined (``follow_up_of``, ``follow_up_meeting``), as may a department's head.
Nested lists of a project: ``departments`` ``{department, role}``, ``goals``,
``milestones``, ``deliverables`` ``{name, quality_standard}``, ``consultations``
(``confirmation_meeting``: the key of the review whose minutes confirmed the request),
``meetings`` (with ``attendees`` ``{person, role,
attended}``, ``agenda``, ``decisions`` ``{agenda, …}``, ``open_items``), ``tasks`` (with
``supports`` ``{department, duty, contact}`` and ``updates`` ``{on, author, …}``),
``resources``, ``progress``, ``risks`` (with ``tasks`` and ``departments``: lists of
keys), ``acceptance``, ``signoffs``, ``retro``. A list position becomes ``position``
unless one is given. Keys starting with ``_`` are comments and ignored.

Dates and times are relative to the ``now`` the loader is given (see
:mod:`collabtui.domain.relative`): dates ``"+14d"``, ``"-2w"``, ``"0d"`` or ISO;
times ``"-20d 10:00"`` (local wall time) or ISO with offset; weeks ``"-1w"`` / ``"0w"``
or ``"2026-W47"``. Enum fields take the enum values of :mod:`collabtui.store.models`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String, delete
from sqlalchemy.exc import IntegrityError

from collabtui import paths
from collabtui.domain.clock import Clock
from collabtui.domain.errors import StoreError, ValidationError
from collabtui.domain.relative import parse_date, parse_datetime, parse_week
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    EDITABLE_TABLES,
    AcceptanceItem,
    AgendaItem,
    Attendee,
    BestPractice,
    Consultation,
    Decision,
    Deliverable,
    Department,
    EnumText,
    Goal,
    Meeting,
    Milestone,
    OpenItem,
    Person,
    ProgressEntry,
    Project,
    ProjectDepartment,
    ResourceRequest,
    RetroItem,
    RiskDepartment,
    RiskTask,
    RiskWarning,
    Row,
    SignOff,
    Task,
    TaskSupport,
    TaskUpdate,
    UTCDateTime,
)

FORMAT = "collab-dataset/1"
DEMO_FILE = "demo.json"

#: Reference fields (the column is ``<name>_id``) → the key namespace they point into.
_REFS = {"department": "department", "requesting_department": "department", "head": "person"}
_REFS |= {"person": "person", "lead": "person", "host": "person", "recorder": "person"}
_REFS |= {"owner": "person", "contact": "person", "author": "person", "raised_by": "person"}
_REFS |= {"meeting": "meeting", "follow_up_of": "meeting", "follow_up_meeting": "meeting"}
_REFS |= {"agenda": "agenda", "goal": "goal", "decision": "decision", "task": "task"}
_REFS |= {"support_from": "department", "source_project": "project"}
_COLUMN = {"agenda": "agenda_item_id"}

#: Columns the loader fills itself.
_AUTO = {"id", "created_at", "updated_at", "version"}
#: Integer columns with a range (the exchange import checks the same ones).
VALUE_RANGES = {"progress": (0, 100), "completion": (0, 100), "duration_min": (1, 1440)}
VALUE_RANGES |= {"timebox_min": (1, 600), "current_item": (0, 10_000)}
_LATER = object()


def _fail(path: str, message: str) -> ValidationError:
    return ValidationError(f"{path}: {message}", field=path)


class _Loader:
    """Inserts one dataset through one unit, resolving keys to ids as it goes."""

    def __init__(self, unit, now: datetime, tz: tzinfo):
        self.u, self.now, self.tz = unit, now, tz
        self.ids: dict[str, dict[str, int]] = {"department": {}, "person": {}, "project": {}}
        self.declared: dict[str, set] = {}
        self.deferred: list[tuple[Row, str, dict, str]] = []
        # keyed by a project's key as the dataset writes it (any JSON value until checked)
        self.retro_keys: dict[object, dict[str, int]] = {}
        self.counts = {m.__tablename__: 0 for m in EDITABLE_TABLES}

    # ------------------------------------------------------------ primitives

    def _list(self, rec: dict, name: str, path: str) -> list:
        value = rec.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _fail(f"{path}.{name}", "expected a list")
        return value

    def _ref(self, ns: str, key: object, where: str) -> object:
        table = self.ids.get(ns, {})
        if isinstance(key, str) and key in table:
            return table[key]
        if isinstance(key, str) and key in self.declared.get(ns, ()):
            return _LATER
        raise _fail(where, f"unknown {ns} key {key!r}")

    def _register(self, ns: str, key: object, obj: Row, where: str) -> None:
        if not isinstance(key, str) or not key.strip():
            raise _fail(where, "a key must be a non-empty string")
        if key in self.ids[ns]:
            raise _fail(where, f"duplicate {ns} key {key!r}")
        self.ids[ns][key] = obj.id

    def _value(self, column, raw: object, where: str) -> object:
        if raw is None:
            if column.nullable:
                return None
            raise _fail(where, "must not be null")
        kind = column.type
        try:
            if isinstance(kind, EnumText):
                try:
                    return kind.enum_cls(raw)  # type: ignore[arg-type]  # any JSON value: a non-member raises ValueError
                except ValueError:
                    allowed = ", ".join(m.value for m in kind.enum_cls)
                    raise ValueError(f"{raw!r} is not one of: {allowed}") from None
            if isinstance(kind, UTCDateTime):
                return parse_datetime(raw, self.now, self.tz)
            if isinstance(kind, Date):
                return parse_date(raw, self.now, self.tz)
            if column.name == "week":
                return parse_week(raw, self.now, self.tz)
        except ValueError as exc:
            raise _fail(where, str(exc)) from None
        if isinstance(kind, Boolean):
            if not isinstance(raw, bool):
                raise _fail(where, f"expected true or false, got {raw!r}")
            return raw
        if isinstance(kind, Integer):
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise _fail(where, f"expected a whole number, got {raw!r}")
            bounds = VALUE_RANGES.get(column.name)
            if bounds is not None and not bounds[0] <= raw <= bounds[1]:
                raise _fail(where, f"{raw} is outside {bounds[0]}–{bounds[1]}")
            return raw
        if isinstance(kind, Float):
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                raise _fail(where, f"expected a number, got {raw!r}")
            return float(raw)
        if isinstance(getattr(kind, "impl_instance", kind), String):
            if not isinstance(raw, str):
                raise _fail(where, f"expected text, got {raw!r}")
            return raw
        raise _fail(where, "this field cannot be loaded")  # pragma: no cover

    def row(self, model, rec, path, *, ns=None, skip=(), defaults=None, **fixed) -> Row:
        """Insert one record of ``model``; ``ns`` registers its ``key`` in a namespace."""
        if not isinstance(rec, dict):
            raise _fail(path, "expected an object")
        columns = model.__table__.c
        values = {"created_at": self.now, "updated_at": self.now, **(defaults or {})}
        later: list[tuple[str, dict, str]] = []
        for name, raw in rec.items():
            where, column = f"{path}.{name}", _COLUMN.get(name, f"{name}_id")
            if name in skip or name.startswith("_") or (name == "key" and ns):
                continue
            if name in _REFS and column in columns:
                found = None if raw is None else self._ref(_REFS[name], raw, where)
                if found is _LATER:
                    later.append((column, self.ids[_REFS[name]], raw))
                else:
                    values[column] = found
            elif name in columns and name not in _AUTO and not name.endswith("_id"):
                values[name] = self._value(columns[name], raw, where)
            else:
                raise _fail(where, f"unknown field for {model.__tablename__}")
        values.update(fixed)
        pending = {column for column, _, _ in later}
        for name, field in model.model_fields.items():
            if name not in values and name not in pending and field.is_required():
                shown = next((k for k in _REFS if _COLUMN.get(k, f"{k}_id") == name), name)
                raise _fail(f"{path}.{shown}", "required, but missing")
        obj = self.add(model(**values), path)
        self.deferred += [(obj, column, table, key) for column, table, key in later]
        if ns and ("key" in rec or ns in ("department", "person")):
            self._register(ns, rec.get("key"), obj, f"{path}.key")
        return obj

    def each(self, model, rec: dict, name: str, path: str, **kwargs) -> list[Row]:
        """Insert every record of the nested list ``rec[name]``; list order → position."""
        rows = []
        for i, item in enumerate(self._list(rec, name, path)):
            if "position" in model.model_fields:
                kwargs["defaults"] = {**kwargs.get("defaults", {}), "position": i}
            rows.append(self.row(model, item, f"{path}.{name}[{i}]", **kwargs))
        return rows

    def add(self, obj: Row, path: str) -> Row:
        try:
            self.u.add(obj)
        except IntegrityError as exc:
            detail = str(exc.orig).splitlines()[0]
            raise _fail(path, f"clashes with another record ({detail})") from None
        self.counts[obj.__tablename__] += 1
        return obj

    # ------------------------------------------------------------ the dataset

    def load(self, data: object) -> dict[str, int]:
        if not isinstance(data, dict):
            raise ValidationError("a dataset must be a JSON object")
        if data.get("format") != FORMAT:
            raise _fail("format", f"expected {FORMAT!r}, got {data.get('format')!r}")
        known = {"format", "description", "departments", "people", "projects", "practices"}
        for name in data:
            if name not in known and not name.startswith("_"):
                raise _fail(name, "unknown section")
        people = self._list(data, "people", "$")
        self.declared["person"] = {p.get("key") for p in people if isinstance(p, dict)}
        for i, rec in enumerate(self._list(data, "departments", "$")):
            self.row(Department, rec, f"departments[{i}]", ns="department")
        for i, rec in enumerate(people):
            path = f"people[{i}]"
            if isinstance(rec, dict) and "@" not in (rec.get("email") or "@"):
                raise _fail(f"{path}.email", f"{rec['email']!r} is not an e-mail address")
            self.row(Person, rec, path, ns="person")
        for i, rec in enumerate(self._list(data, "projects", "$")):
            self.project(rec, f"projects[{i}]")
        for i, rec in enumerate(self._list(data, "practices", "$")):
            self.practice(rec, f"practices[{i}]")
        for obj, column, table, key in self.deferred:
            setattr(obj, column, table[key])
        try:
            self.u.session.flush()
        except IntegrityError as exc:
            raise ValidationError(f"the dataset breaks a database rule ({exc.orig})") from None
        return self.counts

    def project(self, rec: object, path: str) -> None:
        nested: tuple[str, ...] = ("departments", "goals", "milestones", "deliverables")
        nested += ("consultations", "meetings", "tasks", "confirmation_meeting")
        nested += ("resources", "progress", "risks", "acceptance", "signoffs", "retro")
        if not isinstance(rec, dict):
            raise _fail(path, "expected an object")
        project = self.row(Project, rec, path, skip=(*nested, "key"))
        key = rec.get("key", rec.get("code"))
        self._register("project", key, project, f"{path}.key")
        for ns in ("goal", "meeting", "task", "decision", "retro"):
            self.ids[ns] = {}
        meetings = self._list(rec, "meetings", path)
        self.declared["meeting"] = {m.get("key") for m in meetings if isinstance(m, dict)}
        fixed = {"project_id": project.id}
        self.each(ProjectDepartment, rec, "departments", path, **fixed)
        self.each(Goal, rec, "goals", path, ns="goal", **fixed)
        self.each(Milestone, rec, "milestones", path, **fixed)
        self.each(Deliverable, rec, "deliverables", path, **fixed)
        self.each(Consultation, rec, "consultations", path, **fixed)
        skip = ("attendees", "agenda", "decisions", "open_items")
        rows = self.each(Meeting, rec, "meetings", path, ns="meeting", skip=skip, **fixed)
        for i, (item, meeting) in enumerate(zip(meetings, rows, strict=True)):
            where, child = f"{path}.meetings[{i}]", {"meeting_id": meeting.id}
            self.ids["agenda"] = {}
            self.each(Attendee, item, "attendees", where, **child)
            self.each(AgendaItem, item, "agenda", where, ns="agenda", **child)
            self.each(Decision, item, "decisions", where, ns="decision", **child)
            self.each(OpenItem, item, "open_items", where, **child)
        if rec.get("confirmation_meeting") is not None:
            where = f"{path}.confirmation_meeting"
            project.confirmation_meeting_id = self._ref(
                "meeting", rec["confirmation_meeting"], where
            )
        tasks = [
            {**t, "key": t["code"]} if isinstance(t, dict) and "key" not in t and "code" in t else t
            for t in self._list(rec, "tasks", path)
        ]
        rows = self.each(
            Task, {"tasks": tasks}, "tasks", path, ns="task", skip=("supports", "updates"), **fixed
        )
        for i, (item, task) in enumerate(zip(tasks, rows, strict=True)):
            where = f"{path}.tasks[{i}]"
            self.each(TaskSupport, item, "supports", where, task_id=task.id)
            self.each(TaskUpdate, item, "updates", where, task_id=task.id)
        self.each(ResourceRequest, rec, "resources", path, **fixed)
        self.each(ProgressEntry, rec, "progress", path, **fixed)
        now = {"raised_at": self.now}
        risks = self.each(
            RiskWarning, rec, "risks", path, skip=("tasks", "departments"), defaults=now, **fixed
        )
        for i, (item, risk) in enumerate(zip(self._list(rec, "risks", path), risks, strict=True)):
            for name, model, ns in (
                ("tasks", RiskTask, "task"),
                ("departments", RiskDepartment, "department"),
            ):
                for j, ref in enumerate(self._list(item, name, f"{path}.risks[{i}]")):
                    where = f"{path}.risks[{i}].{name}[{j}]"
                    values: dict[str, Any] = {
                        f"{ns}_id": self._ref(ns, ref, where),
                        "risk_id": risk.id,
                    }
                    self.add(model(created_at=self.now, updated_at=self.now, **values), where)
        self.each(AcceptanceItem, rec, "acceptance", path, **fixed)
        self.each(SignOff, rec, "signoffs", path, defaults={"signed_at": self.now}, **fixed)
        per_dimension: dict[object, int] = {}
        for i, item in enumerate(self._list(rec, "retro", path)):
            dim = item.get("dimension") if isinstance(item, dict) else None
            pos = per_dimension[dim] = per_dimension.get(dim, -1) + 1
            where = f"{path}.retro[{i}]"
            self.row(RetroItem, item, where, ns="retro", defaults={"position": pos}, **fixed)
        self.retro_keys[key] = self.ids["retro"]

    def practice(self, rec: object, path: str) -> None:
        if not isinstance(rec, dict):
            raise _fail(path, "expected an object")
        rec = dict(rec)
        if isinstance(rec.get("tags"), list):
            tags = rec["tags"]
            if not all(isinstance(t, str) for t in tags):
                raise _fail(f"{path}.tags", "tags must be text")
            rec["tags"] = ",".join(t.strip() for t in tags)
        retro = rec.pop("source_retro_item", None)
        practice = self.row(BestPractice, rec, path)
        if retro is not None:
            where = f"{path}.source_retro_item"
            keys = self.retro_keys.get(rec.get("source_project"))
            if keys is None:
                raise _fail(where, "needs a source_project")
            if retro not in keys:
                raise _fail(where, f"unknown retro key {retro!r} in {rec['source_project']!r}")
            practice.source_retro_item_id = keys[retro]


class LoaderOps(StoreBase):
    """Store methods that load datasets (mixed into :class:`~collabtui.store.Store`)."""

    #: The backup :meth:`load_demo` made before replacing a store's contents, if any.
    last_backup: Path | None = None

    def load_dataset(
        self,
        data: dict,
        *,
        clock: Clock,
        intent: str = "dataset.load",
    ) -> dict[str, int]:
        """Insert a whole dataset in one transaction; rows per table.

        Relative dates count from the clock's moment, days in the clock's zone (the
        user's). A bad value or unknown key raises :class:`ValidationError` naming its
        JSON path, and nothing is written.
        """
        with self.db.write(intent) as u:
            return _Loader(u, clock.now(), clock.tz).load(data)

    def load_demo(self, *, clock: Clock, force: bool = False) -> dict[str, int]:
        """Load the bundled demo projects, dated from the clock in its zone; rows per table.

        A store that is not empty is refused unless ``force``: then it is backed up
        first (:attr:`last_backup`: a SQLite file is copied beside itself, a server
        store exported as JSON into the data folder's ``backups/``) and every row is
        deleted in the same transaction as the load.
        """
        self.last_backup = None
        source = paths.bundled_data_dir() / DEMO_FILE
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError.of("err.demo_unreadable", path=source, reason=exc) from None
        replace = not self.is_empty()
        if replace and not force:
            raise ValidationError.of("err.store_not_empty")
        if replace:
            self.last_backup = self._backup_before_demo()
        with self.db.write("demo.load") as u:
            if replace:
                # Bulk deletes, children first: fast, but they bypass the change log
                # (its rows stay; the backup above holds the replaced contents).
                for model in reversed(EDITABLE_TABLES):
                    u.session.execute(delete(model))
            return _Loader(u, clock.now(), clock.tz).load(data)

    def _backup_before_demo(self) -> Path:
        """A backup of the contents :meth:`load_demo` is about to replace."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        if self.path is not None:
            return _sqlite_backup_beside(Path(self.path), stamp)
        folder = paths.backups_dir()
        return self.backup_to(_free_name(folder / f"collab.before-demo.{stamp}.json"))


def _sqlite_backup_beside(path: Path, stamp: str) -> Path:
    """Copy the SQLite file to ``<name>.before-demo.<UTC stamp>.bak`` beside it."""
    from collabtui.store.engine import backup_sqlite

    return backup_sqlite(path, _free_name(path.with_name(f"{path.name}.before-demo.{stamp}.bak")))


def _free_name(dest: Path) -> Path:
    """``dest``, or ``dest`` with ``-2``, ``-3``… before its suffix when it exists."""
    n = 1
    candidate = dest
    while candidate.exists():
        n += 1
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
    return candidate


__all__ = ["DEMO_FILE", "FORMAT", "LoaderOps"]
