"""The progress export: one week's progress tracking list (《进度跟踪清单》).

Per department and task: completion, the change since last week, status, plan met,
the reason for a miss, the support needed and from which department — as Markdown,
CSV or JSON (see :mod:`collabtui.export.tabular`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from collabtui.domain.progress import ProgressRow
from collabtui.export.tabular import Column, ProjectRef, TableDocument, cells, render
from collabtui.i18n import current_language, label_value, normalize, translator

#: The ``format`` member of the JSON export; bump it when a key changes meaning.
JSON_FORMAT = "collab-progress/1"


def progress_table(
    rows: Sequence[ProgressRow],
    week: str,
    project: ProjectRef,
    generated: datetime,
    lang: str | None = None,
) -> TableDocument:
    """The progress list of ``week`` as a table document in ``lang``."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    columns = (
        Column("department", tr("export.progress.col.department")),
        Column("task_code", tr("export.progress.col.code")),
        Column("task", tr("export.progress.col.task")),
        Column("owner", tr("export.progress.col.owner")),
        Column("completion", tr("export.progress.col.completion"), numeric=True),
        Column("change", tr("export.progress.col.change"), numeric=True),
        Column("status", tr("export.progress.col.status")),
        Column("met_plan", tr("export.progress.col.met_plan")),
        Column("miss_reason", tr("export.progress.col.reason")),
        Column("support_needed", tr("export.progress.col.support")),
        Column("support_from", tr("export.progress.col.support_from")),
    )
    display = tuple(
        cells(
            [
                row.department,
                row.task_code,
                row.task_title,
                row.owner,
                row.completion,
                "" if row.change is None else row.change,
                label_value("ProgressStatus", row.status, code),
                tr("export.progress.yes") if row.met_plan else tr("export.progress.no"),
                row.miss_reason,
                row.support_needed,
                row.support_from,
            ]
        )
        for row in rows
    )
    return TableDocument(
        format=JSON_FORMAT,
        kind="progress",
        lang=code,
        title=tr(
            "export.progress.title", form=tr("template.progress_list"), week=week, code=project.code
        ),
        project=project,
        generated_at=generated,
        columns=columns,
        rows=display,
        records=tuple(_record(row, week, code) for row in rows),
    )


def render_progress(
    rows: Sequence[ProgressRow],
    week: str,
    fmt: str,
    project: ProjectRef,
    generated: datetime,
    lang: str | None = None,
) -> str:
    """The progress list as ``fmt`` (``md``, ``csv`` or ``json``) text."""
    return render(progress_table(rows, week, project, generated, lang), fmt)


def _record(row: ProgressRow, week: str, lang: str) -> dict[str, object]:
    return {
        "week": week,
        "department": row.department,
        "task_code": row.task_code,
        "task": row.task_title,
        "owner": row.owner,
        "completion": row.completion,
        "previous": row.previous,
        "change": row.change,
        "status": row.status,
        "status_label": label_value("ProgressStatus", row.status, lang),
        "met_plan": row.met_plan,
        "miss_reason": row.miss_reason,
        "support_needed": row.support_needed,
        "support_from": row.support_from,
    }
