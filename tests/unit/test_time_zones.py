"""Every playbook rule that counts days or hours, at its boundary, in the user's zone.

Four zones: Asia/Shanghai (UTC+8, the users' own), America/New_York across both of its
2026 daylight-saving changes (8 March, 1 November), UTC, and Pacific/Kiritimati
(UTC+14, where the day starts first). A boundary is tested from both sides: the last
moment that keeps the rule and the first that breaks it. A property test then asks
any zone, at any moment, for an answer — never a crash — that moves with the zone as
the rule says.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabtui.domain.alert_facts import AlertFacts, MeetingFacts, ProjectFacts, TaskFacts
from collabtui.domain.alerts import alerts, executing_weeks
from collabtui.domain.board import TaskFilter, matches
from collabtui.domain.clock import Clock, FixedClock, UnknownZone, local_zone, zone_named
from collabtui.domain.playbook import (
    meeting_problems,
    notice_deadline,
    risk_is_late,
    risk_lead_time,
    task_problems,
)
from collabtui.domain.relative import parse_week
from collabtui.domain.retro import retro_timing
from collabtui.domain.workdays import WorkCalendar
from collabtui.store.progress import _bounds

ZONES = ["Asia/Shanghai", "America/New_York", "UTC", "Pacific/Kiritimati"]
NEW_YORK = ZoneInfo("America/New_York")
CN = WorkCalendar("CN")
MINUTE = timedelta(minutes=1)


def at(zone: str | tzinfo, y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    """The moment the wall clock in ``zone`` shows that time, in UTC."""
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    return datetime(y, mo, d, h, mi, tzinfo=tz).astimezone(UTC)


def notice_keys(start: datetime, sent: datetime | None, now: datetime, tz) -> list[str]:
    return [
        p.key
        for p in meeting_problems(
            kind="coordination",
            start_at=start,
            duration_min=60,
            notice_sent_at=sent,
            ended_at=None,
            minutes_distributed_at=None,
            now=now,
            tz=tz,
        )
    ]


# --------------------------------------------------------------------------- the clock


@pytest.mark.parametrize("zone", ZONES)
def test_today_turns_at_the_users_midnight(zone):
    tz = ZoneInfo(zone)
    midnight = at(zone, 2026, 12, 2)
    assert FixedClock(midnight - timedelta(seconds=1), tz).today() == date(2026, 12, 1)
    assert FixedClock(midnight, tz).today() == date(2026, 12, 2)


def test_the_real_clock_knows_the_zone_tz_names(monkeypatch):
    for name in ZONES:
        monkeypatch.setenv("TZ", name)
        clock = Clock()
        assert clock.tz == ZoneInfo(name)
        assert clock.now().tzinfo is UTC
        assert clock.today() == clock.now().astimezone(ZoneInfo(name)).date()


def test_the_real_clock_never_lacks_a_zone(monkeypatch):
    """No TZ, or one the tz database does not know: the system's zone, still a tzinfo."""
    monkeypatch.delenv("TZ", raising=False)
    assert isinstance(local_zone(), tzinfo)
    monkeypatch.setenv("TZ", "Nowhere/Special")
    assert isinstance(Clock().tz, tzinfo)
    assert Clock().local(datetime(2026, 1, 1, tzinfo=UTC)).utcoffset() is not None


def test_a_named_zone_wins_over_tz_and_a_fixed_clock_takes_the_same_path(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    real, fixed = Clock("Asia/Shanghai"), FixedClock(at("UTC", 2026, 12, 1, 17), "Asia/Shanghai")
    assert real.tz == fixed.tz == ZoneInfo("Asia/Shanghai")
    assert fixed.today() == date(2026, 12, 2)  # 01:00 in Shanghai
    assert type(fixed).today is Clock.today and type(fixed).local is Clock.local


def test_unknown_zone_names_are_refused():
    for bad in ("", "Mars/Olympus", "../etc/passwd", "UTC+8"):
        with pytest.raises(UnknownZone):
            zone_named(bad)
    assert zone_named(" Asia/Shanghai ").key == "Asia/Shanghai"


def test_a_naive_moment_is_never_read_as_local_time():
    with pytest.raises(ValueError):
        Clock("UTC").local(datetime(2026, 12, 2, 9, 0))


# --------------------------------------------------------------------------- the 3-day notice


@pytest.mark.parametrize("zone", ZONES)
def test_notice_is_due_three_days_before_on_the_wall_clock(zone):
    """A Monday 09:00 meeting right after New York's fall-back: notice by Friday 09:00."""
    tz = ZoneInfo(zone)
    start = at(zone, 2026, 11, 2, 9)
    deadline = at(zone, 2026, 10, 30, 9)
    assert notice_deadline(start, tz) == deadline
    early = start - timedelta(days=10)
    assert notice_keys(start, deadline, early, tz) == []
    assert notice_keys(start, deadline + MINUTE, early, tz) == ["meeting.notice_late"]
    assert notice_keys(start, None, deadline, tz) == []  # still time to send it
    assert notice_keys(start, None, deadline + MINUTE, tz) == ["meeting.notice_late"]


def test_notice_across_new_yorks_daylight_saving_changes():
    """73 elapsed hours in the autumn (a 25-hour Sunday), 71 in the spring."""
    autumn = at(NEW_YORK, 2026, 11, 2, 9)
    assert autumn - notice_deadline(autumn, NEW_YORK) == timedelta(hours=73)
    spring = at(NEW_YORK, 2026, 3, 10, 9)
    assert notice_deadline(spring, NEW_YORK) == at(NEW_YORK, 2026, 3, 7, 9)
    assert spring - notice_deadline(spring, NEW_YORK) == timedelta(hours=71)


@pytest.mark.parametrize("zone", ZONES)
def test_the_alert_names_the_deadline_in_the_users_zone(zone):
    tz = ZoneInfo(zone)
    start = at(zone, 2026, 11, 2, 9)
    facts = AlertFacts(
        projects=(ProjectFacts(id=1, code="P", phase="executing"),),
        meetings=(
            MeetingFacts(id=7, project_id=1, kind="coordination", title="M", start_at=start),
        ),
    )
    found = alerts(facts, at(zone, 2026, 10, 30, 9) + MINUTE, CN, tz)
    notice = next(a for a in found if a.rule == "meeting_notice")
    assert notice.severity == "overdue"
    assert notice.params["due"] == "2026-10-30 09:00"
    before = alerts(facts, at(zone, 2026, 10, 29, 9) - MINUTE, CN, tz)
    assert [a.severity for a in before if a.rule == "meeting_notice"] == []


# --------------------------------------------------------------------------- 24-hour minutes


@pytest.mark.parametrize("zone", ZONES)
def test_minutes_are_due_24_elapsed_hours_after_the_end(zone):
    """New York's 25-hour Sunday: a Saturday 18:00 end is due Sunday 17:00 local."""
    tz = ZoneInfo(zone)
    ended = at(zone, 2026, 10, 31, 18)
    due = ended + timedelta(hours=24)

    def keys(sent, now):
        return [
            p.key
            for p in meeting_problems(
                kind="coordination",
                start_at=ended - timedelta(hours=1),
                duration_min=60,
                notice_sent_at=ended - timedelta(days=5),
                ended_at=ended,
                minutes_distributed_at=sent,
                now=now,
                tz=tz,
            )
        ]

    assert keys(due, due + timedelta(days=1)) == []
    assert keys(due + MINUTE, due + timedelta(days=1)) == ["meeting.minutes_late"]
    assert keys(None, due) == []
    assert keys(None, due + MINUTE) == ["meeting.minutes_late"]
    if zone == "America/New_York":
        assert due.astimezone(tz).hour == 17


# --------------------------------------------------------------------------- risk lead time


@pytest.mark.parametrize("zone", ZONES)
def test_a_risk_is_measured_to_the_start_of_the_threatened_day(zone):
    tz = ZoneInfo(zone)
    day = date(2026, 11, 2)  # the Monday after New York's fall-back
    start = at(zone, 2026, 11, 2)
    assert risk_lead_time(start, day, tz) == timedelta(0)
    assert not risk_is_late(start - timedelta(hours=24), day, tz)
    assert risk_is_late(start - timedelta(hours=24) + MINUTE, day, tz)


def test_the_same_moment_is_in_time_in_one_zone_and_late_in_another():
    raised = at("UTC", 2026, 11, 30, 20)  # 04:00 on 1 December in Shanghai
    day = date(2026, 12, 2)
    assert risk_lead_time(raised, day, UTC) == timedelta(hours=28)
    assert risk_lead_time(raised, day, ZoneInfo("Asia/Shanghai")) == timedelta(hours=20)
    assert risk_is_late(raised, day, ZoneInfo("Asia/Shanghai"))
    assert not risk_is_late(raised, day, UTC)


# --------------------------------------------------------------------------- retrospective


@pytest.mark.parametrize("zone", ZONES)
def test_five_working_days_are_counted_from_the_users_end_day(zone):
    """Work ended Friday 6 November at 23:30 local: due by Friday 13 (CN calendar)."""
    tz = ZoneInfo(zone)
    end = at(zone, 2026, 11, 6, 23, 30)
    today = date(2026, 11, 20)
    timing = retro_timing(end, at(zone, 2026, 11, 13, 23, 59), today, CN, tz)
    assert (timing.end, timing.deadline, timing.state) == (
        date(2026, 11, 6),
        date(2026, 11, 13),
        "on_time",
    )
    late = retro_timing(end, at(zone, 2026, 11, 14), today, CN, tz)
    assert late.state == "late"
    assert retro_timing(end, None, date(2026, 11, 13), CN, tz).state == "due"
    assert retro_timing(end, None, date(2026, 11, 14), CN, tz).state == "overdue"


def test_one_end_moment_is_friday_in_new_york_and_saturday_in_kiritimati():
    end = at("UTC", 2026, 11, 6, 14)  # 09:00 Friday in New York, 04:00 Saturday in Kiritimati
    today = date(2026, 11, 30)
    ny = retro_timing(end, None, today, CN, NEW_YORK)
    kiritimati = retro_timing(end, None, today, CN, ZoneInfo("Pacific/Kiritimati"))
    assert (ny.end, ny.deadline) == (date(2026, 11, 6), date(2026, 11, 13))
    assert (kiritimati.end, kiritimati.deadline) == (date(2026, 11, 7), date(2026, 11, 13))


# --------------------------------------------------------------------------- ISO weeks


@pytest.mark.parametrize("zone", ZONES)
def test_the_week_turns_at_the_users_monday_midnight(zone):
    tz = ZoneInfo(zone)
    monday = at(zone, 2026, 11, 30)
    assert parse_week("0w", monday - timedelta(seconds=1), tz) == "2026-W48"
    assert parse_week("0w", monday, tz) == "2026-W49"
    start, end = _bounds("2026-W49", tz)
    assert (start, end) == (monday, at(zone, 2026, 12, 7))


def test_new_yorks_week_of_the_fall_back_has_169_hours():
    start, end = _bounds("2026-W44", NEW_YORK)  # 26 October – 1 November
    assert end - start == timedelta(hours=169)
    assert start.tzinfo is UTC and end.tzinfo is UTC


@pytest.mark.parametrize("zone", ZONES)
def test_weekly_progress_lists_are_expected_from_the_users_execution_start(zone):
    """Monday 23:30 local counts the week it begins; Tuesday 00:30 waits for the next."""
    tz = ZoneInfo(zone)

    def weeks(entered: datetime, today: date) -> list[str]:
        project = ProjectFacts(id=1, code="P", phase="executing", entered=(("executing", entered),))
        return executing_weeks(project, today, tz)

    monday_night, tuesday = at(zone, 2026, 11, 9, 23, 30), at(zone, 2026, 11, 10, 0, 30)
    assert weeks(monday_night, date(2026, 11, 24)) == ["2026-W46", "2026-W47"]
    assert weeks(tuesday, date(2026, 11, 24)) == ["2026-W47"]
    assert weeks(tuesday, date(2026, 11, 22)) == []  # W47 ends on Sunday 22


# --------------------------------------------------------------------------- overdue, this week


@pytest.mark.parametrize("zone", ZONES)
def test_a_task_is_overdue_from_the_users_next_midnight(zone):
    tz = ZoneInfo(zone)
    due = date(2026, 12, 1)
    last = FixedClock(at(zone, 2026, 12, 2) - timedelta(seconds=1), tz).today()
    first = FixedClock(at(zone, 2026, 12, 2), tz).today()
    assert task_problems("d", "q", "in_progress", due, last) == []
    assert [p.key for p in task_problems("d", "q", "in_progress", due, first)] == ["task.overdue"]
    facts = AlertFacts(
        projects=(ProjectFacts(id=1, code="P", phase="executing"),),
        tasks=(TaskFacts(id=1, project_id=1, code="T-1", title="t", owner_id=1, due_on=due),),
    )
    rules = {a.rule for a in alerts(facts, at(zone, 2026, 12, 2) - MINUTE, CN, tz)}
    assert not any("overdue" in r for r in rules)
    late = alerts(facts, at(zone, 2026, 12, 2), CN, tz)
    assert any(a.overdue and a.record_type == "task" for a in late)


@pytest.mark.parametrize("zone", ZONES)
def test_due_this_week_is_the_users_monday_to_sunday(zone):
    from collabtui.domain.board import TaskCard

    tz = ZoneInfo(zone)
    week = TaskFilter(due_this_week=True)
    card = TaskCard(
        id=1,
        version=1,
        project_id=1,
        code="T-1",
        title="t",
        owner="o",
        department="d",
        due_on=date(2026, 12, 6),  # a Sunday
        status="todo",
        progress=0,
        position=1.0,
    )
    sunday_night = FixedClock(at(zone, 2026, 12, 7) - timedelta(seconds=1), tz).today()
    monday = FixedClock(at(zone, 2026, 12, 7), tz).today()
    assert matches(card, week, sunday_night)
    assert not matches(card, week, monday)


# --------------------------------------------------------------------------- any zone


ALL_ZONES = sorted(z for z in available_timezones() if "/" in z or z == "UTC")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zone=st.sampled_from(ALL_ZONES),
    moment=st.datetimes(
        min_value=datetime(1971, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
    ),
    days=st.integers(min_value=0, max_value=40),
)
def test_any_zone_gives_an_answer_that_moves_with_the_zone(zone, moment, days):
    tz = ZoneInfo(zone)
    clock = FixedClock(moment, tz)
    today = clock.today()
    assert today == moment.astimezone(tz).date()
    # The risk rule: the threatened day starts at the zone's own midnight.
    day = today + timedelta(days=days)
    lead = risk_lead_time(moment, day, tz)
    midnight = datetime.combine(day, time(0), tzinfo=tz)
    assert lead == midnight - moment
    assert risk_lead_time(moment, day, UTC) - lead == midnight.utcoffset() - timedelta(0)
    # The notice: three days earlier on the zone's own calendar.
    start = moment + timedelta(days=days)
    deadline = notice_deadline(start, tz)
    assert deadline.astimezone(tz).date() == start.astimezone(tz).date() - timedelta(days=3)
    # The retrospective and the alerts answer for any zone.
    assert retro_timing(moment, None, today, CN, tz).state in {"due", "overdue"}
    facts = AlertFacts(
        projects=(
            ProjectFacts(id=1, code="P", phase="retrospective", entered=(("executing", moment),)),
        ),
        meetings=(
            MeetingFacts(id=1, project_id=1, kind="coordination", title="m", start_at=start),
        ),
    )
    found = alerts(facts, moment, CN, tz)
    assert all(a.rule for a in found)
