"""Label/value pairs, like a filled-in form, shown read-only."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from textual.widgets import Static

from collabtui.text import safe


class FieldList(Static):
    """A two-column list of labels and user values (values are never markup)."""

    DEFAULT_CSS = """
    FieldList { height: auto; padding: 0 1; }
    """

    def show(self, pairs: Sequence[tuple[str, object]]) -> None:
        """Display ``pairs`` of ``(label, value)``; empty values show a dash."""
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        for label, value in pairs:
            text = "" if value is None else str(value)
            grid.add_row(safe(label), safe(text or "—", single_line=False))
        self.update(grid)
