"""Small dialogs: confirm a question, or type a reason to override a rule."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from collabtui.dialogs.base import CollabModal
from collabtui.i18n import t
from collabtui.text import safe


class ConfirmDialog(CollabModal[bool]):
    """A yes/no question; ``y`` or the first button says yes, ``n``/``escape`` no."""

    BINDINGS = [
        Binding("y", "answer(True)", "key.yes", id="yes"),
        Binding("n,escape", "answer(False)", "key.no", id="no"),
    ]

    def __init__(self, question: str, yes: str, no: str):
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(safe(self.question, single_line=False), id="question")
            with Horizontal(id="buttons"):
                yield Button(self.yes, variant="error", id="yes")
                yield Button(self.no, variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ReasonDialog(CollabModal[str]):
    """Moving on despite what is missing: lists the gaps and asks for a reason."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="cancel"),
    ]

    def __init__(self, title: str, gaps: Sequence[str]):
        super().__init__()
        self.title_text, self.gaps = title, list(gaps)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(safe(self.title_text, "bold"), id="dialog-title")
            yield Static(safe("\n".join(f"• {g}" for g in self.gaps), single_line=False))
            yield Static(t("phase.reason_prompt"), classes="hint")
            yield Input(placeholder=t("phase.reason_placeholder"), id="reason")
            yield Static("", id="form-error", classes="error")
            with Horizontal(id="buttons"):
                yield Button(t("phase.override"), variant="warning", id="go")
                yield Button(t("button.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

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
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
