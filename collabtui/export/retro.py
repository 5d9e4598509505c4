"""The retrospective export: the retrospective summary (《协作复盘总结表》), Markdown or JSON.

Markdown: the title; the project, the meeting and its date; the 5-working-day rule's
result; the goal achievement table (goal, metric, target, actual, % reached, notes);
then highlights, problems to improve and suggestions, each item with its owner,
follow-up action and due date. JSON: the same with raw values (ISO dates, numbers,
enum values with their labels).
"""

from __future__ import annotations

from datetime import datetime

from collabtui.domain.retro import (
    DIMENSIONS,
    RetroReport,
    RetroTiming,
    format_figure,
    format_percent,
)
from collabtui.export.jsondata import dump
from collabtui.export.markdown import day, document, heading, paragraph, table, when
from collabtui.i18n import current_language, label_value, normalize, translator

#: The ``format`` member of the JSON export; bump it when a key changes meaning.
JSON_FORMAT = "collab-retro/1"

__all__ = ["JSON_FORMAT", "render_retro", "render_retro_json", "render_retro_md", "timing_line"]


def timing_line(timing: RetroTiming, tr) -> str:
    """The rule's result in words (held on day N of 5, due by …, late …)."""
    return tr(
        f"retro.timing.{timing.state}",
        n=timing.workday,
        limit=timing.limit,
        end=day(timing.end),
        due=day(timing.deadline),
        held=day(timing.held_on),
    )


def render_retro_md(report: RetroReport, generated: datetime, lang: str | None = None) -> str:
    """The retrospective summary as CommonMark with GFM tables, in ``lang`` (default: current)."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    none = paragraph(tr("field.none"))
    m = report.meeting
    fields = table(
        [tr("export.col.field"), tr("export.col.value")],
        [
            [tr("field.code"), report.code],
            [tr("field.topic"), report.topic],
            [tr("field.phase"), label_value("Phase", report.phase, code)],
            [tr("export.retro.meeting"), m.title if m else tr("export.retro.no_meeting")],
            [tr("export.retro.held"), when(m.held_at, generated.tzinfo) if m and m.held else ""],
            [tr("export.retro.host"), m.host if m else ""],
            [tr("export.retro.end"), day(report.timing.end)],
            [tr("export.retro.deadline"), day(report.timing.deadline)],
            [tr("export.retro.rule"), timing_line(report.timing, tr)],
            [tr("export.retro.generated"), when(generated, generated.tzinfo)],
        ],
    )
    goals = (
        table(
            [
                tr("col.goal"),
                tr("col.metric"),
                tr("col.target"),
                tr("col.actual"),
                tr("retro.col.percent"),
                tr("export.retro.notes"),
            ],
            [
                [
                    g.description,
                    g.metric,
                    format_figure(g.target, g.unit, code),
                    format_figure(g.actual, g.unit, code),
                    format_percent(g.percent, code)
                    if g.percent is not None
                    else tr(f"retro.no_ratio.{g.why_none}"),
                    "\n".join(
                        i.text for i in report.items_of("goal_result") if i.goal_id == g.goal_id
                    ),
                ]
                for g in report.goals
            ],
        )
        if report.goals
        else none
    )
    known = {g.goal_id for g in report.goals}
    loose = [i for i in report.items_of("goal_result") if i.goal_id not in known]
    blocks = [
        heading(1, tr("export.retro.title", form=tr("template.retro_summary"), topic=report.topic)),
        fields,
        heading(2, label_value("RetroDimension", "goal_result", code)),
        goals,
        _items_table(loose, tr) if loose else "",
    ]
    for dimension in DIMENSIONS[1:]:
        items = report.items_of(dimension)
        blocks += [
            heading(2, label_value("RetroDimension", dimension, code)),
            _items_table(items, tr) if items else none,
        ]
    return document(*blocks)


def _items_table(items, tr) -> str:
    return table(
        ["#", tr("col.text"), tr("col.owner"), tr("retro.col.action"), tr("col.due")],
        [[str(n), i.text, i.owner, i.action, day(i.due_on)] for n, i in enumerate(items, 1)],
    )


def render_retro_json(report: RetroReport, generated: datetime, lang: str | None = None) -> str:
    """The retrospective summary as JSON: fixed key order, ISO dates, raw numbers."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    m, timing = report.meeting, report.timing
    return dump(
        {
            "format": JSON_FORMAT,
            "project": {"code": report.code, "topic": report.topic, "phase": report.phase},
            "generated_at": generated,
            "language": code,
            "meeting": None
            if m is None
            else {
                "id": m.id,
                "title": m.title,
                "start_at": m.start_at,
                "held_at": m.held_at,
                "ended_at": m.ended_at,
                "duration_min": m.duration_min,
                "host": m.host,
                "recorder": m.recorder,
            },
            "rule": {
                "state": timing.state,
                "in_time": timing.in_time,
                "project_end": timing.end,
                "deadline": timing.deadline,
                "held_on": timing.held_on,
                "working_day": timing.workday,
                "limit": timing.limit,
                "message": timing_line(timing, tr),
            },
            "goals": [
                {
                    "id": g.goal_id,
                    "description": g.description,
                    "metric": g.metric,
                    "target": g.target,
                    "unit": g.unit,
                    "actual": g.actual,
                    "percent": None if g.percent is None else round(g.percent, 2),
                    "no_ratio": (g.why_none or None) if g.percent is None else None,
                }
                for g in report.goals
            ],
            "items": [
                {
                    "id": i.id,
                    "dimension": i.dimension,
                    "dimension_label": label_value("RetroDimension", i.dimension, code),
                    "text": i.text,
                    "goal_id": i.goal_id,
                    "owner": i.owner or None,
                    "action": i.action,
                    "due_on": i.due_on,
                    "practices": list(i.practice_ids),
                }
                for i in report.items
            ],
        }
    )


def render_retro(
    report: RetroReport, fmt: str, generated: datetime, lang: str | None = None
) -> str:
    """The retrospective summary as ``fmt`` (``md`` or ``json``)."""
    if fmt == "md":
        return render_retro_md(report, generated, lang)
    if fmt == "json":
        return render_retro_json(report, generated, lang)
    raise ValueError(f"unknown retro format {fmt!r} (choose from md, json)")
