"""The resource export: a project's resource requests (《资源申请表》).

One row per request — kind, description, quantity (or amount) with its unit (or
currency), requesting department, purpose, needed by, linked task, status, the
confirmed in-place date (到位时间), and the playbook's flags (approved without an
in-place date, in place after it was needed) — as Markdown, CSV or JSON (see
:mod:`collabtui.export.tabular`). The quantity is a column of its own, so a
spreadsheet can add up the budget.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

from collabtui.domain.playbook import Problem, resource_problems
from collabtui.domain.views import ResourceRow
from collabtui.export.markdown import day, number
from collabtui.export.tabular import Column, ProjectRef, TableDocument, cells, render
from collabtui.i18n import current_language, label_value, normalize, translator

#: The ``format`` member of the JSON export; bump it when a key changes meaning.
JSON_FORMAT = "collab-resources/1"

__all__ = ["JSON_FORMAT", "render_resources", "resources_table", "unit_of"]


def resources_table(
    rows: Sequence[ResourceRow],
    project: ProjectRef,
    generated: datetime,
    lang: str | None = None,
    *,
    today: date | None = None,
) -> TableDocument:
    """The resource requests of ``project`` as a table document in ``lang``.

    ``today`` (default: the local date of ``generated``) is the day the flags are
    checked on.
    """
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    today = today or generated.date()
    flags = [resource_problems(row, today) for row in rows]
    sep = tr("export.resources.flag_sep")
    columns = (
        Column("kind", tr("export.resources.col.kind")),
        Column("description", tr("export.resources.col.description")),
        Column("quantity", tr("export.resources.col.quantity"), numeric=True),
        Column("unit", tr("export.resources.col.unit")),
        Column("department", tr("export.resources.col.department")),
        Column("purpose", tr("export.resources.col.purpose")),
        Column("needed_by", tr("export.resources.col.needed_by")),
        Column("task_code", tr("export.resources.col.task")),
        Column("status", tr("export.resources.col.status")),
        Column("in_place_on", tr("export.resources.col.in_place")),
        Column("flags", tr("export.resources.col.flags")),
    )
    display = tuple(
        cells(
            [
                label_value("ResourceKind", row.kind, code),
                row.description,
                number(row.quantity),
                unit_of(row),
                row.department,
                row.purpose,
                day(row.needed_by),
                row.task_code,
                label_value("ResourceStatus", row.status, code),
                day(row.in_place_on),
                sep.join(p.message(tr) for p in problems),
            ]
        )
        for row, problems in zip(rows, flags, strict=True)
    )
    return TableDocument(
        format=JSON_FORMAT,
        kind="resources",
        lang=code,
        title=tr(
            "export.resources.title", form=tr("template.resource_request"), topic=project.topic
        ),
        project=project,
        generated_at=generated,
        columns=columns,
        rows=display,
        records=tuple(
            _record(row, problems, tr, code) for row, problems in zip(rows, flags, strict=True)
        ),
    )


def render_resources(
    rows: Sequence[ResourceRow],
    fmt: str,
    project: ProjectRef,
    generated: datetime,
    lang: str | None = None,
    *,
    today: date | None = None,
) -> str:
    """The resource requests as ``fmt`` (``md``, ``csv`` or ``json``) text."""
    return render(resources_table(rows, project, generated, lang, today=today), fmt)


def unit_of(row: ResourceRow) -> str:
    """What the quantity counts: the currency of a budget, the unit of anything else."""
    first, second = (row.currency, row.unit) if row.kind == "budget" else (row.unit, row.currency)
    return first.strip() or second.strip()


def _record(row: ResourceRow, problems: list[Problem], tr, lang: str) -> dict[str, object]:
    """A request's raw values for JSON: ISO dates, numbers, enum values with labels."""
    quantity = row.quantity if math.isfinite(row.quantity) else None
    return {
        "id": row.id,
        "kind": row.kind,
        "kind_label": label_value("ResourceKind", row.kind, lang),
        "description": row.description,
        "quantity": quantity,
        "unit": row.unit,
        "currency": row.currency,
        "department": row.department,
        "purpose": row.purpose,
        "needed_by": row.needed_by,
        "task_code": row.task_code,
        "status": row.status,
        "status_label": label_value("ResourceStatus", row.status, lang),
        "in_place_on": row.in_place_on,
        "flags": [{"rule": p.key, "message": p.message(tr)} for p in problems],
    }
