"""SQL shared by the ORM store and the start-up reader (:mod:`collabtui.store.quick`).

Standard library only. Parameters use the ``:name`` style both drivers accept.
"""

from __future__ import annotations

from datetime import date

from collabtui.views import ProjectSummary

#: The schema revision this release writes; a test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0003_phase_one"

OPEN_TASK_STATUSES = ("todo", "in_progress", "blocked")
OPEN_RISK_STATUSES = ("open", "assessing", "mitigating")

DASHBOARD_SQL = """
SELECT p.id, p.code, p.topic, COALESCE(d.name, ''), p.phase,
  (SELECT COUNT(*) FROM task t WHERE t.project_id = p.id
     AND t.status IN ('todo', 'in_progress', 'blocked')),
  (SELECT COUNT(*) FROM task t WHERE t.project_id = p.id
     AND t.status IN ('todo', 'in_progress', 'blocked')
     AND t.due_on IS NOT NULL AND t.due_on < :today),
  (SELECT COUNT(*) FROM riskwarning r WHERE r.project_id = p.id
     AND r.status IN ('open', 'assessing', 'mitigating')),
  (SELECT m.name FROM milestone m WHERE m.project_id = p.id AND m.done_on IS NULL
     ORDER BY m.due_on LIMIT 1),
  (SELECT m.due_on FROM milestone m WHERE m.project_id = p.id AND m.done_on IS NULL
     ORDER BY m.due_on LIMIT 1)
FROM project p LEFT JOIN department d ON d.id = p.requesting_department_id
ORDER BY CASE p.phase WHEN 'closed' THEN 1 ELSE 0 END, p.code
"""


def _as_date(value: object) -> date | None:
    """A date from either driver (``date`` or ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def row_to_summary(row) -> ProjectSummary:
    """A dashboard result row as a :class:`ProjectSummary`."""
    return ProjectSummary(
        id=row[0],
        code=row[1],
        topic=row[2],
        requesting_department=row[3],
        phase=row[4],
        open_tasks=row[5],
        overdue_tasks=row[6],
        open_risks=row[7],
        next_milestone=row[8] or "",
        next_milestone_on=_as_date(row[9]),
    )
