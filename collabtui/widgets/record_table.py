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
        #: The titles and cells given to :meth:`show`, before fitting.
        self._source: tuple[list[Text], list[tuple[str, list[Text]]]] | None = None
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
        """
        titles = [safe(title) for title in columns]
        content = [
            (key, [c if isinstance(c, Text) else safe(c) for c in cells]) for key, cells in rows
        ]
        self._source = (titles, content)
        self._show_fitted()

    def on_resize(self, event: events.Resize) -> None:
        """A new width fits the columns again."""
        if self._source is not None and event.size.width != self._fitted_width:
            self._show_fitted()

    def _available(self, rows: int) -> int:
        """The cells the columns may take: the width less a vertical scrollbar if needed."""
        width = self.size.width
        if width and rows + 1 > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        return width

    def _show_fitted(self) -> None:
        assert self._source is not None
        titles, content = self._source
        self._fitted_width = self.size.width
        widths = [
            max([title.cell_len] + [cells[i].cell_len for _, cells in content if i < len(cells)])
            for i, title in enumerate(titles)
        ]
        note = t("table.columns_hidden", n=len(titles))
        fit = fit_columns(widths, self._available(len(content)), keep=KEEP, note=cell_len(note))
        self.hidden_columns = fit.hidden(len(titles))
        if self.hidden_columns:
            note = t("table.columns_hidden", n=self.hidden_columns)
            titles = [*titles[: fit.shown], Text(note, style="italic")]
            content = [(key, [*cells[: fit.shown], Text("")]) for key, cells in content]
        if fit.cap is not None:
            cap = fit.cap
            long = [w > KEEP for w in widths]
            titles = [_cut(x, cap) if cut else x for x, cut in zip(titles, long, strict=False)]
            content = [
                (key, [_cut(c, cap) if cut else c for c, cut in zip(cells, long, strict=False)])
                for key, cells in content
            ]
        self.tooltip = (
            t("table.columns_hidden_hint", n=self.hidden_columns) if self.hidden_columns else None
        )
        self._render_rows(titles, content)

    def _render_rows(self, titles: list[Text], content: list[tuple[str, list[Text]]]) -> None:
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
        # As wide as the rows now shown need (DataTable itself only ever widens one).
        for i, column in enumerate(self.columns.values()):
            widths = [cells[i].cell_len for _, cells in content if i < len(cells)]
            column.content_width = max([titles[i].cell_len, *widths])
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
