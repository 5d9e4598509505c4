"""The store's own facts (table ``store_meta``): its id, made once, never exported.

The id tells one store from another where a record's number alone would not: a
meeting's calendar UID is ``collab-meeting-<id>-<store id>@collab``, so two stores
(or a store and its demo reloaded elsewhere) never overwrite each other's events in
a calendar client, and every export of one store names its events the same.
"""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from collabtui.store.base import StoreBase
from collabtui.store.models import StoreMeta

#: The key of the store's id in ``store_meta``.
STORE_ID = "store_id"


class MetaOps(StoreBase):
    """The store's id (mixed into :class:`~collabtui.store.Store`)."""

    _store_id: str | None = None

    @property
    def store_id(self) -> str:
        """This store's id: made by the migration that added it (or here, once)."""
        if self._store_id is None:
            self._store_id = self._read_store_id() or self._make_store_id()
        return self._store_id

    def _read_store_id(self) -> str | None:
        with self.db.read() as s:
            return s.exec(select(StoreMeta.value).where(StoreMeta.key == STORE_ID)).first()

    def _make_store_id(self) -> str:
        """Record a new id; another copy that made one first wins."""
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    StoreMeta.__table__.insert().values(key=STORE_ID, value=uuid.uuid4().hex)
                )
        except IntegrityError:
            pass
        found = self._read_store_id()
        assert found is not None
        return found
