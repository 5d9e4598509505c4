"""The acceptance export: the acceptance report (《成果验收报告》), Markdown or JSON.

Markdown: the title, the project, the items with their verdicts (dropped ones in a
table of their own, with the reason), every department's sign-off (a missing one
says so), and the conclusion — accepted, or not yet and what is missing.
JSON: the same records with raw values (ISO times, enum values with their labels).
"""

from __future__ import annotations

from datetime import datetime

from collabtui.domain.acceptance import AcceptanceReport, SignOffRow, acceptance_problems
from collabtui.export.jsondata import dump
from collabtui.export.markdown import document, heading, paragraph, table, when
from collabtui.i18n import current_language, label_value, normalize, translator

#: The ``format`` member of the JSON export; bump it when a key changes meaning.
JSON_FORMAT = "collab-acceptance/1"

__all__ = ["JSON_FORMAT", "render_acceptance", "render_acceptance_json", "render_acceptance_md"]


def render_acceptance_md(
    report: AcceptanceReport, generated: datetime, lang: str | None = None
) -> str:
    """The acceptance report as CommonMark with GFM tables, in ``lang`` (default: current)."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    none = paragraph(tr("field.none"))
    fields = table(
        [tr("export.col.field"), tr("export.col.value")],
        [
            [tr("field.code"), report.code],
            [tr("field.topic"), report.topic],
            [tr("field.phase"), label_value("Phase", report.phase, code)],
            [tr("export.acceptance.generated"), when(generated, generated.tzinfo)],
        ],
    )
    items = (
        table(
            [
                "#",
                tr("acceptance.col.deliverable"),
                tr("acceptance.col.quality_standard"),
                tr("col.task"),
                tr("acceptance.col.verdict"),
                tr("acceptance.col.note"),
            ],
            [
                [
                    str(n),
                    i.deliverable,
                    i.quality_standard,
                    i.task_code,
                    label_value("Verdict", i.verdict, code),
                    i.note,
                ]
                for n, i in enumerate(report.items, 1)
            ],
        )
        if report.items
        else none
    )
    dropped = (
        document(
            heading(2, tr("export.acceptance.dropped")),
            table(
                [
                    tr("acceptance.col.deliverable"),
                    tr("acceptance.col.quality_standard"),
                    tr("acceptance.field.reason"),
                    tr("export.acceptance.dropped_at"),
                ],
                [
                    [
                        i.deliverable,
                        i.quality_standard,
                        i.dropped_reason,
                        when(i.dropped_at, generated.tzinfo),
                    ]
                    for i in report.dropped
                ],
            ),
        ).rstrip("\n")
        if report.dropped
        else ""
    )
    signoffs = (
        table(
            [
                tr("col.department"),
                tr("acceptance.col.role"),
                tr("acceptance.col.person"),
                tr("acceptance.col.signed_at"),
                tr("acceptance.col.signoff"),
                tr("acceptance.col.comment"),
            ],
            [
                [
                    s.department,
                    tr(f"acceptance.role.{s.role}"),
                    s.person,
                    when(s.signed_at, generated.tzinfo),
                    _signoff_verdict(s, tr, code),
                    s.comment,
                ]
                for s in report.signoffs
            ],
        )
        if report.signoffs
        else none
    )
    problems = acceptance_problems(report)
    verdict = tr("export.acceptance.accepted" if report.can_close else "export.acceptance.not_yet")
    details = "\n".join(p.message(tr) for p in problems)
    return document(
        heading(
            1,
            tr(
                "export.acceptance.title", form=tr("template.acceptance_report"), topic=report.topic
            ),
        ),
        fields,
        heading(2, tr("acceptance.items_title")),
        items,
        dropped,
        heading(2, tr("acceptance.signoffs_title")),
        signoffs,
        heading(2, tr("export.acceptance.conclusion")),
        paragraph(verdict),
        paragraph(details) if details else "",
    )


def render_acceptance_json(
    report: AcceptanceReport, generated: datetime, lang: str | None = None
) -> str:
    """The acceptance report as JSON: fixed key order, ISO times, enum values and labels."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)

    def item(i) -> dict:
        return {
            "id": i.id,
            "position": i.position,
            "deliverable": i.deliverable,
            "quality_standard": i.quality_standard,
            "task_code": i.task_code,
            "verdict": i.verdict,
            "verdict_label": label_value("Verdict", i.verdict, code),
            "note": i.note,
            "dropped_reason": i.dropped_reason,
            "dropped_at": i.dropped_at,
        }

    return dump(
        {
            "format": JSON_FORMAT,
            "project": {"code": report.code, "topic": report.topic, "phase": report.phase},
            "generated_at": generated,
            "language": code,
            "accepted": report.can_close,
            "items": [item(i) for i in report.items],
            "dropped": [item(i) for i in report.dropped],
            "signoffs": [
                {
                    "department": s.department,
                    "role": s.role,
                    "required": s.required,
                    "signed": s.signed,
                    "person": s.person,
                    "signed_at": s.signed_at,
                    "verdict": s.verdict or None,
                    "verdict_label": label_value("SignOffVerdict", s.verdict, code)
                    if s.signed
                    else None,
                    "comment": s.comment,
                }
                for s in report.signoffs
            ],
            "problems": [
                {"rule": p.key, "hint": p.hint, "message": p.message(tr)}
                for p in acceptance_problems(report)
            ],
        }
    )


def render_acceptance(
    report: AcceptanceReport, fmt: str, generated: datetime, lang: str | None = None
) -> str:
    """The acceptance report as ``fmt`` (``md`` or ``json``)."""
    if fmt == "md":
        return render_acceptance_md(report, generated, lang)
    if fmt == "json":
        return render_acceptance_json(report, generated, lang)
    raise ValueError(f"unknown acceptance format {fmt!r} (choose from md, json)")


def _signoff_verdict(row: SignOffRow, tr, code: str) -> str:
    """A sign-off's verdict; a missing one says whether it is required."""
    if not row.signed:
        return tr("acceptance.not_signed" if row.required else "acceptance.optional")
    return label_value("SignOffVerdict", row.verdict, code)
