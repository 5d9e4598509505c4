"""One-to-one confirmations (一对一沟通确认): who agreed, who has concerns, what changed."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from collabtui.dialogs.consultation import ConsultationForm
from collabtui.domain.enums import ConsultationStatus
from collabtui.domain.errors import ValidationError
from collabtui.domain.views import ConsultationRow
from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.widgets.field_list import FieldList
from collabtui.widgets.record_table import RecordTable

STATUS_STYLE = {
    "pending": "yellow",
    "agreed": "green",
    "concerns": "bold yellow",
    "blocked": "bold red",
}


def status_text(status: str) -> Text:
    """A consultation status, coloured so the table reads at a glance."""
    return Text(label_value("ConsultationStatus", status), style=STATUS_STYLE.get(status, ""))


class ConsultationsScreen(CollabScreen):
    """A row per collaborating department; pending and disagreeing ones stand out."""

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("e", "edit", "key.record", show=False, id="record-consultation"),
    ]

    def __init__(self, project_id: int):
        super().__init__()
        self.project_id = project_id
        self.rows: list[ConsultationRow] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="summary")
        yield RecordTable(id="consultations", enter=t("key.record"))
        yield FieldList(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("template.consultation")
        self.refresh_data()

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read the consultations and show them."""
        self.rows = self.collab.store.consultations(self.project_id)
        table = self.query_one("#consultations", RecordTable)
        table.show(
            [
                t("col.department"),
                t("col.head"),
                t("col.held_on"),
                t("col.status"),
                t("col.changed_since"),
            ],
            [
                (
                    str(r.id),
                    [
                        r.department + (f" ({t('field.external_partner')})" if r.external else ""),
                        r.head,
                        r.held_on or "",
                        status_text(r.status),
                        Text(
                            t("consult.changes", n=len(r.changed_since_agreed)), style="bold yellow"
                        )
                        if r.changed_since_agreed
                        else "",
                    ],
                )
                for r in self.rows
            ],
        )
        counts = {
            s.value: sum(1 for r in self.rows if r.status == s.value) for s in ConsultationStatus
        }
        self.query_one("#summary", Static).update(
            Text(t("consult.summary", total=len(self.rows), **counts))
        )
        self.show_detail()

    def current(self) -> ConsultationRow | None:
        """The consultation under the cursor."""
        key = self.query_one("#consultations", RecordTable).cursor_key
        return next((r for r in self.rows if str(r.id) == key), None)

    def show_detail(self) -> None:
        """Details of the consultation under the cursor, with what changed since."""
        row = self.current()
        detail = self.query_one("#detail", FieldList)
        if row is None:
            detail.show([])
            return
        pairs = [
            (t("field.feasibility"), row.feasibility),
            (t("field.resource_gaps"), row.resource_gaps),
            (t("field.risks"), row.risks),
            (t("field.feedback"), row.feedback),
        ]
        if row.agreed_at:
            pairs.append(
                (
                    t(
                        "consult.changed_since",
                        when=self.collab.clock.local(row.agreed_at).strftime("%Y-%m-%d %H:%M"),
                    ),
                    "\n".join(row.changed_since_agreed) or t("consult.no_changes"),
                )
            )
        detail.show(pairs)

    def on_data_table_row_highlighted(self, event: RecordTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

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

        def done(result) -> None:
            if result is not None:
                self.refresh_data()
                self.collab.say(t("msg.saved"))

        self.app.push_screen(ConsultationForm(save, row, store.people(include_retired=True)), done)

    def action_back(self) -> None:
        self.dismiss()
