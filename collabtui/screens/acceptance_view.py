"""How the acceptance screen draws its rows: coloured verdicts, the status line, cells.

User text goes through :func:`collabtui.text.safe` (never markup, no control
characters); column widths are in terminal cells.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text

from collabtui.domain.acceptance import AcceptanceReport, SignOffRow
from collabtui.i18n import label_value, t
from collabtui.text import safe, truncate

VERDICT_STYLE = {"pending": "dim", "pass": "green", "fail": "bold red", "waived": "yellow"}
SIGNOFF_STYLE = {
    "accepted": "green",
    "accepted_with_reservations": "yellow",
    "rejected": "bold red",
}
#: Widest a cell of these columns gets (terminal cells); the edit form shows all of it.
WIDTH = {"deliverable": 30, "standard": 34, "note": 26, "person": 10, "comment": 40}
#: The same below 100 columns, so the verdict stays in sight on an 80-column terminal.
NARROW_WIDTH = {"deliverable": 18, "standard": 16, "note": 12, "person": 8, "comment": 20}
MARK = "●"


def verdict_text(verdict: str) -> Text:
    """An item's verdict, coloured."""
    return Text(label_value("Verdict", verdict), style=VERDICT_STYLE.get(verdict, ""))


def signoff_text(row: SignOffRow) -> Text:
    """A sign-off's verdict; a missing one red when it is required, dim when not."""
    if not row.signed:
        if row.required:
            return Text(t("acceptance.not_signed"), style="bold red")
        return Text(t("acceptance.optional"), style="dim")
    return Text(
        label_value("SignOffVerdict", row.verdict), style=SIGNOFF_STYLE.get(row.verdict, "")
    )


def status_text(report: AcceptanceReport) -> Text:
    """``3/4 departments signed · 1 item failed · 2 pending — not yet accepted``."""
    text = Text(
        t("acceptance.status.signed", signed=report.signed_count, required=len(report.required)),
        style="bold",
    )
    if report.rejected:
        text.append(" · ")
        text.append(t("acceptance.status.rejected", n=len(report.rejected)), style="bold red")
    if report.failed:
        text.append(" · ")
        text.append(t("acceptance.status.failed", n=len(report.failed)), style="bold red")
    if report.pending:
        text.append(" · ")
        text.append(t("acceptance.status.pending", n=len(report.pending)), style="yellow")
    text.append(" · ")
    text.append(t("acceptance.status.items", n=len(report.items)))
    text.append("  —  ")
    if report.can_close:
        text.append(t("acceptance.status.accepted"), style="bold green")
    else:
        text.append(t("acceptance.status.not_yet"), style="bold yellow")
    return text


def item_columns() -> list[str]:
    """The items table's headings (the first column: number or merge mark)."""
    return [
        "",
        t("acceptance.col.deliverable"),
        t("acceptance.col.quality_standard"),
        t("acceptance.col.verdict"),
        t("acceptance.col.note"),
        t("col.task"),
    ]


def item_rows(
    report: AcceptanceReport, marked: set[int], width: dict[str, int]
) -> list[tuple[str, list]]:
    """The kept items, numbered (marked ones show a dot), then the dropped ones, dimmed."""
    rows: list[tuple[str, list]] = [
        (
            str(i.id),
            [
                Text(MARK, style="bold cyan") if i.id in marked else str(n),
                truncate(i.deliverable, width["deliverable"]),
                truncate(i.quality_standard, width["standard"]),
                verdict_text(i.verdict),
                truncate(i.note, width["note"]),
                i.task_code,
            ],
        )
        for n, i in enumerate(report.items, 1)
    ]
    rows += [
        (
            str(i.id),
            [
                "",
                safe(truncate(i.deliverable, width["deliverable"]), "dim strike"),
                safe(truncate(i.quality_standard, width["standard"]), "dim"),
                Text(t("acceptance.dropped"), style="dim"),
                safe(truncate(i.dropped_reason, width["note"]), "dim"),
                safe(i.task_code, "dim"),
            ],
        )
        for i in report.dropped
    ]
    return rows


def signoff_columns() -> list[str]:
    """The sign-off table's headings."""
    return [
        t("col.department"),
        t("acceptance.col.role"),
        t("acceptance.col.person"),
        t("acceptance.col.signed_at"),
        t("acceptance.col.signoff"),
        t("acceptance.col.comment"),
    ]


def signoff_rows(
    report: AcceptanceReport, width: dict[str, int], local: Callable[[datetime], datetime]
) -> list[tuple[str, list]]:
    """One row per department taking part; ``local`` turns a time into local time."""
    return [
        (
            str(s.department_id),
            [
                s.department,
                t(f"acceptance.role.{s.role}"),
                truncate(s.person, width["person"]),
                local(s.signed_at).strftime("%Y-%m-%d %H:%M") if s.signed_at else "",
                signoff_text(s),
                truncate(s.comment, width["comment"]),
            ],
        )
        for s in report.signoffs
    ]
