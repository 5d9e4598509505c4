"""The dashboard: every project with its phase and open work."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from collabtui.i18n import label_value, t
from collabtui.playbook import gaps_to_advance, next_phase, summary_facts
from collabtui.screens.base import CollabScreen
from collabtui.text import truncate
from collabtui.views import ProjectSummary
from collabtui.widgets.record_table import RecordTable


def missing_text(summary: ProjectSummary, width: int) -> Text:
    """What stands between a project and its next phase, in one short cell."""
    gaps = gaps_to_advance(summary_facts(summary))
    if next_phase(summary.phase) is None:
        return Text("")
    if not gaps:
        return Text(truncate(t("gap.none"), width), style="green")
    first = gaps[0].message(t)
    more = f" (+{len(gaps) - 1})" if len(gaps) > 1 else ""
    return Text(truncate(first, max(8, width - len(more))) + more, style="yellow")


def _count(value: int, style: str) -> Text:
    """A number, styled when it is not zero."""
    return Text(str(value), style=style if value else "dim")


class DashboardScreen(CollabScreen):
    """Projects, their phase, open tasks, overdue tasks and open risks."""

    BINDINGS = [
        Binding("n", "new_project", "key.new_project", id="new-project"),
        Binding("d", "directory", "key.directory", id="directory"),
        Binding("k", "decisions", "key.decisions", id="all-decisions"),
        Binding("b", "board", "key.board", id="all-tasks-board"),
        Binding("w", "risks", "key.risks", id="all-risks"),
        Binding("H", "handbook", "key.handbook", id="handbook"),
        Binding("r", "refresh", "key.refresh", show=False, id="refresh"),
        Binding("ctrl+d", "load_demo", "key.load_demo", id="load-demo"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="summary")
        yield RecordTable(id="projects", enter=t("key.open"))
        yield Static(t("dashboard.empty"), id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("dashboard.title")
        if self.collab.exit_after_first_frame:
            self.app.call_after_refresh(self.app.exit)

    def on_screen_resume(self) -> None:
        """Shown first, or back from a project whose counts may have changed."""
        self.refresh_rows()

    rows: list[ProjectSummary] | None = None

    def on_resize(self) -> None:
        """Re-fit the topic column to the new width (no new query)."""
        if self.rows is not None:
            self.show(self.rows)

    def refresh_rows(self) -> None:
        """Read the dashboard rows and show them."""
        self.rows = self.collab.dashboard_rows(self.collab.clock.today())
        self.show(self.rows)

    def show(self, rows: list[ProjectSummary]) -> None:
        """Render ``rows``."""
        table = self.query_one("#projects", RecordTable)
        # The topic and what is missing share what the other columns leave, so
        # nothing scrolls sideways.
        width = self.size.width or 120
        dept_width = 12 if width >= 100 else 6
        spare = max(16, width - 54 - dept_width)
        topic_width, missing_width = spare // 2, spare - spare // 2
        table.show(
            [
                t("col.code"),
                t("col.topic"),
                t("col.requesting"),
                t("col.phase"),
                t("col.open_tasks"),
                t("col.overdue"),
                t("col.open_risks"),
                t("col.missing"),
            ],
            [
                (
                    str(r.id),
                    [
                        r.code,
                        truncate(r.topic, topic_width),
                        truncate(r.requesting_department, dept_width),
                        label_value("Phase", r.phase),
                        str(r.open_tasks),
                        _count(r.overdue_tasks, "bold red"),
                        _count(r.open_risks, "bold yellow"),
                        missing_text(r, missing_width),
                    ],
                )
                for r in rows
            ],
        )
        active = sum(1 for r in rows if r.phase != "closed")
        self.query_one("#summary", Static).update(
            Text(
                t(
                    "dashboard.summary",
                    projects=len(rows),
                    active=active,
                    overdue=sum(r.overdue_tasks for r in rows),
                    risks=sum(r.open_risks for r in rows),
                )
            )
        )
        self.query_one("#empty").display = not rows
        table.display = bool(rows)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the demo only on an empty store."""
        table = self.query("#projects")
        count = table.first(RecordTable).row_count if table else 0
        if action == "load_demo":
            return count == 0
        return True

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter or a click on a row opens the project."""
        event.stop()
        self.collab.open_project(int(event.row_key.value))

    def action_new_project(self) -> None:
        """Open an empty request form; a saved one opens its project."""
        from collabtui.drafts import RequestDraft
        from collabtui.screens.request_form import RequestFormScreen

        store = self.collab.store
        screen = RequestFormScreen(
            RequestDraft(),
            store.departments(include_retired=True),
            store.people(include_retired=True),
        )

        def saved(project_id: int | None) -> None:
            if project_id is not None:
                self.refresh_rows()
                self.collab.open_project(project_id)

        self.app.push_screen(screen, saved)

    def action_board(self) -> None:
        """The task board across every project."""
        from collabtui.screens.board import BoardScreen

        self.app.push_screen(BoardScreen(None), lambda _: self.refresh_rows())

    def action_risks(self) -> None:
        """The risk register (《风险预警表》) across every project."""
        from collabtui.screens.risks import RiskRegisterScreen

        self.app.push_screen(RiskRegisterScreen(None), lambda _: self.refresh_rows())

    def action_handbook(self) -> None:
        """The best-practice handbook (《跨部门协作最佳实践手册》)."""
        from collabtui.screens.handbook import HandbookScreen

        self.app.push_screen(HandbookScreen())

    def action_decisions(self) -> None:
        """Every decision of every project's meetings."""
        from collabtui.screens.minutes import DecisionsScreen

        self.app.push_screen(DecisionsScreen(None))

    def action_directory(self) -> None:
        self.collab.open_directory()

    def action_refresh(self) -> None:
        self.refresh_rows()

    def action_load_demo(self) -> None:
        """Load the demo projects into an empty store."""
        from collabtui.store.errors import StoreError

        try:
            self.collab.store.load_demo(force=False)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        self.refresh_rows()
        self.collab.say(t("msg.demo_loaded"))
