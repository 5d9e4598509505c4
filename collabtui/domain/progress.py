"""The weekly standup and the progress list (《进度跟踪清单》): plain data and pure rules.

The store fills these objects; the standup screen, the progress screen and the
exports only read them. Nothing here imports the ORM or Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from collabtui.domain.enums import ProgressStatus, values

#: The weekly progress meeting lasts 30 minutes (phase 4 of the playbook).
STANDUP_MINUTES = 30

#: Progress statuses a standup answer can set, in the order of their keys.
STATUSES = values(ProgressStatus)


@dataclass(frozen=True)
class DailyNote:
    """An owner's daily update shown in the standup (date, progress, done, problems)."""

    on: date
    progress: int
    done: str
    problems: str


@dataclass(frozen=True)
class ProgressRow:
    """One task's line of a week's progress list."""

    task_id: int
    task_code: str
    task_title: str
    department_id: int | None
    department: str
    owner: str
    completion: int
    previous: int | None  # last week's completion, if there was an entry
    status: str
    met_plan: bool
    miss_reason: str
    support_needed: str
    support_from_id: int | None
    support_from: str
    recorded: bool = True  # False: no entry yet this week (the task's current state)
    entry_id: int | None = None
    version: int | None = None
    notes: tuple[DailyNote, ...] = ()
    due_on: date | None = None

    @property
    def change(self) -> int | None:
        """Completion gained since last week (``None`` without last week's entry)."""
        return None if self.previous is None else self.completion - self.previous


@dataclass(frozen=True)
class StandupDepartment:
    """One department's turn: its tasks in the project this week."""

    id: int | None
    name: str
    rows: tuple[ProgressRow, ...]


@dataclass(frozen=True)
class StandupSheet:
    """Everything the standup of one project and one week walks through."""

    project_id: int
    project_code: str
    week: str
    departments: tuple[StandupDepartment, ...]
    meeting_id: int | None = None  # the week's weekly-progress meeting, once recorded
    new_risks: tuple[str, ...] = ()  # titles of warnings raised this week


@dataclass(frozen=True)
class StandupSummary:
    """What the end of a standup says: done, slipped, new risks, support by department."""

    done: tuple[ProgressRow, ...]
    slipped: tuple[ProgressRow, ...]
    new_risks: tuple[str, ...]
    support: dict[str, tuple[ProgressRow, ...]] = field(default_factory=dict)


def summarize(sheet: StandupSheet) -> StandupSummary:
    """The standup's summary from the week's rows (pure)."""
    rows = [row for dept in sheet.departments for row in dept.rows]
    done = tuple(r for r in rows if r.status == "done" and (r.previous or 0) < 100)
    slipped = tuple(r for r in rows if not r.met_plan)
    support: dict[str, list[ProgressRow]] = {}
    for row in rows:
        if row.support_needed.strip():
            support.setdefault(row.support_from or "—", []).append(row)
    return StandupSummary(
        done=done,
        slipped=slipped,
        new_risks=sheet.new_risks,
        support={k: tuple(v) for k, v in sorted(support.items())},
    )


def met_plan(status: str, miss_reason: str) -> bool:
    """A task met the plan unless it is at risk or blocked, or a miss was recorded."""
    return status not in ("at_risk", "blocked") and not miss_reason.strip()


@dataclass(frozen=True)
class Slices:
    """The standup clock: the whole meeting and each department's fair share."""

    total: timedelta
    per_department: timedelta


def slices(departments: int, minutes: int = STANDUP_MINUTES) -> Slices:
    """Split ``minutes`` evenly between ``departments`` (at least one)."""
    total = timedelta(minutes=minutes)
    return Slices(total, total / max(1, departments))


def overtime(started: datetime | None, now: datetime, budget: timedelta) -> timedelta:
    """How far past ``budget`` a turn that began at ``started`` has run (zero if not)."""
    if started is None:
        return timedelta(0)
    return max(timedelta(0), now - started - budget)


def clock_text(span: timedelta) -> str:
    """``mm:ss`` (``h:mm:ss`` past an hour); negative spans are shown as zero."""
    seconds = max(0, int(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def rows_of(sheet: StandupSheet) -> Sequence[ProgressRow]:
    """Every row of the sheet, department by department."""
    return [row for dept in sheet.departments for row in dept.rows]
