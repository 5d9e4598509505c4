"""The board screen's table mode: the same tasks as the tracking table (表3).

A mixin of :class:`collabtui.screens.board.BoardScreen`: ``t`` switches between the
columns and the table. The table is handed the board's task ids in the board's order
(filter and sort included); the 表3 cells of a row are read and formatted when the row
is about to be drawn, a window of rows at a time, and kept until the store changes.
So showing 10,000 tasks reads what fits on screen (and the rows the column widths are
measured on), and a filter keystroke only picks ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import ContentSwitcher

from collabtui.domain.errors import StoreError
from collabtui.export.tabular import ProjectRef
from collabtui.export.tasks import tasks_table
from collabtui.i18n import t
from collabtui.widgets.task_table import TaskTable

#: The 表3 columns in the order the screen shows them: what a lead checks first (who,
#: what state, how far, by when, with whom) fits in 120 columns without scrolling;
#: the long texts follow. Columns not named here come after, in the document's order.
SCREEN_ORDER = (
    "code",
    "title",
    "owner",
    "status",
    "progress",
    "due_on",
    "supports",
    "owner_department",
    "start_on",
    "priority",
    "deliverable",
    "quality_standard",
    "description",
    "notes",
)


def on_screen(cells: Sequence[str], columns: Sequence) -> list[str]:
    """``cells`` of the 表3 document's ``columns`` in :data:`SCREEN_ORDER`."""
    keys = [c.key for c in columns]
    order = [keys.index(k) for k in SCREEN_ORDER if k in keys]
    order += [i for i in range(len(keys)) if i not in order]
    return [cells[i] for i in order]


class TableMode:
    """Table (表3) mode for the board screen; uses its ``cards``, ``view`` and store."""

    @property
    def table(self) -> TaskTable:
        """The tracking-table widget (mounted the first time ``t`` is pressed)."""
        return self.query_one(TaskTable)

    @property
    def showing_table(self) -> bool:
        """Whether the table (表3) is shown instead of the columns."""
        return self.query_one(ContentSwitcher).current == "task-table"

    async def action_toggle_table(self) -> None:
        """Switch between the columns and the tracking table (表3)."""
        switcher = self.query_one(ContentSwitcher)
        if not self.query(TaskTable):  # built when first asked for: opening stays fast
            await switcher.mount(TaskTable(id="task-table"))
        if self.showing_table:
            switcher.current = "board-view"
            card_id = self.table.cursor_task_id
            for column in self.view.columns if card_id is not None else ():
                if column.index_of(card_id) is not None:
                    self.view.activate(column.status, card_id)
        else:
            switcher.current = "task-table"
            self._load_table(self.view.card.id if self.view.card else None)
        self._set_title()
        self._focus_main()

    def _load_table(self, select_id: int | None = None) -> None:
        """Show the board's tasks in the table, their cells read afresh."""
        self.table_headers = self._table_headers()
        self._fill_table(select_id, same_cells=False)

    def _table_headers(self) -> list[str]:
        doc = tasks_table([], ProjectRef("", ""), self.collab.clock.now())
        headers = on_screen([column.header for column in doc.columns], doc.columns)
        if self.project_id is None:  # across projects, say whose task each row is
            headers.insert(0, t("col.project"))
        return headers

    def _table_cells(self, ids: Sequence[int]) -> dict[int, list[str]]:
        """The 表3 cells of tasks ``ids``, formatted by the shared renderer; on screen
        the supporting departments are named, every one (duties in the task editor)."""
        app = self.collab
        try:
            rows = app.store.task_rows_of(ids)
        except StoreError as exc:
            app.say(str(exc), severity="error")
            return {}
        doc = tasks_table(rows, ProjectRef(self._project_code, ""), app.clock.now())
        cells: dict[int, list[str]] = {}
        supports = [c.key for c in doc.columns].index("supports")
        for row, line in zip(rows, doc.rows, strict=True):
            shown = list(line)
            shown[supports] = t("export.list_sep").join(s.department for s in row.supports)
            cells[row.id] = on_screen(shown, doc.columns)
        if self.project_id is None:
            for row in rows:
                cells[row.id].insert(0, row.project_code)
        return cells

    def _fill_table(self, select_id: int | None = None, *, same_cells: bool = True) -> None:
        """The shown cards' rows, in the board's order (filter and sort included)."""
        if not self.query(TaskTable):
            return
        if not self.table_headers:
            self.table_headers = self._table_headers()
        ids = [card.id for card in self.cards]
        self.table.show_tasks(
            self.table_headers, ids, self._table_cells, select_id, same_cells=same_cells
        )
