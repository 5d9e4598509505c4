"""The tracking table (表3) on screen: every field of the board's tasks, one row each."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from collabtui.i18n import t
from collabtui.text import clean, truncate
from collabtui.widgets.record_table import RecordTable

#: Cells longer than this are cut in the table (the editor shows them whole).
CELL_WIDTH = 40


class TaskTable(RecordTable):
    """A read-only :class:`RecordTable` of tasks keyed by task id.

    The board screen gives it headers and rows of cells (already formatted by the
    shared 表3 renderer); Enter posts :class:`TaskTable.TaskChosen`.
    """

    class TaskChosen(Message):
        """Enter on a row."""

        def __init__(self, table: TaskTable, task_id: int):
            super().__init__()
            self.table = table
            self.task_id = task_id

        @property
        def control(self) -> TaskTable:
            return self.table

    def __init__(self, *, id: str | None = None):
        super().__init__(enter=t("key.board_open"), id=id)

    def show_tasks(
        self,
        headers: Sequence[str],
        rows: Sequence[tuple[int, Sequence[str]]],
        select_id: int | None = None,
    ) -> None:
        """Show ``rows`` of ``(task id, cells)``; the cursor goes to ``select_id``.

        A cell is shown on one line and cut at :data:`CELL_WIDTH` cells.
        """
        self.show(
            headers,
            (
                (str(task_id), [truncate(clean(c, single_line=True), CELL_WIDTH) for c in cells])
                for task_id, cells in rows
            ),
        )
        if select_id is not None and str(select_id) in self.rows:
            self.move_cursor(row=self.get_row_index(str(select_id)))

    @property
    def cursor_task_id(self) -> int | None:
        """The task under the cursor."""
        key = self.cursor_key
        return int(key) if key is not None else None

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.TaskChosen(self, int(event.row_key.value)))
