"""The yes/no question every part of the app asks (leaving a dirty form, deleting, ...)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from collabtui.dialogs.base import ButtonBar, CollabModal
from collabtui.text import safe


class ConfirmDialog(CollabModal[bool]):
    """A yes/no question; ``y`` or the first button says yes, ``n``/``escape`` no.

    ``enter`` presses the focused button: the safe choice (no) when ``destructive``
    (the default), yes for a question whose yes loses nothing (merging two items).
    """

    BINDINGS = [
        Binding("y", "answer(True)", "key.yes", id="yes"),
        Binding("n,escape", "answer(False)", "key.no", id="no"),
    ]

    def __init__(self, question: str, yes: str, no: str, *, destructive: bool = True):
        super().__init__()
        self.question, self.yes, self.no = question, yes, no
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(safe(self.question, single_line=False), id="question")
            with ButtonBar(id="buttons"):
                yield Button(self.yes, variant="error", id="yes")
                yield Button(self.no, variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.destructive else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
