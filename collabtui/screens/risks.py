"""The risk register (《风险预警表》): a project's risk warnings, or every project's.

Each warning shows its lead time (how long before the start of the day it threatens
it was raised) and whether it broke the playbook's rule of at least 24 hours' notice.
Keys move a warning along its lifecycle (see :mod:`collabtui.store.risks`).
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.binding import Binding

from collabtui.dialogs.note import NoteDialog
from collabtui.dialogs.risk import RiskForm, iso
from collabtui.domain.enums import RiskStatus
from collabtui.domain.lifecycle import RISK
from collabtui.domain.views import RiskRow
from collabtui.export.risks import lead_text
from collabtui.i18n import label_value, t
from collabtui.screens.lifecycle_keys import LifecycleKeys
from collabtui.screens.register import RegisterScreen
from collabtui.text import truncate

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


class RiskRegisterScreen(LifecycleKeys, RegisterScreen):
    """The risk warnings of one project (``project_id``) or of all (``None``)."""

    # The table takes what the detail leaves, so a short terminal scrolls the table, not
    # the screen (app.tcss gives the detail its height; this rule outranks its RecordTable).
    CSS = """
    RiskRegisterScreen #risk-register { height: 1fr; }
    """

    TABLE = "risk-register"
    HISTORY_TABLE = "riskwarning"

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

    rows: list[RiskRow]

    def title_text(self) -> str:
        if self.project_id is None:
            return t("risk.all_title", form=t("template.risk_warning"))
        return t("template.risk_warning")

    LIFECYCLE = RISK

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Raising needs a project: not offered in the register of every project. A
        status key the lifecycle refuses for the warning under the cursor is disabled."""
        if action == "raise_risk":
            return self.project_id is not None
        return self.lifecycle_check(action, parameters)

    def target_of(self, action: str, parameters: tuple[object, ...]) -> str | None:
        return str(parameters[0]) if action == "status" and parameters else None

    # ------------------------------------------------------------------ showing

    def load(self) -> list[RiskRow]:
        """The warnings, with lead times in the clock's zone."""
        return self.collab.store.risk_rows(self.project_id, tz=self.collab.clock.tz)

    def load_rows(self, ids: list[int]) -> list[RiskRow]:
        """The warnings ``ids`` alone, as :meth:`load` reads them."""
        return self.collab.store.risk_rows(self.project_id, tz=self.collab.clock.tz, only=ids)

    def columns(self) -> list[str]:
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
        return [t("col.project"), *columns] if self.project_id is None else columns

    def cells(self, r: RiskRow) -> list[object]:
        sep = t("risk.list_sep")
        return [
            *([r.project_code] if self.project_id is None else []),
            truncate(r.title, WIDTH["title"]),
            Text(label_value("RiskLevel", r.level), style=LEVEL_STYLE.get(r.level, "")),
            Text(label_value("RiskStatus", r.status), style=STATUS_STYLE.get(r.status, "")),
            iso(r.threatened_on),
            lead_text(r.lead_time, t),
            late_flag(r),
            truncate(label_value("RiskType", r.type), WIDTH["type"]),
            truncate(sep.join(r.task_codes), WIDTH["tasks"]),
            truncate(sep.join(r.departments), WIDTH["departments"]),
            truncate(r.raised_by, WIDTH["raised_by"]),
            self.collab.clock.local(r.raised_at).strftime("%Y-%m-%d %H:%M"),
        ]

    def summary(self) -> str:
        if not self.rows:
            return t("risk.empty_all") if self.project_id is None else t("risk.empty")
        by_status = Counter(r.status for r in self.rows)
        counts = {s.value: by_status[s.value] for s in RiskStatus}
        late = sum(r.late for r in self.rows)
        return t("risk.summary", total=len(self.rows), late=late, **counts)

    def detail(self, row: RiskRow) -> list[tuple[str, str]]:
        """The warning in full (the table cuts long cells short)."""
        sep = t("risk.list_sep")
        lead = lead_text(row.lead_time, t)
        if row.late:
            lead = f"{lead}\n⚠ {t('risk.late_detail')}"
        raised_at = self.collab.clock.local(row.raised_at).strftime("%Y-%m-%d %H:%M")
        return [
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
                t("risk.raised_by_at", name=row.raised_by or t("field.none"), at=raised_at),
            ),
            (t("risk.col.lead_time"), lead),
        ] + (
            [(t("risk.field.closing_note"), row.closing_note or t("field.none"))]
            if row.status == RiskStatus.CLOSED
            else []
        )

    # ------------------------------------------------------------------ editing

    def _raised(self, risk) -> None:
        """Back from a new warning: show it, and say when it came too late."""
        if risk is None:
            return
        from collabtui.screens.outbox import post_risk

        post_risk(self, risk.id)  # to the project's group chats, when any is configured

        def shown(rows: list[RiskRow]) -> None:
            self.show(rows)
            row = next((r for r in rows if r.id == risk.id), None)
            if row is not None and row.late:
                self.collab.say(
                    t("risk.msg.raised_late", title=row.title, date=iso(row.threatened_on)),
                    severity="warning",
                    timeout=8,
                )
            else:
                self.collab.say(t("risk.msg.raised", title=risk.title))

        self.read_now(self.load, shown)

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
        self.app.push_screen(RiskForm(row.project_id, risk=row), self.saved)

    def action_status(self, status: str) -> None:
        """Move the warning under the cursor to ``status``; say what happened."""
        row = self.current()
        if row is None:
            return
        label = label_value("RiskStatus", status)
        done = t("risk.msg.status", title=row.title, status=label)
        if status != RiskStatus.CLOSED:
            self.write(
                lambda: self.collab.store.set_risk_status(row.id, row.version, status),
                done,
                record=row,
            )
            return

        def close(note: str | None) -> None:  # closing asks why (issue 16)
            if note:
                self.write(
                    lambda: self.collab.store.set_risk_status(row.id, row.version, status, note),
                    done,
                    record=row,
                )

        self.app.push_screen(
            NoteDialog(
                t("risk.close.title", title=row.title),
                t("risk.close.prompt"),
                t("risk.close.placeholder"),
                t("risk.close.button"),
                t("risk.err.closing_note"),
            ),
            close,
        )

    def action_delete(self) -> None:
        """Delete the warning under the cursor, after a yes."""
        row = self.current()
        if row is None:
            return
        self.confirm_then(
            t("risk.confirm_delete", title=row.title),
            t("risk.button.delete"),
            lambda: self.collab.store.delete_risk(row.id, row.version),
            t("risk.msg.deleted", title=row.title),
        )
