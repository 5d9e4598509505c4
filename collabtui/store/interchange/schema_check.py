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
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from collabtui.store.interchange.format import build_schema

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


def _plain(value: object) -> tuple | None:
    """The signature of a value only its JSON type matters for (``None``: a container)."""
    kind = type(value)
    return None if kind is list or kind is dict else (kind,)


def _signer(schema: dict) -> Callable[[object], tuple | None]:
    """What the column's keywords can tell apart about a value (``None``: check it)."""
    if "enum" in schema:
        return lambda v: None if type(v) in (list, dict) else (type(v), v)
    if "minimum" in schema:
        low, high = schema["minimum"], schema["maximum"]
        return lambda v: (int, low <= v <= high) if type(v) is int else _plain(v)
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search
        return lambda v: (str, search(v) is not None) if type(v) is str else _plain(v)
    return _plain


@cache
def _signers(table: str) -> dict[str, Callable[[object], tuple | None]]:
    return {name: _signer(schema) for name, schema in _validators()[1][table]["properties"].items()}


def schema_errors(data: Any) -> Iterator[Found]:
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
        check = RowSchema(name)
        for i, row in enumerate(rows):
            yield from check.errors(i, row)


def is_table(name: object) -> bool:
    """True when ``name`` is a table of the format (its rows are checked by :class:`RowSchema`)."""
    return isinstance(name, str) and name in _validators()[1]


class RowSchema:
    """The schema's verdicts on the rows of one table, one row at a time.

    Verdicts are kept per row shape and per value signature, so each is asked of
    ``jsonschema`` once (see the module's docstring).
    """

    def __init__(self, table: str):
        self.table = table
        self._signers = _signers(table)
        self._shapes: dict[object, list[SchemaError]] = {}
        self._verdicts: dict[tuple, list[SchemaError]] = {}

    def errors(self, i: int, row: object) -> Iterator[Found]:
        """The errors of ``row``, the ``i``-th of the table."""
        table, where = self.table, ["tables", self.table, i]
        key = tuple(row) if isinstance(row, dict) else type(row)
        if key not in self._shapes:
            self._shapes[key] = list(_row_shape_validator(table).iter_errors(row))
        for error in self._shapes[key]:
            yield error, where, row
        if not isinstance(row, dict):
            return
        verdicts = self._verdicts
        for column, value in row.items():
            sign = self._signers.get(column)
            if sign is None:
                continue
            signature = sign(value)
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


__all__ = ["Found", "RowSchema", "is_table", "schema_errors"]
