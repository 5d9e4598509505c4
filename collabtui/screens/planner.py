"""Plan a meeting: kind, when, where, who in which role, and the agenda."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from collabtui.dialogs.discipline import ADD_CHOICE, FormDiscipline
from collabtui.domain.enums import AgendaKind, MeetingKind
from collabtui.domain.errors import StoreError, ValidationError
from collabtui.domain.inputs import parse_local
from collabtui.domain.lifecycle_rules import meeting_missing
from collabtui.domain.playbook import DURATION_NORMS
from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.store.meeting_run import AgendaDraft, MeetingDraft
from collabtui.text import safe
from collabtui.widgets.footer import Footer
from collabtui.widgets.row_list import Column, RowList
from collabtui.widgets.text_input import whole_cells

ROLES = ("decision_maker", "executor", "cc")


class MeetingPlanScreen(FormDiscipline, CollabScreen):
    """A keyboard form for a new meeting; dismisses with the meeting's id."""

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="save", priority=True),
        Binding("ctrl+n", "add_row", "key.add_row", id="add-row", priority=True),
        Binding("ctrl+r", "remove_row", "key.remove_row", id="remove-row", priority=True),
        Binding("escape", "leave", "key.back", id="leave"),
        ADD_CHOICE,
    ]

    #: The first text field gets the focus (FormDiscipline), after any draft is back.
    AUTO_FOCUS = ""

    def __init__(self, project_id: int | None, people, default_start: str):
        super().__init__()
        self.project_id = project_id
        self.people = [p for p in people if p.retired_at is None]
        self.default_start = default_start

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with VerticalScroll(id="request-form", can_focus=False):
            yield Static(safe(t("planner.title"), "bold"), id="form-title")
            yield Static("", id="form-error", classes="error")
            yield from self._row(
                "kind",
                Select(
                    [(label_value("MeetingKind", k.value), k.value) for k in MeetingKind],
                    value="coordination",
                    allow_blank=False,
                ),
                t("col.kind"),
            )
            yield from self._row("title", Input(), t("col.title"))
            yield from self._row("goal", Input(), t("field.goal"))
            yield from self._row(
                "start_at",
                Input(self.default_start, placeholder="YYYY-MM-DD HH:MM"),
                t("field.start_at"),
            )
            yield from self._row("duration_min", Input("60"), t("field.duration_min"))
            yield from self._row("place", Input(), t("field.place"))
            options = [(safe(p.name), p.id) for p in self.people]
            yield from self._row(
                "host_id", Select(options, prompt=t("field.none")), t("field.host")
            )
            yield from self._row(
                "recorder_id", Select(options, prompt=t("field.none")), t("field.recorder")
            )
            for role in ROLES:
                yield from self._row(
                    f"role-{role}",
                    SelectionList[int](*[Selection(safe(p.name), p.id) for p in self.people]),
                    label_value("AttendeeRole", role),
                )
            yield from self._row("materials", TextArea(soft_wrap=True), t("field.materials"))
            yield Static(t("planner.agenda"), classes="section")
            yield RowList(
                [
                    Column("title", t("col.title"), width="3fr"),
                    Column("owner", t("field.owner"), width="2fr"),
                    Column("timebox", t("field.timebox"), "10", width="10"),
                    Column("kind", t("field.agenda_kind"), t("planner.kind_hint"), width="18"),
                ],
                [(None, ["", "", "", ""])],
                add_label=t("button.add_item"),
                id="agenda",
            )
            yield Static("", id="e-agenda", classes="error field-error")
        yield Footer()

    def _row(self, name: str, widget, caption: str) -> ComposeResult:
        widget.id = f"f-{name}"
        with Horizontal(classes="form-row"):
            yield Label(caption, classes="caption")
            with Vertical(classes="form-input"):
                yield whole_cells(widget)
                yield Static("", id=f"e-{name}", classes="error field-error")

    def on_mount(self) -> None:
        self.sub_title = t("planner.title")

    # ------------------------------------------------------------------ reading

    def collect(self) -> MeetingDraft:
        """The meeting as typed; a :class:`ValidationError` names a field it cannot read."""
        q = self.query_one
        try:
            start = parse_local(q("#f-start_at", Input).value, self.collab.clock)
        except ValueError:
            raise ValidationError(t("rule.bad_datetime"), "start_at") from None
        try:
            duration = int(q("#f-duration_min", Input).value)
        except ValueError:
            raise ValidationError(t("rule.bad_number"), "duration_min") from None
        attendees = []
        for role in ROLES:
            attendees += [(pid, role) for pid in q(f"#f-role-{role}", SelectionList).selected]
        by_name = {p.name.strip().casefold(): p.id for p in self.people}
        agenda = []
        for _, (title, owner, minutes, kind) in q("#agenda", RowList).values():
            if not title.strip():
                continue
            owner_id = None
            if owner.strip():
                owner_id = by_name.get(owner.strip().casefold())
                if owner_id is None:
                    raise ValidationError(t("planner.unknown_person", name=owner.strip()), "agenda")
            try:
                box = int(minutes) if minutes.strip() else 10
            except ValueError:
                raise ValidationError(t("rule.bad_number"), "agenda") from None
            agenda.append(AgendaDraft(title, owner_id, box, agenda_kind(kind)))
        return MeetingDraft(
            project_id=self.project_id,
            title=q("#f-title", Input).value,
            start_at=start,
            kind=q("#f-kind", Select).value,
            goal=q("#f-goal", Input).value,
            duration_min=duration,
            place=q("#f-place", Input).value,
            host_id=_value(q("#f-host_id", Select)),
            recorder_id=_value(q("#f-recorder_id", Select)),
            materials=q("#f-materials", TextArea).text,
            attendees=attendees,
            agenda=agenda,
        )

    # ------------------------------------------------------------------ actions

    def action_save(self) -> None:
        """Plan the meeting; problems show next to their field."""
        for widget in self.query(".field-error"):
            widget.update("")
        self.query_one("#form-error", Static).update("")
        self.errors_shown()
        try:
            draft = self.collect()
            meeting = self.collab.store.plan_meeting(draft)
        except ValidationError as exc:
            if not self.show_field_error(exc.field or "", str(exc)):
                self.query_one("#form-error", Static).update(safe(str(exc)))
            return
        except StoreError as exc:
            self.query_one("#form-error", Static).update(safe(str(exc)))
            return
        norm = DURATION_NORMS.get(draft.kind)
        if norm and not norm[0] <= draft.duration_min <= norm[1]:
            self.collab.say(
                t(
                    "meeting.too_long" if draft.duration_min > norm[1] else "meeting.too_short",
                    low=norm[0],
                    high=norm[1],
                ),
                severity="warning",
            )
        missing = meeting_missing(
            len(draft.agenda), draft.host_id, draft.recorder_id, len(draft.attendees)
        )
        if missing:  # saved as a plan; held like this it raises an alert (issue 16)
            parts = t("export.list_sep").join(t(f"meeting.part.{p}") for p in missing)
            self.collab.say(t("planner.missing", parts=parts), severity="warning", timeout=8)
        self.collab.say(t("msg.review_planned", title=meeting.title))
        self.dismiss(meeting.id)

    def action_add_row(self) -> None:
        row_list = self.query_one("#agenda", RowList)
        row_list.add_row(after=row_list.row_of(self.focused))

    def action_remove_row(self) -> None:
        row_list = self.query_one("#agenda", RowList)
        row = row_list.row_of(self.focused)
        if row is not None:
            row_list.remove_row(row)

    def action_leave(self) -> None:
        """Leave, asking first when something was typed."""
        self.leave_form()


def agenda_kind(text: str) -> str:
    """An agenda kind typed as its value, its label in either language, or an initial."""
    typed = text.strip().casefold()
    if not typed:
        return AgendaKind.DISCUSSION.value
    for kind in AgendaKind:
        names = {kind.value, label_value("AgendaKind", kind.value, "en").casefold()}
        names.add(label_value("AgendaKind", kind.value, "zh-CN"))
        if typed in names or kind.value.startswith(typed):
            return kind.value
    raise ValidationError(t("planner.unknown_kind", text=text.strip()), "agenda")


def _value(select: Select) -> int | None:
    return None if select.value is Select.NULL else select.value
