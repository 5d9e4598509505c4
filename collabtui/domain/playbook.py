"""The playbook's rules as pure functions: no I/O, no terminal, no database.

A rule returns :class:`Problem` values — a field (or ``""`` for the whole record), a
message key and its parameters — so the CLI, the UI and the store share one wording,
translated where it is shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from collabtui.domain.enums import OPEN_TASK_STATUSES, Phase, values

if TYPE_CHECKING:  # (start-up imports the rules of the dashboard, not these records)
    from collabtui.domain.drafts import RequestDraft
    from collabtui.domain.summary import ProjectSummary
    from collabtui.domain.views import ResourceRow

#: Lifecycle phases, in order (values of :class:`collabtui.store.models.Phase`).
PHASES = values(Phase)


@dataclass(frozen=True)
class Problem:
    """Something a rule found. ``hint`` problems inform; the others block."""

    field: str
    key: str
    # dataclasses.field: the name ``field`` is the attribute above.
    params: dict = dataclasses.field(default_factory=dict, hash=False, compare=False)
    hint: bool = False

    def message(self, tr: Callable[..., str]) -> str:
        """The problem in words, through a translator such as :func:`collabtui.i18n.t`."""
        return tr(self.key, **self.params)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_request(draft: RequestDraft, today: date) -> list[Problem]:
    """Every problem with a request form; blocking ones first, then hints.

    Required: code, topic, requesting department, lead, at least one collaborating
    department and one goal. Milestones in date order, and not in the past for a
    new project. The requesting department cannot also collaborate. No duplicate
    goals. A goal without a number is a hint: it cannot be measured.
    """
    problems: list[Problem] = []
    for name in ("code", "topic"):
        if not getattr(draft, name).strip():
            problems.append(Problem(name, "rule.required"))
    if draft.requesting_department_id is None:
        problems.append(Problem("requesting_department_id", "rule.required"))
    if draft.lead_id is None:
        problems.append(Problem("lead_id", "rule.required"))
    partners = [p for p in draft.partners if p.department_id is not None or p.new_name.strip()]
    if not partners:
        problems.append(Problem("partners", "rule.need_partner"))
    if draft.requesting_department_id is not None and any(
        p.department_id == draft.requesting_department_id for p in partners
    ):
        problems.append(Problem("partners", "rule.requesting_is_partner"))
    seen_partners: set = set()
    for p in partners:
        ident = p.department_id if p.department_id is not None else _norm(p.new_name)
        if ident in seen_partners:
            problems.append(Problem("partners", "rule.duplicate_partner"))
            break
        seen_partners.add(ident)

    goals = [g for g in draft.goals if g.description.strip()]
    if not goals:
        problems.append(Problem("goals", "rule.need_goal"))
    seen: dict[str, int] = {}
    for i, goal in enumerate(draft.goals):
        if not goal.description.strip():
            if goal.metric.strip() or goal.target is not None:
                problems.append(Problem(f"goals.{i}", "rule.goal_needs_description"))
            continue
        key = _norm(goal.description)
        if key in seen:
            problems.append(Problem(f"goals.{i}", "rule.duplicate_goal", {"n": seen[key] + 1}))
        else:
            seen[key] = i

    previous: date | None = None
    for i, ms in enumerate(draft.milestones):
        if not ms.name.strip() and ms.due_on is None:
            continue
        where = f"milestones.{i}"
        if not ms.name.strip():
            problems.append(Problem(where, "rule.milestone_needs_name"))
        if ms.due_on is None:
            problems.append(Problem(where, "rule.milestone_needs_date"))
            continue
        if draft.is_new and ms.due_on < today:
            problems.append(Problem(where, "rule.milestone_in_past", {"date": ms.due_on}))
        if previous is not None and ms.due_on < previous:
            problems.append(Problem(where, "rule.milestones_out_of_order", {"date": previous}))
        previous = ms.due_on

    if draft.start_on is not None and draft.end_on is not None and draft.end_on < draft.start_on:
        problems.append(Problem("end_on", "rule.end_before_start", {"date": draft.start_on}))

    for i, goal in enumerate(draft.goals):
        if goal.description.strip() and not goal.measurable:
            problems.append(Problem(f"goals.{i}", "rule.goal_not_measurable", hint=True))
    return problems


def blocking(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a save (not hints)."""
    return [p for p in problems if not p.hint]


# --------------------------------------------------------------------------- phases


@dataclass(frozen=True)
class PhaseFacts:
    """What the phase rules need to know about one project (the store gathers it)."""

    phase: str
    request_problems: int = 0
    partners: int = 0
    consultations_agreed: int = 0
    consultations_open: tuple[str, ...] = ()  # departments not (yet) agreed
    confirmed: bool = False
    tasks: int = 0
    tasks_open: int = 0
    signoffs_missing: tuple[str, ...] = ()
    acceptance_failed: int = 0
    retro_held: bool = False
    review_pending: bool = False  # a requirement review is planned, none has been held
    acceptance_pending: int = 0  # acceptance items kept but never judged
    #: What the request still lacks of milestones and deliverables (:func:`request_lacks`).
    request_lacks: tuple[str, ...] = ()


def request_lacks(milestones: int, deliverables: int) -> tuple[str, ...]:
    """``"milestones"`` / ``"deliverables"`` for a request that names none: it may be
    saved so, but it does not pass the gates of phase 1 (draft, aligning)."""
    lacks = []
    if milestones == 0:
        lacks.append("milestones")
    if deliverables == 0:
        lacks.append("deliverables")
    return tuple(lacks)


def next_phase(phase: str) -> str | None:
    """The phase after ``phase``, or ``None`` when it is the last."""
    index = PHASES.index(phase)
    return PHASES[index + 1] if index + 1 < len(PHASES) else None


def gaps_to_advance(facts: PhaseFacts) -> list[Problem]:
    """What is missing before the project may move to its next phase."""
    gaps: list[Problem] = []
    match facts.phase:
        case "draft":
            if facts.request_problems:
                gaps.append(Problem("", "gap.request_incomplete", {"n": facts.request_problems}))
            gaps.extend(Problem("", f"gap.no_{part}") for part in facts.request_lacks)
        case "aligning":
            gaps.extend(Problem("", f"gap.no_{part}") for part in facts.request_lacks)
            for name in facts.consultations_open:
                gaps.append(Problem("", "gap.not_agreed", {"department": name}))
            if facts.partners == 0:
                gaps.append(Problem("", "gap.no_partners"))
            if facts.review_pending:
                gaps.append(Problem("", "gap.review_not_held"))
            if not facts.confirmed:
                gaps.append(Problem("", "gap.no_confirmation"))
        case "confirmed":
            if facts.tasks == 0:
                gaps.append(Problem("", "gap.no_tasks"))
        case "executing":
            if facts.tasks_open:
                gaps.append(Problem("", "gap.tasks_open", {"n": facts.tasks_open}))
        case "accepting":
            gaps.extend(_acceptance_gaps(facts))
        case "retrospective":
            # Closing is final: whatever acceptance left open still stops it.
            if facts.tasks_open:
                gaps.append(Problem("", "gap.tasks_open", {"n": facts.tasks_open}))
            gaps.extend(_acceptance_gaps(facts))
            if not facts.retro_held:
                gaps.append(Problem("", "gap.no_retro"))
    return gaps


def _acceptance_gaps(facts: PhaseFacts) -> list[Problem]:
    """Sign-offs missing, items failed and items never judged."""
    gaps = [Problem("", "gap.not_signed", {"department": n}) for n in facts.signoffs_missing]
    if facts.acceptance_failed:
        gaps.append(Problem("", "gap.acceptance_failed", {"n": facts.acceptance_failed}))
    if facts.acceptance_pending:
        gaps.append(Problem("", "gap.acceptance_pending", {"n": facts.acceptance_pending}))
    return gaps


def summary_facts(summary: ProjectSummary) -> PhaseFacts:
    """Phase facts from a dashboard row (counts only, no further queries).

    The request check is reduced to what a row knows (lead, requesting department,
    partners, goals); a request saved through the form has passed the full check.
    """
    missing = [
        not summary.has_lead,
        not summary.has_requesting,
        summary.partners == 0,
        summary.goals == 0,
    ]
    return PhaseFacts(
        phase=summary.phase,
        request_problems=sum(missing),
        partners=summary.partners,
        consultations_agreed=summary.partners - len(summary.not_agreed),
        consultations_open=summary.not_agreed,
        confirmed=summary.confirmed,
        tasks=summary.tasks,
        tasks_open=summary.open_tasks,
        signoffs_missing=summary.signoffs_missing,
        acceptance_failed=summary.acceptance_failed,
        retro_held=summary.retro_held,
        review_pending=summary.review_pending,
        acceptance_pending=summary.acceptance_pending,
        request_lacks=request_lacks(summary.milestones, summary.deliverables),
    )


# --------------------------------------------------------------------------- meetings

#: Minutes a meeting of each kind should take (inclusive), per the playbook.
DURATION_NORMS: dict[str, tuple[int, int]] = {
    "requirement_review": (30, 60),
    "weekly_progress": (30, 30),
    "retrospective": (60, 90),
}
NOTICE_DAYS = 3
MINUTES_HOURS = 24


def notice_deadline(start_at: datetime, tz: tzinfo) -> datetime:
    """The last moment a meeting's notice is in time: 3 days before its start.

    Days on the user's wall clock in ``tz``: a meeting at 09:00 after a daylight-saving
    change still needs its notice by 09:00 three days before, not at 08:00 or 10:00.
    """
    local = start_at.astimezone(tz)
    return (local - timedelta(days=NOTICE_DAYS)).astimezone(UTC)


def meeting_problems(
    *,
    kind: str,
    start_at: datetime,
    duration_min: int,
    notice_sent_at: datetime | None,
    ended_at: datetime | None,
    minutes_distributed_at: datetime | None,
    now: datetime,
    tz: tzinfo,
) -> list[Problem]:
    """The playbook's meeting rules that a meeting breaks (or is about to).

    Notice at least 3 days before the start (:func:`notice_deadline`, in the user's
    zone ``tz``); minutes distributed within 24 hours of the end; a duration inside
    its kind's norm.
    """
    problems: list[Problem] = []
    deadline = notice_deadline(start_at, tz)
    if notice_sent_at is None:
        if now > deadline and (ended_at is None or now < start_at):
            problems.append(Problem("notice_sent_at", "meeting.notice_late"))
    elif notice_sent_at > deadline:
        problems.append(Problem("notice_sent_at", "meeting.notice_late"))
    if ended_at is not None:
        due = ended_at + timedelta(hours=MINUTES_HOURS)
        sent = minutes_distributed_at
        if (sent is None and now > due) or (sent is not None and sent > due):
            problems.append(Problem("minutes_distributed_at", "meeting.minutes_late"))
    low, high = DURATION_NORMS.get(kind, (1, 24 * 60))
    if not low <= duration_min <= high:
        key = "meeting.too_long" if duration_min > high else "meeting.too_short"
        problems.append(Problem("duration_min", key, {"low": low, "high": high}))
    return problems


def problems_of_meeting(meeting, now: datetime, tz: tzinfo) -> list[Problem]:
    """:func:`meeting_problems` for any object with a meeting's fields (row or view)."""
    kind = meeting.kind
    return meeting_problems(
        kind=getattr(kind, "value", kind),
        start_at=meeting.start_at,
        duration_min=meeting.duration_min,
        notice_sent_at=meeting.notice_sent_at,
        ended_at=meeting.ended_at,
        minutes_distributed_at=meeting.minutes_distributed_at,
        now=now,
        tz=tz,
    )


def decision_problems(
    owner_id: int | None, due_on: date | None, status: str, today: date
) -> list[Problem]:
    """A decision without owner or due date, or overdue while still open."""
    problems = []
    if owner_id is None:
        problems.append(Problem("owner_id", "meeting.decision_no_owner"))
    if due_on is None:
        problems.append(Problem("due_on", "meeting.decision_no_due"))
    elif status == "open" and due_on < today:
        problems.append(Problem("due_on", "meeting.decision_overdue", {"date": due_on}))
    return problems


def resource_problems(row: ResourceRow, today: date) -> list[Problem]:
    """A resource request whose in-place date (到位时间) is missing or too late.

    Flags an approved request without a confirmed in-place date, and an in-place date
    (confirmed or actual) after the needed-by date; on the needed-by date is in time.
    ``today`` is taken like every rule's, for the alerts built on top.
    """
    problems = []
    if row.status == "approved" and row.in_place_on is None:
        problems.append(Problem("in_place_on", "resource.no_in_place_date"))
    if (
        row.status in ("approved", "in_place")
        and row.in_place_on is not None
        and row.needed_by is not None
        and row.in_place_on > row.needed_by
    ):
        problems.append(
            Problem(
                "in_place_on",
                "resource.in_place_late",
                {"date": row.in_place_on, "needed": row.needed_by},
            )
        )
    return problems


def open_item_problems(follow_up_meeting_id: int | None, resolved: bool) -> list[Problem]:
    """An unresolved item that no follow-up meeting takes up."""
    if follow_up_meeting_id is None and not resolved:
        return [Problem("follow_up_meeting_id", "meeting.open_item_no_follow_up")]
    return []


def task_problems(
    deliverable: str, quality_standard: str, status: str, due_on: date | None, today: date
) -> list[Problem]:
    """What acceptance will miss on a task: no deliverable or quality standard; overdue."""
    problems = []
    if not deliverable.strip():
        problems.append(Problem("deliverable", "task.no_deliverable"))
    if not quality_standard.strip():
        problems.append(Problem("quality_standard", "task.no_quality_standard"))
    if status in OPEN_TASK_STATUSES and due_on is not None and due_on < today:
        problems.append(Problem("due_on", "task.overdue", {"date": due_on}))
    return problems


#: A risk warning must reach the departments this long before the date it threatens.
RISK_NOTICE = timedelta(hours=24)


def risk_lead_time(raised_at: datetime, threatened_on: date | None, tz: tzinfo) -> timedelta | None:
    """How long before the threatened date a warning was raised (``None``: no date).

    The threatened moment is the start of that day in the team's time zone ``tz``: a
    task due on 1 December is at risk from the first hour of that day.
    """
    if threatened_on is None:
        return None
    start = datetime.combine(threatened_on, datetime.min.time(), tzinfo=tz)
    return start - raised_at


def risk_is_late(raised_at: datetime, threatened_on: date | None, tz: tzinfo) -> bool:
    """Raised less than :data:`RISK_NOTICE` (24 h) before the threatened date."""
    lead = risk_lead_time(raised_at, threatened_on, tz)
    return lead is not None and lead < RISK_NOTICE
