"""Checking a ``collab-export`` document before anything is imported.

Everything is checked and every problem reported, each with its JSON path
(``$.tables.task[3].owner_id``) and a reason in the current language: JSON syntax,
the JSON Schema (fields, types, enum values, integer ranges, date and time forms),
dates that exist, ids unique per table, every reference pointing at a row of the
document, the unique constraints of the tables, and the domain rules the store keeps
(:func:`collabtui.store.tasks.check_task`, the loader's value ranges).
"""

from __future__ import annotations

import json
import re
from array import array
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from collabtui.domain.bounds import problem as value_problem
from collabtui.domain.errors import ValidationError
from collabtui.domain.tasks import check_task
from collabtui.i18n import t
from collabtui.store.interchange.format import (
    DATE_PATTERN,
    columns,
    decode_row,
    references,
    table_names,
    unique_sets,
)
from collabtui.store.interchange.schema_check import RowSchema, is_table, schema_errors
from collabtui.store.interchange.stream import MAX_DEPTH, MAX_DIGITS, Document, Parsed
from collabtui.store.loader import VALUE_RANGES


@dataclass(frozen=True)
class ExchangeProblem:
    """One thing wrong with a document: where (a JSON path) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_path(parts) -> str:
    """``$.tables.task[3].owner_id`` from ``("tables", "task", 3, "owner_id")``."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.match(part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def parse_document(text: str) -> tuple[object, list[ExchangeProblem]]:
    """The JSON value of ``text``, or ``None`` and the syntax problem (line, column).

    Refused before anything else looks at it: nesting deeper than :data:`MAX_DEPTH`,
    an integer longer than :data:`MAX_DIGITS` digits, ``NaN`` and ``Infinity``.
    """
    try:
        data = json.loads(text, parse_int=_integer, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        reason = t("exchange.err.syntax", detail=exc.msg, line=exc.lineno, column=exc.colno)
        return None, [ExchangeProblem("$", reason)]
    except _Refused as exc:
        return None, [ExchangeProblem("$", t(exc.key, **exc.params))]
    except RecursionError:
        return None, [ExchangeProblem("$", t("exchange.err.depth", limit=MAX_DEPTH))]
    if _depth(data) > MAX_DEPTH:
        return None, [ExchangeProblem("$", t("exchange.err.depth", limit=MAX_DEPTH))]
    return data, []


class _Refused(ValueError):
    """A JSON token we do not read: ``args`` are a message key and its parameters."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _Refused("exchange.err.long_integer", limit=MAX_DIGITS)
    return int(digits)


def _no_constant(name: str) -> object:
    raise _Refused("exchange.err.constant")


def _depth(value: object) -> int:
    """How deeply ``value`` nests (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]  # JSON values and their levels
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in children)
    return deepest


def check_document(data: object) -> list[ExchangeProblem]:
    """Every problem of a parsed document, in document order; empty when it is fine."""
    return check(Parsed(data))


def check(document: Document | Parsed) -> list[ExchangeProblem]:
    """Every problem of ``document``, read once row by row, in document order.

    Nothing but ids, unique keys and forward references is kept of the rows. A
    :class:`~collabtui.store.interchange.stream.DocumentProblem` (bytes that are not
    UTF-8 or not JSON) is the caller's to handle.
    """
    problems: dict[ExchangeProblem, None] = {}
    schemas: dict[str, RowSchema] = {}
    content = _Content()
    for name, i, row in document.scan():
        if not is_table(name):
            continue  # the skeleton's check names the unknown table
        schema = schemas.get(name) or schemas.setdefault(name, RowSchema(name))
        broken = False
        for error, where, instance in schema.errors(i, row):
            broken = True
            for problem in _schema_problems(error, where, instance):
                problems[problem] = None
        if not broken and isinstance(row, dict):
            content.row(name, i, row)
    skeleton = document.skeleton
    for error, where, instance in schema_errors(skeleton):
        for problem in _schema_problems(error, where, instance):
            problems[problem] = None
    tables = skeleton.get("tables") if isinstance(skeleton, dict) else None
    if isinstance(tables, dict) and all(isinstance(tables.get(n), list) for n in table_names()):
        for problem in content.finish():
            problems[problem] = None
    return sorted(problems, key=_document_order)


def _document_order(problem: ExchangeProblem) -> tuple:
    keys = []
    for token in re.findall(r"\[(\d+)\]|\.([A-Za-z_0-9]+)|\[(\"[^\"]*\")\]", problem.path):
        index, name, quoted = token
        keys.append((0, int(index), "") if index else (1, 0, name or quoted))
    names = table_names()
    if len(keys) >= 2 and keys[0][2] == "tables" and keys[1][2] in names:
        keys[1] = (1, names.index(keys[1][2]), "")
    return tuple(keys)


# ---------------------------------------------------------------------- schema


_TYPES = ("integer", "number", "string", "boolean", "null", "object", "array")


def _type_names(expected) -> str:
    kinds = [expected] if isinstance(expected, str) else list(expected)
    return t("exchange.or").join(t(f"exchange.type.{k}") if k in _TYPES else k for k in kinds)


def _value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)[:80]


def _schema_problems(error, where: list, instance: Any) -> list[ExchangeProblem]:
    """Our problems for one jsonschema error about ``instance`` at ``where``.

    One per missing or unknown field, so each has its own path.
    """
    kind, path = error.validator, json_path(where)
    if kind == "required":
        missing = [p for p in error.validator_value if p not in instance]
        return [ExchangeProblem(json_path([*where, p]), t("exchange.err.missing")) for p in missing]
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        return [
            ExchangeProblem(json_path([*where, k]), t("exchange.err.unknown_field"))
            for k in instance
            if k not in known
        ]
    if kind == "type":
        reason = t("exchange.err.type", expected=_type_names(error.validator_value))
    elif kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        shown = ", ".join(_value(v) for v in allowed)
        reason = t("exchange.err.enum", value=_value(instance), allowed=shown)
    elif kind in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        reason = t("exchange.err.range", value=instance, low=low, high=high)
    elif kind == "pattern":
        date_like = error.validator_value == DATE_PATTERN
        reason = t("exchange.err.date" if date_like else "exchange.err.datetime")
    else:  # pragma: no cover - our schema uses no other keywords
        reason = error.message
    return [ExchangeProblem(path, reason)]


# ---------------------------------------------------------------------- content


class _Content:
    """Dates, ids, references, unique sets and domain rules of well-formed rows.

    Fed one row at a time, table after table. A reference to a table whose rows
    are all in is checked at once; one to a table still to come (or to its own
    table) is kept as two integers until :meth:`finish`.
    """

    def __init__(self) -> None:
        self.problems: list[ExchangeProblem] = []
        self._ids: dict[str, set[int]] = {}
        self._seen: dict[str, dict[tuple, dict[tuple, int]]] = {}
        self._done: set[str] = set()
        self._current: str | None = None
        self._later: dict[tuple[str, str, str], array] = {}

    def row(self, name: str, i: int, raw: dict) -> None:
        if name != self._current:
            if self._current is not None:
                self._done.add(self._current)
            self._current = name
        try:
            row = decode_row(name, raw)
        except (ValueError, TypeError):
            self.problems.extend(_bad_dates(name, i, raw))
            return
        ids = self._ids.setdefault(name, set())
        if name not in self._seen:
            self._seen[name] = {("id",): {}} | {cols: {} for cols in unique_sets(name)}
        self.problems.extend(_unique(name, i, row, self._seen[name], ids))
        for column, target in references(name):
            value = row[column]
            if value is None:
                continue
            if target in self._done:
                if value not in self._ids.get(target, ()):
                    self.problems.append(_dangling(name, i, column, target, value))
            else:
                key = (name, column, target)
                later = self._later.get(key) or self._later.setdefault(key, array("q"))
                later.extend((i, value))
        for column in _texts(name):
            if "\x00" in (row[column] or ""):
                path = json_path(["tables", name, i, column])
                self.problems.append(ExchangeProblem(path, t("exchange.err.nul")))
        self.problems.extend(_rules(name, i, row))

    def finish(self) -> list[ExchangeProblem]:
        """Every problem found, the forward references checked now that all ids are in."""
        for (name, column, target), pairs in self._later.items():
            ids = self._ids.get(target, set())
            for k in range(0, len(pairs), 2):
                i, value = pairs[k], pairs[k + 1]
                if value not in ids:
                    self.problems.append(_dangling(name, i, column, target, value))
        return self.problems


def _dangling(name: str, i: int, column: str, target: str, value: int) -> ExchangeProblem:
    reason = t("exchange.err.reference", table=target, id=value)
    return ExchangeProblem(json_path(["tables", name, i, column]), reason)


@cache
def _texts(name: str) -> tuple[str, ...]:
    return tuple(c for c, kind in columns(name) if kind == "text")


def _bad_dates(name: str, i: int, row: dict):
    for column, kind in columns(name):
        if kind in ("date", "datetime") and row.get(column) is not None:
            try:
                decode_row(name, {c: None for c, _ in columns(name)} | {column: row[column]})
            except (ValueError, TypeError):
                reason = t("exchange.err.date" if kind == "date" else "exchange.err.datetime")
                yield ExchangeProblem(json_path(["tables", name, i, column]), reason)


def _unique(name: str, i: int, row: dict, seen: dict[tuple, dict[tuple, int]], ids: set[int]):
    """The row's id used once in its table, and the table's unique column sets (NULLs never
    clash)."""
    for cols, first in seen.items():
        key = tuple(row[c] for c in cols)
        if None in key:
            continue
        if key in first:
            other = json_path(["tables", name, first[key]])
            if cols == ("id",):
                reason = t("exchange.err.duplicate_id", id=row["id"], other=other)
            else:
                reason = t("exchange.err.unique", columns=", ".join(cols), other=other)
            yield ExchangeProblem(json_path(["tables", name, i, cols[-1]]), reason)
        else:
            first[key] = i
    ids.add(row["id"])


@cache
def _ranges(name: str) -> tuple[tuple[str, int, int], ...]:
    """The integer columns of ``name`` the loader keeps in a range (tasks: check_task)."""
    return tuple(
        (column, *VALUE_RANGES[column])
        for column, kind in columns(name)
        if kind == "integer" and column in VALUE_RANGES and (name, column) != ("task", "progress")
    )


def _rules(name: str, i: int, row: dict):
    """The domain rules every stored record keeps."""
    for column, low, high in _ranges(name):
        value = row[column]
        if value is not None and not low <= value <= high:
            reason = t("exchange.err.range", value=value, low=low, high=high)
            yield ExchangeProblem(json_path(["tables", name, i, column]), reason)
    for column, kind in columns(name):
        found = value_problem(name, column, kind, row[column])
        if found is not None:
            key, params = found
            reason = t(key, field=column, **params)
            yield ExchangeProblem(json_path(["tables", name, i, column]), reason)
    if name == "task":
        try:
            check_task(SimpleNamespace(**row))
        except ValidationError as exc:
            yield ExchangeProblem(json_path(["tables", name, i, exc.field or ""]), str(exc))


__all__ = ["ExchangeProblem", "check", "check_document", "json_path", "parse_document"]
