"""Checking a document against the JSON Schema with ``jsonschema``, fast for 100k rows.

Validating a large export in one ``iter_errors`` call takes about 20 s for the
benchmark store (10,000 tasks, 107,000 rows): the library walks every keyword of
every value. Our schema has a simple shape — the document around the tables, then
rows whose columns are checked independently of each other — so this module asks
``jsonschema`` the same questions once per *kind* of answer instead:

* the document with every table's rows left out (format, version, table names);
* each distinct set of keys a table's rows have (``required``, ``additionalProperties``);
* each distinct *signature* of a column's values: its JSON type, plus what the
  column's keywords can tell apart — the value itself for an ``enum``, whether it
  is inside ``minimum``/``maximum``, whether it matches the ``pattern``.

Two values with the same signature get the same verdict from the library, so every
error it would report is reported, at every row it concerns, with that row's value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from collabtui.exchange.format import build_schema

#: ``(error, path of the instance, the instance itself)``
Found = tuple[SchemaError, list, object]


@cache
def _validators() -> tuple[Draft202012Validator, dict[str, dict]]:
    schema = build_schema()
    return Draft202012Validator(schema), schema["$defs"]


@cache
def _row_shape_validator(table: str) -> Draft202012Validator:
    row = _validators()[1][table]
    shape = {k: v for k, v in row.items() if k != "properties"}
    return Draft202012Validator(shape | {"properties": {k: True for k in row["properties"]}})


@cache
def _column_validator(table: str, column: str) -> Draft202012Validator:
    return Draft202012Validator(_validators()[1][table]["properties"][column])


def _type_name(value: object) -> str:
    return type(value).__name__


def _signature(schema: dict, value: object) -> tuple | None:
    """What the column's keywords can tell apart about ``value`` (``None``: check it)."""
    kind = _type_name(value)
    if kind in ("list", "dict"):
        return None
    if "enum" in schema:
        return (kind, value)
    if "minimum" in schema and kind == "int":
        return (kind, schema["minimum"] <= value <= schema["maximum"])
    if "pattern" in schema and kind == "str":
        return (kind, re.search(schema["pattern"], value) is not None)
    return (kind,)


def schema_errors(data: object) -> Iterator[Found]:
    """Every error the JSON Schema finds in ``data``, with its instance path."""
    document, defs = _validators()
    tables = data.get("tables") if isinstance(data, dict) else None
    if not isinstance(tables, dict):
        for error in document.iter_errors(data):
            yield error, list(error.absolute_path), error.instance
        return
    known = {name: rows for name, rows in tables.items() if name in defs and isinstance(rows, list)}
    skeleton = {**data, "tables": {**tables, **{name: [] for name in known}}}
    for error in document.iter_errors(skeleton):
        yield error, list(error.absolute_path), error.instance
    for name, rows in known.items():
        yield from _row_errors(name, rows, defs[name]["properties"])


def _row_errors(table: str, rows: list, properties: dict) -> Iterator[Found]:
    shapes: dict[object, list[SchemaError]] = {}
    verdicts: dict[tuple, list[SchemaError]] = {}
    for i, row in enumerate(rows):
        where = ["tables", table, i]
        key = tuple(sorted(row)) if isinstance(row, dict) else _type_name(row)
        if key not in shapes:
            shapes[key] = list(_row_shape_validator(table).iter_errors(row))
        for error in shapes[key]:
            yield error, where, row
        if not isinstance(row, dict):
            continue
        for column, value in row.items():
            schema = properties.get(column)
            if schema is None:
                continue
            signature = _signature(schema, value)
            cache_key = (column, signature)
            if signature is None:
                errors = list(_column_validator(table, column).iter_errors(value))
            elif cache_key in verdicts:
                errors = verdicts[cache_key]
            else:
                errors = verdicts[cache_key] = list(
                    _column_validator(table, column).iter_errors(value)
                )
            for error in errors:
                yield error, [*where, column, *error.absolute_path], value


__all__ = ["Found", "schema_errors"]
