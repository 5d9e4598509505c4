"""Deleting a record together with what refers to it, every row through the unit.

``ON DELETE CASCADE`` and ``SET NULL`` in the database never reach the ORM, so the
rows they remove or unlink would be missing from the change log and undo could not
bring them back. :func:`delete_with_children` does the same work row by row through
the :class:`~collabtui.store.unit.Unit`, so every one of them is logged. ``RESTRICT``
references are left to the database, which refuses the delete.
"""

from __future__ import annotations

from functools import cache

from sqlmodel import select

from collabtui.store.models import EDITABLE_TABLES, Row


@cache
def references() -> dict[str, tuple[tuple[type[Row], str, str], ...]]:
    """Table name → the (model, column, on-delete rule) of every foreign key to it."""
    out: dict[str, list[tuple[type[Row], str, str]]] = {}
    for model in EDITABLE_TABLES:
        for fk in model.__table__.foreign_keys:
            rule = (fk.ondelete or "NO ACTION").upper()
            out.setdefault(fk.column.table.name, []).append((model, fk.parent.name, rule))
    return {name: tuple(refs) for name, refs in out.items()}


def delete_with_children(u, obj: Row) -> list[tuple[str, int]]:
    """Delete ``obj``: first unlink (SET NULL) and delete (CASCADE) every row that
    refers to it, children of children included; return the (table, id) deleted."""
    deleted: list[tuple[str, int]] = []
    for model, column, rule in references().get(obj.__tablename__, ()):
        if rule not in ("CASCADE", "SET NULL"):
            continue
        rows = u.scalars(select(model).where(getattr(model, column) == obj.id))
        for row in rows:
            if row is obj:
                continue
            if rule == "SET NULL":
                u.edit(model, row.id, None, **{column: None})
            else:
                deleted.extend(delete_with_children(u, row))
    u.session.flush()
    deleted.append((obj.__tablename__, obj.id))
    u.delete(obj)
    return deleted
