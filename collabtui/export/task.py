"""One task as a document: every 表3 field, then its daily log (newest first).

``collab task show`` prints it and ``y`` on the board copies it. Markdown that reads
as plain text: a heading, a field table, a list of the daily updates.
"""

from __future__ import annotations

from collabtui.domain.views import TaskRow
from collabtui.export import markdown as md
from collabtui.export.tasks import support_text
from collabtui.i18n import current_language, label_value, normalize, translator

__all__ = ["render_task_md"]


def render_task_md(row: TaskRow, lang: str | None = None) -> str:
    """The task ``row`` (read with its updates) as Markdown in ``lang`` (default: current)."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    sep = tr("export.tasks.support_sep")
    fields = [
        ("export.tasks.col.description", row.description),
        ("export.tasks.col.owner", row.owner),
        ("export.tasks.col.owner_department", row.owner_department),
        ("export.tasks.col.supports", sep.join(support_text(s, tr) for s in row.supports)),
        ("export.tasks.col.start", md.day(row.start_on)),
        ("export.tasks.col.due", md.day(row.due_on)),
        ("export.tasks.col.deliverable", row.deliverable),
        ("export.tasks.col.quality_standard", row.quality_standard),
        ("export.tasks.col.progress", f"{row.progress}%"),
        ("export.tasks.col.status", label_value("TaskStatus", row.status, code)),
        ("export.tasks.col.priority", label_value("Priority", row.priority, code)),
        ("export.tasks.col.notes", row.notes),
    ]
    table = md.table(
        [tr("export.task.field"), tr("export.task.value")],
        [(tr(key), value) for key, value in fields if value],
    )
    log = [
        "- "
        + md.inline(
            tr(
                "export.task.update",
                on=md.day(u.on),
                author=u.author or "—",
                progress=u.progress,
                text=" / ".join(part for part in (u.done, u.problems) if part),
            )
        )
        for u in row.updates
    ]
    return md.document(
        md.heading(1, f"{row.project_code}/{row.code} {row.title}"),
        table,
        md.heading(2, tr("export.task.updates")) if log else "",
        "\n".join(log),
    )
