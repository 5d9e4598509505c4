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
        #: The titles and cells shown (to skip redrawing the same rows).
        self._shown: tuple[list, list] | None = None
        if enter:
            self._bindings.key_to_bindings["enter"] = [
                Binding("enter", "select_cursor", enter, show=True, id="select-row")
            ]

    def show(
        self,
        columns: Sequence[str],
        rows: Iterable[tuple[str, Sequence[object]]],
    ) -> None:
        """Display ``rows`` of ``(key, cells)``; a cell is user text or a styled ``Text``.

        The same rows again change nothing (a refresh never flickers); new rows keep
        the cursor on its record and the view where it was.
        """
        titles = [safe(title) for title in columns]
        content = [
            (key, [c if isinstance(c, Text) else safe(c) for c in cells]) for key, cells in rows
        ]
        shown = (
            [_plain(title) for title in titles],
            [(key, [_plain(c) for c in cells]) for key, cells in content],
        )
        if shown == self._shown:
            return
        self._shown = shown
        keep, scroll = self.cursor_key, (self.scroll_x, self.scroll_y)
        if [c.label for c in self.columns.values()] == titles:
            self.clear()
        else:
            self.clear(columns=True)
            for title in titles:
                self.add_column(title)
        for key, cells in content:
            self.add_row(*cells, key=key)
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), scroll=False)
        self.call_after_refresh(self._restore_view, *scroll)

    def _restore_view(self, x: float, y: float) -> None:
        """Back to where the view was, then just far enough to show the cursor."""
        self.scroll_to(x, y, animate=False)
        if self.row_count:
            self.move_cursor(row=self.cursor_row)

    @property
    def cursor_key(self) -> str | None:
        """The key of the record under the cursor, or ``None`` when empty."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # the cursor may point past a just-cleared table
            return None


def _plain(cell: Text) -> tuple:
    """What a cell looks like: its text, style and spans (``Text ==`` skips the style)."""
    return cell.plain, str(cell.style), tuple(cell.spans)
