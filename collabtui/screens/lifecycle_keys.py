"""Keys offered from the lifecycle tables (issue 16): a register whose keys move the
record under the cursor to another state asks :mod:`collabtui.domain.lifecycle` which
moves are allowed from the record's state.

A refused move's key is shown disabled in the footer (``check_action`` returns
``None``), and pressing it says why — the table's own translated refusal — instead of
doing nothing. The footer follows the cursor: the keys are checked again on every row.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.actions import parse

from collabtui.domain.errors import ValidationError
from collabtui.domain.lifecycle import Lifecycle


class LifecycleKeys:
    """Mixed into a :class:`~collabtui.screens.register.RegisterScreen` (before it).

    A subclass names its table (:attr:`LIFECYCLE`) and, in :meth:`target_of`, the state
    each of its actions moves the record to.
    """

    LIFECYCLE: Lifecycle

    def target_of(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """The state ``action`` moves the record under the cursor to; ``None``: not a move."""
        raise NotImplementedError

    def refusal(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why the table refuses ``action`` on the record under the cursor (``None``: it
        does not)."""
        target = self.target_of(action, parameters)
        row: Any = self.current()  # type: ignore[attr-defined]
        if target is None or row is None:
            return None
        try:
            self.LIFECYCLE.check(row.status, target)
        except ValidationError as exc:
            return str(exc)
        return None

    def lifecycle_check(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """For ``check_action``: ``None`` (shown disabled) when the table refuses."""
        return None if self.refusal(action, parameters) is not None else True

    def on_key(self, event: events.Key) -> None:
        """A disabled move's key says why it is refused (its binding does not run)."""
        bindings = self._bindings.key_to_bindings.get(event.key, [])  # type: ignore[attr-defined]
        for binding in bindings:
            _, name, parameters = parse(binding.action)
            reason = self.refusal(name, parameters)
            if reason is not None:
                event.stop()
                event.prevent_default()
                self.collab.say(reason, severity="error")  # type: ignore[attr-defined]
                return

    def on_data_table_row_highlighted(self, event) -> None:
        """The footer follows the cursor (Textual calls the register's own handler too)."""
        self.refresh_bindings()  # type: ignore[attr-defined]

    def show(self, data: Any) -> None:
        super().show(data)  # type: ignore[misc]
        self.refresh_bindings()  # type: ignore[attr-defined]
