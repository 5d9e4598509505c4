"""Small dialogs: confirm a question (:class:`ConfirmDialog`, in question.py), or type a
reason to override a rule."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from collabtui.dialogs.base import ButtonBar, CollabModal
from collabtui.dialogs.discipline import FormDiscipline
from collabtui.dialogs.question import ConfirmDialog
from collabtui.i18n import t
from collabtui.text import safe
from collabtui.widgets.text_input import WholeCellInput


class ReasonDialog(FormDiscipline, CollabModal[str]):
    """Moving on despite what is missing: lists the gaps and asks for a reason.

    A form of one field: ``enter`` or ``ctrl+s`` goes on, ``escape`` asks before
    dropping a typed reason.
    """

    BINDINGS = [
        Binding("ctrl+s", "submit", "key.save", id="save", priority=True),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
    ]
    AUTO_FOCUS = ""

    def __init__(self, title: str, gaps: Sequence[str]):
        super().__init__()
        self.title_text, self.gaps = title, list(gaps)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(safe(self.title_text, "bold"), id="dialog-title")
            yield Static(safe("\n".join(f"• {g}" for g in self.gaps), single_line=False))
            yield Static(t("phase.reason_prompt"), classes="hint")
            yield WholeCellInput(placeholder=t("phase.reason_placeholder"), id="reason")
            yield Static("", id="form-error", classes="error")
            with ButtonBar(id="buttons"):
                yield Button(t("phase.override"), variant="warning", id="go")
                yield Button(t("button.cancel"), id="cancel")

    def action_submit(self) -> None:
        self._submit()

    def _submit(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#form-error", Static).update(t("phase.reason_required"))
            return
        self.dismiss(reason)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "go":
            self._submit()
        else:
            self.leave_form()

    def action_cancel(self) -> None:
        self.leave_form()


__all__ = ["ConfirmDialog", "ReasonDialog"]
