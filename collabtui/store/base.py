"""What the store's parts share, declared once for the type checker.

:class:`~collabtui.store.core.Store` is one class assembled from a part per subject
(``DirectoryOps``, ``TaskOps``, ``RiskOps``...). Every part inherits :class:`StoreBase`,
which names the attributes ``Store.__init__`` sets and the few methods one part calls on
another, so ``self.db`` and ``self.alert_facts(...)`` are typed in every part. At run time
it is an empty class: nothing here changes what a store does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.engine import Engine

    from collabtui.domain.acceptance import AcceptanceReport
    from collabtui.domain.alert_facts import AlertFacts
    from collabtui.domain.drafts import RequestDraft
    from collabtui.domain.views import ConsultationRow, ResourceRow
    from collabtui.store.unit import Sessions


class StoreBase:
    """The state every part of the store uses (set by ``Store.__init__``)."""

    #: The database URL the store was opened on.
    url: str
    #: The author recorded in the change log for every write.
    user: str
    #: The SQLAlchemy engine (reads that bypass the ORM, backups, exports).
    engine: Engine
    #: Short read sessions and logged write units (:mod:`collabtui.store.unit`).
    db: Sessions

    if TYPE_CHECKING:
        # Defined by Store itself (a classmethod of a part may open one: ``cls(url)``).
        def __init__(
            self, url: str, user: str | None = None, *, create_parent: bool = False
        ) -> None: ...

        @property
        def path(self) -> Path | None: ...

        def is_empty(self) -> bool: ...

        def close(self) -> None: ...

        # Defined by one part, called by another.
        def acceptance_report(self, project: int | str) -> AcceptanceReport: ...  # AcceptanceOps

        def alert_facts(self, project: int | str | None = None) -> AlertFacts: ...  # AlertOps

        def backup_to(self, dest: Path, *, force: bool = False) -> Path: ...  # ExchangeOps

        def consultations(self, project_id: int) -> list[ConsultationRow]: ...  # RequestOps

        def request_draft(self, project_id: int) -> RequestDraft: ...  # RequestOps

        def resource_rows(self, project: int | str | None = None) -> list[ResourceRow]: ...

        @property
        def store_id(self) -> str: ...  # MetaOps
