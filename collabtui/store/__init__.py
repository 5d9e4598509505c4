"""The store: the only part of collab that opens database sessions or writes SQL.

``from collabtui.store import Store`` loads the ORM; the error classes and the
light-weight modules (:mod:`.location`, :mod:`.quick`, :mod:`.queries`) do not, so
start-up paths can use them without paying for SQLAlchemy.
"""

from __future__ import annotations

from collabtui.domain.errors import (
    BadDatabase,
    ConflictError,
    NotFound,
    StoreError,
    ValidationError,
)

__all__ = ["BadDatabase", "ConflictError", "NotFound", "Store", "StoreError", "ValidationError"]


def __getattr__(name: str):
    """Load :class:`Store` (and with it the ORM) on first use."""
    if name == "Store":
        from collabtui.store.core import Store

        return Store
    raise AttributeError(name)
