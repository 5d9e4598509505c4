"""The task export: the cross-department task tracking table (表3《跨部门任务跟进表》).

One row per task with every field of the table — code, name, description, the one
owner and their department, the supporting departments with their duties and contacts,
start, due, deliverable, quality standard, progress, status, priority, notes — as
Markdown, CSV or JSON (see :mod:`collabtui.export.tabular`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from collabtui.domain.views import SupportRow, TaskRow
from collabtui.export.markdown import day
from collabtui.export.tabular import Column, ProjectRef, TableDocument, cells, render
from collabtui.i18n import current_language, label_value, normalize, translator

#: The ``format`` member of the JSON export; bump it when a key changes meaning.
JSON_FORMAT = "collab-tasks/1"

__all__ = ["JSON_FORMAT", "render_tasks", "support_text", "tasks_table"]


def tasks_table(
    rows: Sequence[TaskRow],
    project: ProjectRef,
    generated: datetime,
    lang: str | None = None,
) -> TableDocument:
    """The tasks of ``project`` as a table document in ``lang`` (default: current)."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    columns = (
        Column("code", tr("export.tasks.col.code")),
        Column("title", tr("export.tasks.col.title")),
        Column("description", tr("export.tasks.col.description")),
        Column("owner", tr("export.tasks.col.owner")),
        Column("owner_department", tr("export.tasks.col.owner_department")),
        Column("supports", tr("export.tasks.col.supports")),
        Column("start_on", tr("export.tasks.col.start")),
        Column("due_on", tr("export.tasks.col.due")),
        Column("deliverable", tr("export.tasks.col.deliverable")),
        Column("quality_standard", tr("export.tasks.col.quality_standard")),
        Column("progress", tr("export.tasks.col.progress")),
        Column("status", tr("export.tasks.col.status")),
        Column("priority", tr("export.tasks.col.priority")),
        Column("notes", tr("export.tasks.col.notes")),
    )
    sep = tr("export.tasks.support_sep")
    display = tuple(
        cells(
            [
                row.code,
                row.title,
                row.description,
                row.owner,
                row.owner_department,
                sep.join(support_text(s, tr) for s in row.supports),
                day(row.start_on),
                day(row.due_on),
                row.deliverable,
                row.quality_standard,
                f"{row.progress}%",
                label_value("TaskStatus", row.status, code),
                label_value("Priority", row.priority, code),
                row.notes,
            ]
        )
        for row in rows
    )
    return TableDocument(
        format=JSON_FORMAT,
        kind="tasks",
        lang=code,
        title=tr("export.tasks.title", form=tr("template.task_table"), topic=project.topic),
        project=project,
        generated_at=generated,
        columns=columns,
        rows=display,
        records=tuple(_record(row, code) for row in rows),
    )


def render_tasks(
    rows: Sequence[TaskRow],
    fmt: str,
    project: ProjectRef,
    generated: datetime,
    lang: str | None = None,
) -> str:
    """The tasks as ``fmt`` (``md``, ``csv`` or ``json``) text."""
    return render(tasks_table(rows, project, generated, lang), fmt)


def support_text(support: SupportRow, tr) -> str:
    """One supporting department's part: "Design: UI assets (Li Lei)".

    The contact is left out when the duty already names them ("…，联系人：李雷").
    """
    duty, contact = support.duty.strip(), support.contact.strip()
    if not duty:
        return support.department
    if not contact or contact in duty:
        return tr("export.tasks.support_no_contact", department=support.department, duty=duty)
    return tr("export.tasks.support", department=support.department, duty=duty, contact=contact)


def _record(row: TaskRow, lang: str) -> dict[str, object]:
    """A task's raw values for JSON: ISO dates, numbers, enum values with their labels."""
    return {
        "id": row.id,
        "code": row.code,
        "title": row.title,
        "description": row.description,
        "owner": row.owner,
        "owner_department": row.owner_department,
        "supports": [
            {"department": s.department, "duty": s.duty, "contact": s.contact} for s in row.supports
        ],
        "start_on": row.start_on,
        "due_on": row.due_on,
        "deliverable": row.deliverable,
        "quality_standard": row.quality_standard,
        "progress": row.progress,
        "status": row.status,
        "status_label": label_value("TaskStatus", row.status, lang),
        "priority": row.priority,
        "priority_label": label_value("Priority", row.priority, lang),
        "notes": row.notes,
    }
