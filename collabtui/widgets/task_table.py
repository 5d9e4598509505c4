"""The tracking table (表3) on screen: every field of the board's tasks, one row each.

A virtual table drawn with the Line API: only the rows on screen are rendered, and
only their cells are asked for (a window of rows at a time, from the ``cells`` callback
the screen gives), so 10,000 tasks show as fast as ten (a ``DataTable`` measures every
cell up front, several seconds for 10,000 rows of 15 columns).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from collabtui.text import clean, truncate
from collabtui.widgets.base import localize_bindings

#: No column is wider than this many cells (the editor shows a field whole).
CELL_WIDTH = 40
#: Column widths are measured on this many rows (and the header).
SAMPLE = 500
#: Rows whose cells are asked for at once when a row on screen has none yet.
WINDOW = 100

#: Cells of task ids (the screen reads and formats them; ids it cannot find are left out).
CellSource = Callable[[Sequence[int]], Mapping[int, Sequence[str]]]
#: Cells between two columns.
GAP = 2


def _one_line(cells: Sequence[str], index: int) -> str:
    return clean(cells[index], single_line=True) if index < len(cells) else ""


def _fit(text: str, width: int) -> tuple[str, int]:
    """``text`` on one line, cut to ``width`` cells; and the padding it needs."""
    cut = truncate(clean(text, single_line=True), width)
    return cut, max(0, width - Text(cut).cell_len)


class TaskTable(ScrollView, can_focus=True):
    """Rows of ``(task id, cells)`` under a fixed header row, with a row cursor.

    The board screen gives it headers and cells (formatted by the shared 表3
    renderer); Enter or a second click posts :class:`TaskTable.TaskChosen`.
    """

    DEFAULT_CSS = """
    TaskTable { height: 1fr; scrollbar-size: 1 1; }
    TaskTable > .task-table--header { text-style: bold; background: $panel; }
    TaskTable > .task-table--odd { background: $surface-lighten-1 20%; }
    TaskTable > .task-table--cursor { background: $boost; }
    TaskTable:focus > .task-table--cursor { background: $accent 40%; }
    """

    COMPONENT_CLASSES = {
        "task-table--header",
        "task-table--odd",
        "task-table--cursor",
    }

    BINDINGS = [
        Binding("up,k", "cursor(-1)", show=False, id="table-up"),
        Binding("down,j", "cursor(1)", show=False, id="table-down"),
        Binding("pageup", "page(-1)", show=False, id="table-page-up"),
        Binding("pagedown", "page(1)", show=False, id="table-page-down"),
        Binding("home", "edge(0)", show=False, id="table-first"),
        Binding("end", "edge(1)", show=False, id="table-last"),
        Binding("left,h", "pan(-1)", show=False, id="table-left"),
        Binding("right,l", "pan(1)", show=False, id="table-right"),
        Binding("enter", "choose", "key.board_open", id="table-open"),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class TaskChosen(Message):
        """Enter (or a second click) on a row."""

        def __init__(self, table: TaskTable, task_id: int):
            super().__init__()
            self.table = table
            self.task_id = task_id

        @property
        def control(self) -> TaskTable:
            return self.table

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        localize_bindings(self)
        self.headers: list[str] = []
        #: The task ids of the rows, top to bottom.
        self.ids: list[int] = []
        self.widths: list[int] = []
        self._source: CellSource = lambda _ids: {}
        #: Cells of the rows asked for so far, and their widths on screen, by task id.
        self._cells: dict[int, Sequence[str]] = {}
        self._cell_widths: dict[int, tuple[int, ...]] = {}
        #: Rows fitted to the current column widths (a piece per column), by task id.
        self._lines: dict[int, list[str]] = {}
        self._style_cache: dict[str, Style] | None = None

    # ------------------------------------------------------------------ data down

    @property
    def row_count(self) -> int:
        """How many rows the table holds."""
        return len(self.ids)

    def show_tasks(
        self,
        headers: Sequence[str],
        ids: Sequence[int],
        cells: CellSource,
        select_id: int | None = None,
        *,
        same_cells: bool = False,
    ) -> None:
        """Show the tasks ``ids`` in that order, their cells from ``cells`` when they are
        about to be drawn; the cursor stays on ``select_id`` (or on the task it was on).

        ``same_cells``: the cells of a task have not changed since the last call (a
        filter or an order changed), so those already read are kept.
        """
        wanted = select_id if select_id is not None else self.cursor_task_id
        self.headers = [clean(h, single_line=True) for h in headers]
        self.ids = list(ids)
        self._source = cells
        if not same_cells:
            self._cells = {}
            self._cell_widths = {}
            self._lines = {}
        first = [i for i in self.ids[:SAMPLE] if i not in self._cells]
        if first:
            self._cells.update(cells(first))
        sample = [self._widths_of(i) for i in range(min(SAMPLE, len(self.ids)))]
        widths = [
            min(CELL_WIDTH, max([Text(h).cell_len] + [w[i] for w in sample if i < len(w)]))
            for i, h in enumerate(self.headers)
        ]
        if widths != self.widths:
            self._lines = {}
        self.widths = widths
        total = sum(self.widths) + GAP * len(self.widths)
        self.virtual_size = Size(total, len(self.ids) + 1)
        index = next((i for i, key in enumerate(self.ids) if key == wanted), None)
        self.cursor = index if index is not None else min(self.cursor, max(0, len(self.ids) - 1))
        self.refresh()

    def cells(self, index: int) -> Sequence[str]:
        """The cells of row ``index`` (asking for a window of rows when it has none)."""
        task_id = self.ids[index]
        found = self._cells.get(task_id)
        if found is None:
            window = [i for i in self.ids[index : index + WINDOW] if i not in self._cells]
            self._cells.update(self._source(window))
            found = self._cells.setdefault(task_id, ())
        return found

    def _widths_of(self, index: int) -> tuple[int, ...]:
        """The cells' widths of row ``index``, measured once per row."""
        task_id = self.ids[index]
        found = self._cell_widths.get(task_id)
        if found is None:
            cells = self.cells(index)
            found = tuple(Text(_one_line(cells, i)).cell_len for i in range(len(cells)))
            self._cell_widths[task_id] = found
        return found

    @property
    def cursor_task_id(self) -> int | None:
        """The task under the cursor."""
        if 0 <= self.cursor < len(self.ids):
            return self.ids[self.cursor]
        return None

    # ------------------------------------------------------------------ keys

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.ids) - 1)) if self.ids else 0

    def watch_cursor(self, _old: int, new: int) -> None:
        self.refresh()
        if self.ids:
            # Row ``new`` is line ``new + 1``; the header line never scrolls away.
            height = max(1, self.scrollable_content_region.height - 1)
            if new < self.scroll_y:
                self.scroll_to(y=new, animate=False)
            elif new >= self.scroll_y + height:
                self.scroll_to(y=new - height + 1, animate=False)

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, step: int) -> None:
        self.cursor += step * max(1, self.scrollable_content_region.height - 1)

    def action_edge(self, end: int) -> None:
        self.cursor = len(self.ids) - 1 if end else 0

    def action_pan(self, step: int) -> None:
        """A column to the right (``step`` > 0) or to the left: the view starts at a column."""
        starts = self._starts()
        here = next((i for i, at in enumerate(starts) if at >= int(self.scroll_x)), 0)
        there = max(0, min(len(starts) - 1, here + (1 if step > 0 else -1)))
        if starts:
            self.scroll_to(x=starts[there], animate=False)

    def action_choose(self) -> None:
        task_id = self.cursor_task_id
        if task_id is not None:
            self.post_message(self.TaskChosen(self, task_id))

    def on_click(self, event: events.Click) -> None:
        """A click selects the row under the pointer; a second click opens it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = int(self.scroll_y) + offset.y - 1
        if not 0 <= index < len(self.ids):
            return
        again = index == self.cursor and self.has_focus
        self.focus()
        self.cursor = index
        if again or event.chain > 1:
            self.action_choose()

    # ------------------------------------------------------------------ rendering

    def _pieces(self, cells: Sequence[str]) -> list[str]:
        """A row's cells cut and padded to the column widths (with the gap after each)."""
        parts = []
        for text, width in zip(cells, self.widths, strict=False):
            cut, pad = _fit(text, width)
            parts.append(cut + " " * (pad + GAP))
        return parts

    def _row_pieces(self, index: int) -> list[str]:
        """Row ``index`` fitted to the columns, once per row and set of widths."""
        task_id = self.ids[index]
        found = self._lines.get(task_id)
        if found is None:
            found = self._lines[task_id] = self._pieces(self.cells(index))
        return found

    def _starts(self) -> list[int]:
        """Where each column starts, in cells from the table's left edge."""
        starts, at = [], 0
        for width in self.widths:
            starts.append(at)
            at += width + GAP
        return starts

    def _in_view(self, pieces: list[str], width: int) -> str:
        """The whole columns that fit in the view from the column at ``scroll_x`` on.

        A view that cut a column at its edges would cut a Chinese character in half:
        the view starts at a column and ends after the last column it holds whole.
        """
        starts = self._starts()
        first = next((i for i, at in enumerate(starts) if at >= int(self.scroll_x)), 0)
        line, used = [], 0
        for piece, size in zip(pieces[first:], self.widths[first:], strict=False):
            if used + size > width:
                break
            line.append(piece)
            used += size + GAP
        return "".join(line)

    def _styles(self) -> dict[str, Style]:
        """The rich styles of the parts, read once per style change (not per line)."""
        if self._style_cache is None:
            base = self.rich_style
            self._style_cache = {
                "base": base,
                "header": base + self.get_component_rich_style("task-table--header"),
                "cursor": base + self.get_component_rich_style("task-table--cursor"),
                "odd": base + self.get_component_rich_style("task-table--odd"),
            }
        return self._style_cache

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        styles = self._styles()
        if y == 0:
            style = styles["header"]
            pieces = self._pieces(self.headers)
        else:
            index = int(self.scroll_y) + y - 1
            if index >= len(self.ids):
                return Strip.blank(width, styles["base"])
            style = styles["base"]
            if index == self.cursor:
                style = styles["cursor"]
            elif index % 2:
                style = styles["odd"]
            pieces = self._row_pieces(index)
        text = self._in_view(pieces, width)
        return Strip([Segment(text, style)]).extend_cell_length(width, style).crop(0, width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache = None
        self.refresh()
