"""A read-only table of records whose cells are always shown literally."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import DataTable

from collabtui.i18n import t
from collabtui.text import safe, truncate
from collabtui.widgets.fit import fit_columns

#: Columns this wide or narrower (dates, times, states, numbers) are never cut.
KEEP = 16
#: Up to this many changed rows (same records, same order) are redrawn in place; more,
#: and the table is filled again (as fast, and simpler).
REDRAW_IN_PLACE = 50


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
        #: The titles given to :meth:`show` (``None``: nothing shown yet).
        self._titles: list[Text] | None = None
        #: The rows given to :meth:`show`, by key, in order.
        self._rows: dict[str, _Row] = {}
        #: What the table draws now: its headings, and each row's look by key, in order.
        self._shown_heads: list[tuple] | None = None
        self._shown_shape: tuple | None = None
        self._shown: dict[str, tuple] = {}
        self._fitted_width = 0
        #: How many of the last columns are hidden for want of width.
        self.hidden_columns = 0
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
        the cursor on its record and the view where it was. The columns are fitted to
        the table's width (see :mod:`collabtui.widgets.fit`), again when it changes:
        the last ones hidden when they cannot fit, and a last column saying how many.

        The work is proportional to what changed: a row given the same ``cells``
        object as last time (a screen keeps the cells of a record that did not change)
        is not converted, measured or cut again, and when the same records stay in the
        same order only the rows that look different are redrawn, in place.
        """
        old, new = self._rows, {}
        for key, cells in rows:
            row = old.get(key)
            if row is None or row.source is not cells:
                row = _Row(cells)
            new[key] = row
        self._rows = new
        self._titles = [safe(title) for title in columns]
        self._show_fitted()

    def on_resize(self, event: events.Resize) -> None:
        """A new width fits the columns again."""
        if self._titles is not None and event.size.width != self._fitted_width:
            self._show_fitted()

    def _available(self, rows: int) -> int:
        """The cells the columns may take: the width less a vertical scrollbar if needed."""
        width = self.size.width
        if width and rows + 1 > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        return width

    def _show_fitted(self) -> None:
        assert self._titles is not None
        titles, rows = self._titles, self._rows
        self._fitted_width = self.size.width
        widths = [title.cell_len for title in titles]
        for row in rows.values():
            for i, width in enumerate(row.widths[: len(widths)]):
                if width > widths[i]:
                    widths[i] = width
        note = t("table.columns_hidden", n=len(titles))
        fit = fit_columns(widths, self._available(len(rows)), keep=KEEP, note=cell_len(note))
        self.hidden_columns = fit.hidden(len(titles))
        long = tuple(w > KEEP for w in widths)
        if self.hidden_columns:
            note = t("table.columns_hidden", n=self.hidden_columns)
            titles = [*titles[: fit.shown], Text(note, style="italic")]
        if fit.cap is not None:
            titles = [_cut(x, fit.cap) if cut else x for x, cut in zip(titles, long, strict=False)]
        shape = (fit.shown if self.hidden_columns else None, fit.cap, long)
        for row in rows.values():
            row.fit(shape)
        self.tooltip = (
            t("table.columns_hidden_hint", n=self.hidden_columns) if self.hidden_columns else None
        )
        self._render_rows(titles, shape)

    def _render_rows(self, titles: list[Text], shape: tuple) -> None:
        heads = [_plain(title) for title in titles]
        rows = self._rows
        shown = self._shown
        same_columns = heads == self._shown_heads and shape == self._shown_shape
        if same_columns and list(rows) == list(shown):
            changed = [key for key, row in rows.items() if row.look != shown[key]]
            if len(changed) <= REDRAW_IN_PLACE:
                self._redraw(changed)
                return
        self._shown_heads, self._shown_shape = heads, shape
        self._shown = {key: row.look for key, row in rows.items()}
        keep, scroll = self.cursor_key, (self.scroll_x, self.scroll_y)
        if [c.label for c in self.columns.values()] == titles:
            self.clear()
        else:
            self.clear(columns=True)
            for title in titles:
                self.add_column(title)
        for key, row in rows.items():
            self.add_row(*row.shown, key=key)
        # As wide as the rows now shown need (DataTable itself only ever widens one).
        for i, column in enumerate(self.columns.values()):
            cells = [row.shown[i].cell_len for row in rows.values() if i < len(row.shown)]
            column.content_width = max([titles[i].cell_len, *cells])
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), scroll=False)
        self.call_after_refresh(self._restore_view, *scroll)

    def _redraw(self, keys: list[str]) -> None:
        """The rows ``keys`` (same records, same place) drawn again, cell by cell."""
        columns = list(self.columns.values())
        for key in keys:
            row, before = self._rows[key], self._shown[key]
            for i, (cell, look) in enumerate(zip(row.shown, row.look, strict=False)):
                if i < len(before) and before[i] == look:
                    continue
                # A cell that fits changes one line on screen, nothing more. One that does
                # not widens its column here and now, before the cell is drawn (Textual's
                # update_width widens it at the next idle, after a real terminal may have
                # drawn and cached the line cut: "有风" for "有风险" in the e2e walk).
                column = columns[i]
                if cell.cell_len > column.content_width:
                    column.content_width = cell.cell_len
                    self._require_update_dimensions = True  # the table's scroll width
                self.update_cell(key, column.key, cell)
            self._shown[key] = row.look

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


def _cut(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells with an ellipsis, never inside a character."""
    if text.cell_len <= width:
        return text
    plain = truncate(text.plain, width)
    cut = Text(plain, style=text.style, end="")
    for span in text.spans:
        if span.start < len(plain) - 1:
            cut.stylize(span.style, span.start, min(span.end, len(plain) - 1))
    return cut


def _plain(cell: Text) -> tuple:
    """What a cell looks like: its text, style and spans (``Text ==`` skips the style)."""
    return cell.plain, str(cell.style), tuple(cell.spans)


class _Row:
    """One record's cells: as given, as text, measured, and as fitted to the columns."""

    __slots__ = ("cells", "look", "shape", "shown", "source", "widths")

    def __init__(self, source: Sequence[object]):
        self.source = source
        self.cells = [c if isinstance(c, Text) else safe(c) for c in source]
        self.widths = [cell.cell_len for cell in self.cells]
        self.shape: tuple | None = None
        self.shown: list[Text] = self.cells
        self.look: tuple = ()

    def fit(self, shape: tuple) -> None:
        """The cells for columns fitted as ``shape`` (shown, cap, long), once per shape."""
        if shape == self.shape:
            return
        shown, cap, long = shape
        cells = self.cells
        if shown is not None:
            cells = [*cells[:shown], Text("")]
        if cap is not None:
            cells = [_cut(c, cap) if cut else c for c, cut in zip(cells, long, strict=False)]
        self.shape, self.shown = shape, cells
        self.look = tuple(_plain(cell) for cell in cells)
