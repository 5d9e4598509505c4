"""The board's tracking table (表3) reads the rows it draws, a window at a time: the
rows on screen are right wherever the user scrolls, and showing the table does not
read every task of the board."""

from __future__ import annotations

import collabtui.widgets.task_table as task_table
from collabtui.widgets.task_table import TaskTable

from .conftest import SIZE
from .test_board import open_board


def table_text(table: TaskTable) -> str:
    return "\n".join(
        "".join(seg.text for seg in table.render_line(y)) for y in range(table.size.height)
    )


async def test_the_table_reads_windows_of_rows_and_shows_each_row_right(
    demo_store, make_app, monkeypatch
):
    monkeypatch.setattr(task_table, "WINDOW", 3)  # the demo has 14 tasks per project
    monkeypatch.setattr(task_table, "SAMPLE", 2)
    asked: list[list[int]] = []
    read = demo_store.task_rows_of

    def counted(ids):
        asked.append(list(ids))
        return read(ids)

    monkeypatch.setattr(demo_store, "task_rows_of", counted)
    app = make_app(demo_store)
    async with app.run_test(size=(SIZE[0], 12)) as pilot:  # a few rows on screen
        board = await open_board(pilot, demo_store)
        await pilot.press("t")
        await pilot.pause()
        table = board.query_one(TaskTable)
        rows = {r.id: r for r in demo_store.task_rows("Q4-LAUNCH")}
        assert table.row_count == len(rows) == 14
        first_read = sum(len(ids) for ids in asked)
        assert first_read < len(rows), "showing the table read every task"
        assert rows[table.ids[0]].title[:8] in table_text(table)

        await pilot.press("end")
        await pilot.pause()
        last = rows[table.ids[-1]]
        assert table.cursor_task_id == last.id
        assert last.code in table_text(table) and last.title[:8] in table_text(table)
        assert all(len(ids) <= 3 for ids in asked[1:]), "a window is at most WINDOW rows"

        # Going back up shows the first rows from what was read, not read again.
        before = len(asked)
        await pilot.press("home")
        await pilot.pause()
        assert rows[table.ids[0]].title[:8] in table_text(table)
        assert len(asked) == before
