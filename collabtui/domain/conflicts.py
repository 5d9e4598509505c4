"""What a conflict shows: the fields where their saved version and my form differ.

Pure functions of plain values (no I/O, no Textual): a form's values are what its
widgets hold (strings, ids, dates); "theirs" is the record as the store has it now
(:func:`collabtui.store.unit.record_dict`: JSON-ready values).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum


def as_text(value: object) -> str:
    """A field value as a form shows it: ``None`` is empty, numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def same(theirs: object, mine: object) -> bool:
    """Whether two values of one field say the same thing (``3.0`` and ``"3"`` do)."""
    if isinstance(theirs, bool) or isinstance(mine, bool):
        return bool(theirs) == bool(mine)
    a, b = as_text(theirs).strip(), as_text(mine).strip()
    if a == b:
        return True
    x, y = _number(a), _number(b)
    return x is not None and x == y


def differing(theirs: Mapping[str, object], mine: Mapping[str, object]) -> list[str]:
    """The fields of ``mine`` (in its order) whose value ``theirs`` holds differently."""
    return [
        name for name, value in mine.items() if name in theirs and not same(theirs[name], value)
    ]


def moment_of(value: object) -> datetime | None:
    """The aware moment an ISO text names (a stored timestamp), else ``None``."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
