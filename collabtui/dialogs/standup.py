"""The standup's small forms: the reason for a miss, the support needed, the summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from collabtui.dialogs.base import CollabModal
from collabtui.dialogs.forms import RecordForm, Saver
from collabtui.domain.progress import StandupSummary
from collabtui.i18n import bracketed, label_value, t
from collabtui.text import safe


class MissForm(RecordForm):
    """Why a task missed its plan this week."""

    FIELDS = ("miss_reason",)

    def __init__(self, save: Saver, code: str, reason: str):
        super().__init__(t("standup.miss_title", code=code), save)
        self.reason = reason

    def compose_fields(self) -> ComposeResult:
        yield from self.field("miss_reason", t("standup.col.reason"), Input(self.reason))


class SupportForm(RecordForm):
    """What support a task needs, and from which department."""

    FIELDS = ("support_needed", "support_from_id")

    def __init__(self, save: Saver, code: str, needed: str, from_id: int | None, departments):
        super().__init__(t("standup.support_title", code=code), save)
        self.needed, self.from_id, self.departments = needed, from_id, departments

    def compose_fields(self) -> ComposeResult:
        yield from self.field("support_needed", t("standup.col.support"), Input(self.needed))
        yield from self.field(
            "support_from_id",
            t("standup.col.support_from"),
            Select(
                [(safe(d.name), d.id) for d in self.departments],
                value=self.from_id if self.from_id is not None else Select.NULL,
                prompt=t("field.none"),
            ),
        )


class SummaryDialog(CollabModal[bool]):
    """The end of the standup: done, slipped, new risks, support by department.

    ``ctrl+s`` (or ``enter``) records the week's list and its meeting; ``escape``
    goes back to the standup.
    """

    BINDINGS = [
        Binding("ctrl+s,enter", "record", "key.standup_record", id="record", priority=True),
        Binding("escape", "cancel", "key.back", id="cancel"),
    ]

    def __init__(self, week: str, summary: StandupSummary):
        super().__init__()
        self.week, self.summary = week, summary

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(safe(t("standup.summary_title", week=self.week), "bold"))
            yield Static(self._text(), id="standup-summary")
            yield Static(t("standup.summary_hint"), classes="hint")

    def _text(self):
        s = self.summary
        lines = [t("standup.summary.done", n=len(s.done))]
        lines += [
            f"  ✓ {r.task_code} {r.task_title} {t('punct.bracketed', text=r.department)}"
            for r in s.done
        ]
        lines.append(t("standup.summary.slipped", n=len(s.slipped)))
        for r in s.slipped:
            why = f" — {r.miss_reason}" if r.miss_reason else ""
            status = label_value("ProgressStatus", r.status)
            lines.append(f"  ✗ {r.task_code} {r.task_title} {bracketed(status)}{why}")
        lines.append(t("standup.summary.risks", n=len(s.new_risks)))
        lines += [f"  ⚠ {title}" for title in s.new_risks]
        lines.append(t("standup.summary.support", n=sum(len(v) for v in s.support.values())))
        for dept, rows in s.support.items():
            lines.append(f"  → {dept}")
            lines += [
                "      " + t("punct.labelled", label=r.task_code, value=r.support_needed)
                for r in rows
            ]
        return safe("\n".join(lines), single_line=False)

    def action_record(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
