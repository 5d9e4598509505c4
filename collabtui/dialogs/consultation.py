"""The one-to-one confirmation form (一对一沟通确认): one department's answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from collabtui.dialogs.forms import RecordForm
from collabtui.domain.enums import ConsultationStatus
from collabtui.domain.views import ConsultationRow
from collabtui.i18n import label_value, t
from collabtui.text import safe


class ConsultationForm(RecordForm):
    """Record one department's one-to-one confirmation."""

    FIELDS = ("head_id", "held_on", "status", "feasibility", "resource_gaps", "risks", "feedback")

    def __init__(self, save, row: ConsultationRow, people):
        super().__init__(t("consult.form_title", department=row.department), save)
        self.row = row
        self.people = [p for p in people if p.retired_at is None or p.id == row.head_id]

    def compose_fields(self) -> ComposeResult:
        r = self.row
        yield from self.field(
            "head_id",
            t("field.head"),
            Select(
                [(safe(p.name), p.id) for p in self.people],
                value=r.head_id or Select.NULL,
                prompt=t("field.none"),
            ),
        )
        yield from self.field(
            "held_on",
            t("field.held_on"),
            Input(r.held_on.isoformat() if r.held_on else "", placeholder="YYYY-MM-DD"),
        )
        yield from self.field(
            "status",
            t("field.status"),
            Select(
                [(label_value("ConsultationStatus", s.value), s.value) for s in ConsultationStatus],
                value=r.status,
                allow_blank=False,
            ),
        )
        for name in ("feasibility", "resource_gaps", "risks", "feedback"):
            yield from self.field(name, t(f"field.{name}"), Input(getattr(r, name)))
