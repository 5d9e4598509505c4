"""The ``collab-export`` document: its JSON Schema, row encoding and deterministic text.

A document is one JSON object::

    {
      "format": "collab-export",
      "schema_version": 1,
      "tables": {
        "department": [
          {"id": 1, "created_at": "2026-11-27T09:30:00+00:00", …},
          …
        ],
        …
        "change": […]
      }
    }

``tables`` holds every table of :mod:`collabtui.store.models` in foreign-key order (a
referenced table before the tables that refer to it, the ``change`` audit log last),
each a list of rows sorted by id. A row has every column under its column name:
ids and versions as integers, timestamps as ISO 8601 with their UTC offset, dates as
``YYYY-MM-DD``, enums as their values, ``null`` where a nullable column is empty.
There is no export timestamp or other volatile field: the same store always gives
the same bytes. The JSON Schema is derived from the models (:func:`build_schema`) and
shipped as ``data/schema/collab-export-1.schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeGuard, cast

from sqlalchemy import Boolean, Column, Date, Float, Integer, String

from collabtui.store.models import TABLES, EnumText, UTCDateTime

if TYPE_CHECKING:
    from sqlalchemy import Constraint, UniqueConstraint

FORMAT = "collab-export"
SCHEMA_VERSION = 1
#: The shipped schema, relative to the bundled data folder.
SCHEMA_FILE = f"schema/collab-export-{SCHEMA_VERSION}.schema.json"

#: Integers must fit PostgreSQL's ``integer`` so a document loads on either backend.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}:\d{2}|Z)$"


def table_names() -> tuple[str, ...]:
    """Every table, referenced tables first, the change log last."""
    return tuple(TABLES)


#: Column types and their JSON kinds, most specific first (ours before SQLAlchemy's).
_KINDS = (
    (EnumText, "enum"),
    (UTCDateTime, "datetime"),
    (Date, "date"),
    (Boolean, "boolean"),
    (Integer, "integer"),
    (Float, "number"),
    (String, "text"),
)


def column_kind(column: Column) -> str:
    """The JSON kind of a column: integer, number, boolean, text, enum, date, datetime."""
    kind = column.type
    if not isinstance(kind, EnumText | UTCDateTime):
        kind = getattr(kind, "impl_instance", kind)  # SQLModel's AutoString wraps a String
    for sql_type, name in _KINDS:
        if isinstance(kind, sql_type):
            return name
    raise TypeError(f"{column.table.name}.{column.name}: no JSON form for {kind!r}")


@cache
def columns(table: str) -> tuple[tuple[str, str], ...]:
    """``(column name, kind)`` of every column of ``table``, in the model's order."""
    return tuple((c.name, column_kind(c)) for c in TABLES[table].__table__.c)


@cache
def references(table: str) -> tuple[tuple[str, str], ...]:
    """``(column, referenced table)`` of every foreign key of ``table``."""
    return tuple(
        (c.name, fk.column.table.name) for c in TABLES[table].__table__.c for fk in c.foreign_keys
    )


@cache
def unique_sets(table: str) -> tuple[tuple[str, ...], ...]:
    """The column sets ``table`` keeps unique (constraints and unique indexes)."""
    t = TABLES[table].__table__
    found = [tuple(c.name for c in con.columns) for con in t.constraints if _is_unique(con)]
    found += [tuple(c.name for c in ix.columns) for ix in t.indexes if ix.unique]
    found += [(c.name,) for c in t.c if c.unique]
    return tuple(dict.fromkeys(s for s in found if s != ("id",)))


def _is_unique(constraint: Constraint) -> TypeGuard[UniqueConstraint]:
    from sqlalchemy import UniqueConstraint

    return isinstance(constraint, UniqueConstraint)


# ---------------------------------------------------------------------- schema


def _column_schema(column: Column) -> dict:
    kind = column_kind(column)
    if kind == "enum":
        values: list = [m.value for m in cast(EnumText, column.type).enum_cls]
        schema: dict = {"enum": [*values, None] if column.nullable else values}
    else:
        json_type = {"date": "string", "datetime": "string", "text": "string"}.get(kind, kind)
        schema = {"type": [json_type, "null"] if column.nullable else json_type}
        if kind == "integer":
            schema |= {"minimum": 1 if column.primary_key else INT_MIN, "maximum": INT_MAX}
        elif kind == "date":
            schema["pattern"] = DATE_PATTERN
        elif kind == "datetime":
            schema["pattern"] = DATETIME_PATTERN
    targets = [fk.target_fullname for fk in column.foreign_keys]
    if targets:
        schema["description"] = f"references {targets[0]}"
    return schema


def _table_schema(name: str) -> dict:
    model = TABLES[name]
    cols = list(model.__table__.c)
    doc = (model.__doc__ or "").strip().splitlines()
    return {
        "description": doc[0] if doc else name,
        "type": "object",
        "additionalProperties": False,
        "required": [c.name for c in cols],
        "properties": {c.name: _column_schema(c) for c in cols},
    }


@cache
def _schema() -> str:
    names = table_names()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"collab export, schema version {SCHEMA_VERSION}",
        "description": (
            "The whole collab store: every table in foreign-key order, rows sorted by "
            "id, every column. Written by `collab export all --format json`, read by "
            "`collab import` and `collab restore`."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "schema_version", "tables"],
        "properties": {
            "format": {"const": FORMAT},
            "schema_version": {"const": SCHEMA_VERSION},
            "tables": {
                "type": "object",
                "additionalProperties": False,
                "required": list(names),
                "properties": {
                    n: {"type": "array", "items": {"$ref": f"#/$defs/{n}"}} for n in names
                },
            },
        },
        "$defs": {n: _table_schema(n) for n in names},
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def build_schema() -> dict:
    """The JSON Schema of a ``collab-export`` document, derived from the models."""
    return json.loads(_schema())


def render_schema() -> str:
    """:func:`build_schema` as the text of the shipped schema file."""
    return _schema()


# ---------------------------------------------------------------------- rows


def _encode_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


_ENCODERS: dict[str, Callable[[Any], object]] = {
    "enum": lambda v: v.value if isinstance(v, Enum) else str(v),
    "datetime": _encode_datetime,
    "date": date.isoformat,
    "boolean": bool,
    "integer": int,
    "number": float,
    "text": str,
}


@cache
def _encoders(table: str) -> tuple[tuple[str, Callable[[Any], object]], ...]:
    return tuple((name, _ENCODERS[kind]) for name, kind in columns(table))


def encode_row(table: str, row: Mapping[Any, object]) -> dict[str, object]:
    """A row of ``table`` (column → Python value) as the JSON object the format holds."""
    return {
        name: None if (v := row[name]) is None else encode(v) for name, encode in _encoders(table)
    }


_DECODERS: dict[str, Callable[[Any], object]] = {
    "datetime": datetime.fromisoformat,
    "date": date.fromisoformat,
    "number": float,
}


@cache
def _decoders(table: str) -> tuple[tuple[str, Callable[[Any], object] | None], ...]:
    return tuple((name, _DECODERS.get(kind)) for name, kind in columns(table))


def decode_row(table: str, row: Mapping[str, object]) -> dict[str, Any]:
    """A JSON row of ``table`` as column values ready to insert (raises ``ValueError``)."""
    return {
        name: v if (v := row[name]) is None or decode is None else decode(v)
        for name, decode in _decoders(table)
    }


def decode_tables(tables: Mapping[str, Iterable[Mapping]]) -> dict[str, list[dict]]:
    """Every table of a checked document as insertable rows."""
    return {name: [decode_row(name, r) for r in tables[name]] for name in table_names()}


def render_export(tables: Mapping[str, list[dict]]) -> str:
    """The document holding ``tables`` (encoded rows by table), one row per line.

    Deterministic: fixed key order, rows as given (the store sorts them by id),
    UTF-8 text kept as it is, control characters escaped, one final newline.
    """
    names = table_names()
    lines = ["{", f'  "format": "{FORMAT}",', f'  "schema_version": {SCHEMA_VERSION},']
    lines.append('  "tables": {')
    for i, name in enumerate(names):
        comma = "," if i < len(names) - 1 else ""
        rows = tables.get(name) or []
        if not rows:
            lines.append(f'    "{name}": []{comma}')
            continue
        lines.append(f'    "{name}": [')
        dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
        lines.append(",\n".join("      " + dumps(r) for r in rows))
        lines.append(f"    ]{comma}")
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"
