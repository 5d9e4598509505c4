"""The dashboard: every project with its phase and open work."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from collabtui.domain.playbook import gaps_to_advance, next_phase, summary_facts
from collabtui.domain.summary import ProjectSummary
from collabtui.i18n import label_value, t
from collabtui.screens import router
from collabtui.screens.base import CollabScreen
from collabtui.text import truncate
from collabtui.widgets.footer import Footer
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
        Binding("a", "attention", "key.attention", id="needs-attention"),
        Binding("w", "risks", "key.risks", id="all-risks"),
        Binding("H", "handbook", "key.handbook", id="handbook"),
        Binding("O", "outbox", "key.outbox", show=False, id="outbox"),
        # Only with a [chat.NAME] in the config (check_action): no snapshot changes.
        Binding("s", "send_digest", "key.post_digest", id="send-digest"),
        Binding("r", "refresh", "key.refresh", show=False, id="refresh"),
        Binding("ctrl+d", "load_demo", "key.load_demo", id="load-demo"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="summary")
        yield RecordTable(id="projects", enter=t("key.open"))
        yield Static(t("dashboard.attention_loading"), id="attention-title")
        yield RecordTable(id="attention", enter=t("key.open"))
        yield Static(id="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("dashboard.title")
        self.query_one("#empty", Static).update(Text(self.first_steps()))
        if self.collab.exit_after_first_frame:
            self.app.call_after_refresh(self.app.exit)

    def first_steps(self) -> str:
        """The checklist an empty store shows, with the keys as they are (remaps too)."""

        def key(binding_id: str, default: str) -> str:
            remapped = (self.collab.config.keys or {}).get(binding_id)
            keys = str(remapped or default).split(",")[0].strip()
            return self.app.get_key_display(Binding(keys, ""))

        return t(
            "dashboard.empty",
            directory=key("directory", "d"),
            add=key("add", "a"),
            new=key("new-project", "n"),
            demo=key("load-demo", "ctrl+d"),
        )

    def on_screen_resume(self) -> None:
        """Shown first, or back from a project whose counts may have changed."""
        self.stale = False  # read here (the base would read a stale screen again)
        self.refresh_rows()

    rows: list[ProjectSummary] | None = None
    found_alerts: list | None = None

    #: The size the rows were last shown at (a resize to the same size changes nothing).
    shown_size: tuple[int, int] | None = None

    def on_resize(self) -> None:
        """Re-fit the topic column to the new width (no new query)."""
        if tuple(self.size) == self.shown_size:  # (start-up sends the first size again)
            return
        if self.rows is not None:
            self.show(self.rows)
        if self.found_alerts is not None:
            self.show_alerts(self.found_alerts)

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Read the dashboard rows and show them; check the rules in a thread."""
        self.rows = self.collab.dashboard_rows(self.collab.clock.today())
        self.show(self.rows)
        if not self.collab.exit_after_first_frame:
            self.load_alerts()

    @work(thread=True, exclusive=True, group="alerts", exit_on_error=False)
    def load_alerts(self) -> list:
        """Every alert (off the UI thread: it opens the store and reads every table)."""
        from collabtui.screens.attention import compute_alerts

        return compute_alerts(self.collab)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the alerts when the rules are checked, or why they could not be."""
        if event.worker.group != "alerts":
            return
        if event.state == WorkerState.SUCCESS:
            self.found_alerts = event.worker.result
            self.show_alerts(self.found_alerts)
        elif event.state == WorkerState.ERROR:
            reason = str(event.worker.error)
            self.query_one("#attention-title", Static).update(
                Text(t("dashboard.attention_failed", reason=reason), style="red")
            )

    def show_alerts(self, found: list) -> None:
        """The "needs attention" list, most severe first."""
        from collabtui.screens.attention import attention_table, attention_title

        table = self.query_one("#attention", RecordTable)
        headers, rows = attention_table(found, self.size.width or 120, self.collab.clock.tz)
        table.show(headers, rows)
        table.display = bool(found) and bool(self.rows)
        self.query_one("#attention-title", Static).update(Text(attention_title(found)))
        self.fit_projects()
        self.refresh_bindings()

    def fit_projects(self) -> None:
        """With alerts below, the projects take the rows they need (at most 2/5 of the screen)."""
        table = self.query_one("#projects", RecordTable)
        if self.found_alerts:
            room = max(4, (self.size.height or 36) * 2 // 5)
            table.styles.height = min(table.row_count + 1, room)
        else:
            table.styles.height = "1fr"

    def show(self, rows: list[ProjectSummary]) -> None:
        """Render ``rows``."""
        table = self.query_one("#projects", RecordTable)
        # The topic and what is missing share what the other columns leave, so
        # nothing scrolls sideways.
        width = self.size.width or 120
        self.shown_size = tuple(self.size)
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
                    projects=t("count.projects", n=len(rows)),
                    active=active,
                    overdue=t("count.overdue_tasks", n=sum(r.overdue_tasks for r in rows)),
                    risks=t("count.open_risks", n=sum(r.open_risks for r in rows)),
                )
            )
        )
        self.query_one("#empty").display = not rows
        table.display = bool(rows)
        self.query_one("#attention-title").display = bool(rows)
        self.query_one("#attention").display = bool(rows) and bool(self.found_alerts)
        self.fit_projects()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the demo only on an empty store, the digest only with a group chat."""
        if action == "send_digest":
            return bool(self.collab.config.chats)
        table = self.query("#projects")
        count = table.first(RecordTable).row_count if table else 0
        if action == "load_demo":
            return count == 0
        if action == "attention":
            return count > 0 and bool(self.found_alerts)
        return True

    async def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter or a click on a row opens the project, or the record an alert names."""
        event.stop()
        if event.data_table.id == "attention":
            from collabtui.screens.attention import open_alert

            if self.found_alerts is not None:
                await open_alert(self.collab, self.found_alerts[int(event.row_key.value)])
            return
        self.collab.open_project(int(event.row_key.value))

    def document_text(self) -> str | None:
        """``y`` copies the alert digest to paste into the group chat (as `collab alerts`)."""
        if self.found_alerts is None:
            return None
        from collabtui.export.alerts import render_alerts_md
        from collabtui.i18n import translator

        clock = self.collab.clock
        return render_alerts_md(
            self.found_alerts, translator(self.collab.lang), clock.now(), clock.tz
        )

    def action_attention(self) -> None:
        """Move to the "needs attention" list."""
        table = self.query_one("#attention", RecordTable)
        if table.display:
            table.focus()

    def action_new_project(self) -> None:
        """Open an empty request form; a saved one opens its project."""
        from collabtui.domain.drafts import RequestDraft

        store = self.collab.store
        screen = router.build(
            "request",
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
        self.go("board", None, then=lambda _: self.refresh_rows())

    def action_risks(self) -> None:
        """The risk register (《风险预警表》) across every project."""
        self.go("risks", None, then=lambda _: self.refresh_rows())

    def action_outbox(self) -> None:
        """The outbox: messages sent and to be sent, with the servers' answers."""
        self.go("outbox")

    def action_send_digest(self) -> None:
        """Post the alert digest to each group chat (as ``collab notify``), off the UI thread."""
        from collabtui.screens.outbox import post_digest

        post_digest(self)

    def action_handbook(self) -> None:
        """The best-practice handbook (《跨部门协作最佳实践手册》)."""
        self.go("handbook")

    def action_decisions(self) -> None:
        """Every decision of every project's meetings."""
        self.go("decisions", None)

    def action_directory(self) -> None:
        self.collab.open_directory()

    def action_refresh(self) -> None:
        self.refresh_rows()

    def action_load_demo(self) -> None:
        """Load the demo projects into an empty store."""
        from collabtui.domain.errors import StoreError

        try:
            self.collab.store.load_demo(clock=self.collab.clock)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        self.refresh_rows()
        self.collab.say(t("msg.demo_loaded"))
