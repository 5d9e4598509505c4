"""One project: its request form, departments, goals, milestones, meetings, tasks, risks.

Later phases fill more sections; each section is a tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static, TabbedContent, TabPane

from collabtui.domain.errors import StoreError
from collabtui.domain.lifecycle import meeting_state
from collabtui.domain.playbook import Problem, problems_of_meeting
from collabtui.i18n import formats, label, label_value, t
from collabtui.screens import router
from collabtui.screens.base import CollabScreen
from collabtui.screens.project_keys import MeetingKeys
from collabtui.text import safe
from collabtui.widgets.field_list import FieldList
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from collabtui.store.models import Project
    from collabtui.store.projects import ProjectOverview

TABS = ("overview", "meetings", "tasks", "risks")


class ProjectTabs(TabbedContent):
    """The project's sections: only a tab key, a click or the code bring one forward.

    Textual also brings forward the pane of a widget that takes the focus, by a
    message that arrives later. The screen focuses the list of the tab in front after
    a refresh, so a tab key pressed in between (``1`` then ``2`` at typing speed) was
    undone when that focus arrived, and the first tab came back.
    """

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.stop()
        event.prevent_default()  # TabbedContent's own handler would switch the tab


class ProjectScreen(MeetingKeys, CollabScreen):
    """A project's sections, one tab each."""

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("e", "edit_request", "key.edit_request", id="edit-request"),
        Binding("c", "consultations", "key.consultations", id="consultations"),
        Binding("v", "schedule_review", "key.schedule_review", id="schedule-review"),
        Binding("m", "confirmation", "key.confirmation", id="confirmation"),
        Binding("p", "advance_phase", "key.advance_phase", id="advance-phase"),
        Binding("x", "export_request", "key.export", id="export-request"),
        Binding("o", "minutes", "key.minutes", id="minutes"),
        Binding("a", "plan_meeting", "key.plan_meeting", id="plan-meeting"),
        Binding("N", "send_notice", "key.send_notice", show=False, id="send-notice"),
        Binding("k", "decisions", "key.decisions", id="decisions"),
        Binding("b", "board", "key.board", id="board"),
        Binding("R", "resources", "key.resources", id="resources"),
        Binding("A", "acceptance", "key.acceptance", id="acceptance"),
        Binding("S", "standup", "key.standup", id="standup"),
        Binding("L", "progress", "key.progress", id="progress"),
        Binding("w", "risks", "key.risks", id="risks"),
        Binding("T", "retro", "key.retro", id="retro"),
        Binding("1", "tab('overview')", "key.tab_overview", show=False, id="tab-overview"),
        Binding("2", "tab('meetings')", "key.tab_meetings", show=False, id="tab-meetings"),
        Binding("3", "tab('tasks')", "key.tab_tasks", show=False, id="tab-tasks"),
        Binding("4", "tab('risks')", "key.tab_risks", show=False, id="tab-risks"),
        Binding("r", "refresh", "key.refresh", show=False, id="refresh"),
    ]

    def __init__(self, project_id: int, tab: str | None = None):
        super().__init__()
        self.project_id = project_id
        self.initial_tab = tab if tab in TABS else "overview"
        #: The project and what it misses for the next phase, as last read (None: not yet).
        self.project: Project | None = None
        self.gaps: list[Problem] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="heading")
        yield Static(id="gaps")
        with ProjectTabs(initial=self.initial_tab):
            with TabPane(t("tab.overview"), id="overview"):
                yield FieldList(id="form")
                yield RecordTable(id="departments")
                yield RecordTable(id="goals")
                yield RecordTable(id="milestones")
                yield RecordTable(id="deliverable-list")
            with TabPane(t("tab.meetings"), id="meetings"):
                yield RecordTable(id="meeting-list", enter=t("key.run_meeting"))
            with TabPane(t("tab.tasks"), id="tasks"):
                yield RecordTable(id="task-list")
            with TabPane(t("tab.risks"), id="risks"):
                yield RecordTable(id="risk-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("project.title")
        self.refresh_data()
        self.focus_tab()

    def focus_tab(self, tries: int = 10) -> None:
        """Put the focus on the list of the tab in front, so keys act on it.

        A pane that is still being shown cannot take the focus yet, so this tries
        again after the next refreshes until the list has it.
        """
        pane = self.query_one(TabbedContent).active_pane
        if pane is None:
            return
        tables = pane.query(RecordTable)
        if not tables:
            return
        table = tables.first()
        table.focus()
        if tries:
            self.call_after_refresh(
                lambda: self.focused is not table and self.is_current and self.focus_tab(tries - 1)
            )

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.call_after_refresh(self.focus_tab)

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_data()

    def refresh_data(self, *, now: bool = False) -> None:
        """Read the project and fill every section: off the UI thread, or at once after
        a write."""
        (self.read_now if now else self.read_then)(self._read, self._show)

    def _read(self) -> tuple[ProjectOverview, list[Problem], list]:
        store, today = self.collab.store, self.collab.clock.today()
        data = store.project_overview(self.project_id)
        gaps = store.phase_gaps(self.project_id, today)
        return data, gaps, store.project_departments(self.project_id)

    def _show(self, read: tuple[ProjectOverview, list[Problem], list]) -> None:
        data, self.gaps, departments = read
        p = data.project
        self.project = p
        heading = safe(f"{p.code}  {p.topic}", "bold")
        heading.append(f"   {label(p.phase)}", style="italic")
        self.query_one("#heading", Static).update(heading)
        self.query_one("#gaps", Static).update(gaps_text(p.phase.value, self.gaps))
        local = self.collab.clock.local
        self.query_one("#form", FieldList).show(
            [
                (t("field.code"), p.code),
                (t("field.topic"), p.topic),
                (t("field.scenario"), label(p.scenario)),
                (t("field.requesting"), data.requesting.name if data.requesting else ""),
                (t("field.lead"), data.lead.name if data.lead else ""),
                (t("field.phase"), label(p.phase)),
                (t("field.background"), p.background),
                (t("field.business_value"), p.business_value),
                (
                    t("template.confirmation_minutes"),
                    local(p.confirmed_at).strftime("%Y-%m-%d %H:%M") + "  " + p.confirmation_notes
                    if p.confirmed_at
                    else t("confirm.none"),
                ),
                (t("field.start"), p.start_on),
                (t("field.end"), p.end_on),
                (
                    t("field.ended_at"),
                    local(p.ended_at).strftime("%Y-%m-%d %H:%M") if p.ended_at else "",
                ),
            ]
        )
        self.query_one("#departments", RecordTable).show(
            [t("col.department"), t("col.role"), t("col.commitment")],
            [(str(d.id), [d.name, label(link.role), link.commitment]) for link, d in departments],
        )
        self.query_one("#deliverable-list", RecordTable).show(
            [t("field.deliverables"), t("field.quality_standard")],
            [(str(x.id), [x.name, x.quality_standard]) for x in data.deliverables],
        )
        self.query_one("#goals", RecordTable).show(
            [t("col.goal"), t("col.metric"), t("col.target"), t("col.actual")],
            [
                (
                    str(g.id),
                    [
                        g.description,
                        g.metric,
                        _number(g.target, g.unit) or t("hint.not_measurable"),
                        _number(g.actual, g.unit),
                    ],
                )
                for g in data.goals
            ],
        )
        self.query_one("#milestones", RecordTable).show(
            [t("col.milestone"), t("col.due"), t("col.done")],
            [(str(m.id), [m.name, m.due_on, m.done_on or ""]) for m in data.milestones],
        )
        clock = self.collab.clock
        now = clock.now()
        self.query_one("#meeting-list", RecordTable).show(
            [
                t("col.start"),
                t("col.kind"),
                t("col.status"),
                t("col.title"),
                t("col.duration"),
                t("col.rules"),
            ],
            [
                (
                    str(m.id),
                    [
                        local(m.start_at).strftime("%Y-%m-%d %H:%M"),
                        label(m.kind),
                        # planned → notice sent → running → held → minutes distributed
                        label_value("MeetingState", meeting_state(m).value),
                        m.title,
                        t("unit.minutes", n=m.duration_min),
                        Text(
                            " · ".join(p.message(t) for p in problems_of_meeting(m, now, clock.tz)),
                            style="yellow",
                        ),
                    ],
                )
                for m in data.meetings
            ],
        )
        self.remember_meetings(data.meetings)  # N follows the meeting table (issue 16)
        self.query_one("#task-list", RecordTable).show(
            [t("col.code"), t("col.title"), t("col.status"), t("col.due"), t("col.progress")],
            [
                (str(k.id), [k.code, k.title, label(k.status), k.due_on or "", f"{k.progress}%"])
                for k in data.tasks
            ],
        )
        self.query_one("#risk-list", RecordTable).show(
            [t("col.title"), t("col.level"), t("col.status"), t("col.threatened")],
            [
                (str(r.id), [r.title, label(r.level), label(r.status), r.threatened_on or ""])
                for r in data.risks
            ],
        )

    # ------------------------------------------------------------------ phase 1

    def action_edit_request(self) -> None:
        """Edit the request form; the change log keeps what it was."""
        store = self.collab.store
        screen = router.build(
            "request",
            store.request_draft(self.project_id),
            store.departments(include_retired=True),
            store.people(include_retired=True),
        )
        self.app.push_screen(screen, lambda _: self.refresh_data())

    def action_consultations(self) -> None:
        """The one-to-one confirmations with every collaborating department."""
        self.go("consultations", self.project_id, then=lambda _: self.refresh_data())

    def action_schedule_review(self) -> None:
        """Plan the requirement review, prefilled from the request."""
        from datetime import timedelta

        from collabtui.dialogs.forms import WhenForm
        from collabtui.screens.confirmation import review_saver

        clock = self.collab.clock
        start = self._default_start(timedelta(days=3))

        def done(meeting) -> None:
            if meeting is not None:
                self.refresh_data(now=True)
                self.collab.say(t("msg.review_planned", title=meeting.title))

        form = WhenForm(
            t("review.schedule_title"),
            review_saver(self.collab.store, self.project_id, clock),
            f"{start:%Y-%m-%d %H:%M}",
            60,
            place=True,
        )
        self.app.push_screen(form, done)

    def action_confirmation(self) -> None:
        """Record the requirement confirmation minutes."""
        self.go("confirmation", self.project_id, then=lambda _: self.refresh_data())

    def action_advance_phase(self) -> None:
        """Move to the next phase; with something missing, only with a typed reason."""
        from collabtui.dialogs.confirm import ReasonDialog
        from collabtui.domain.playbook import next_phase

        project = self.project
        if project is None:  # not read yet
            return
        target = next_phase(project.phase.value)
        if target is None:
            self.collab.say(t("err.last_phase"), severity="warning")
            return
        store, today = self.collab.store, self.collab.clock.today()

        def move(reason: str | None) -> None:
            if reason is None:
                return
            try:
                store.advance_phase(project.id, project.version, today, reason)
            except StoreError as exc:
                self.collab.say(str(exc), severity="error")
                return
            self.collab.say(t("msg.phase_moved", phase=label_value("Phase", target)))
            self.refresh_data(now=True)

        if not self.gaps:
            move("")
            return
        title = t("phase.override_title", phase=label_value("Phase", target))
        self.app.push_screen(ReasonDialog(title, [g.message(t) for g in self.gaps]), move)

    def action_export_request(self) -> None:
        """Write the request, alignment and confirmation as Markdown; show where."""
        from collabtui.services import exports

        self.collab.write_export(
            lambda store, lang, clock: exports.request(store, self.project_id, "md", lang, clock)
        )

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter on a meeting runs it (or reopens the runner where it was)."""
        if event.data_table.id == "meeting-list":
            event.stop()
            self.go("runner", int(event.row_key.value), then=lambda _: self.refresh_data())
        elif event.data_table.id == "risk-list":
            event.stop()
            self.action_risks()

    def action_minutes(self) -> None:
        """The minutes of the meeting under the cursor in the meetings tab."""
        key = self.query_one("#meeting-list", RecordTable).cursor_key
        if key is None:
            self.collab.say(t("msg.no_meeting"), severity="warning")
            return
        self.action_tab("meetings")
        self.go("minutes", int(key), then=lambda _: self.refresh_data())

    def _default_start(self, ahead):
        """A new meeting's default time: 10:00 on the first working day (the holiday
        calendar of the config) at least ``ahead`` from now, in the user's zone."""
        from collabtui.domain.lifecycle_rules import default_meeting_time
        from collabtui.domain.workdays import work_calendar

        clock = self.collab.clock
        calendar = work_calendar(self.collab.config.holiday_country)
        return default_meeting_time(clock.local(clock.now()) + ahead, calendar.is_workday)

    def action_plan_meeting(self) -> None:
        """Plan a meeting of this project."""
        from datetime import timedelta

        start = self._default_start(timedelta(days=4))
        screen = router.build(
            "planner", self.project_id, self.collab.store.people(), f"{start:%Y-%m-%d %H:%M}"
        )

        def planned(meeting_id: int | None) -> None:
            if meeting_id is not None:
                self.refresh_data(now=True)
                self.action_tab("meetings")

        self.app.push_screen(screen, planned)

    def action_send_notice(self) -> None:
        """Record that the notice of the highlighted meeting went out now."""
        key = self.query_one("#meeting-list", RecordTable).cursor_key
        if key is None:
            self.collab.say(t("msg.no_meeting"), severity="warning")
            return
        from collabtui.screens.outbox import send_meeting

        if send_meeting(self, "notice", int(key), self.refresh_data):
            return  # by mail: the notice time is the server's acceptance
        try:
            self.collab.store.send_notice(int(key), now=self.collab.clock.now())
        except StoreError as exc:  # it started meanwhile (issue 16)
            self.collab.say(str(exc), severity="error")
            self.refresh_data(now=True)
            return
        self.collab.say(t("msg.notice_sent"))
        self.refresh_data(now=True)

    def action_standup(self) -> None:
        """Run this week's standup of the project."""
        self.go("standup", self.project_id, then=lambda _: self.refresh_data())

    def action_progress(self) -> None:
        """Browse the project's weekly progress lists."""
        self.go("progress", self.project_id)

    def action_board(self) -> None:
        """The task board of this project."""
        self.go("board", self.project_id, then=lambda _: self.refresh_data())

    def action_resources(self) -> None:
        """The resource requests (《资源申请表》) of this project."""
        self.go("resources", self.project_id, then=lambda _: self.refresh_data())

    def action_risks(self) -> None:
        """The risk register (《风险预警表》) of this project."""
        self.go("risks", self.project_id, then=lambda _: self.refresh_data())

    def action_acceptance(self) -> None:
        """The joint acceptance (《成果验收报告》) of this project."""
        self.go("acceptance", self.project_id, then=lambda _: self.refresh_data())

    def action_retro(self) -> None:
        """The retrospective (《协作复盘总结表》) of this project."""
        self.go("retro", self.project_id, then=lambda _: self.refresh_data())

    def action_decisions(self) -> None:
        """Every decision of this project's meetings."""
        self.go("decisions", self.project_id)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_back(self) -> None:
        self.dismiss()

    def action_refresh(self) -> None:
        self.refresh_data()


def gaps_text(phase: str, gaps: list[Problem]) -> Text:
    """One line: the next phase and what is missing to get there (or that nothing is)."""
    from collabtui.domain.playbook import next_phase

    target = next_phase(phase)
    if target is None:
        return Text("")
    text = Text(t("phase.next", phase=label_value("Phase", target)) + "  ", style="bold")
    if gaps:
        text.append(" · ".join(g.message(t) for g in gaps), style="yellow")
    else:
        text.append(t("gap.none"), style="green")
    return text


def _number(value: float | None, unit: str) -> str:
    """A target or actual with its unit (``20,000 单``); empty when there is no number."""
    return "" if value is None else formats.amount(value, unit)
