"""After the meeting: the minutes (表2), the rules they break, distribution, follow-up;
and the decisions of all meetings in one list."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from collabtui.dialogs.forms import WhenForm, read_when
from collabtui.dialogs.minutes import DecisionForm, NotesForm
from collabtui.domain.enums import DecisionStatus
from collabtui.domain.errors import StoreError, ValidationError
from collabtui.domain.lifecycle import MEETING, MeetingState, meeting_state
from collabtui.domain.lifecycle_rules import next_decision_status
from collabtui.domain.pickers import person_label
from collabtui.domain.playbook import decision_problems, open_item_problems, problems_of_meeting
from collabtui.i18n import join_list, label_value, split_list, t
from collabtui.screens.base import CollabScreen
from collabtui.text import clean, truncate
from collabtui.widgets.footer import Footer
from collabtui.widgets.markdown import FoldingMarkdown
from collabtui.widgets.record_table import RecordTable


class MinutesScreen(CollabScreen):
    """The minutes as others will read them, with what the playbook says is missing."""

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("s", "distribute", "key.distribute", id="distribute"),
        Binding("u", "follow_up", "key.follow_up", id="follow-up"),
        Binding("x", "export", "key.export", id="export-minutes"),
        Binding("e", "edit_notes", "key.edit_notes", id="edit-notes"),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        #: The minutes as exported, as last read (empty until the first read arrives).
        self.markdown = ""
        #: The meeting's state as last read (``None`` until the first read arrives).
        self.state: MeetingState | None = None

    def distribute_refused(self) -> str | None:
        """Why ``s`` is refused (issue 16): the meeting table lets only an ended meeting
        have its minutes distributed (sent again once they were); ``None`` when allowed
        (or not known yet)."""
        if self.state in (None, MeetingState.MINUTES_DISTRIBUTED) or MEETING.allows(
            self.state, MeetingState.MINUTES_DISTRIBUTED
        ):
            return None
        return t("lifecycle.meeting.minutes_before_end")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``s`` is shown disabled until the meeting has ended (the meeting's table)."""
        if action == "distribute" and self.distribute_refused() is not None:
            return None
        return True

    def on_key(self, event: events.Key) -> None:
        """A disabled ``s`` says why instead of doing nothing."""
        if event.key == "s" and (reason := self.distribute_refused()) is not None:
            event.stop()
            self.collab.say(reason, severity="error")

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="minutes-problems")
        with VerticalScroll(id="minutes-view"):
            yield Static(id="minutes")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("template.minutes")
        self.refresh_data()

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_data()

    def refresh_data(self, *, now: bool = False) -> None:
        """Render the minutes and list the rules they break: read off the UI thread, or
        at once after a write."""
        (self.read_now if now else self.read_then)(self._read, self._show)

    def _read(self):
        from collabtui.export.minutes import render_minutes_md

        store, lang, tz = self.collab.store, self.collab.lang, self.collab.clock.tz
        markdown = render_minutes_md(store.minutes_document(self.meeting_id), lang, tz=tz)
        return markdown, store.meeting_detail(self.meeting_id)

    def _show(self, read) -> None:
        self.markdown, detail = read
        self.state = meeting_state(detail.meeting)
        self.refresh_bindings()
        # Rich renders the exported Markdown itself (user text in it is escaped; its
        # control characters are cleaned here, as everywhere on screen).
        self.query_one("#minutes", Static).update(FoldingMarkdown(clean(self.markdown)))
        m, now, today = detail.meeting, self.collab.clock.now(), self.collab.clock.today()
        problems = [p.message(t) for p in problems_of_meeting(m, now, self.collab.clock.tz)]
        for d in detail.decisions:
            for p in decision_problems(d.owner_id, d.due_on, d.status.value, today):
                problems.append(t("punct.labelled", label=d.text, value=p.message(t)))
        for o in detail.open_items:
            for p in open_item_problems(o.follow_up_meeting_id, o.resolved_at is not None):
                problems.append(t("punct.labelled", label=o.text, value=p.message(t)))
        text = Text()
        for line in problems:
            text.append(f"⚠ {clean(line, single_line=True)}\n", "yellow")
        if m.minutes_distributed_at:
            when = self.collab.clock.local(m.minutes_distributed_at)
            to = join_list(split_list(clean(m.distributed_to, single_line=True)))
            text.append(t("minutes.distributed", when=f"{when:%Y-%m-%d %H:%M}", to=to), "green")
        self.query_one("#minutes-problems", Static).update(text)

    def action_edit_notes(self) -> None:
        """Edit the minutes' notes (decisions are corrected in the decision list)."""
        store = self.collab.store
        meeting = store.meeting_detail(self.meeting_id).meeting

        def save(values: dict):
            return store.edit_meeting_notes(self.meeting_id, meeting.version, values["notes"])

        self.app.push_screen(
            NotesForm(save, meeting.notes), lambda r: r is not None and self.refresh_data(now=True)
        )

    def action_distribute(self) -> None:
        """Send the minutes by mail (when a mail channel is configured; the time is the
        server's acceptance), else record that they went to every attendee now."""
        from collabtui.screens.outbox import send_meeting

        if send_meeting(self, "minutes", self.meeting_id, self.refresh_data):
            return
        self.collab.store.distribute_minutes(self.meeting_id, now=self.collab.clock.now())
        self.refresh_data(now=True)
        self.collab.say(t("msg.distributed"))

    def action_follow_up(self) -> None:
        """Plan the follow-up meeting from the open items."""
        from collabtui.domain.lifecycle_rules import default_meeting_time
        from collabtui.domain.workdays import work_calendar

        clock, store = self.collab.clock, self.collab.store
        # Three days' notice from now, after the original meeting, on a working day.
        original = clock.local(store.meeting_detail(self.meeting_id).meeting.start_at)
        earliest = max(clock.local(clock.now()) + timedelta(days=3), original + timedelta(days=1))
        calendar = work_calendar(self.collab.config.holiday_country)
        start = default_meeting_time(earliest, calendar.is_workday)

        def save(values: dict):
            when, minutes = read_when(values, clock)
            return store.create_follow_up(self.meeting_id, when, duration_min=minutes)

        def done(meeting) -> None:
            if meeting is not None:
                self.refresh_data(now=True)
                self.collab.say(t("msg.review_planned", title=meeting.title))

        title = t("minutes.follow_up_title")
        self.app.push_screen(
            WhenForm(title, save, f"{start:%Y-%m-%d %H:%M}", 30, place=False), done
        )

    def action_export(self) -> None:
        """Write the minutes as Markdown into the exports folder; show where."""
        from collabtui.services import exports

        self.collab.write_export(
            lambda store, lang, clock: exports.minutes(store, self.meeting_id, "md", lang, clock)
        )

    def document_text(self) -> str | None:
        """``y`` copies the minutes as shown (Markdown)."""
        return getattr(self, "markdown", None)

    def action_back(self) -> None:
        self.dismiss(None)


STATUS_CYCLE = [s.value for s in DecisionStatus]


class DecisionsScreen(CollabScreen):
    """Every decision across meetings: owner, due date, status and the task it became."""

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("space", "cycle_status", "key.cycle_status", id="cycle-status"),
        Binding("e", "edit", "key.edit", id="edit-decision"),
    ]

    def __init__(self, project_id: int | None = None):
        super().__init__()
        self.project_id = project_id
        self.rows = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield RecordTable(id="decisions")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("decisions.title")
        self.refresh_data()

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_data()

    def refresh_data(self, *, now: bool = False) -> None:
        """Read the decisions and show them: off the UI thread, or at once after a write."""
        store = self.collab.store
        read = self.read_now if now else self.read_then
        read(lambda: store.decision_rows(self.project_id), self._show)

    def _show(self, rows) -> None:
        """Show the decisions; overdue open ones stand out."""
        self.rows = rows
        today = self.collab.clock.today()
        text_width = max(20, (self.size.width or 120) - 80)
        table_rows = []
        for r in self.rows:
            overdue = r.status == "open" and r.due_on is not None and r.due_on < today
            missing = r.owner_id is None or r.due_on is None
            due = Text(str(r.due_on or "—"), style="bold red" if overdue else "")
            status = Text(
                label_value("DecisionStatus", r.status), style="yellow" if missing else ""
            )
            table_rows.append(
                (
                    str(r.id),
                    [
                        f"{self.collab.clock.local(r.made_at or r.meeting_start):%m-%d}",
                        truncate(r.meeting, 24),
                        truncate(r.text, text_width),
                        r.owner or "—",
                        due,
                        status,
                        r.task_code,
                    ],
                )
            )
        self.query_one("#decisions", RecordTable).show(
            [
                t("col.date"),
                t("col.meeting"),
                t("col.decision"),
                t("col.owner"),
                t("col.due"),
                t("col.status"),
                t("col.task"),
            ],
            table_rows,
        )

    def _current(self):
        key = self.query_one("#decisions", RecordTable).cursor_key
        return next((r for r in self.rows if str(r.id) == key), None)

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        """Correct the decision under the cursor: wording, owner, due date."""
        row = self._current()
        if row is None:
            return
        store = self.collab.store

        def save(values: dict):
            due = (values.get("due_on") or "").strip()
            try:
                due_on = date.fromisoformat(due) if due else None
            except ValueError:
                raise ValidationError(t("rule.bad_date"), "due_on") from None
            return store.edit_decision(
                row.id, row.version, text=values["text"], owner_id=values["owner_id"], due_on=due_on
            )

        people = [(person_label(c), c.id) for c in store.picker_people(self.project_id)]
        form = DecisionForm(save, people, row)
        self.app.push_screen(
            form, lambda result: result is not None and self.refresh_data(now=True)
        )

    def _next_status(self, row) -> str | None:
        """Where ``space`` moves ``row``: the next status of the cycle the decision's
        lifecycle allows (a decision whose task is not done skips "done", issue 16)."""
        return next_decision_status(STATUS_CYCLE, row.status, row.task_status or None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``space`` is disabled on a decision the lifecycle lets move nowhere."""
        if action == "cycle_status":
            row = self._current()
            return row is None or self._next_status(row) is not None or None
        return True

    def on_data_table_row_highlighted(self, event: RecordTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def action_cycle_status(self) -> None:
        """Open → done → dropped → open, saved at once, skipping a status the
        lifecycle refuses (done while the decision's task is open)."""
        row = self._current()
        if row is None:
            return
        target = self._next_status(row)
        if target is None:
            return
        try:
            self.collab.store.set_decision_status(row.id, row.version, target)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
        self.refresh_data(now=True)

    def action_back(self) -> None:
        self.dismiss(None)
