"""The value domain (:mod:`collabtui.domain.bounds`) kept on every row the store writes.

:func:`check_record` runs for every new or edited row before a flush (see
``store/unit.py``), so forms, the CLI, ``collab load``, undo and redo all keep it;
``collab import`` and ``collab restore`` check documents with the same rules
(``store/interchange/validate.py``) before a row is inserted.
"""

from __future__ import annotations

from functools import cache

from collabtui.domain.bounds import problem
from collabtui.domain.errors import ValidationError
from collabtui.store.interchange.format import columns
from collabtui.store.models import TABLES


@cache
def _columns(table: str) -> tuple[tuple[str, str], ...]:
    return columns(table) if table in TABLES else ()


def check_record(obj: object) -> None:
    """Raise :class:`ValidationError` (on the field) for a value outside the domain."""
    table = getattr(obj, "__tablename__", "")
    for name, kind in _columns(table):
        found = problem(table, name, kind, getattr(obj, name, None))
        if found is not None:
            key, params = found
            raise ValidationError.of(key, name, field=name, **params)


__all__ = ["check_record"]
