"""The weekly progress list (《进度跟踪清单》) of a project, one week at a time.

Per department and task: completion, the change since last week, plan met or not,
the reason for a miss and the support needed. ``[``/``]`` browse the weeks that
have a list (``shift+←``/``shift+→`` step one calendar week); ``x`` writes the week as Markdown.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from collabtui.domain.progress import ProgressRow
from collabtui.domain.weeks import iso_week, shift_week
from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.text import clean, truncate
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable


class ProgressScreen(CollabScreen):
    """Browse a project's weekly progress lists."""

    BINDINGS = [
        Binding("left_square_bracket", "recorded(1)", "key.progress_older", id="older"),
        Binding("right_square_bracket", "recorded(-1)", "key.progress_newer", id="newer"),
        Binding("shift+left", "calendar(-1)", show=False, id="previous-calendar-week"),
        Binding("shift+right", "calendar(1)", show=False, id="next-calendar-week"),
        Binding("x", "export", "key.export", id="export"),
        Binding("escape", "back", "key.back", id="back"),
    ]

    def __init__(self, project_id: int, week: str | None = None):
        super().__init__()
        self.project_id = project_id
        self.week = week
        self.weeks: list[str] = []
        self.rows: list[ProgressRow] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static("", id="progress-info")
        yield RecordTable(id="progress-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RecordTable).focus()
        self.reload_from_store()

    def reload_from_store(self) -> None:
        """Read the weeks and the list of :attr:`week` (the latest week at first) again."""
        store, pid, wanted = self.collab.store, self.project_id, self.week
        today = self.collab.clock.today()

        def read():
            weeks = store.progress_weeks(pid)
            week = wanted or (weeks[0] if weeks else iso_week(today))
            return weeks, week, store.progress_list(pid, week), store.project(pid).code

        self.read_then(read, self._show)

    def show_week(self) -> None:
        """Read and show the list of :attr:`week` (off the UI thread)."""
        store, pid, week, weeks = self.collab.store, self.project_id, self.week, self.weeks
        self.read_then(
            lambda: (weeks, week, store.progress_list(pid, week), store.project(pid).code),
            self._show,
        )

    def _show(self, read: tuple[list[str], str, list[ProgressRow], str]) -> None:
        self.weeks, self.week, self.rows, code = read
        self.sub_title = t("progress.title", code=code, week=self.week)
        info = Text(t("progress.info", week=self.week, n=len(self.rows)), style="bold")
        missed = sum(1 for r in self.rows if not r.met_plan)
        if missed:
            info.append("  ")
            info.append(t("progress.missed", n=missed), style="bold red")
        if not self.rows:
            info.append("  ")
            info.append(t("progress.none"), style="dim")
        self.query_one("#progress-info", Static).update(info)
        self.query_one(RecordTable).show(
            [
                t("col.department"),
                t("col.code"),
                t("col.title"),
                t("standup.col.now"),
                t("standup.col.change"),
                t("col.status"),
                t("standup.col.met_plan"),
                t("standup.col.reason"),
                t("standup.col.support"),
                t("standup.col.support_from"),
            ],
            ((str(r.task_id), self._cells(r)) for r in self.rows),
        )

    def _cells(self, r: ProgressRow) -> list:
        change = Text("" if r.change is None else f"{r.change:+d}")
        if r.change:
            change.stylize("green" if r.change > 0 else "red")
        status = Text(label_value("ProgressStatus", r.status))
        if r.status in ("at_risk", "blocked"):
            status.stylize("bold red" if r.status == "blocked" else "yellow")
        return [
            r.department,
            r.task_code,
            truncate(clean(r.task_title, single_line=True), 30),
            f"{r.completion}%",
            change,
            status,
            Text("✓", style="green") if r.met_plan else Text("✗", style="bold red"),
            truncate(clean(r.miss_reason, single_line=True), 30),
            truncate(clean(r.support_needed, single_line=True), 30),
            r.support_from,
        ]

    def action_recorded(self, step: int) -> None:
        """The next older (``1``) or newer (``-1``) week that has a list."""
        if not self.weeks:
            return
        if self.week in self.weeks:
            index = self.weeks.index(self.week) + step
        else:
            older = [w for w in self.weeks if w < self.week]
            index = self.weeks.index(older[0]) if step > 0 and older else len(self.weeks)
        if 0 <= index < len(self.weeks):
            self.week = self.weeks[index]
            self.show_week()

    def action_calendar(self, step: int) -> None:
        self.week = shift_week(self.week, step)
        self.show_week()

    def action_export(self) -> None:
        from collabtui.services import exports

        self.collab.write_export(
            lambda store, lang, clock: exports.progress(
                store, self.project_id, "md", lang, clock, week=self.week
            )
        )

    def document_text(self) -> str | None:
        """``y`` copies the week's progress list (《进度跟踪清单》) as Markdown."""
        from collabtui.services import exports

        c = self.collab
        return exports.progress(
            c.store, self.project_id, "md", c.lang, c.clock, week=self.week
        ).text

    def action_back(self) -> None:
        self.dismiss(None)
