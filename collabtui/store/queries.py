"""SQL shared by the ORM store and the start-up reader (:mod:`collabtui.store.quick`).

Standard library only. Parameters use the ``:name`` style both drivers accept.
"""

from __future__ import annotations

from collabtui.domain.summary import ProjectSummary

#: The schema revision this release writes; a test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0006_store_meta"

#: Statuses of work not yet finished (the board, the dashboard, the alerts).

DASHBOARD_SQL = """
SELECT p.id, p.code, p.topic, COALESCE(d.name, ''), p.phase,
  (SELECT COUNT(*) FROM task t WHERE t.project_id = p.id
     AND t.status IN ('todo', 'in_progress', 'blocked')),
  (SELECT COUNT(*) FROM task t WHERE t.project_id = p.id
     AND t.status IN ('todo', 'in_progress', 'blocked')
     AND t.due_on IS NOT NULL AND t.due_on < :today),
  (SELECT COUNT(*) FROM riskwarning r WHERE r.project_id = p.id
     AND r.status IN ('open', 'assessing', 'mitigating')),
  (SELECT COUNT(*) FROM task t WHERE t.project_id = p.id),
  (SELECT COUNT(*) FROM goal g WHERE g.project_id = p.id),
  (SELECT COUNT(*) FROM projectdepartment pd WHERE pd.project_id = p.id),
  CASE WHEN p.lead_id IS NULL THEN 0 ELSE 1 END,
  CASE WHEN p.requesting_department_id IS NULL THEN 0 ELSE 1 END,
  CASE WHEN p.confirmed_at IS NULL THEN 0 ELSE 1 END,
  CASE WHEN EXISTS (SELECT 1 FROM meeting m WHERE m.project_id = p.id
     AND m.kind = 'retrospective' AND m.started_at IS NOT NULL) THEN 1 ELSE 0 END,
  CASE WHEN EXISTS (SELECT 1 FROM meeting m WHERE m.project_id = p.id
     AND m.kind = 'requirement_review')
   AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.project_id = p.id
     AND m.kind = 'requirement_review' AND m.ended_at IS NOT NULL) THEN 1 ELSE 0 END,
  (SELECT COUNT(*) FROM acceptanceitem a WHERE a.project_id = p.id
     AND a.dropped_at IS NULL AND a.verdict = 'pending'),
  (SELECT COUNT(*) FROM acceptanceitem a WHERE a.project_id = p.id
     AND a.dropped_at IS NULL AND a.verdict = 'fail'),
  (SELECT COUNT(*) FROM milestone ms WHERE ms.project_id = p.id),
  (SELECT COUNT(*) FROM deliverable dl WHERE dl.project_id = p.id)
FROM project p LEFT JOIN department d ON d.id = p.requesting_department_id
ORDER BY CASE p.phase WHEN 'closed' THEN 1 ELSE 0 END, p.code
"""

#: Departments that have not agreed yet, per project, in form order.
NOT_AGREED_SQL = """
SELECT c.project_id, d.name
FROM consultation c
JOIN department d ON d.id = c.department_id
JOIN projectdepartment pd ON pd.project_id = c.project_id AND pd.department_id = c.department_id
WHERE c.status <> 'agreed'
ORDER BY c.project_id, pd.position, d.name
"""

#: Collaborating departments that have not signed off (0) or rejected (1), per project,
#: in form order: the acceptance gate's "not signed" (domain/acceptance.py).
UNSIGNED_SQL = """
SELECT pd.project_id, d.name, CASE WHEN s.id IS NULL THEN 0 ELSE 1 END
FROM projectdepartment pd
JOIN department d ON d.id = pd.department_id
LEFT JOIN signoff s ON s.project_id = pd.project_id AND s.department_id = pd.department_id
WHERE pd.role = 'collaborating' AND (s.id IS NULL OR s.verdict = 'rejected')
ORDER BY pd.project_id, pd.position, d.name
"""


def group_unsigned(rows, rejected_label) -> dict[int, list[str]]:
    """``UNSIGNED_SQL`` rows grouped by project id: missing names, then rejecting ones
    worded by ``rejected_label(name)``."""
    missing: dict[int, list[str]] = {}
    rejected: dict[int, list[str]] = {}
    for project_id, name, signed in rows:
        if signed:
            rejected.setdefault(project_id, []).append(rejected_label(name))
        else:
            missing.setdefault(project_id, []).append(name)
    return {pid: missing.get(pid, []) + rejected.get(pid, []) for pid in {*missing, *rejected}}


def row_to_summary(
    row, not_agreed: dict[int, list[str]], unsigned: dict[int, list[str]] | None = None
) -> ProjectSummary:
    """A dashboard result row (and the departments not agreed, not signed) as a summary."""
    return ProjectSummary(
        id=row[0],
        code=row[1],
        topic=row[2],
        requesting_department=row[3],
        phase=row[4],
        open_tasks=row[5],
        overdue_tasks=row[6],
        open_risks=row[7],
        tasks=row[8],
        goals=row[9],
        partners=row[10],
        has_lead=bool(row[11]),
        has_requesting=bool(row[12]),
        confirmed=bool(row[13]),
        not_agreed=tuple(not_agreed.get(row[0], ())),
        retro_held=bool(row[14]),
        review_pending=bool(row[15]),
        acceptance_pending=row[16],
        acceptance_failed=row[17],
        signoffs_missing=tuple((unsigned or {}).get(row[0], ())),
        milestones=row[18],
        deliverables=row[19],
    )


def group_not_agreed(rows) -> dict[int, list[str]]:
    """``NOT_AGREED_SQL`` rows grouped by project id."""
    grouped: dict[int, list[str]] = {}
    for project_id, name in rows:
        grouped.setdefault(project_id, []).append(name)
    return grouped
