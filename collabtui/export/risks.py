"""The risk export: a project's risk warnings (《风险预警表》).

One row per warning — title, type, level, status, the tasks and departments it
affects, its impact (影响范围), the proposed solution (解决方案), the date it
threatens, who raised it and when, its lead time (提前量) and whether it kept the
playbook's 24-hour rule — as Markdown, CSV or JSON (see
:mod:`collabtui.export.tabular`). The rows come from the store with lead time and
lateness already computed (:meth:`collabtui.store.Store.risk_rows`); JSON gives the
lead time in hours as a number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from collabtui.domain.views import RiskRow
from collabtui.export.markdown import day
from collabtui.export.tabular import Column, ProjectRef, TableDocument, cells, render
from collabtui.i18n import current_language, formats, label_value, normalize, translator

#: The ``format`` member of the JSON export; bump it when a key changes meaning.
JSON_FORMAT = "collab-risks/1"
#: The sign of a negative lead time: U+2212, so a spreadsheet reads it as text, not a formula.
MINUS = "\N{MINUS SIGN}"

__all__ = ["JSON_FORMAT", "MINUS", "lead_hours", "lead_text", "render_risks", "risks_table"]


def lead_text(lead: timedelta | None, tr: Callable[..., str]) -> str:
    """A lead time for people: ``3 d 4 h``, ``1 d``, ``23 h 59 min``, ``−9 h 30 min``.

    Whole minutes, rounded towards zero; days and hours from one day on, hours and
    minutes below it; ``""`` for no lead time (no threatened date).
    """
    if lead is None:
        return ""
    minutes = int(abs(lead).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = (
            tr("risk.lead.days_hours", d=days, h=hours) if hours else tr("risk.lead.days", d=days)
        )
    elif hours:
        text = (
            tr("risk.lead.hours_minutes", h=hours, m=mins)
            if mins
            else tr("risk.lead.hours", h=hours)
        )
    else:
        text = tr("risk.lead.minutes", m=mins)
    return (MINUS if lead < timedelta(0) and minutes else "") + text


def lead_hours(lead: timedelta | None) -> float | None:
    """A lead time in hours, to two decimals (negative when raised after); ``None``: none."""
    return None if lead is None else round(lead.total_seconds() / 3600, 2)


def risks_table(
    rows: Sequence[RiskRow],
    project: ProjectRef,
    generated: datetime,
    lang: str | None = None,
) -> TableDocument:
    """The risk warnings of ``project`` as a table document in ``lang``.

    Raising times are shown in the zone of ``generated`` (the user's), the one the
    rows' lead times were computed in.
    """
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    sep = tr("risk.list_sep")
    columns = (
        Column("title", tr("export.risks.col.title")),
        Column("type", tr("export.risks.col.type")),
        Column("level", tr("export.risks.col.level")),
        Column("status", tr("export.risks.col.status")),
        Column("tasks", tr("export.risks.col.tasks")),
        Column("departments", tr("export.risks.col.departments")),
        Column("impact", tr("export.risks.col.impact")),
        Column("solution", tr("export.risks.col.solution")),
        Column("threatened_on", tr("export.risks.col.threatened")),
        Column("raised_by", tr("export.risks.col.raised_by")),
        Column("raised_at", tr("export.risks.col.raised_at")),
        Column("lead_time", tr("export.risks.col.lead_time")),
        Column("late", tr("export.risks.col.late")),
        Column("closing_note", tr("risk.field.closing_note")),
    )
    display = tuple(
        cells(
            [
                row.title,
                label_value("RiskType", row.type, code),
                label_value("RiskLevel", row.level, code),
                label_value("RiskStatus", row.status, code),
                sep.join(row.task_codes),
                sep.join(row.departments),
                row.impact,
                row.solution,
                day(row.threatened_on),
                row.raised_by,
                formats.datetime(row.raised_at, generated.tzinfo),
                lead_text(row.lead_time, tr),
                _late_text(row, tr),
                row.closing_note,
            ]
        )
        for row in rows
    )
    return TableDocument(
        format=JSON_FORMAT,
        kind="risks",
        lang=code,
        title=tr("export.risks.title", form=tr("template.risk_warning"), topic=project.topic),
        project=project,
        generated_at=generated,
        columns=columns,
        rows=display,
        records=tuple(_record(row, code) for row in rows),
    )


def render_risks(
    rows: Sequence[RiskRow],
    fmt: str,
    project: ProjectRef,
    generated: datetime,
    lang: str | None = None,
) -> str:
    """The risk warnings as ``fmt`` (``md``, ``csv`` or ``json``) text."""
    return render(risks_table(rows, project, generated, lang), fmt)


def _late_text(row: RiskRow, tr) -> str:
    """``raised late`` / ``in time`` against the 24-hour rule; nothing without a date."""
    if row.lead_time is None:
        return ""
    return tr("export.risks.late") if row.late else tr("export.risks.in_time")


def _record(row: RiskRow, lang: str) -> dict[str, object]:
    """A warning's raw values for JSON: ISO dates and times, numbers, enum values with labels."""
    return {
        "id": row.id,
        "title": row.title,
        "type": row.type,
        "type_label": label_value("RiskType", row.type, lang),
        "level": row.level,
        "level_label": label_value("RiskLevel", row.level, lang),
        "status": row.status,
        "status_label": label_value("RiskStatus", row.status, lang),
        "tasks": list(row.task_codes),
        "departments": list(row.departments),
        "impact": row.impact,
        "solution": row.solution,
        "threatened_on": row.threatened_on,
        "raised_by": row.raised_by,
        "raised_at": row.raised_at,
        "lead_time_hours": lead_hours(row.lead_time),
        "late": row.late,
        "closing_note": row.closing_note,
    }
