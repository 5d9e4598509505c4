"""The tracking table (表3) on screen: every field of the board's tasks, one row each."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from collabtui.i18n import label_value
from collabtui.views import TaskRow
from collabtui.widgets.record_table import RecordTable


def task_table_cells(rows: Sequence[TaskRow], tr, *, with_project: bool = False):
    """Provisional: headers and cells of 表3 (to be replaced by the export module's)."""
    headers = [
        tr("col.code"),
        tr("col.title"),
        tr("col.owner"),
        tr("col.status"),
        tr("col.due"),
    ]
    cells = [
        [r.code, r.title, r.owner, label_value("TaskStatus", r.status), str(r.due_on or "")]
        for r in rows
    ]
    return headers, cells


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
        super().__init__(enter="key.board_open", id=id)

    def show_tasks(
        self,
        headers: Sequence[str],
        rows: Sequence[tuple[int, Sequence[object]]],
        select_id: int | None = None,
    ) -> None:
        """Show ``rows`` of ``(task id, cells)``; the cursor goes to ``select_id``."""
        self.show(headers, ((str(task_id), cells) for task_id, cells in rows))
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
