"""The risk register (《风险预警表》): a project's risk warnings, or every project's.

Each warning shows its lead time (how long before the start of the day it threatens
it was raised) and whether it broke the playbook's rule of at least 24 hours' notice.
Keys move a warning along its lifecycle (see :mod:`collabtui.store.risks`).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.risk import RiskForm, iso
from collabtui.domain.enums import RiskStatus
from collabtui.domain.errors import ConflictError, NotFound, StoreError
from collabtui.domain.views import RiskRow
from collabtui.export.risks import lead_text
from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.text import truncate
from collabtui.widgets.field_list import FieldList
from collabtui.widgets.record_table import RecordTable

LEVEL_STYLE = {"low": "dim", "medium": "yellow", "high": "red", "critical": "bold red"}
STATUS_STYLE = {
    "open": "yellow",
    "assessing": "cyan",
    "mitigating": "blue",
    "closed": "dim",
    "materialized": "bold red",
}
#: Widest a cell of these columns gets (terminal cells); the detail shows all of it.
#: With these, title to type fit 120 columns; tasks, departments and the raiser follow.
WIDTH = {"title": 24, "type": 14, "tasks": 12, "departments": 16, "raised_by": 10}


def late_flag(row: RiskRow) -> Text:
    """``⚠ < 24 h`` for a warning raised late; nothing for one in time."""
    return Text(t("risk.flag.late"), style="bold red") if row.late else Text("")


class RiskRegisterScreen(CollabScreen):
    """The risk warnings of one project (``project_id``) or of all (``None``)."""

    # The table takes what the detail leaves, so a short terminal scrolls the table, not
    # the screen (app.tcss gives the detail its height; this rule outranks its RecordTable).
    CSS = """
    RiskRegisterScreen #risk-register { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("n", "raise_risk", "key.risk_new", id="risk-new"),
        Binding("e", "edit", "key.edit", id="risk-edit"),
        Binding("a", "status('assessing')", "key.risk_assess", id="risk-assess"),
        Binding("m", "status('mitigating')", "key.risk_mitigate", id="risk-mitigate"),
        Binding("c", "status('closed')", "key.risk_close", id="risk-close"),
        Binding(
            "exclamation_mark",
            "status('materialized')",
            "key.risk_materialize",
            id="risk-materialize",
        ),
        Binding("o", "status('open')", "key.risk_reopen", id="risk-reopen"),
        Binding("d", "delete", "key.risk_delete", id="risk-delete"),
        Binding("H", "history", "key.history", id="risk-history"),
    ]

    def __init__(self, project_id: int | None = None):
        super().__init__()
        self.project_id = project_id
        self.rows: list[RiskRow] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="summary")
        yield RecordTable(id="risk-register")
        yield FieldList(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        if self.project_id is None:
            self.sub_title = t("risk.all_title", form=t("template.risk_warning"))
        else:
            self.sub_title = t("template.risk_warning")
        self.refresh_data()
        self.query_one("#risk-register", RecordTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Raising needs a project: not offered in the register of every project."""
        if action == "raise_risk":
            return self.project_id is not None
        return True

    # ------------------------------------------------------------------ showing

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read the warnings and show them, with lead times in the clock's zone."""
        try:
            self.rows = self.collab.store.risk_rows(self.project_id, tz=self.collab.clock.tz)
        except NotFound:
            self.collab.say(t("msg.project_gone"), severity="error")
            self.dismiss()
            return
        every = self.project_id is None
        local = self.collab.clock.local
        sep = t("risk.list_sep")
        columns = [
            t("risk.col.title"),
            t("col.level"),
            t("col.status"),
            t("risk.col.threatened"),
            t("risk.col.lead_time"),
            t("risk.col.late"),
            t("risk.col.type"),
            t("risk.col.tasks"),
            t("risk.col.departments"),
            t("risk.col.raised_by"),
            t("risk.col.raised_at"),
        ]
        self.query_one("#risk-register", RecordTable).show(
            [t("col.project"), *columns] if every else columns,
            [
                (
                    str(r.id),
                    [
                        *([r.project_code] if every else []),
                        truncate(r.title, WIDTH["title"]),
                        Text(label_value("RiskLevel", r.level), style=LEVEL_STYLE.get(r.level, "")),
                        Text(
                            label_value("RiskStatus", r.status),
                            style=STATUS_STYLE.get(r.status, ""),
                        ),
                        iso(r.threatened_on),
                        lead_text(r.lead_time, t),
                        late_flag(r),
                        truncate(label_value("RiskType", r.type), WIDTH["type"]),
                        truncate(sep.join(r.task_codes), WIDTH["tasks"]),
                        truncate(sep.join(r.departments), WIDTH["departments"]),
                        truncate(r.raised_by, WIDTH["raised_by"]),
                        local(r.raised_at).strftime("%Y-%m-%d %H:%M"),
                    ],
                )
                for r in self.rows
            ],
        )
        counts = {s.value: sum(r.status == s.value for r in self.rows) for s in RiskStatus}
        if self.rows:
            summary = t(
                "risk.summary", total=len(self.rows), late=sum(r.late for r in self.rows), **counts
            )
        else:
            summary = t("risk.empty_all") if every else t("risk.empty")
        self.query_one("#summary", Static).update(Text(summary))
        self.show_detail()

    def current(self) -> RiskRow | None:
        """The warning under the cursor."""
        key = self.query_one("#risk-register", RecordTable).cursor_key
        return next((r for r in self.rows if str(r.id) == key), None)

    def show_detail(self) -> None:
        """The warning under the cursor in full (the table cuts long cells short)."""
        row = self.current()
        detail = self.query_one("#detail", FieldList)
        if row is None:
            detail.show([])
            return
        sep = t("risk.list_sep")
        lead = lead_text(row.lead_time, t)
        if row.late:
            lead = f"{lead}\n⚠ {t('risk.late_detail')}"
        detail.show(
            [
                (t("risk.field.title"), row.title),
                (t("col.project"), row.project_code),
                (
                    t("risk.field.type"),
                    f"{label_value('RiskType', row.type)} · "
                    f"{label_value('RiskLevel', row.level)} · "
                    f"{label_value('RiskStatus', row.status)}",
                ),
                (t("risk.field.tasks"), sep.join(row.task_codes)),
                (t("risk.field.departments"), sep.join(row.departments)),
                (t("risk.field.impact"), row.impact),
                (t("risk.field.solution"), row.solution),
                (t("risk.field.threatened_on"), iso(row.threatened_on)),
                (
                    t("risk.field.raised"),
                    t(
                        "risk.raised_by_at",
                        name=row.raised_by or t("field.none"),
                        at=self.collab.clock.local(row.raised_at).strftime("%Y-%m-%d %H:%M"),
                    ),
                ),
                (t("risk.col.lead_time"), lead),
            ]
        )

    def on_data_table_row_highlighted(self, event: RecordTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter on a row edits it."""
        event.stop()
        self.action_edit()

    # ------------------------------------------------------------------ editing

    def _raised(self, risk) -> None:
        """Back from a new warning: show it, and say when it came too late."""
        if risk is None:
            return
        from collabtui.screens.outbox import post_risk

        post_risk(self, risk.id)  # to the project's group chats, when any is configured
        self.refresh_data()
        row = next((r for r in self.rows if r.id == risk.id), None)
        if row is not None and row.late:
            self.collab.say(
                t("risk.msg.raised_late", title=row.title, date=iso(row.threatened_on)),
                severity="warning",
                timeout=8,
            )
        else:
            self.collab.say(t("risk.msg.raised", title=risk.title))

    def action_raise_risk(self) -> None:
        """Raise a new warning on this project."""
        if self.project_id is None:
            return
        self.app.push_screen(RiskForm(self.project_id), self._raised)

    def action_edit(self) -> None:
        """Correct the warning under the cursor."""
        row = self.current()
        if row is None:
            return

        def saved(result) -> None:
            if result is not None:
                self.refresh_data()
                self.collab.say(t("msg.saved"))

        self.app.push_screen(RiskForm(row.project_id, risk=row), saved)

    def action_status(self, status: str) -> None:
        """Move the warning under the cursor to ``status``; say what happened."""
        row = self.current()
        if row is None:
            return
        try:
            self.collab.store.set_risk_status(row.id, row.version, status)
        except ConflictError as exc:
            self.collab.say(t("msg.conflict", detail=str(exc)), severity="error")
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
        else:
            label = label_value("RiskStatus", status)
            self.collab.say(t("risk.msg.status", title=row.title, status=label))
        self.refresh_data()

    def action_history(self) -> None:
        """Who changed the warning under the cursor, and how."""
        from collabtui.dialogs.history import open_history

        row = self.current()
        open_history(self, "riskwarning", row.id if row else None)

    def action_delete(self) -> None:
        """Delete the warning under the cursor, after a yes."""
        row = self.current()
        if row is None:
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.collab.store.delete_risk(row.id, row.version)
            except ConflictError as exc:
                self.collab.say(t("msg.conflict", detail=str(exc)), severity="error")
            except StoreError as exc:
                self.collab.say(str(exc), severity="error")
            else:
                self.collab.say(t("risk.msg.deleted", title=row.title))
            self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(
                t("risk.confirm_delete", title=row.title),
                t("risk.button.delete"),
                t("button.cancel"),
            ),
            answer,
        )

    def action_back(self) -> None:
        self.dismiss()
