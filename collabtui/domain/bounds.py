"""The value domain every stored record keeps, whichever way it arrives.

Forms, the CLI, ``collab load``, ``collab import``, ``collab restore`` and undo all
write through checks built on :func:`problem`: numbers are finite and of a size a
person could mean, integers fit PostgreSQL's ``integer``, dates and moments lie in
:data:`FIRST_DAY`–:data:`LAST_DAY`, a week is an ISO week that exists, and the JSON
columns hold their documented shape. A value outside the domain never reaches a
table, so no export, alert or screen has to cope with ``inf``, year 1 or ``garbage-9``.

Pure: no ORM, no IO. A check returns a message key and its parameters (or ``None``);
the caller makes the error of its layer from them.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, date, datetime

from collabtui.domain.weeks import parse_week

#: The days a record may name (a meeting, a due date, a moment of the change log).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2200, 12, 31)
#: The largest magnitude of a stored number (a goal's target, a quantity, a position).
NUMBER_LIMIT = 1e15
#: Integers fit PostgreSQL's ``integer``, so a record moves between the backends.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
#: Columns that hold an ISO week (``2026-W48``), by table.
WEEK_COLUMNS = {("progressentry", "week")}
#: Columns that hold JSON of a documented shape, by table: the change log's
#: ``{field: [old, new]}``.
JSON_COLUMNS = {("change", "changes"): "changes"}
_WEEK_FORM = re.compile(r"^\d{4}-W\d{2}$")

#: A problem: a message key and its parameters.
Problem = tuple[str, dict]


def number_problem(value: object) -> Problem | None:
    """A number that is not finite or is larger than :data:`NUMBER_LIMIT`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return integer_problem(value) if abs(value) > NUMBER_LIMIT else None
    if not math.isfinite(value):
        return ("value.err.not_finite", {})
    if abs(value) > NUMBER_LIMIT:
        return ("value.err.number_range", {"limit": f"{NUMBER_LIMIT:.0e}"})
    return None


def integer_problem(value: object) -> Problem | None:
    """An integer outside :data:`INT_MIN`–:data:`INT_MAX`."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    if not INT_MIN <= value <= INT_MAX:
        return ("value.err.integer_range", {"low": INT_MIN, "high": INT_MAX})
    return None


def day_problem(value: object) -> Problem | None:
    """A date outside :data:`FIRST_DAY`–:data:`LAST_DAY`."""
    if isinstance(value, datetime) or not isinstance(value, date):
        return None
    if not FIRST_DAY <= value <= LAST_DAY:
        return ("value.err.date_range", {"first": FIRST_DAY, "last": LAST_DAY})
    return None


def moment_problem(value: object) -> Problem | None:
    """A naive moment, or one outside the days (in UTC)."""
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        return ("value.err.naive", {})
    # Far from year 1 and 9999, so the conversion itself cannot overflow.
    if not FIRST_DAY.year <= value.year <= LAST_DAY.year:
        return ("value.err.date_range", {"first": FIRST_DAY, "last": LAST_DAY})
    return day_problem(value.astimezone(UTC).date())


def week_problem(value: object) -> Problem | None:
    """Text that is not an existing ISO week ``YYYY-Www`` within the days."""
    if not isinstance(value, str):
        return None
    if not _WEEK_FORM.match(value):
        return ("value.err.week", {})
    try:
        canonical = parse_week(value)
    except ValueError:
        return ("value.err.week", {})
    if canonical != value:
        return ("value.err.week", {})
    if not FIRST_DAY.year <= int(value[:4]) <= LAST_DAY.year:
        return ("value.err.date_range", {"first": FIRST_DAY, "last": LAST_DAY})
    return None


def changes_problem(value: object) -> Problem | None:
    """The change log's ``changes``: a JSON object ``{field: [old, new]}`` of plain values."""
    if not isinstance(value, str):
        return None
    try:
        data = json.loads(value, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return ("value.err.changes", {})
    if not isinstance(data, dict):
        return ("value.err.changes", {})
    for key, pair in data.items():
        if not isinstance(pair, list) or len(pair) != 2:
            return ("value.err.changes", {})
        for item in pair:
            if not _plain(item):
                return ("value.err.changes", {})
        if not key:
            return ("value.err.changes", {})
    return None


def _refuse_constant(name: str) -> object:
    raise ValueError(name)


def _plain(item: object) -> bool:
    if item is None or isinstance(item, str | bool):
        return True
    if isinstance(item, int | float):
        return number_problem(item) is None
    return False


def problem(table: str, column: str, kind: str, value: object) -> Problem | None:
    """What is wrong with ``value`` in ``table.column`` of JSON kind ``kind`` (integer,
    number, boolean, text, enum, date, datetime), or ``None`` when it is in the domain."""
    if value is None:
        return None
    if kind == "integer":
        return integer_problem(value)
    if kind == "number":
        return number_problem(value)
    if kind == "date":
        return day_problem(value)
    if kind == "datetime":
        return moment_problem(value)
    if (table, column) in WEEK_COLUMNS:
        return week_problem(value)
    if JSON_COLUMNS.get((table, column)) == "changes":
        return changes_problem(value)
    return None


__all__ = [
    "FIRST_DAY",
    "INT_MAX",
    "INT_MIN",
    "LAST_DAY",
    "NUMBER_LIMIT",
    "Problem",
    "changes_problem",
    "day_problem",
    "integer_problem",
    "moment_problem",
    "number_problem",
    "problem",
    "week_problem",
]
