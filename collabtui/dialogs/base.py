"""The base of every dialog: a modal screen with a typed result, translated keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen
from textual.widgets import Button

from collabtui.widgets.base import SafeTitles, localize_bindings

if TYPE_CHECKING:
    from collabtui.app import CollabApp

T = TypeVar("T")


class CollabModal(SafeTitles, ModalScreen[T]):
    """A dialog that returns a value of type ``T`` (or ``None`` when cancelled)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_bindings(self)

    def on_key(self, event) -> None:
        """Arrows on a button move along the row of buttons."""
        move_between_buttons(self, event)

    @property
    def collab(self) -> CollabApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]


def move_between_buttons(screen, event) -> None:
    """Arrows on a button move to the next or previous button of its row."""
    focused = screen.focused
    if not isinstance(focused, Button) or event.key not in ("left", "right", "up", "down"):
        return
    row = [b for b in focused.parent.children if isinstance(b, Button) and b.focusable]
    if len(row) < 2:
        return
    step = 1 if event.key in ("right", "down") else -1
    row[(row.index(focused) + step) % len(row)].focus()
    event.stop()
    event.prevent_default()
