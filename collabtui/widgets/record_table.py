"""A read-only table of records whose cells are always shown literally."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from collabtui.text import safe


class RecordTable(DataTable):
    """A ``DataTable`` that never parses cell text as markup.

    ``show`` replaces all rows at once and keeps the cursor on the same record
    (by key) when it is still there.
    """

    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    """

    def __init__(
        self,
        *,
        enter: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ):
        """``enter``: what Enter on a row does, shown in the footer (``None``: hidden)."""
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        if enter:
            self._bindings.key_to_bindings["enter"] = [
                Binding("enter", "select_cursor", enter, show=True, id="select-row")
            ]

    def show(
        self,
        columns: Sequence[str],
        rows: Iterable[tuple[str, Sequence[object]]],
    ) -> None:
        """Display ``rows`` of ``(key, cells)``; a cell is user text or a styled ``Text``."""
        keep = self.cursor_key
        titles = [safe(title) for title in columns]
        if [c.label for c in self.columns.values()] == titles:
            self.clear()
        else:
            self.clear(columns=True)
            for title in titles:
                self.add_column(title)
        for key, cells in rows:
            self.add_row(*(c if isinstance(c, Text) else safe(c) for c in cells), key=key)
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep))

    @property
    def cursor_key(self) -> str | None:
        """The key of the record under the cursor, or ``None`` when empty."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # the cursor may point past a just-cleared table
            return None
