"""The weekly standup, run from the keyboard: department by department, task by task.

A 30-minute clock with a fair slice per department (overtime shown); for each task
last week's completion, this week's answer and the owner's daily notes. Every key
is saved at once (``store.record_progress``), so leaving and coming back resumes
the standup. ``f`` shows the summary and records the week's progress list with its
weekly-progress meeting.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Static

from collabtui.domain.errors import StoreError, ValidationError
from collabtui.domain.progress import (
    ProgressRow,
    StandupSheet,
    clock_text,
    overtime,
    slices,
    summarize,
)
from collabtui.domain.weeks import iso_week
from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.text import clean, truncate
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable


class StandupScreen(CollabScreen):
    """The standup of one project and one ISO week."""

    BINDINGS = [
        Binding("o", "status('on_track')", "key.standup_on_track", id="on-track"),
        Binding("a", "status('at_risk')", "key.standup_at_risk", id="at-risk"),
        Binding("b", "status('blocked')", "key.standup_blocked", id="blocked"),
        Binding("d", "status('done')", "key.standup_done", id="done"),
        *(
            Binding(str(n), f"set_progress({n * 10})", show=False, id=f"progress-{n}")
            for n in range(10)
        ),
        Binding("plus,equals_sign", "nudge(5)", "key.standup_more", show=False, id="more"),
        Binding("minus", "nudge(-5)", "key.standup_less", show=False, id="less"),
        Binding("r", "reason", "key.standup_reason", id="reason"),
        Binding("s", "support", "key.standup_support", id="support"),
        Binding("w", "risk", "key.standup_risk", id="risk"),
        Binding("n", "department(1)", "key.standup_next", id="next-dept"),
        Binding("p", "department(-1)", "key.standup_previous", id="previous-dept"),
        Binding("j", "task(1)", show=False, id="next-task-j"),
        Binding("k", "task(-1)", show=False, id="previous-task-k"),
        Binding("f", "finish", "key.standup_finish", id="finish"),
        Binding("escape", "leave", "key.back", id="leave"),
    ]

    def __init__(self, project_id: int, week: str | None = None):
        super().__init__()
        self.project_id = project_id
        self.week = week
        self.sheet: StandupSheet | None = None
        self.index = 0  # the department whose turn it is
        self.started_at: datetime | None = None
        self.turn_started: dict[int, datetime] = {}
        self.turn_spent: dict[int, float] = {}

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static("", id="standup-clock")
        with Horizontal(id="standup-body"):
            yield Static("", id="standup-departments")
            with Vertical(id="standup-main"):
                yield RecordTable(id="standup-tasks")
                yield Static("", id="standup-detail")
        yield Footer()

    def on_mount(self) -> None:
        clock = self.collab.clock
        self.week = self.week or iso_week(clock.today())
        self.started_at = clock.now()
        self.reload()
        self._begin_turn()
        self.query_one("#standup-tasks", RecordTable).focus()
        self.set_interval(1, self._tick)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#standup-tasks", RecordTable)

    # ------------------------------------------------------------------ data

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.reload()

    def reload(self) -> None:
        """Read the week's sheet again (off the UI thread) and show the current department."""
        self.read_then(self._read_sheet, self._show_sheet)

    def reload_now(self) -> None:
        """Read the sheet at once, after an answer: the next key acts on what was saved."""
        self.read_now(self._read_sheet, self._show_sheet)

    def _read_sheet(self) -> StandupSheet:
        return self.collab.store.standup_sheet(self.project_id, self.week, tz=self.collab.clock.tz)

    def _show_sheet(self, sheet: StandupSheet) -> None:
        self.sheet = sheet
        self.sub_title = t("standup.title", code=self.sheet.project_code, week=self.week)
        self.index = min(self.index, max(0, len(self.sheet.departments) - 1))
        self._show()

    @property
    def rows(self) -> tuple[ProgressRow, ...]:
        """The current department's rows."""
        if not self.sheet or not self.sheet.departments:
            return ()
        return self.sheet.departments[self.index].rows

    @property
    def row(self) -> ProgressRow | None:
        """The task under the cursor."""
        key = self.table.cursor_key
        return next((r for r in self.rows if str(r.task_id) == key), None)

    def _show(self) -> None:
        self._show_departments()
        keep = self.table.cursor_key
        self.table.show(
            [
                t("col.code"),
                t("col.title"),
                t("field.owner"),
                # What o/a/b/d set, and how far: first to stay in a narrow terminal.
                t("col.status"),
                t("standup.col.now"),
                t("standup.col.change"),
                t("standup.col.last_week"),
                t("standup.col.met_plan"),
                t("standup.col.reason"),
                t("standup.col.support"),
            ],
            ((str(r.task_id), self._cells(r)) for r in self.rows),
        )
        if keep is None and self.rows:
            self.table.move_cursor(row=0)
        self._show_detail()
        self._tick()

    def _cells(self, r: ProgressRow) -> list:
        change = "" if r.change is None else f"{r.change:+d}"
        status = Text(label_value("ProgressStatus", r.status))
        if r.status in ("at_risk", "blocked"):
            status.stylize("bold red" if r.status == "blocked" else "yellow")
        elif not r.recorded:
            status.stylize("dim")
        support = r.support_needed
        if support and r.support_from:
            support = f"{support} ← {r.support_from}"
        return [
            r.task_code,
            truncate(clean(r.task_title, single_line=True), 30),
            r.owner,
            status,
            f"{r.completion}%",
            change,
            "" if r.previous is None else f"{r.previous}%",
            "✓" if r.met_plan else "✗",
            truncate(clean(r.miss_reason, single_line=True), 24),
            truncate(clean(support, single_line=True), 24),
        ]

    def _show_departments(self) -> None:
        text = Text()
        for i, dept in enumerate(self.sheet.departments if self.sheet else ()):
            answered = sum(1 for r in dept.rows if r.recorded)
            marker = "▶ " if i == self.index else "  "
            line = Text(marker, style="bold" if i == self.index else "")
            line.append(truncate(clean(dept.name or t("standup.no_department")), 14))
            line.append(f" {answered}/{len(dept.rows)}", style="dim")
            text.append_text(line)
            text.append("\n")
        if not text:
            text = Text(t("standup.empty"))
        self.query_one("#standup-departments", Static).update(text)

    def _show_detail(self) -> None:
        row = self.row
        detail = self.query_one("#standup-detail", Static)
        if row is None:
            detail.update("")
            return
        text = Text()
        text.append(f"{clean(row.task_code, single_line=True)} ", style="bold")
        text.append(clean(row.task_title, single_line=True))
        if row.due_on:
            text.append(f"  · {t('field.task_due')} {row.due_on.isoformat()}", style="dim")
        text.append("\n")
        if row.miss_reason:
            text.append(t("standup.col.reason") + t("punct.colon"), style="bold")
            text.append(clean(row.miss_reason, single_line=True))
            text.append("\n")
        if row.support_needed:
            text.append(t("standup.col.support") + t("punct.colon"), style="bold")
            text.append(clean(row.support_needed, single_line=True))
            if row.support_from:
                text.append(f" ← {clean(row.support_from, single_line=True)}")
            text.append("\n")
        if not row.notes:
            text.append(t("standup.no_notes"), style="dim")
        for note in row.notes:
            text.append(f"{note.on.isoformat()} {note.progress}%  ", style="dim")
            text.append(clean(note.done, single_line=True))
            if note.problems:
                text.append(f"  ⚠ {clean(note.problems, single_line=True)}", style="yellow")
            text.append("\n")
        detail.update(text)

    def on_data_table_row_highlighted(self, _event) -> None:
        self._show_detail()

    # ------------------------------------------------------------------ clock

    def _begin_turn(self) -> None:
        if self.index not in self.turn_started:
            self.turn_started[self.index] = self.collab.clock.now()

    def _tick(self) -> None:
        """Redraw the meeting clock and the current department's slice."""
        if self.sheet is None or self.started_at is None:
            return
        now = self.collab.clock.now()
        share = slices(len(self.sheet.departments))
        line = Text()
        line.append(t("standup.meeting_clock"), style="bold")
        line.append(f" {clock_text(now - self.started_at)} / {clock_text(share.total)}")
        late = overtime(self.started_at, now, share.total)
        if late:
            line.append(f"  +{clock_text(late)}", style="bold red")
        if self.sheet.departments:
            dept = self.sheet.departments[self.index]
            started = self.turn_started.get(self.index)
            spent = now - started if started else timedelta(0)
            line.append("   ·   ")
            line.append(clean(dept.name or t("standup.no_department"), single_line=True), "bold")
            line.append(f" {clock_text(spent)} / {clock_text(share.per_department)}")
            over = overtime(started, now, share.per_department)
            if over:
                line.append(f"  {t('standup.overtime')} +{clock_text(over)}", style="bold red")
        self.query_one("#standup-clock", Static).update(line)

    # ------------------------------------------------------------------ answers

    def _answer(self, **answer) -> None:
        row = self.row
        if row is None:
            return
        try:
            self.collab.store.record_progress(self.project_id, self.week, row.task_id, **answer)
        except (ValidationError, StoreError) as exc:
            self.collab.say(str(exc), severity="error")
            return
        self.reload_now()

    def action_status(self, status: str) -> None:
        self._answer(status=status)

    def action_set_progress(self, value: int) -> None:
        self._answer(completion=value)

    def action_nudge(self, step: int) -> None:
        if self.row is not None:
            self._answer(completion=max(0, min(100, self.row.completion + step)))

    def action_reason(self) -> None:
        row = self.row
        if row is None:
            return
        from collabtui.dialogs.standup import MissForm

        def save(values: dict):
            self.collab.store.record_progress(
                self.project_id, self.week, row.task_id, miss_reason=values["miss_reason"]
            )
            return True

        self.app.push_screen(
            MissForm(save, row.task_code, row.miss_reason), lambda done: done and self.reload_now()
        )

    def action_support(self) -> None:
        row = self.row
        if row is None:
            return
        from collabtui.dialogs.standup import SupportForm

        def save(values: dict):
            self.collab.store.record_progress(
                self.project_id,
                self.week,
                row.task_id,
                support_needed=values["support_needed"] or "",
                support_from_id=values["support_from_id"],
            )
            return True

        # The project's own departments first (issue 18).
        departments: list = self.collab.store.picker_departments(self.project_id)
        if row.support_from_id not in {d.id for d in departments}:  # retired since: kept
            departments += [
                d
                for d in self.collab.store.departments(include_retired=True)
                if d.id == row.support_from_id
            ]
        form = SupportForm(
            save, row.task_code, row.support_needed, row.support_from_id, departments
        )
        self.app.push_screen(form, lambda done: done and self.reload_now())

    def action_risk(self) -> None:
        """A risk warning prefilled from the task (title, due date, owner's department),
        raised in the owner's name as the playbook has it."""
        row = self.row
        if row is None:
            return
        from collabtui.dialogs.risk import RiskForm

        try:
            owner_id = self.collab.store.task_row(row.task_id).owner_id
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        form = RiskForm(self.project_id, task_id=row.task_id, raised_by_id=owner_id)

        def raised(risk) -> None:
            if risk is not None:  # to the project's group chats, when any is configured
                from collabtui.screens.outbox import post_risk

                post_risk(self, risk.id)
            self.reload_now()

        self.app.push_screen(form, raised)

    # ------------------------------------------------------------------ moving

    def action_department(self, step: int) -> None:
        if not self.sheet or not self.sheet.departments:
            return
        self.index = (self.index + step) % len(self.sheet.departments)
        self._begin_turn()
        self.table.move_cursor(row=0)
        self._show()
        self.table.move_cursor(row=0)
        self._show_detail()

    def action_task(self, step: int) -> None:
        if self.rows:
            self.table.move_cursor(row=self.table.cursor_row + step)

    def action_finish(self) -> None:
        """The summary; recording it stores the list and the weekly-progress meeting."""
        if self.sheet is None:
            return
        from collabtui.dialogs.standup import SummaryDialog

        self.app.push_screen(SummaryDialog(self.week, summarize(self.sheet)), self._finished)

    def _finished(self, record: bool | None) -> None:
        if not record:
            return
        try:
            meeting = self.collab.store.finish_standup(
                self.project_id,
                self.week,
                started_at=self.started_at,
                ended_at=self.collab.clock.now(),
                title=t("standup.meeting_title", week=self.week),
                tz=self.collab.clock.tz,
            )
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        self.collab.say(t("standup.recorded", week=self.week, title=meeting.title))
        self.dismiss(meeting.id)

    def action_leave(self) -> None:
        """Leave; every answer is saved already, so the standup can be resumed."""
        self.dismiss(None)
