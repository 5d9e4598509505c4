"""The dashboard's "needs attention" list: alerts as table rows, and opening their records.

The rules run in a thread (:func:`compute_alerts`); the rows are plain cells for a
:class:`~collabtui.widgets.record_table.RecordTable`; Enter on a row opens the record
the alert names (:func:`open_alert`), with the cursor on it where the screen has a list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from collabtui.domain.alerts import Alert, count_by_severity
from collabtui.export.alerts import due_text
from collabtui.i18n import t
from collabtui.screens import router
from collabtui.text import truncate

if TYPE_CHECKING:
    from collabtui.app import CollabApp

#: The dashboard lists at most this many alerts, most severe first (``collab alerts``: all).
SHOWN = 200
#: How each severity looks.
STYLES = {"overdue": "bold red", "warning": "yellow", "info": "dim"}


def compute_alerts(app: CollabApp) -> list[Alert]:
    """Read the facts and check every rule at the app clock's now (blocking: run in a thread)."""
    from collabtui.domain.alerts import alerts
    from collabtui.domain.workdays import work_calendar

    calendar = work_calendar(app.config.holiday_country)
    return alerts(app.store.alert_facts(), app.clock.now(), calendar, app.clock.tz)


def attention_title(found: list[Alert]) -> str:
    """The heading above the list: the counts, and how many are shown."""
    counts = t("alert.counts", **count_by_severity(found))
    if not found:
        return t("alert.none")
    if len(found) > SHOWN:
        return t("dashboard.attention_more", counts=counts, shown=SHOWN)
    return t("dashboard.attention", counts=counts)


def attention_table(found: list[Alert], width: int, tz) -> tuple[list[str], list]:
    """Columns and ``(key, cells)`` rows for the first :data:`SHOWN` alerts.

    The key is the alert's position in ``found``. Below 100 columns the rule column
    goes; the message says what is wrong anyway.
    """
    wide = width >= 100
    shown = found[:SHOWN]
    severities = [t(f"alert.severity.{a.severity}") for a in shown]
    rules = [t(f"alert.rule.{a.rule}") for a in shown] if wide else []
    dues = [due_text(a.due, tz) for a in shown]
    severity_w = max((cell_len(x) for x in severities), default=8)
    rule_w = min(24, max((cell_len(x) for x in rules), default=0))
    code_w = min(12, max((cell_len(a.project_code) for a in shown), default=1))
    due_w = max((len(x) for x in dues), default=3)
    columns = 6 if wide else 5
    spare = max(20, width - severity_w - rule_w - code_w - due_w - 2 * columns - 2)
    record_w = spare * 2 // 5
    message_w = spare - record_w
    headers = [t("col.severity")]
    if wide:
        headers.append(t("col.rule"))
    headers += [t("col.project"), t("col.record"), t("col.message"), t("col.due")]
    rows = []
    for index, alert in enumerate(shown):
        style = STYLES.get(alert.severity, "")
        cells: list[object] = [Text(severities[index], style=style)]
        if wide:
            cells.append(truncate(rules[index], rule_w))
        cells += [
            truncate(alert.project_code or "—", code_w),
            truncate(" ".join(alert.label.split()), record_w),
            truncate(alert.message(t), message_w),
            Text(dues[index], style=style if alert.overdue else ""),
        ]
        rows.append((str(index), cells))
    return headers, rows


async def open_alert(app: CollabApp, alert: Alert) -> None:
    """Open the record ``alert`` names, the cursor on it where its screen lists it."""
    kind, key = alert.record_type, str(alert.record_id)
    project = alert.project_id
    if kind == "task":
        await router.go(app, "task", None, task_id=alert.record_id)
    elif kind == "open_item" or (
        kind == "meeting" and (alert.rule == "minutes_distributed" or project is None)
    ):
        meeting = alert.meeting_id if kind == "open_item" else alert.record_id
        await router.go(app, "minutes", meeting)
    elif kind == "meeting":
        await _project_tab(app, project, "meetings", "#meeting-list", key)
    elif kind == "decision":
        screen = router.build("decisions", project)
        await app.push_screen(screen)
        screen.select_record("decisions", key)
    elif kind == "resource" and project is not None:
        screen = router.build("resources", project)
        await app.push_screen(screen)
        screen.select_record("resource-list", key)
    elif kind == "risk" and project is not None:
        screen = router.build("risks", project)
        await app.push_screen(screen)
        screen.select_record("risk-register", key)
    elif project is not None:
        await _project_tab(app, project, None, None, None)


async def _project_tab(
    app: CollabApp, project: int, tab: str | None, table: str | None, key: str | None
) -> None:
    screen = router.build("project", project, tab=tab)
    await app.push_screen(screen)
    if table is not None and key is not None:
        screen.select_record(table.lstrip("#"), key)


__all__ = ["SHOWN", "attention_table", "attention_title", "compute_alerts", "open_alert"]
