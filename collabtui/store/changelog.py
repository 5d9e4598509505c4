"""The change log as people read it: entries, labels of records and actions, values.

Pure functions over plain data (no I/O, no Textual): the store builds the entries,
the history screen and the undo notices format them with these helpers, so the
words are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from collabtui.i18n import formats, has, label_value, t
from collabtui.store.models import TABLES, EnumText, UTCDateTime
from collabtui.text import clean, truncate

#: Columns whose value names a record well enough, most telling first.
_NAME_COLUMNS = (
    "code",
    "title",
    "name",
    "deliverable",
    "text",
    "description",
    "duty",
    "done",
    "problems",
    "week",
)

#: Fields a history entry never lists (bookkeeping, not the user's data).
HIDDEN_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})

#: Fields whose label key is not found by their name.
_FIELD_KEYS = {("taskupdate", "done"): "field.done_text"}

#: The prefix of the form labels a record's fields reuse (``risk.field.impact``).
_FORM_PREFIXES = {
    "riskwarning": "risk",
    "resourcerequest": "resource",
    "signoff": "acceptance",
    "retroitem": "retro",
    "bestpractice": "handbook",
}

#: Longest value shown in a history line, in terminal cells.
VALUE_WIDTH = 60


@dataclass(frozen=True)
class FieldChange:
    """One field of one record: the value before and after (JSON-ready values)."""

    field: str
    old: object
    new: object


@dataclass(frozen=True)
class HistoryEntry:
    """One change of one record, as the history view lists it."""

    id: int
    at: datetime
    actor: str
    action: str  # create / update / delete
    intent: str
    entity: str
    entity_id: int
    record: str  # what the record is called ("T-12"), from the log or the row
    fields: tuple[FieldChange, ...]
    reverts: str | None = None


@dataclass(frozen=True)
class Reverted:
    """What an undo or a redo did, for the notice."""

    kind: str  # "undo" or "redo"
    what: str  # "move task T-12"
    entity: str
    entity_id: int

    @property
    def message(self) -> str:
        """ "Undid: move task T-12" in the current language."""
        return t(f"{self.kind}.done", what=self.what)


def base_intent(intent: str) -> str:
    """The user action behind an intent: ``undo:task.move`` → ``task.move``."""
    for prefix in ("undo:", "redo:"):
        if intent.startswith(prefix):
            return intent[len(prefix) :]
    return intent


def record_name(entity: str, values: dict[str, object], entity_id: int) -> str:
    """A short name of a record: its code, title or name (else ``#id``), one line."""
    for column in _NAME_COLUMNS:
        value = values.get(column)
        if isinstance(value, str) and value.strip():
            return truncate(clean(value, single_line=True).strip(), 40)
    return f"#{entity_id}"


def intent_label(intent: str, name: str) -> str:
    """The action in words with the record's name: "move task T-12"."""
    base = base_intent(intent)
    key = f"intent.{base}"
    text = t(key, name=name) if has(key) else t("intent.other", intent=base, name=name)
    if intent.startswith("undo:"):
        return t("history.undo_of", what=text)
    if intent.startswith("redo:"):
        return t("history.redo_of", what=text)
    return text


def kind_label(entity: str) -> str:
    """The translated kind of a record ("daily update")."""
    key = f"kind.{entity}"
    return t(key) if has(key) else entity


def field_label(field: str, entity: str = "") -> str:
    """A field's translated label, reusing the forms' and tables' words (a task's
    ``notes`` is "Notes", not a meeting's "Minutes notes"): ``field.<entity>.<field>``
    first, then the entity's form label, then the shared field and column words."""
    stem = field.removesuffix("_id").removesuffix("_on")
    names = (field, stem)
    keys = [_FIELD_KEYS[(entity, field)]] if (entity, field) in _FIELD_KEYS else []
    keys.append(f"field.{entity}.{field}")
    if entity in _FORM_PREFIXES:
        keys += [f"{_FORM_PREFIXES[entity]}.field.{n}" for n in names]
    keys += [f"field.{entity}_{n}" for n in names if entity]
    keys += [f"{kind}.{n}" for kind in ("field", "col") for n in names]
    for key in keys:
        if has(key):
            return t(key)
    return field


def format_value(
    entity: str,
    field: str,
    value: object,
    *,
    names: dict[tuple[str, int], str] | None = None,
    tz: tzinfo,
) -> str:
    """A logged value as a person reads it: enums translated, times in local time,
    references by name where known, text on one line and cut to :data:`VALUE_WIDTH`."""
    if value is None or value == "":
        return t("field.none")
    model = TABLES.get(entity)
    column = model.__table__.c.get(field) if model is not None else None
    if column is not None:
        kind = column.type
        if isinstance(kind, EnumText):
            return label_value(kind.enum_cls.__name__, str(value))
        if isinstance(kind, UTCDateTime) and isinstance(value, str):
            return formats.datetime(datetime.fromisoformat(value), tz)
        for fk in column.foreign_keys:
            if names is not None and isinstance(value, int):
                name = names.get((fk.column.table.name, value))
                if name:
                    return truncate(clean(name, single_line=True), VALUE_WIDTH)
            return f"#{value}"
    if isinstance(value, bool):
        return t("value.yes") if value else t("value.no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, date | datetime):
        value = value.isoformat()
    return truncate(clean(value, single_line=True), VALUE_WIDTH)


def visible_fields(entry: HistoryEntry) -> tuple[FieldChange, ...]:
    """The fields of an entry worth listing (bookkeeping columns left out)."""
    return tuple(f for f in entry.fields if f.field not in HIDDEN_FIELDS)
