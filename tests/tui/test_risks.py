"""The risk register (《风险预警表》) from the keyboard: open it from a project and from
the dashboard, raise a warning, move it through its lifecycle, delete it — the store
checked after each key, and the screen."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.widgets import Input, Select, SelectionList, Static

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.conflict import ConflictDialog
from collabtui.dialogs.help import HelpScreen
from collabtui.dialogs.note import NoteDialog
from collabtui.dialogs.risk import RiskForm
from collabtui.screens.dashboard import DashboardScreen
from collabtui.screens.project import ProjectScreen
from collabtui.screens.risks import RiskRegisterScreen
from collabtui.widgets.record_table import RecordTable
from tests.support.internals import messages

from .conftest import SIZE

TODAY = date(2026, 11, 27)
STATUS = 2  # the status column of a project's register


async def open_register(pilot, store, project="CX-FIX") -> RiskRegisterScreen:
    """The project screen, then ``w``."""
    pilot.app.open_project(store.project_id(project))
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProjectScreen)
    await pilot.press("w")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RiskRegisterScreen)
    return screen


def table(screen) -> RecordTable:
    return screen.query_one("#risk-register", RecordTable)


def column(screen, index: int) -> list[str]:
    t = table(screen)
    return [str(t.get_row_at(i)[index]) for i in range(t.row_count)]


def shows(cell: str, full: str) -> bool:
    """``cell`` is ``full`` as the table draws it: whole, or cut with "…" to fit the width."""
    return cell == full or (cell.endswith("…") and full.startswith(cell[:-1]))


def row_of(cells: list[str], full: str) -> int:
    """The row whose cell shows ``full`` (whole or cut to fit)."""
    return next(i for i, cell in enumerate(cells) if shows(cell, full))


def stored(store, risk_id: int):
    return next((r for r in store.risk_rows(tz=UTC) if r.id == risk_id), None)


def said(app) -> list[str]:
    return messages(app)


async def put_cursor_on(pilot, screen, title: str) -> None:
    """Move the cursor (with the arrow keys) to the warning titled ``title``."""
    t = table(screen)
    target = next(i for i, r in enumerate(screen.rows) if r.title == title)
    while t.cursor_row != target:
        await pilot.press("down" if t.cursor_row < target else "up")
    assert screen.current().title == title


async def test_opens_from_the_project_and_lists_its_warnings(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store, "Q4-LAUNCH")
        rows = demo_store.risk_rows("Q4-LAUNCH", tz=UTC)
        assert [r.id for r in screen.rows] == [r.id for r in rows]
        assert column(screen, 0)[0] == "支付平台接口审批延迟"
        assert column(screen, 3)[0] == "2026-12-02"  # threatened
        assert column(screen, 4)[0] == "7 d 13 h"  # lead time
        late = row_of(column(screen, 0), "电商详情页开发延期")
        assert column(screen, 4)[late] == "\N{MINUS SIGN}9 h 30 min"
        assert column(screen, 5)[late] == "⚠ < 24 h"
        assert column(screen, 5).count("⚠ < 24 h") == 1
        assert column(screen, STATUS)[late] == "Materialized"
        assert column(screen, 7)[0] == "T-05, T-06"
        summary = str(screen.query_one("#summary", Static).render())
        assert summary.startswith("6 risk warnings") and "1 raised late" in summary
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {key: action for _, (key, action, _id) in app.screen.rows()}
        assert {k: keys[k] for k in ("n", "e", "a", "m", "c", "!", "o", "d")} == {
            "n": "Raise",
            "e": "Edit",
            "a": "Assessing",
            "m": "Mitigating",
            "c": "Close",
            "!": "Materialized",
            "o": "Reopen",
            "d": "Delete",
        }
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)


async def test_enter_in_the_projects_risk_tab_opens_the_register(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_project(demo_store.project_id("CX-FIX"))
        for _ in range(50):  # a busy machine shows the project a few frames later
            await pilot.pause()
            if isinstance(app.screen, ProjectScreen) and app.focused is not None:
                break
        await pilot.press("4")
        for _ in range(50):  # the tab focuses its list after a refresh
            await pilot.pause()
            if app.focused is not None and app.focused.id == "risk-list":
                break
        assert app.focused.id == "risk-list"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RiskRegisterScreen)
        assert app.screen.project_id == demo_store.project_id("CX-FIX")


async def test_raise_a_warning_by_keys(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        before = {r.id for r in demo_store.risk_rows("CX-FIX", tz=UTC)}
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RiskForm)
        assert form.query_one("#f-raised_at", Input).value == "2026-11-27 09:30"
        await pilot.press(*"Scanner vendor [bold]late[/]")
        # type: open the list, the prompt is highlighted; down twice is the second type
        await pilot.press("tab", "enter", "down", "down", "enter")
        assert form.query_one("#f-type", Select).value == "technical_bottleneck"
        await pilot.press("tab", "enter", "down", "enter")  # level: medium → high
        await pilot.press("tab", *"Pilot cannot start", "tab", *"Borrow scanners", "tab")
        await pilot.press(*"+3d", "tab", "space")  # the first task of the project
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RiskRegisterScreen)
        (new,) = [r for r in demo_store.risk_rows("CX-FIX", tz=UTC) if r.id not in before]
        assert (new.title, new.type, new.level, new.status) == (
            "Scanner vendor [bold]late[/]",
            "technical_bottleneck",
            "high",
            "open",
        )
        assert (new.impact, new.solution) == ("Pilot cannot start", "Borrow scanners")
        assert new.threatened_on == date(2026, 11, 30)
        assert new.raised_at == datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
        first_task = demo_store.task_rows("CX-FIX")[0]
        assert new.task_ids == (first_task.id,)
        assert new.departments == (first_task.owner_department,)  # its owner's, ticked along
        assert not new.late
        assert any(shows(cell, "Scanner vendor [bold]late[/]") for cell in column(screen, 0))
        assert "Risk warning raised: Scanner vendor [bold]late[/]" in said(app)


async def test_a_late_warning_is_said_and_flagged(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-title", Input).value = "物流仓明日停电"
        form.query_one("#f-type", Select).value = "external"
        form.query_one("#f-threatened_on", Input).value = "+1d"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        row = next(r for r in screen.rows if r.title == "物流仓明日停电")
        assert row.late and row.lead_time.total_seconds() == 14.5 * 3600
        assert any("距 2026-11-28 不足 24 小时" in m for m in said(app))
        index = row_of(column(screen, 0), "物流仓明日停电")
        assert column(screen, 5)[index] == "⚠ 不足24小时"
        assert column(screen, 4)[index] == "14 小时 30 分钟"


async def test_the_form_keeps_the_input_and_names_the_field(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await open_register(pilot, demo_store)
        count = len(demo_store.risk_rows(tz=UTC))
        await pilot.press("n", *"[/] 许可证", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RiskForm)
        assert "请选择风险类型" in str(form.query_one("#e-type", Static).render())
        form.query_one("#f-type", Select).value = "dependency"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "24 小时" in str(form.query_one("#e-threatened_on", Static).render())
        assert str(form.query_one("#e-type", Static).render()).strip() == ""
        form.query_one("#f-threatened_on", Input).value = "下周一"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "YYYY-MM-DD" in str(form.query_one("#e-threatened_on", Static).render())
        form.query_one("#f-threatened_on", Input).value = "2026-12-10"
        form.query_one("#f-raised_at", Input).value = "昨天"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "HH:MM" in str(form.query_one("#e-raised_at", Static).render())
        assert form.query_one("#f-title", Input).value == "[/] 许可证"
        assert len(demo_store.risk_rows(tz=UTC)) == count
        form.query_one("#f-raised_at", Input).value = "２０２６－１１－２６ ０８:００"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RiskRegisterScreen)
        new = next(r for r in demo_store.risk_rows(tz=UTC) if r.title == "[/] 许可证")
        assert new.raised_at == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


async def test_every_status_key(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        title = "CRM routing module licence not approved in time"
        await put_cursor_on(pilot, screen, title)
        risk_id = screen.current().id
        for key, status, shown in [
            ("a", "assessing", "Assessing"),
            ("m", "mitigating", "Mitigating"),
            ("c", "closed", "Closed"),
            ("o", "open", "Open"),
            ("exclamation_mark", "materialized", "Materialized"),
            ("o", "open", "Open"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            if status == "closed":  # closing asks why (issue 16)
                assert isinstance(app.screen, NoteDialog)
                await pilot.press(*"licence granted", "enter")
                await pilot.pause()
            assert stored(demo_store, risk_id).status == status
            assert screen.current().id == risk_id  # the cursor follows the warning
            index = [r.id for r in screen.rows].index(risk_id)
            assert column(screen, STATUS)[index] == shown
            assert f"{title}: {shown}" in said(app)


async def test_an_illegal_move_is_refused_and_said(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        await put_cursor_on(pilot, screen, "Logistics short-staffed during peak season")
        shown = screen.current()
        await pilot.press("o")  # assessing → open: only closed or materialized reopen
        await pilot.pause()
        after = stored(demo_store, shown.id)
        assert (after.status, after.version) == ("assessing", shown.version)
        assert any("“Assessing” cannot become “Open”" in m for m in said(app))


async def test_closing_asks_for_a_closing_note_and_shows_it(demo_store, make_app):
    """Issue 16: c asks why the warning is closed; no note, no close; the detail and
    the export show the note."""
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        title = "CRM routing module licence not approved in time"
        await put_cursor_on(pilot, screen, title)
        risk = screen.current()
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        await pilot.press("enter")  # an empty note is refused where it is typed
        await pilot.pause()
        assert app.screen is dialog
        assert "closing note" in str(dialog.query_one("#form-error", Static).render())
        assert stored(demo_store, risk.id).status == risk.status
        await pilot.press(*"licence [granted]", "enter")
        await pilot.pause()
        assert app.screen is screen
        after = stored(demo_store, risk.id)
        assert (after.status, after.closing_note) == ("closed", "licence [granted]")
        assert ("Closing note", "licence [granted]") in screen.detail(screen.current())


async def test_a_refused_status_key_is_disabled_and_says_why(demo_store, make_app):
    """Issue 16: the keys come from the risk lifecycle table: a move it refuses for the
    warning under the cursor is shown disabled, and pressing it says why."""
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        await put_cursor_on(pilot, screen, "Logistics short-staffed during peak season")
        assert screen.current().status == "assessing"
        await pilot.pause()
        keys = screen.active_bindings
        assert keys["o"].enabled is False  # assessing → open is refused
        assert keys["m"].enabled is True and keys["c"].enabled is True
        await pilot.press("m")
        await pilot.pause()
        assert screen.current().status == "mitigating"
        keys = screen.active_bindings
        assert keys["o"].enabled is False and keys["a"].enabled is False


async def test_delete_asks_first(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        await put_cursor_on(pilot, screen, "Logistics short-staffed during peak season")
        risk = screen.current()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert stored(demo_store, risk.id) is not None
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.screen is screen
        assert stored(demo_store, risk.id) is None
        assert [r.id for r in screen.rows] == [r.id for r in demo_store.risk_rows("CX-FIX", tz=UTC)]
        assert table(screen).row_count == 1


async def test_a_change_made_elsewhere_is_reported_not_overwritten(
    demo_store, make_app, monkeypatch
):
    app = make_app(demo_store)
    # The other copy's change has not reached this screen yet (no live refresh between).
    monkeypatch.setattr(app, "data_changed", lambda: None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        await put_cursor_on(pilot, screen, "Logistics short-staffed during peak season")
        shown = screen.current()
        demo_store.edit_risk(shown.id, shown.version, level="critical")  # another copy
        await pilot.press("m")
        await pilot.pause()
        assert stored(demo_store, shown.id).status == "assessing"
        assert any("Someone else changed" in m for m in said(app))
        assert screen.current().level == "critical"  # the screen re-read the warning
        await pilot.press("m")
        await pilot.pause()
        assert stored(demo_store, shown.id).status == "mitigating"


async def test_a_stale_form_shows_the_conflict_and_keeps_the_input(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store)
        await put_cursor_on(pilot, screen, "Logistics short-staffed during peak season")
        shown = screen.current()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RiskForm)
        assert form.query_one("#f-title", Input).value == shown.title
        assert list(form.query_one("#f-task_ids", SelectionList).selected) == list(shown.task_ids)
        demo_store.edit_risk(shown.id, shown.version, solution="changed elsewhere")
        form.query_one("#f-solution", Input).value = "mine"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # cancel: back to the form, mine intact
        await pilot.pause()
        assert app.screen is form
        assert "someone else changed" in str(form.query_one("#form-error", Static).render())
        assert form.query_one("#f-solution", Input).value == "mine"
        assert stored(demo_store, shown.id).solution == "changed elsewhere"


async def test_edit_keeps_the_links_and_the_raising_time(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, demo_store, "Q4-LAUNCH")
        await put_cursor_on(pilot, screen, "支付平台接口审批延迟")
        shown = screen.current()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-impact", Input).value = "预售转化下降"
        await pilot.press("ctrl+s")
        await pilot.pause()
        after = stored(demo_store, shown.id)
        assert after.impact == "预售转化下降"
        assert (after.task_ids, after.department_ids) == (shown.task_ids, shown.department_ids)
        assert (after.raised_at, after.raised_by_id) == (shown.raised_at, shown.raised_by_id)
        assert (after.type, after.level, after.status) == (shown.type, shown.level, shown.status)


async def test_the_form_prefilled_from_a_task_as_the_standup_opens_it(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    task = next(k for k in demo_store.task_rows("Q4-LAUNCH") if k.code == "T-05")
    results = []
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(
            RiskForm(task.project_id, task_id=task.id, raised_by_id=task.owner_id),
            results.append,
        )
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-title", Input).value == task.title
        assert form.query_one("#f-type", Select).value == "schedule"
        assert form.query_one("#f-threatened_on", Input).value == task.due_on.isoformat()
        assert list(form.query_one("#f-task_ids", SelectionList).selected) == [task.id]
        owner_dept = next(d.id for d in demo_store.departments() if d.name == task.owner_department)
        assert list(form.query_one("#f-department_ids", SelectionList).selected) == [owner_dept]
        assert form.query_one("#f-raised_by_id", Select).value == task.owner_id
        form.query_one("#f-impact", Input).value = "预售延后"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RiskForm)
    (risk,) = results
    row = stored(demo_store, risk.id)
    assert (row.title, row.task_ids, row.department_ids) == (task.title, (task.id,), (owner_dept,))
    assert (row.raised_by_id, row.threatened_on, row.impact) == (
        task.owner_id,
        task.due_on,
        "预售延后",
    )


async def test_the_register_of_every_project_from_the_dashboard(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RiskRegisterScreen) and screen.project_id is None
        assert set(column(screen, 0)) == {"Q4-LAUNCH", "CX-FIX"}
        assert table(screen).row_count == len(demo_store.risk_rows(tz=UTC)) == 8
        await pilot.press("n")  # raising needs a project: not offered here
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("question_mark")
        await pilot.pause()
        keys = {key: action for _, (key, action, _id) in app.screen.rows()}
        assert "n" not in keys and keys["a"] == "Assessing"
        await pilot.press("escape")
        await pilot.pause()
        await put_cursor_on(pilot, screen, "预售高峰期服务器性能瓶颈")
        risk_id = screen.current().id
        await pilot.press("a")
        await pilot.pause()
        assert stored(demo_store, risk_id).status == "assessing"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_an_empty_project_says_how_to_start(store, make_app):
    store.create_project("NEW", "Nothing yet")
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_register(pilot, store, "NEW")
        assert table(screen).row_count == 0
        assert "按 n 发起" in str(screen.query_one("#summary", Static).render())
        await pilot.press("a", "m", "c", "o", "d", "e", "exclamation_mark")  # no-ops
        await pilot.pause()
        assert app.screen is screen
