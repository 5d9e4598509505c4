"""Dialogs of the meeting runner: capture a decision, action item, open item or note; attendance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input, Select, SelectionList
from textual.widgets.selection_list import Selection

from collabtui.dialogs.forms import RecordForm
from collabtui.i18n import label, t
from collabtui.text import safe

if TYPE_CHECKING:
    from collabtui.store.meeting_run import MeetingDetail

CAPTURE_FIELDS = {
    "decision": ("text", "owner_id", "due_on"),
    "action": ("text", "owner_id", "due_on"),
    "open_item": ("text", "owner_id"),
    "note": ("text",),
}


class CaptureForm(RecordForm):
    """Capture one decision, action item, open item or note; Enter saves."""

    ENTER_SAVES = True  # a capture is type-and-enter

    def __init__(self, kind: str, save, people: list[tuple[str, int]], default_owner: int | None):
        super().__init__(t(f"runner.capture_{kind}"), save)
        self.kind = kind
        self.FIELDS = CAPTURE_FIELDS[kind]
        self.people = people
        self.default_owner = default_owner

    def compose_fields(self) -> ComposeResult:
        yield from self.field("text", t("field.text"), Input())
        if "owner_id" in self.FIELDS:
            yield from self.field(
                "owner_id",
                t("field.owner"),
                Select(
                    [(safe(name), pid) for name, pid in self.people],
                    value=self.default_owner if self.default_owner else Select.NULL,
                    prompt=t("field.none"),
                ),
            )
        if "due_on" in self.FIELDS:
            yield from self.field("due_on", t("field.due_on"), Input(placeholder="YYYY-MM-DD"))


class AttendanceForm(RecordForm):
    """Tick who is present."""

    FIELDS = ("present",)

    def __init__(self, save, detail: MeetingDetail):
        super().__init__(t("runner.attendance"), save)
        self.detail = detail

    def compose_fields(self) -> ComposeResult:
        options = [
            Selection(
                safe(f"{person.name}  {t('punct.bracketed', text=label(a.role))}"),
                a.id,
                bool(a.attended),
            )
            for a, person in self.detail.attendees
        ]
        yield from self.field("present", t("field.present"), SelectionList[int](*options))

    def values(self) -> dict:
        return {"present": list(self.query_one("#f-present", SelectionList).selected)}
