"""The meeting runner: the current agenda item, its owner and the clocks, full screen.

Single keys capture a decision, an action item, an open item or a note without
leaving the runner; each is saved at once, so closing the terminal mid-meeting loses
nothing and reopening resumes on the same item. The clock is the app's (injectable).
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.runner import AttendanceForm, CaptureForm
from collabtui.domain.errors import StoreError, ValidationError
from collabtui.domain.lifecycle import MeetingState, meeting_state
from collabtui.domain.pickers import person_label
from collabtui.i18n import label, label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.store.meeting_run import MeetingDetail, MeetingEarly
from collabtui.text import safe
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable


def clock_text(seconds: float, limit_min: int) -> Text:
    """``mm:ss / limit`` with overtime spelled out in red."""
    used = int(max(0, seconds))
    limit = limit_min * 60
    shown = Text(f"{used // 60:02d}:{used % 60:02d} / {limit_min:02d}:00")
    if used > limit:
        over = used - limit
        shown.append(
            f"  {t('runner.overtime', time=f'{over // 60:02d}:{over % 60:02d}')}", "bold red"
        )
    else:
        left = limit - used
        shown.append(f"  {t('runner.left', time=f'{left // 60:02d}:{left % 60:02d}')}", "green")
    return shown


class MeetingRunnerScreen(CollabScreen):
    """Run a meeting live, item by item."""

    BINDINGS = [
        Binding("d", "capture('decision')", "key.decision", id="capture-decision"),
        Binding("a", "capture('action')", "key.action_item", id="capture-action"),
        Binding("o", "capture('open_item')", "key.open_item", id="capture-open-item"),
        Binding("t", "capture('note')", "key.note", id="capture-note"),
        Binding("n,right,right_square_bracket", "step(1)", "key.next_item", id="next-item"),
        Binding("p,left,left_square_bracket", "step(-1)", "key.previous_item", id="previous-item"),
        Binding("m", "attendance", "key.attendance", id="attendance"),
        Binding("f", "finish", "key.finish", id="finish-meeting"),
        Binding("escape", "back", "key.back", id="back"),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self.detail: MeetingDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="runner-title")
        yield Static(id="runner-clock")
        yield Static(id="runner-item")
        yield Static(id="runner-notes")
        yield RecordTable(id="runner-captures")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("runner.title")
        store, now = self.collab.store, self.collab.clock.now()
        detail = store.meeting_detail(self.meeting_id)
        if detail.meeting.ended_at is None:
            try:
                store.start_meeting(self.meeting_id, now=now)
            except MeetingEarly as early:
                self._ask_to_start_early(early)
        self.reload()
        self.set_interval(1, self.tick)

    def _ask_to_start_early(self, early: MeetingEarly) -> None:
        """A meeting opened well before its time: start it only when the user says so,
        else go back without starting it (lifecycle: planned → running)."""
        when = self.collab.clock.local(early.start_at).strftime("%Y-%m-%d %H:%M")
        question = t("lifecycle.meeting.start_early", when=when)

        def answer(yes: bool | None) -> None:
            if yes:
                now = self.collab.clock.now()
                self.collab.store.start_meeting(self.meeting_id, now=now, early=True)
                self.reload()
            else:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmDialog(question, t("runner.start_now"), t("button.cancel")), answer
        )

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again off the UI thread (the cursor stays
        on its record)."""
        store = self.collab.store
        self.read_then(lambda: store.meeting_detail(self.meeting_id), self._show)

    def reload(self) -> None:
        """Read the meeting again at once (after a capture here) and redraw everything."""
        self.read_now(lambda: self.collab.store.meeting_detail(self.meeting_id), self._show)

    def _show(self, detail: MeetingDetail) -> None:
        self.detail = detail
        m, d = self.detail.meeting, self.detail
        title = safe(m.title, "bold")
        title.append(f"   {label(m.kind)}", "italic")
        if m.ended_at is not None:
            title.append(f"   {t('runner.ended')}", "bold yellow")
        # The sub-title names the meeting's state, so after f it no longer says "running".
        state = meeting_state(m)
        self.sub_title = (
            t("runner.title")
            if state is MeetingState.RUNNING
            else label_value("MeetingState", state.value)
        )
        self.query_one("#runner-title", Static).update(title)
        item = d.current
        if item is None:
            self.query_one("#runner-item", Static).update(Text(t("runner.no_agenda")))
            self.query_one("#runner-notes", Static).update("")
        else:
            text = Text(f"{m.current_item + 1}/{len(d.agenda)}  ", "bold")
            text.append_text(safe(item.title, "bold"))
            owner = d.people.get(item.owner_id, "")
            text.append(f"   {t('field.owner')}{t('punct.colon')}")
            text.append_text(safe(owner))
            text.append(f"   {label(item.kind)}", "italic")
            self.query_one("#runner-item", Static).update(text)
            self.query_one("#runner-notes", Static).update(safe(item.notes, single_line=False))
        rows = []
        for decision in d.decisions:
            action = next((a for a in d.actions if a.decision_id == decision.id), None)
            kind = t("runner.kind_action") if action else t("runner.kind_decision")
            rows.append(
                (
                    f"d{decision.id}",
                    [
                        kind,
                        decision.text,
                        d.people.get(decision.owner_id, ""),
                        decision.due_on or "",
                        action.code if action else "",
                    ],
                )
            )
        for item_open in d.open_items:
            rows.append(
                (
                    f"o{item_open.id}",
                    [
                        t("runner.kind_open"),
                        item_open.text,
                        d.people.get(item_open.owner_id, ""),
                        "",
                        "",
                    ],
                )
            )
        self.query_one("#runner-captures", RecordTable).show(
            [t("col.kind"), t("col.text"), t("col.owner"), t("col.due"), t("col.task")], rows
        )
        self.tick()

    def tick(self) -> None:
        """Redraw the clocks from the app's clock."""
        if self.detail is None:
            return
        m, item = self.detail.meeting, self.detail.current
        now = self.collab.clock.now()
        end = m.ended_at or now
        text = Text(f"{t('runner.meeting_clock')}  ")
        text.append_text(
            clock_text((end - m.started_at).total_seconds() if m.started_at else 0, m.duration_min)
        )
        if item is not None:
            item_end = item.ended_at or (m.ended_at or now)
            elapsed = (item_end - item.started_at).total_seconds() if item.started_at else 0
            text.append(f"\n{t('runner.item_clock')}  ")
            text.append_text(clock_text(elapsed, item.timebox_min))
        self.query_one("#runner-clock", Static).update(text)

    # ------------------------------------------------------------------ actions

    def _people(self) -> list[tuple[str, int]]:
        """Attendees first (the usual owners), then everyone else in the directory."""
        assert self.detail is not None
        ids = {p.id for _, p in self.detail.attendees}
        choices = self.collab.store.picker_people(self.detail.meeting.project_id)
        present = [(person_label(c), c.id) for c in choices if c.id in ids]
        others = [(person_label(c), c.id) for c in choices if c.id not in ids]
        return present + others

    def action_capture(self, kind: str) -> None:
        """Capture without leaving the runner; saved at once."""
        if self.detail is None:
            return
        store, item = self.collab.store, self.detail.current
        item_id = item.id if item is not None else None

        def save(values: dict):
            due = (values.get("due_on") or "").strip()
            try:
                due_on = date.fromisoformat(due) if due else None
            except ValueError:
                raise ValidationError(t("rule.bad_date"), "due_on") from None
            owner = values.get("owner_id")
            text = values["text"]
            if kind == "decision":
                return store.add_decision(
                    self.meeting_id, text, owner_id=owner, due_on=due_on, agenda_item_id=item_id
                )
            if kind == "action":
                if owner is None:
                    raise ValidationError(t("err.required"), "owner_id")
                return store.add_action_item(
                    self.meeting_id, text, owner_id=owner, due_on=due_on, agenda_item_id=item_id
                )
            if kind == "open_item":
                return store.add_open_item(
                    self.meeting_id, text, owner_id=owner, agenda_item_id=item_id
                )
            if item_id is None:
                raise ValidationError(t("runner.no_agenda"))
            return store.add_note(item_id, text)

        owner = item.owner_id if item is not None else None

        def done(result) -> None:
            if result is not None:
                self.reload()
                self.collab.say(t("msg.saved"), timeout=1.5)

        self.app.push_screen(CaptureForm(kind, save, self._people(), owner), done)

    def action_step(self, delta: int) -> None:
        """Move to the next or previous agenda item."""
        if self.detail is None or not self.detail.agenda:
            return
        target = self.detail.meeting.current_item + delta
        try:
            self.collab.store.goto_item(self.meeting_id, target, now=self.collab.clock.now())
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        self.reload()

    def action_attendance(self) -> None:
        """Tick who is present; the rest are recorded absent."""
        if self.detail is None:
            return
        store, detail = self.collab.store, self.detail

        def save(values: dict):
            present = set(values["present"])
            for attendee, _ in detail.attendees:
                store.set_attendance(attendee.id, attendee.id in present)
            return True

        self.app.push_screen(AttendanceForm(save, detail), lambda r: r and self.reload())

    def action_finish(self) -> None:
        """End the meeting (the clock stops; the minutes can go out)."""
        self.collab.store.finish_meeting(self.meeting_id, now=self.collab.clock.now())
        self.reload()
        self.collab.say(t("runner.finished"))

    def action_back(self) -> None:
        """Leave; everything is saved already and the runner resumes here."""
        self.dismiss(None)


__all__ = ["CaptureForm", "MeetingRunnerScreen", "clock_text"]
