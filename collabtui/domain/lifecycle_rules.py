"""The conditions of the lifecycle tables (domain/lifecycle.py), as pure predicates.

Each returns :class:`~collabtui.domain.playbook.Problem` values (a field, a message key,
its parameters), translated where they are shown. Two kinds:

* **state conditions** hold for every stored record, whatever wrote it (a form, the
  CLI, an imported file, undo): minutes are distributed only after the meeting ended,
  an open task is not at 100 %, an outcome of a one-to-one is not dated in the future…
* **entry conditions** hold when a record *enters* a state by an ordinary write (not
  when undo or redo restores a state it was in): a task enters 已验收 only through a
  passed acceptance item, a decision that became a task is done only with its task…

The store (store/lifecycle_guard.py) checks both on every flush; the screens ask the
same predicates to say why a key is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from collabtui.domain.enums import OPEN_TASK_STATUSES, TaskStatus, Verdict
from collabtui.domain.lifecycle import DECISION, MEETING, MeetingState
from collabtui.domain.playbook import Problem

#: A meeting started this long before its time counts as on time (no question asked).
START_GRACE = timedelta(minutes=15)
#: Verdicts that let a task be accepted: passed, or waived with a reason.
ACCEPTING_VERDICTS = (Verdict.PASS.value, Verdict.WAIVED.value)
_DONE = (TaskStatus.DONE.value, TaskStatus.ACCEPTED.value)


def latest_today(now: datetime) -> date:
    """The latest calendar date anywhere on Earth at ``now`` (UTC+14).

    The store does not know the user's zone; a date after this one is in the future
    for everybody, so refusing it never refuses a date that has come somewhere.
    """
    return (now.astimezone(UTC) + timedelta(hours=14)).date()


def _v(value: object) -> str:
    """The plain text of an enum member or of a status given as text."""
    return str(getattr(value, "value", value))


# --------------------------------------------------------------------------- meeting


def meeting_conditions(
    started_at: datetime | None, ended_at: datetime | None, distributed_at: datetime | None
) -> list[Problem]:
    """A meeting ends after it started; its minutes go out only after it ended."""
    problems = []
    if ended_at is not None and (started_at is None or ended_at < started_at):
        problems.append(Problem("ended_at", "lifecycle.meeting.end_before_start"))
    if distributed_at is not None and (ended_at is None or distributed_at < ended_at):
        problems.append(Problem("minutes_distributed_at", "lifecycle.meeting.minutes_before_end"))
    return problems


def check_notice(state: object) -> None:
    """The notice is recorded only while the meeting is planned (again while its notice
    is out): the meeting table moves to notice sent only from planned. Raises the
    table's translated refusal (``ValidationError`` on ``status``) once it started."""
    if _v(state) != MeetingState.NOTICE_SENT:
        MEETING.check(_v(state), MeetingState.NOTICE_SENT.value)


def starts_early(start_at: datetime, now: datetime) -> bool:
    """Whether starting at ``now`` is early enough to ask first (beyond :data:`START_GRACE`)."""
    return now < start_at - START_GRACE


def confirmation_conditions(review_ended_at: datetime | None, now: datetime) -> list[Problem]:
    """The requirement confirmation minutes follow a review meeting that was held."""
    if review_ended_at is None or review_ended_at > now:
        return [Problem("meeting_id", "lifecycle.confirm.review_not_held")]
    return []


# --------------------------------------------------------------------------- task


def task_conditions(status: object, progress: int | None) -> list[Problem]:
    """An open task is not complete: 100 % belongs to a done task."""
    if _v(status) in OPEN_TASK_STATUSES and (progress or 0) >= 100:
        return [Problem("progress", "lifecycle.task.full_but_open")]
    return []


def task_entry_conditions(new_status: object, verdicts: list[str]) -> list[Problem]:
    """A task enters 已验收 only through a passed (or waived) acceptance item.

    ``verdicts``: the verdicts of the acceptance items that check this task.
    """
    if _v(new_status) == TaskStatus.ACCEPTED and not any(v in ACCEPTING_VERDICTS for v in verdicts):
        return [Problem("status", "lifecycle.task.accept_without_item")]
    return []


def progress_after_move(old_status: object, new_status: object, progress: int, last: int) -> int:
    """The progress a task keeps when it changes column.

    Into done or accepted: 100. Out of them into an open column: back to 0 for
    待开始, else to ``last`` (the latest daily update below 100 %, or 0). Otherwise
    the progress stays.
    """
    old, new = _v(old_status), _v(new_status)
    if new in _DONE:
        return 100
    if old in _DONE and new in OPEN_TASK_STATUSES:
        return 0 if new == TaskStatus.TODO else min(last, 99)
    return progress


def update_conditions(on: date, start_on: date | None, now: datetime) -> list[Problem]:
    """A daily update is dated within the task's life: not before its start, not ahead."""
    problems = []
    if start_on is not None and on < start_on:
        problems.append(Problem("on", "lifecycle.update.before_start", {"date": start_on}))
    if on > latest_today(now):
        problems.append(Problem("on", "lifecycle.update.future", {"date": on}))
    return problems


def decision_entry_conditions(new_status: object, task_status: object | None) -> list[Problem]:
    """An action item's decision is done only when the task it became is done."""
    if _v(new_status) == "done" and task_status is not None and _v(task_status) not in _DONE:
        return [Problem("status", "lifecycle.decision.task_open")]
    return []


# --------------------------------------------------------------------------- phase 1


def consultation_conditions(status: object, held_on: date | None, now: datetime) -> list[Problem]:
    """The outcome of a one-to-one (not pending) is not dated in the future."""
    if _v(status) != "pending" and held_on is not None and held_on > latest_today(now):
        return [Problem("held_on", "lifecycle.consultation.future", {"date": held_on})]
    return []


# --------------------------------------------------------------------------- resources


def resource_conditions(status: object, in_place_on: date | None, now: datetime) -> list[Problem]:
    """A resource is in place on a day that has come (a future day is only promised)."""
    if _v(status) == "in_place" and in_place_on is not None and in_place_on > latest_today(now):
        return [Problem("in_place_on", "lifecycle.resource.in_place_future", {"date": in_place_on})]
    return []


# --------------------------------------------------------------------------- acceptance


def verdict_entry_conditions(old: object, new: object, task_status: object | None) -> list[Problem]:
    """A passed item whose task was accepted through it stays passed until the task
    is moved back out of 已验收."""
    if (
        _v(old) in ACCEPTING_VERDICTS
        and _v(new) not in ACCEPTING_VERDICTS
        and task_status is not None
        and _v(task_status) == TaskStatus.ACCEPTED
    ):
        return [Problem("verdict", "lifecycle.acceptance.task_accepted")]
    return []


def verdict_hints(new: object, task_progress: int | None) -> list[Problem]:
    """Passing an item whose task is not finished: allowed, but said (a hint)."""
    if _v(new) == Verdict.PASS and task_progress is not None and task_progress < 100:
        return [
            Problem(
                "verdict", "lifecycle.acceptance.task_unfinished", {"n": task_progress}, hint=True
            )
        ]
    return []


def follow_up_conditions(start_at: datetime, original_start: datetime) -> list[Problem]:
    """A follow-up meeting (二次沟通) comes after the meeting it follows up."""
    if start_at <= original_start:
        return [Problem("start_at", "lifecycle.meeting.follow_up_before")]
    return []


def default_meeting_time(
    earliest: datetime, is_workday: Callable[[date], bool], hour: int = 10
) -> datetime:
    """A meeting's default time: ``hour`` o'clock on the first working day on or after
    ``earliest`` (a wall-clock time in the user's zone; the next day when ``hour`` has
    passed), so no default falls on a weekend or a holiday."""
    day = earliest.date()
    if earliest.replace(hour=hour, minute=0, second=0, microsecond=0) < earliest:
        day += timedelta(days=1)
    for _ in range(60):  # the longest holiday run is far shorter
        if is_workday(day):
            break
        day += timedelta(days=1)
    return earliest.replace(
        year=day.year, month=day.month, day=day.day, hour=hour, minute=0, second=0, microsecond=0
    )


# --------------------------------------------------------------------------- prepared

#: What a meeting needs before it is held, in the form's order (the message keys'
#: last part: ``lifecycle.meeting.no_<part>``).
MEETING_PARTS = ("agenda", "host", "recorder", "attendees")


def meeting_missing(
    agenda_items: int, host_id: int | None, recorder_id: int | None, attendees: int
) -> tuple[str, ...]:
    """The parts of :data:`MEETING_PARTS` a meeting lacks: no agenda item, no host,
    no recorder, nobody invited."""
    have = {
        "agenda": agenda_items > 0,
        "host": host_id is not None,
        "recorder": recorder_id is not None,
        "attendees": attendees > 0,
    }
    return tuple(part for part in MEETING_PARTS if not have[part])


def meeting_prepared_problems(missing: tuple[str, ...], started: bool) -> list[Problem]:
    """Once a meeting has started (or was held), each part it lacks is a problem;
    before, a plan may still be completed."""
    if not started:
        return []
    return [Problem(part, f"lifecycle.meeting.no_{part}") for part in missing]


def next_decision_status(cycle: list[str], status: str, task_status: object | None) -> str | None:
    """The status ``space`` moves a decision to in the decision list: the next one of
    ``cycle`` after ``status`` that the decision table and its entry conditions allow
    (a decision whose task is not done skips "done"); ``None`` when none is."""
    start = cycle.index(status)
    for step in range(1, len(cycle)):
        target = cycle[(start + step) % len(cycle)]
        if DECISION.allows(status, target) and not decision_entry_conditions(target, task_status):
            return target
    return None
