"""Errors the store raises: each carries a message key and its parameters.

The text is rendered when the error is shown, in the language of that moment
(:meth:`StoreError.message`; ``str(exc)`` is the same in the current language), so
an error raised on a worker thread or before a language switch still reads right.
An error made from a ready text (``StoreError("…")``) keeps that text as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: ``tr(key, **params)``: a message key rendered in some language (:func:`collabtui.i18n.t`).
Translate = Callable[..., str]


def _current_language() -> Translate:
    from collabtui.i18n import t

    return t


class StoreError(Exception):
    """Something about the store a user can act on (bad path, locked file, …).

    ``key`` and ``params`` name the message (``key`` is ``""`` for an error made from
    a ready text, which :meth:`message` then returns as it is).
    """

    def __init__(
        self, text: str | None = None, *, key: str = "", params: dict[str, Any] | None = None
    ):
        super().__init__(text if text is not None else key)
        self.key = key
        self.params: dict[str, Any] = dict(params or {})
        self._text = text

    @classmethod
    def of(cls, key: str, /, **params: Any):
        """The error with message ``key`` and ``params``, rendered when shown."""
        return cls(key=key, params=params)

    def message(self, tr: Translate | None = None) -> str:
        """The message in ``tr``'s language (default: the current language)."""
        if not self.key:
            return self._text or ""
        return (tr or _current_language())(self.key, **self._params(tr or _current_language()))

    def _params(self, tr: Translate) -> dict[str, Any]:
        """The parameters as the message shows them (a subclass may translate some)."""
        return self.params

    def __str__(self) -> str:
        return self.message()


class BadDatabase(StoreError):
    """The database location cannot be used; the file is left untouched."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class NotFound(StoreError):
    """A record that does not exist (any more)."""

    def __init__(self, entity: str, key: object):
        super().__init__(key="err.not_found", params={"entity": entity, "key": key})
        self.entity = entity
        self.record_key = key

    def _params(self, tr: Translate) -> dict[str, Any]:
        return {**self.params, "entity": tr(f"kind.{self.entity}")}


class ValidationError(StoreError):
    """A write the domain rules forbid; ``field`` names the offending field, if one."""

    def __init__(
        self,
        text: str | None = None,
        field: str | None = None,
        *,
        key: str = "",
        params: dict[str, Any] | None = None,
    ):
        super().__init__(text, key=key, params=params)
        self.field = field

    @classmethod
    def of(cls, key: str, field: str | None = None, /, **params: Any):
        """The error with message ``key`` and ``params`` on ``field``, rendered when shown."""
        return cls(field=field, key=key, params=params)


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
        params = {"id": self.entity_id, "expected": self.expected, "actual": self.actual}
        StoreError.__init__(self, key="err.conflict", params={"entity": self.entity, **params})

    def _params(self, tr: Translate) -> dict[str, Any]:
        return {**self.params, "entity": tr(f"kind.{self.entity}")}

    __str__ = StoreError.__str__
