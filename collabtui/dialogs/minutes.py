"""Dialogs of the minutes and the decision list: the free notes, a decision's owner and date."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from collabtui.dialogs.forms import RecordForm
from collabtui.i18n import t
from collabtui.text import safe


class NotesForm(RecordForm):
    """The minutes' free notes."""

    FIELDS = ("notes",)

    def __init__(self, save, notes: str):
        super().__init__(t("minutes.notes_title"), save)
        self.notes = notes

    def compose_fields(self) -> ComposeResult:
        yield from self.field("notes", t("field.notes"), TextArea(self.notes, soft_wrap=True))

    def values(self) -> dict:
        return {"notes": self.query_one("#f-notes", TextArea).text}


class DecisionForm(RecordForm):
    """Correct a decision: wording, owner, due date."""

    FIELDS = ("text", "owner_id", "due_on")

    def __init__(self, save, people: list[tuple[str, int]], row):
        super().__init__(t("decisions.edit_title"), save)
        self.people, self.row = people, row

    def compose_fields(self) -> ComposeResult:
        r = self.row
        yield from self.field("text", t("field.text"), Input(r.text))
        yield from self.field(
            "owner_id",
            t("field.owner"),
            Select(
                [(safe(name), pid) for name, pid in self.people],
                value=r.owner_id if r.owner_id else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        yield from self.field(
            "due_on",
            t("field.due_on"),
            Input(r.due_on.isoformat() if r.due_on else "", placeholder="YYYY-MM-DD"),
        )
