"""The app driven by Pilot: keys pressed, then the store and the screen checked."""

from __future__ import annotations

from textual.widgets import Input

from collabtui.dialogs.conflict import ConflictDialog
from collabtui.dialogs.forms import DepartmentForm, PersonForm
from collabtui.dialogs.help import HelpScreen
from collabtui.screens.dashboard import DashboardScreen
from collabtui.screens.directory import DirectoryScreen
from collabtui.screens.project import ProjectScreen
from collabtui.widgets.record_table import RecordTable

from .conftest import SIZE

HOSTILE = ["[/]", "[bold]x", "[@click=app.quit]x[/]", "\x1b[31mred\x1b[0m", "[/", "[0]"]


def cells(table: RecordTable, column: int) -> list[str]:
    """The plain text of one column, top to bottom."""
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_dashboard_lists_projects_opens_one_and_goes_back(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#projects", RecordTable)
        expected = [r.code for r in demo_store.dashboard(app.clock.today())]
        assert cells(table, 0) == expected
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert app.screen.project_id == demo_store.project(expected[1]).id
        heading = str(app.screen.query_one("#heading").render())
        assert expected[1] in heading
        await pilot.press("3")
        await pilot.pause()
        tasks = app.screen.query_one("#task-list", RecordTable)
        assert tasks.row_count == len(demo_store.project_overview(app.screen.project_id).tasks)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_user_text_that_looks_like_markup_shows_literally(store, make_app):
    for i, topic in enumerate(HOSTILE):
        store.create_project(f"X{i}", topic)
    person = store.add_person("[red]Eve[/]")
    store.add_department("[/]部门", head_id=person.id)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#projects", RecordTable)
        shown = cells(table, 1)
        assert shown[:3] == ["[/]", "[bold]x", "[@click=app.quit]x[/]"]
        assert "\x1b" not in "".join(shown)
        assert "\N{REPLACEMENT CHARACTER}[31mred" in shown[3]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert "[/]" in str(app.screen.query_one("#heading").render())
        await pilot.press("escape", "d")
        await pilot.pause()
        depts = app.screen.query_one("#department-table", RecordTable)
        assert cells(depts, 0) == ["[/]部门"]
        assert cells(depts, 1) == ["[red]Eve[/]"]


async def test_directory_adds_a_department_and_a_person(store, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, DepartmentForm)
        await pilot.press(*"产品部")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
        assert [d.name for d in store.departments()] == ["产品部"]
        assert cells(app.screen.query_one("#department-table", RecordTable), 0) == ["产品部"]
        app.screen.query_one("TabbedContent").active = "people"
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await pilot.press(*"张伟")
        form = app.screen
        form.query_one("#f-department_id").value = store.departments()[0].id
        form.query_one("#f-email", Input).value = "zhang.wei@example.cn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        people = store.people()
        assert [(p.name, p.department_id, p.email) for p in people] == [
            ("张伟", store.departments()[0].id, "zhang.wei@example.cn")
        ]
        assert cells(app.screen.query_one("#person-table", RecordTable), 1) == ["产品部"]


async def test_invalid_input_is_explained_next_to_the_field_and_kept(store, make_app):
    store.add_department("IT")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "a")
        await pilot.pause()
        await pilot.press("I", "T")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DepartmentForm)
        assert "exists already" in str(form.query_one("#e-name").render())
        assert form.query_one("#f-name", Input).value == "IT"
        await pilot.press("backspace", "backspace", *"Ops")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert sorted(d.name for d in store.departments()) == ["IT", "Ops"]


async def test_editing_a_record_changed_meanwhile_is_a_conflict(store, make_app):
    dept = store.add_department("Sales")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DepartmentForm)
        store.edit_department(dept.id, dept.version, note="changed by a colleague")
        form.query_one("#f-note", Input).value = "mine"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # cancel: back to the form, mine intact
        await pilot.pause()
        assert app.screen is form
        assert "changed" in str(form.query_one("#form-error").render())
        assert store.departments()[0].note == "changed by a colleague"


async def test_retire_and_restore_a_person(store, make_app):
    store.add_person("Ann")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_directory(tab="people")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert store.people() == []
        assert app.screen.query_one("#person-table", RecordTable).row_count == 0
        await pilot.press("full_stop")
        await pilot.pause()
        table = app.screen.query_one("#person-table", RecordTable)
        assert cells(table, 5) == ["retired"]
        await pilot.press("x")
        await pilot.pause()
        assert [p.name for p in store.people()] == ["Ann"]


async def test_help_lists_the_keys_of_the_screen(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(
            zip(
                cells(app.screen.query_one("#keys", RecordTable), 0),
                cells(app.screen.query_one("#keys", RecordTable), 1),
                strict=True,
            )
        )
        assert keys["d"] == "Directory"
        assert keys["r"] == "Refresh"
        assert keys["^t"] == "Theme"
        assert keys["?"] == "Help"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_key_remaps_from_the_config_apply(demo_store, make_app):
    app = make_app(demo_store, keys={"directory": "g"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)


async def test_palette_finds_a_project_by_part_of_its_chinese_name(demo_store, make_app):
    target = next(p for p in demo_store.projects() if "智能手表" in p.topic)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"智能手表")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert app.screen.project_id == target.id


async def test_theme_switch_is_remembered(store, make_app, isolated):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        before = app.theme
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme != before
        saved = (isolated / "config" / "config.toml").read_text(encoding="utf-8")
        assert f'theme = "{app.theme}"' in saved


async def test_empty_store_offers_the_demo(store, make_app):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#empty").display
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert len(store.projects()) >= 2
        assert app.screen.query_one("#projects", RecordTable).row_count == len(store.projects())


async def test_chinese_interface(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#projects", RecordTable)
        headers = [str(c.label) for c in table.columns.values()]
        assert headers[:4] == ["代号", "协作主题", "需求部门", "阶段"]
        assert "执行中" in cells(table, 3)
        await pilot.press("question_mark")
        await pilot.pause()
        described = cells(app.screen.query_one("#keys", RecordTable), 1)
        assert described[:3] == ["打开", "新建项目", "通讯录"]
        assert {"命令面板", "光标上移", "退出"} <= set(described)


async def test_app_opens_its_own_store_from_the_url(demo_store, clock):
    from collabtui.app import CollabApp

    app = CollabApp(url=demo_store.url, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#projects", RecordTable)
        assert table.row_count == len(demo_store.projects())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)


async def test_palette_opens_a_task_on_its_projects_task_tab(demo_store, make_app):
    hit = next(h for h in demo_store.search("CRM") if h.kind == "task")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"CRM")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert app.screen.project_id == hit.project_id
        assert app.screen.query_one("TabbedContent").active == "tasks"
