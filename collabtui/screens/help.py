"""The help screen (``?``): every key active on the screen it was opened from."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from collabtui.i18n import t
from collabtui.screens.base import CollabModal


class HelpScreen(CollabModal[None]):
    """A list of keys and what they do; any of ``escape``, ``?`` or ``q`` closes it."""

    BINDINGS = [
        Binding("escape,question_mark,q", "close", "key.close", id="close-help"),
    ]

    def __init__(self, bindings: dict[str, ActiveBinding]):
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Text(t("help.title"), style="bold"), id="dialog-title")
            yield Static(self._table(), id="keys")
            yield Static(Text(t("help.palette")), classes="hint")

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 3))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        seen = set()
        for active in self.bindings.values():
            binding = active.binding
            description = binding.description or binding.action
            if (binding.action, description) in seen or not binding.description:
                continue
            seen.add((binding.action, description))
            table.add_row(Text(self.app.get_key_display(binding)), Text(description))
        return table

    def action_close(self) -> None:
        self.dismiss(None)
