"""The base of every dialog: a modal screen with a typed result, translated keys."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TypeVar

from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button
from textual.widgets._select import SelectOverlay

from collabtui.widgets.base import SafeTitles, localize_bindings
from collabtui.widgets.footer import HELP_ANYWHERE

if TYPE_CHECKING:
    from collabtui.app import CollabApp

T = TypeVar("T")


class CollabModal(SafeTitles, ModalScreen[T]):
    """A dialog that returns a value of type ``T`` (or ``None`` when cancelled)."""

    BINDINGS = [HELP_ANYWHERE]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_bindings(self)

    def on_key(self, event) -> None:
        """Arrows on a button move along the row of buttons."""
        move_between_buttons(self, event)

    def on_descendant_focus(self, event) -> None:
        """A dropdown opened: the buttons under it are hidden while it is open.

        Textual cuts every line of the screen where a widget's edge is, the widgets
        under an open dropdown's too: a button's edge under an item halved a Chinese
        character there ("电商详情页设  与开发"). Nothing is under the list now.
        """
        if isinstance(event.widget, SelectOverlay):
            self._show_buttons(False)

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, SelectOverlay):
            self._show_buttons(True)

    def _show_buttons(self, shown: bool) -> None:
        for row in self.query("#buttons"):
            row.styles.visibility = "visible" if shown else "hidden"

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


class ButtonBar(Horizontal):
    """A dialog's row of buttons, docked at its bottom so it stays in view while the
    fields scroll (issue 18) — and last in the focus order. Textual orders focus by
    position, and a docked bar sits above the fields scrolled below it: Tab from the
    last field in view would jump to Save and skip every field further down."""

    @property
    def _focus_sort_key(self) -> tuple[int, int]:
        return (sys.maxsize, 0)
