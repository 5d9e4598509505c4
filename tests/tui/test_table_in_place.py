"""A table of thousands redraws only what changed (issue 20): a record whose cells are
the same object as last time is not redrawn, and a changed record in the same place is
redrawn in place — the cursor and the view stay, the other rows are not rebuilt."""

from __future__ import annotations

from textual.app import App, ComposeResult

from collabtui.widgets.record_table import REDRAW_IN_PLACE, RecordTable


class _Host(App):
    def compose(self) -> ComposeResult:
        yield RecordTable(id="t")


def _rows(n: int, changed: dict[int, str] | None = None, keep: dict | None = None):
    changed = changed or {}
    out = []
    for i in range(n):
        cells = (
            keep[str(i)] if keep and i not in changed else [f"记录 {i}", changed.get(i, "待开始")]
        )
        out.append((str(i), cells))
    return out


async def test_a_changed_row_is_redrawn_in_place_and_the_rest_kept():
    app = _Host()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(RecordTable)
        first = _rows(500)
        table.show(["名称", "状态"], first)
        await pilot.pause()
        table.move_cursor(row=250)
        await pilot.pause()
        data_before = {key: table._data[key] for key in list(table._data)[:3]}
        kept = dict(first)
        table.show(["名称", "状态"], _rows(500, {250: "进行中"}, kept))
        await pilot.pause()
        assert str(table.get_row_at(250)[1]) == "进行中"  # what the person sees
        assert str(table.get_row_at(249)[1]) == "待开始"
        assert table.cursor_row == 250 and table.cursor_key == "250"
        # The other rows were not rebuilt: the same row objects are still there.
        assert all(table._data[key] is row for key, row in data_before.items())


async def test_many_changes_or_a_new_order_fill_the_table_again():
    app = _Host()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(RecordTable)
        table.show(["名称", "状态"], _rows(200))
        await pilot.pause()
        many = {i: "已完成" for i in range(REDRAW_IN_PLACE + 1)}
        table.show(["名称", "状态"], _rows(200, many))
        await pilot.pause()
        assert [str(table.get_row_at(i)[1]) for i in (0, REDRAW_IN_PLACE, 199)] == [
            "已完成",
            "已完成",
            "待开始",
        ]
        table.show(["名称", "状态"], list(reversed(_rows(200))))
        await pilot.pause()
        assert str(table.get_row_at(0)[0]) == "记录 199"
        assert table.row_count == 200
