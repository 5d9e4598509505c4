"""The board screen's table mode: the same tasks as the tracking table (表3).

A mixin of :class:`collabtui.screens.board.BoardScreen`: ``t`` switches between the
columns and the table; the table's cells are read and formatted off the UI thread
once, then every filter or sort only picks and orders rows.
"""

from __future__ import annotations

from textual import work
from textual.widgets import ContentSwitcher, Input

from collabtui.domain.errors import StoreError
from collabtui.export.tabular import ProjectRef
from collabtui.export.tasks import tasks_table
from collabtui.i18n import t
from collabtui.widgets.task_table import TaskTable


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
            if card_id is not None:
                for card in self.cards:
                    if card.id == card_id:
                        self.view.activate(card.status, card.id)
        else:
            switcher.current = "task-table"
            self._load_table(self.view.card.id if self.view.card else None)
        self._set_title()
        self._focus_main()

    def _load_table(self, select_id: int | None = None) -> None:
        """Read every 表3 field of the board's tasks (off the UI thread), then show them."""
        self.table.loading = not self.table.rows  # a re-read keeps the rows shown meanwhile
        self._read_rows(select_id)

    @work(thread=True, exclusive=True, group="board-table")
    def _read_rows(self, select_id: int | None) -> None:
        """Read the rows and format their cells here, so filtering the table later
        only picks rows."""
        try:
            app = self.collab
        except RuntimeError:  # the app stopped before the worker started
            return
        try:
            rows = app.store.task_rows(self.project_id)
        except StoreError as exc:
            self.from_worker(app.say, str(exc), severity="error")
            self.from_worker(self._rows_arrived, None, select_id)
            return
        doc = tasks_table(rows, ProjectRef(self._project_code, ""), app.clock.now())
        headers = [column.header for column in doc.columns]
        cells = {row.id: list(line) for row, line in zip(rows, doc.rows, strict=True)}
        if self.project_id is None:  # across projects, say whose task each row is
            headers.insert(0, t("col.project"))
            for row in rows:
                cells[row.id].insert(0, row.project_code)
        self.from_worker(self._rows_arrived, (headers, cells), select_id)

    def _rows_arrived(self, table, select_id: int | None) -> None:
        self.table.loading = False
        if table is not None:
            self.table_headers, self.table_cells = table
            self._fill_table(select_id)
        if self.showing_table and not isinstance(self.focused, Input):
            self.table.focus()  # it could not take the focus while loading

    def _fill_table(self, select_id: int | None = None) -> None:
        """The shown cards' rows, in the board's order (filter and sort included)."""
        cells = self.table_cells
        rows = [(card.id, cells[card.id]) for card in self.cards if card.id in cells]
        self.table.show_tasks(self.table_headers, rows, select_id)
