"""One-to-one confirmations (一对一沟通确认): who agreed, who has concerns, what changed."""

from __future__ import annotations

from collections import Counter
from datetime import date

from rich.text import Text
from textual.binding import Binding

from collabtui.dialogs.consultation import ConsultationForm
from collabtui.domain.enums import ConsultationStatus
from collabtui.domain.errors import ValidationError
from collabtui.domain.views import ConsultationRow
from collabtui.i18n import label_value, t
from collabtui.screens.register import RegisterScreen

STATUS_STYLE = {
    "pending": "yellow",
    "agreed": "green",
    "concerns": "bold yellow",
    "blocked": "bold red",
}


def status_text(status: str) -> Text:
    """A consultation status, coloured so the table reads at a glance."""
    return Text(label_value("ConsultationStatus", status), style=STATUS_STYLE.get(status, ""))


class ConsultationsScreen(RegisterScreen):
    """A row per collaborating department; pending and disagreeing ones stand out."""

    TABLE = "consultations"
    TITLE_KEY = "template.consultation"
    ENTER_KEY = "key.record"

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("e", "edit", "key.record", show=False, id="record-consultation"),
    ]

    rows: list[ConsultationRow]

    def load(self) -> list[ConsultationRow]:
        """The one-to-one confirmations, one per collaborating department."""
        return self.collab.store.consultations(self.project_id)

    def columns(self) -> list[str]:
        return [
            t("col.department"),
            t("col.head"),
            t("col.held_on"),
            t("col.status"),
            t("col.changed_since"),
        ]

    def cells(self, r: ConsultationRow) -> list[object]:
        changed = (
            Text(t("consult.changes", n=len(r.changed_since_agreed)), style="bold yellow")
            if r.changed_since_agreed
            else ""
        )
        external = t("punct.bracketed", text=t("field.external_partner")) if r.external else ""
        return [r.department + external, r.head, r.held_on or "", status_text(r.status), changed]

    def summary(self) -> str:
        by_status = Counter(r.status for r in self.rows)
        counts = {s.value: by_status[s.value] for s in ConsultationStatus}
        return t("consult.summary", total=len(self.rows), **counts)

    def detail(self, row: ConsultationRow) -> list[tuple[str, str]]:
        """The consultation in full, with what changed in the request since it agreed."""
        pairs = [
            (t("field.feasibility"), row.feasibility),
            (t("field.resource_gaps"), row.resource_gaps),
            (t("field.risks"), row.risks),
            (t("field.feedback"), row.feedback),
        ]
        if row.agreed_at:
            when = self.collab.clock.local(row.agreed_at).strftime("%Y-%m-%d %H:%M")
            changed = "\n".join(row.changed_since_agreed) or t("consult.no_changes")
            pairs.append((t("consult.changed_since", when=when), changed))
        return pairs

    def action_edit(self) -> None:
        """Record the one-to-one confirmation under the cursor."""
        row = self.current()
        if row is None:
            return
        store = self.collab.store

        def save(values: dict):
            held = (values.pop("held_on") or "").strip()
            try:
                values["held_on"] = date.fromisoformat(held) if held else None
            except ValueError:
                raise ValidationError(t("rule.bad_date"), "held_on") from None
            return store.record_consultation(row.id, row.version, **values)

        people = store.people(include_retired=True)
        self.app.push_screen(ConsultationForm(save, row, people), self.saved)
