"""The help screen (``?``): every key active on the screen it was opened from."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from collabtui.dialogs.base import CollabModal
from collabtui.i18n import t
from collabtui.widgets.base import describe_binding
from collabtui.widgets.record_table import RecordTable


class HelpScreen(CollabModal[None]):
    """A list of keys and what they do; any of ``escape``, ``?`` or ``q`` closes it."""

    BINDINGS = [
        Binding("escape,question_mark,q,f1", "close", "key.close", id="close-help"),
    ]

    def __init__(self, bindings: dict[str, ActiveBinding]):
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(t("help.title"), style="bold"), id="dialog-title")
            yield RecordTable(id="keys")
            yield Static(Text(t("help.palette")), classes="hint")

    def on_mount(self) -> None:
        headers = [t("help.key"), t("help.action"), t("help.id")]
        self.query_one("#keys", RecordTable).show(headers, self.rows())

    def rows(self) -> list[tuple[str, list[str]]]:
        """One ``(key, [key display, description, binding id])`` per described action.

        The keys shown in the footer come first, in the footer's order (focused
        widget, screen, app); then the screen's other keys, the app's, and the
        focused widget's (cursor movement and the like).
        """

        def group(active: ActiveBinding) -> tuple[int, int]:
            if isinstance(active.node, Screen):
                owner = 1
            else:
                owner = 2 if isinstance(active.node, App) else 0
            if active.binding.show:
                return (0, owner)
            return (1, (owner + 2) % 3)

        rows, seen = [], set()
        for active in sorted(self.bindings.values(), key=group):
            binding = active.binding
            if not binding.description or (binding.action, binding.description) in seen:
                continue
            seen.add((binding.action, binding.description))
            display = self.app.get_key_display(binding)
            described = describe_binding(binding.description)
            rows.append((f"{len(rows)}", [display, described, binding.id or ""]))
        return rows

    def action_close(self) -> None:
        self.dismiss(None)
