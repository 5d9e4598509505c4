"""The playbook's rules as alerts: what needs attention now, most severe first.

Pure functions with an injected clock: :func:`alerts` takes the plain facts the store
gathers (:class:`AlertFacts`), the moment ``now``, a :class:`~collabtui.domain.workdays.WorkCalendar`
and the team's time zone, and returns :class:`Alert` values. Each alert names its rule,
its severity, a message key with parameters (rendered in either language through a
translator), the record it concerns and, where there is one, the moment it is due.

The detection reuses :mod:`collabtui.domain.playbook`'s rule functions; this module decides
which findings still need attention and how urgent they are:

- ``overdue``: a deadline has passed and the thing is still not done (``collab
  alerts`` exits 1 for these);
- ``warning``: a rule is broken and someone should act (a missing owner, a notice sent
  late for a meeting still to come, a risk warning raised late);
- ``info``: a deadline is coming (minutes due within 24 h, a notice due tomorrow).

Closed projects raise no alerts: what they broke is history, kept in the change log.
Broken rules that can no longer be mended (a past meeting's late notice, minutes
distributed late) are not alerts either; the project screen still shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from collabtui.domain.alert_facts import (
    AlertFacts,
    DecisionFacts,
    MeetingFacts,
    ProjectFacts,
    RiskFacts,
    TaskFacts,
)
from collabtui.domain.lifecycle_rules import meeting_prepared_problems
from collabtui.domain.playbook import (
    MINUTES_HOURS,
    decision_problems,
    notice_deadline,
    open_item_problems,
    problems_of_meeting,
    resource_problems,
    risk_is_late,
    risk_lead_time,
    task_problems,
)
from collabtui.domain.views import ResourceRow
from collabtui.domain.weeks import iso_week, week_days
from collabtui.domain.workdays import WorkCalendar

#: Severities, most severe first.
SEVERITIES = ("overdue", "warning", "info")
#: The kinds of record an alert can name (and the dashboard can open).
RECORD_TYPES = ("project", "meeting", "decision", "open_item", "task", "resource", "risk")
#: The rules, in the order of PLAYBOOK.md's table ("The rules the software can keep").
RULES = (
    "meeting_notice",
    "meeting_duration",
    "meeting_prepared",
    "minutes_distributed",
    "decision_tracked",
    "open_item_follow_up",
    "task_defined",
    "task_overdue",
    "resource_in_place",
    "risk_lead_time",
    "weekly_progress",
    "acceptance_signed",
    "retrospective",
)
#: A retrospective is held at most this many working days after the project ends.
RETRO_WORKDAYS = 5
#: The weeks a missing-progress alert lists by name before it only counts.
WEEKS_SHOWN = 4

_OPEN_TASK = frozenset({"todo", "in_progress", "blocked"})
_OPEN_RISK = frozenset({"open", "assessing", "mitigating"})


# --------------------------------------------------------------------------- alert


@dataclass(frozen=True)
class Alert:
    """One rule broken (or about to be) by one record."""

    rule: str
    severity: str
    key: str
    record_type: str
    record_id: int
    label: str
    project_id: int | None = None
    project_code: str = ""
    due: date | datetime | None = None
    params: dict = field(default_factory=dict, hash=False, compare=False)
    #: The meeting a decision or an open item came from (to open its minutes).
    meeting_id: int | None = None

    @property
    def overdue(self) -> bool:
        """A deadline has passed and the thing is not done."""
        return self.severity == "overdue"

    def message(self, tr: Callable[..., str]) -> str:
        """The alert in words; list parameters are joined the language's way."""
        params = {
            k: tr("alert.sep").join(str(x) for x in v) if isinstance(v, tuple | list) else v
            for k, v in self.params.items()
        }
        return tr(self.key, **params)


def due_moment(value: date | datetime | None, tz: tzinfo) -> datetime | None:
    """A due date or time as a moment (a date: the start of that day in ``tz``)."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min, tzinfo=tz)


def sort_key(alert: Alert, tz: tzinfo) -> tuple:
    """Most severe first, then the earliest due (undated last), then by project and record.

    The sort is stable: one record's alerts keep the order the rules found them in.
    """
    moment = due_moment(alert.due, tz)
    return (
        SEVERITIES.index(alert.severity) if alert.severity in SEVERITIES else len(SEVERITIES),
        moment is None,
        moment.timestamp() if moment is not None else 0.0,
        alert.project_code,
        RECORD_TYPES.index(alert.record_type) if alert.record_type in RECORD_TYPES else 99,
        alert.record_id,
    )


def count_by_severity(found: Iterable[Alert]) -> dict[str, int]:
    """``{"overdue": n, "warning": n, "info": n}``."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for alert in found:
        counts[alert.severity] = counts.get(alert.severity, 0) + 1
    return counts


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Ref:
    """The record an alert names; :meth:`alert` fills in the rest."""

    record_type: str
    record_id: int
    label: str
    project_id: int | None
    project_code: str
    meeting_id: int | None = None

    def alert(self, rule: str, severity: str, key: str, due=None, /, **params) -> Alert:
        return Alert(
            rule=rule,
            severity=severity,
            key=key,
            record_type=self.record_type,
            record_id=self.record_id,
            label=self.label,
            project_id=self.project_id,
            project_code=self.project_code,
            due=due,
            params=params,
            meeting_id=self.meeting_id,
        )


def alerts(facts: AlertFacts, now: datetime, calendar: WorkCalendar, tz: tzinfo) -> list[Alert]:
    """Every alert the facts raise at ``now``, most severe first.

    ``tz`` is the user's time zone (the clock's): dates (due dates, the day a risk
    threatens, ISO weeks, working days) are read in it.
    """
    zone = tz
    today = now.astimezone(zone).date()
    codes: dict[int | None, str] = {p.id: p.code for p in facts.projects}
    closed = {p.id for p in facts.projects if p.phase == "closed"}

    def ref(kind: str, key: int, label: str, project: int | None, meeting=None) -> _Ref:
        return _Ref(kind, key, label, project, codes.get(project, ""), meeting)

    found: list[Alert] = []
    for m in facts.meetings:
        if m.project_id not in closed:
            found += _meeting_alerts(ref("meeting", m.id, m.title, m.project_id), m, now, zone)
    for d in facts.decisions:
        if d.project_id not in closed and d.status == "open":
            found += _decision_alerts(
                ref("decision", d.id, d.text, d.project_id, d.meeting_id), d, today
            )
    for o in facts.open_items:
        if o.project_id not in closed:
            r = ref("open_item", o.id, o.text, o.project_id, o.meeting_id)
            for problem in open_item_problems(o.follow_up_meeting_id, o.resolved):
                found.append(r.alert("open_item_follow_up", "warning", problem.key))
    for k in facts.tasks:
        if k.project_id not in closed and k.status != "accepted":
            label = f"{k.code} {k.title}".strip()
            found += _task_alerts(ref("task", k.id, label, k.project_id), k, today)
    for x in facts.resources:
        if x.project_id not in closed:
            label = x.description or x.purpose or x.kind
            found += _resource_alerts(ref("resource", x.id, label, x.project_id), x, today)
    for risk in facts.risks:
        if risk.project_id not in closed:
            found += _risk_alerts(ref("risk", risk.id, risk.title, risk.project_id), risk, zone)
    meetings_of: dict[int, list[MeetingFacts]] = {}
    for m in facts.meetings:
        if m.project_id is not None:
            meetings_of.setdefault(m.project_id, []).append(m)
    for p in facts.projects:
        r = ref("project", p.id, p.topic, p.id)
        if p.phase == "executing":
            found += _progress_alerts(r, p, today, zone, calendar)
        if p.phase in ("accepting", "retrospective"):
            found += _signoff_alerts(r, p, zone)
        if p.phase == "retrospective":
            found += _retro_alerts(r, p, meetings_of.get(p.id, []), today, zone, calendar)
    return sorted(found, key=lambda a: sort_key(a, zone))


def _local(moment: datetime, tz: tzinfo) -> str:
    from collabtui.i18n import formats

    return formats.datetime(moment, tz)


def _meeting_alerts(r: _Ref, m: MeetingFacts, now: datetime, tz: tzinfo) -> list[Alert]:
    """Notice and duration while the meeting is still to come; minutes once it ended."""
    found = []
    problems = {p.key: p for p in problems_of_meeting(m, now, tz)}
    if m.ended_at is None and m.started_at is None and now < m.start_at:
        deadline = notice_deadline(m.start_at, tz)
        if "meeting.notice_late" in problems and m.notice_sent_at is None:
            found.append(
                r.alert(
                    "meeting_notice",
                    "overdue",
                    "alert.notice_not_sent",
                    deadline,
                    due=_local(deadline, tz),
                )
            )
        elif "meeting.notice_late" in problems:
            start = _local(m.start_at, tz)
            found.append(
                r.alert(
                    "meeting_notice", "warning", "alert.notice_sent_late", deadline, start=start
                )
            )
        elif m.notice_sent_at is None and now >= deadline - timedelta(days=1):
            found.append(
                r.alert(
                    "meeting_notice", "info", "alert.notice_due", deadline, due=_local(deadline, tz)
                )
            )
        for key in ("meeting.too_long", "meeting.too_short"):
            if key in problems:
                found.append(
                    r.alert("meeting_duration", "warning", key, m.start_at, **problems[key].params)
                )
    started = m.started_at is not None or m.ended_at is not None
    for p in meeting_prepared_problems(m.missing, started):
        found.append(r.alert("meeting_prepared", "warning", p.key, m.start_at))
    if m.ended_at is not None and m.minutes_distributed_at is None:
        due = m.ended_at + timedelta(hours=MINUTES_HOURS)
        if "meeting.minutes_late" in problems:
            found.append(r.alert("minutes_distributed", "overdue", "meeting.minutes_late", due))
        else:
            found.append(
                r.alert(
                    "minutes_distributed", "info", "alert.minutes_due", due, due=_local(due, tz)
                )
            )
    return found


def _decision_alerts(r: _Ref, d: DecisionFacts, today: date) -> list[Alert]:
    """An open decision has an owner and a due date, and is not past it."""
    return [
        r.alert(
            "decision_tracked",
            "overdue" if p.key == "meeting.decision_overdue" else "warning",
            p.key,
            d.due_on,
            **p.params,
        )
        for p in decision_problems(d.owner_id, d.due_on, d.status, today)
    ]


def _task_alerts(r: _Ref, k: TaskFacts, today: date) -> list[Alert]:
    """One owner who is still here, a deliverable, a quality standard; not overdue."""
    found = []
    if k.owner_id is None:
        found.append(r.alert("task_defined", "warning", "alert.task_no_owner", k.due_on))
    elif k.owner_retired and k.status in _OPEN_TASK:
        found.append(r.alert("task_defined", "warning", "alert.task_owner_retired", k.due_on))
    if k.due_on is None and k.status in _OPEN_TASK:  # nothing tells when it is late
        found.append(r.alert("task_defined", "warning", "alert.task_no_due", None))
    for p in task_problems(k.deliverable, k.quality_standard, k.status, k.due_on, today):
        if p.key == "task.overdue":
            found.append(r.alert("task_overdue", "overdue", p.key, k.due_on, **p.params))
        else:
            found.append(r.alert("task_defined", "warning", p.key, k.due_on, **p.params))
    return found


def _resource_alerts(r: _Ref, x: ResourceRow, today: date) -> list[Alert]:
    """A request gets a confirmed in-place date before it is needed, and arrives."""
    if x.status not in ("requested", "approved"):
        return []
    needed = x.needed_by
    if needed is not None and needed < today:
        return [
            r.alert(
                "resource_in_place", "overdue", "alert.resource_not_in_place", needed, date=needed
            )
        ]
    if x.status == "requested":
        return [r.alert("resource_in_place", "info", "alert.resource_undecided", needed)]
    found = [
        r.alert("resource_in_place", "warning", p.key, needed, **p.params)
        for p in resource_problems(x, today)
    ]
    if x.in_place_on is not None and x.in_place_on < today:
        found.append(
            r.alert(
                "resource_in_place",
                "warning",
                "alert.resource_not_marked",
                needed,
                date=x.in_place_on,
            )
        )
    return found


def _risk_alerts(r: _Ref, x: RiskFacts, tz: tzinfo) -> list[Alert]:
    """An open risk warning that reached the departments less than 24 h ahead."""
    if x.status not in _OPEN_RISK or not risk_is_late(x.raised_at, x.threatened_on, tz):
        return []
    lead = risk_lead_time(x.raised_at, x.threatened_on, tz)
    hours = int(lead.total_seconds() / 3600) if lead is not None else 0
    return [
        r.alert(
            "risk_lead_time",
            "warning",
            "alert.risk_late",
            x.threatened_on,
            hours=hours,
            date=x.threatened_on,
        )
    ]


def execution_start(p: ProjectFacts, tz: tzinfo) -> date | None:
    """The day a project started executing.

    The phase guard's record of the move to *executing* when there is one; otherwise
    (imported or demo data) the later of the requirement confirmation and the start
    date; ``None`` when neither is known.
    """
    entered = p.entered_at("executing")
    if entered is not None:
        return entered.astimezone(tz).date()
    confirmed = p.confirmed_at.astimezone(tz).date() if p.confirmed_at else None
    known = [d for d in (confirmed, p.start_on) if d is not None]
    return max(known) if known else None


def executing_weeks(
    p: ProjectFacts, today: date, tz: tzinfo, calendar: WorkCalendar | None = None
) -> list[str]:
    """The ISO weeks that need a weekly progress list, oldest first.

    Every full ISO week (Monday to Sunday) from the first Monday on or after the
    execution start up to last week: the current week is not missing yet. With a
    ``calendar``, a week without a single working day (a Spring Festival week) is
    skipped.
    """
    start = execution_start(p, tz)
    if start is None or start >= today:
        return []
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    weeks = []
    while monday + timedelta(days=6) < today:
        days = (monday + timedelta(days=n) for n in range(7))
        if calendar is None or any(calendar.is_workday(d) for d in days):
            weeks.append(iso_week(monday))
        monday += timedelta(days=7)
    return weeks


def _progress_alerts(
    r: _Ref, p: ProjectFacts, today: date, tz: tzinfo, calendar: WorkCalendar
) -> list[Alert]:
    """One alert per executing project naming the weeks without a progress list."""
    weeks = executing_weeks(p, today, tz, calendar)
    missing = [w for w in weeks if w not in p.progress_weeks]
    if not missing:
        return []
    sunday = week_days(missing[0])[1]
    shown = ", ".join(missing[:WEEKS_SHOWN])
    if len(missing) > WEEKS_SHOWN:
        shown += f" (+{len(missing) - WEEKS_SHOWN})"
    return [
        r.alert(
            "weekly_progress",
            "overdue",
            "alert.progress_missing",
            sunday,
            weeks=shown,
            n=len(missing),
        )
    ]


def _signoff_alerts(r: _Ref, p: ProjectFacts, tz: tzinfo) -> list[Alert]:
    """Every collaborating department accepts; overdue once the project moved past acceptance."""
    missing = tuple(name for dept, name in p.departments if dept not in p.signed_off)
    if not missing:
        return []
    if p.phase == "accepting":
        return [
            r.alert(
                "acceptance_signed", "warning", "alert.signoff_missing", None, departments=missing
            )
        ]
    entered = p.entered_at("retrospective")
    due = entered.astimezone(tz).date() if entered else None
    return [
        r.alert("acceptance_signed", "overdue", "alert.signoff_missing", due, departments=missing)
    ]


def project_end(p: ProjectFacts) -> datetime | date | None:
    """When a project's work ended: the moment its retrospective is counted from.

    ``Project.ended_at`` when recorded; else the move into the *retrospective* phase
    (acceptance done); else the end of its last acceptance meeting; else its planned
    end date.
    """
    if p.ended_at is not None:
        return p.ended_at
    entered = p.entered_at("retrospective")
    if entered is not None:
        return entered
    if p.acceptance_ended:
        return max(p.acceptance_ended)
    return p.end_on


def retro_deadline(
    end: datetime | date, today: date, calendar: WorkCalendar, tz: tzinfo
) -> tuple[date, date]:
    """The day the project's work ended and the last day for its retrospective.

    A planned end still ahead counts as today (whoever holds the retrospective has
    ended the work already); the deadline is the :data:`RETRO_WORKDAYS`-th working day
    after the end.
    """
    end_day = end.astimezone(tz).date() if isinstance(end, datetime) else end
    end_day = min(end_day, today)
    return end_day, calendar.add_workdays(end_day, RETRO_WORKDAYS)


def _retro_alerts(
    r: _Ref,
    p: ProjectFacts,
    meetings: list[MeetingFacts],
    today: date,
    tz: tzinfo,
    calendar: WorkCalendar,
) -> list[Alert]:
    """The retrospective is held at most 5 working days after the end."""
    end = project_end(p)
    if end is None:
        return []
    end_day, due = retro_deadline(end, today, calendar, tz)
    retros = sorted((m for m in meetings if m.kind == "retrospective"), key=lambda m: m.start_at)
    held = [m for m in retros if m.started_at is not None or m.ended_at is not None]
    if held:
        m = held[0]
        held_on = (m.started_at or m.start_at).astimezone(tz).date()
        if held_on <= due:
            return []
        n = calendar.workdays_between(end_day, held_on)
        r = _Ref("meeting", m.id, m.title, p.id, p.code)
        return [r.alert("retrospective", "warning", "alert.retro_late", due, end=end_day, n=n)]
    if today > due:
        return [
            r.alert("retrospective", "overdue", "alert.retro_overdue", due, end=end_day, due=due)
        ]
    if not retros:
        return [
            r.alert(
                "retrospective", "warning", "alert.retro_not_planned", due, end=end_day, due=due
            )
        ]
    planned = retros[0]
    if planned.start_at.astimezone(tz).date() <= due:
        return []
    r = _Ref("meeting", planned.id, planned.title, p.id, p.code)
    return [
        r.alert("retrospective", "warning", "alert.retro_planned_late", due, end=end_day, due=due)
    ]


__all__ = [
    "RECORD_TYPES",
    "RULES",
    "SEVERITIES",
    "Alert",
    "AlertFacts",
    "alerts",
    "count_by_severity",
    "executing_weeks",
    "project_end",
    "sort_key",
]
