"""Errors the store raises: each carries a message fit to show a user as it is."""

from __future__ import annotations

from dataclasses import dataclass, field


class StoreError(Exception):
    """Something about the store a user can act on (bad path, locked file, …)."""


class BadDatabase(StoreError):
    """The database location cannot be used; the file is left untouched."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class NotFound(StoreError):
    """A record that does not exist (any more)."""

    def __init__(self, entity: str, key: object):
        from collabtui.i18n import t

        super().__init__(t("err.not_found", entity=t(f"kind.{entity}"), key=key))
        self.entity = entity
        self.key = key


class ValidationError(StoreError):
    """A write the domain rules forbid; ``field`` names the offending field, if one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class ConflictError(StoreError):
    """An edit made against an outdated version of a record.

    ``theirs`` holds the record as it is now, so a dialog can show it.
    """

    entity: str
    entity_id: int
    expected: int
    actual: int
    theirs: dict = field(default_factory=dict)

    def __post_init__(self):
        from collabtui.i18n import t

        super().__init__(
            t(
                "err.conflict",
                entity=t(f"kind.{self.entity}"),
                id=self.entity_id,
                expected=self.expected,
                actual=self.actual,
            )
        )

    def __str__(self) -> str:
        return self.args[0]
