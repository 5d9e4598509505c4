"""The requirement review (需求评审会) and its confirmation minutes (《需求确认纪要》)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, Label, Select, Static, TextArea

from collabtui.dialogs.conflict import ResolvesConflicts
from collabtui.dialogs.discipline import FormDiscipline
from collabtui.dialogs.forms import read_when
from collabtui.domain.enums import MeetingKind, Priority
from collabtui.domain.errors import ConflictError, StoreError
from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.text import safe
from collabtui.widgets.footer import Footer
from collabtui.widgets.text_input import WholeCellInput


def review_saver(store, project_id: int, clock):
    """The save function of the review's :class:`~collabtui.dialogs.forms.WhenForm`."""

    def save(values: dict):
        start, minutes = read_when(values, clock)
        return store.schedule_requirement_review(
            project_id, start, duration_min=minutes, place=values["place"].strip()
        )

    return save


class ConfirmationScreen(ResolvesConflicts, FormDiscipline, CollabScreen):
    """Record the confirmed goals' priorities, each department's resource commitment and
    each deliverable's quality standard (acceptance checks them later)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="save", priority=True),
        Binding("escape", "back", "key.back", id="back"),
    ]

    FIELD_IDS = {"confirmation_meeting_id": "meeting", "confirmation_notes": "notes"}

    def __init__(self, project_id: int):
        super().__init__()
        self.project_id = project_id

    def compose(self) -> ComposeResult:
        store = self.collab.store
        data = store.project_overview(self.project_id)
        self.project = data.project
        self.goals = data.goals
        self.links = store.project_departments(self.project_id)
        self.deliverables = store.deliverables(self.project_id)
        reviews = [m for m in data.meetings if m.kind == MeetingKind.REQUIREMENT_REVIEW]
        p = self.project
        yield Header(show_clock=False, icon="◆")
        with VerticalScroll(id="confirmation", can_focus=False):
            yield Static(safe(f"{t('template.confirmation_minutes')} · {p.code} {p.topic}", "bold"))
            yield Static("", id="form-error", classes="error")
            with Horizontal(classes="form-row"):
                yield Label(t("field.review_meeting"), classes="caption")
                yield Select(
                    [
                        (
                            safe(f"{self.collab.clock.local(m.start_at):%Y-%m-%d %H:%M} {m.title}"),
                            m.id,
                        )
                        for m in reviews
                    ],
                    value=p.confirmation_meeting_id
                    if p.confirmation_meeting_id in {m.id for m in reviews}
                    else (reviews[-1].id if reviews else Select.NULL),
                    prompt=t("field.none"),
                    id="meeting",
                )
            with Horizontal(classes="form-row"):
                yield Label(t("field.notes"), classes="caption")
                yield TextArea(p.confirmation_notes, soft_wrap=True, id="notes")
            yield Static(t("confirm.priorities"), classes="section")
            for goal in self.goals:
                with Horizontal(classes="form-row"):
                    yield Label(safe(goal.description), classes="caption wide")
                    yield Select(
                        [(label_value("Priority", x.value), x.value) for x in Priority],
                        value=goal.priority.value,
                        allow_blank=False,
                        id=f"priority-{goal.id}",
                    )
            yield Static(t("confirm.commitments"), classes="section")
            for link, dept in self.links:
                with Horizontal(classes="form-row"):
                    yield Label(safe(dept.name), classes="caption wide")
                    yield WholeCellInput(link.commitment, id=f"commitment-{dept.id}")
            yield Static(t("confirm.standards"), classes="section")
            for item in self.deliverables:
                with Horizontal(classes="form-row"):
                    yield Label(safe(item.name), classes="caption wide")
                    yield WholeCellInput(item.quality_standard, id=f"standard-{item.id}")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("template.confirmation_minutes")

    def action_save(self) -> None:
        """Store the minutes; the project can then be confirmed."""
        meeting = self.query_one("#meeting", Select).value
        notes = self.query_one("#notes", TextArea).text
        try:
            with self.saving():
                self.record(None if meeting is Select.NULL else meeting, notes)
        except ConflictError as exc:
            chosen = None if meeting is Select.NULL else meeting
            mine = {"confirmation_meeting_id": chosen, "confirmation_notes": notes}
            self.resolve_conflict(exc, mine)
            return
        except StoreError as exc:
            self.query_one("#form-error", Static).update(safe(str(exc)))
            return
        self.collab.say(t("msg.saved"))
        self.dismiss(True)

    def record(self, meeting_id: int | None, notes: str) -> None:
        """Store the minutes with every priority, commitment and standard as typed."""
        self.collab.store.record_confirmation(
            self.project_id,
            self.project.version,
            meeting_id=meeting_id,
            notes=notes,
            priorities={
                g.id: self.query_one(f"#priority-{g.id}", Select).value for g in self.goals
            },
            commitments={
                d.id: self.query_one(f"#commitment-{d.id}", Input).value for _, d in self.links
            },
            standards={
                x.id: self.query_one(f"#standard-{x.id}", Input).value for x in self.deliverables
            },
        )

    def action_back(self) -> None:
        self.leave_form()


__all__ = ["ConfirmationScreen", "review_saver"]
