"""A dialog of one required note: why a record is put into a state (a risk's closing
note). Behaves as the reason dialog: ``enter`` or ``ctrl+s`` goes on, ``escape`` asks
before dropping a typed note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from collabtui.dialogs.base import ButtonBar
from collabtui.dialogs.confirm import ReasonDialog
from collabtui.i18n import t
from collabtui.text import safe
from collabtui.widgets.text_input import WholeCellInput


class NoteDialog(ReasonDialog):
    """Asks for a note that may not be empty; dismisses with it (stripped)."""

    def __init__(self, title: str, prompt: str, placeholder: str, button: str, required: str):
        super().__init__(title, ())
        self.prompt, self.placeholder = prompt, placeholder
        self.button, self.required = button, required

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(safe(self.title_text, "bold"), id="dialog-title")
            yield Static(safe(self.prompt), classes="hint")
            yield WholeCellInput(placeholder=self.placeholder, id="reason")
            yield Static("", id="form-error", classes="error")
            with ButtonBar(id="buttons"):
                yield Button(safe(self.button), variant="warning", id="go")
                yield Button(t("button.cancel"), id="cancel")

    def _submit(self) -> None:
        note = self.query_one("#reason", Input).value.strip()
        if not note:
            self.query_one("#form-error", Static).update(safe(self.required))
            return
        self.dismiss(note)
