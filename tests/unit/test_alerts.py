"""Every playbook rule as an alert, at its boundaries, with a fixed clock; arbitrary facts
never crash the rules; the facts the store gathers from the demo."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabtui.domain.alert_facts import (
    AlertFacts,
    DecisionFacts,
    MeetingFacts,
    OpenItemFacts,
    ProjectFacts,
    RiskFacts,
    TaskFacts,
)
from collabtui.domain.alerts import (
    RECORD_TYPES,
    RULES,
    SEVERITIES,
    alerts,
    executing_weeks,
    sort_key,
)
from collabtui.domain.views import ResourceRow
from collabtui.domain.workdays import WorkCalendar
from collabtui.export.alerts import render_alerts_json, render_alerts_md
from collabtui.i18n import t, translator
from tests.conftest import FIXED_NOW

CN = WorkCalendar("CN")
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = FIXED_NOW.date()  # Friday 27 November 2026
P = ProjectFacts(id=1, code="P1", topic="新品上市", phase="executing")


def run(now=FIXED_NOW, tz=UTC, calendar=CN, projects=(P,), **facts):
    return alerts(AlertFacts(projects=tuple(projects), **facts), now, calendar, tz)


def keys(found) -> list[tuple[str, str, str]]:
    return [(a.rule, a.severity, a.key) for a in found]


def meeting(start, **kw) -> MeetingFacts:
    fields = {
        "id": 7,
        "project_id": 1,
        "kind": "coordination",
        "title": "协调会",
        "start_at": start,
    }
    return MeetingFacts(**{**fields, **kw})


# --------------------------------------------------------------------------- meetings: notice


START = FIXED_NOW + timedelta(days=5)


def test_notice_sent_exactly_3_days_ahead_keeps_the_rule():
    assert run(meetings=(meeting(START, notice_sent_at=START - timedelta(days=3)),)) == []


def test_notice_sent_a_minute_later_breaks_it():
    late = START - timedelta(days=3) + timedelta(minutes=1)
    found = run(meetings=(meeting(START, notice_sent_at=late),))
    assert keys(found) == [("meeting_notice", "warning", "alert.notice_sent_late")]
    assert found[0].record_type == "meeting" and found[0].record_id == 7
    assert found[0].due == START - timedelta(days=3)


def test_no_notice_at_the_deadline_is_due_a_minute_later_overdue():
    deadline = START - timedelta(days=3)
    m = meeting(START)
    assert keys(run(now=deadline, meetings=(m,))) == [
        ("meeting_notice", "info", "alert.notice_due")
    ]
    after = run(now=deadline + timedelta(minutes=1), meetings=(m,))
    assert keys(after) == [("meeting_notice", "overdue", "alert.notice_not_sent")]
    assert after[0].overdue
    assert "2026-11-29 09:30" in after[0].message(t)


def test_no_notice_more_than_a_day_before_the_deadline_is_not_an_alert_yet():
    assert run(meetings=(meeting(FIXED_NOW + timedelta(days=4, minutes=1)),)) == []


def test_a_past_meetings_late_notice_is_history_not_an_alert():
    past = FIXED_NOW - timedelta(days=2)
    m = meeting(past, notice_sent_at=past - timedelta(hours=1), ended_at=past + timedelta(hours=1))
    m = replace(m, minutes_distributed_at=past + timedelta(hours=2))
    assert run(meetings=(m,)) == []


def test_a_planned_meeting_outside_its_kinds_norm():
    m = meeting(
        START, kind="weekly_progress", duration_min=45, notice_sent_at=FIXED_NOW - timedelta(days=1)
    )
    found = run(meetings=(m,))
    assert keys(found) == [("meeting_duration", "warning", "meeting.too_long")]
    assert found[0].message(t) == "longer than this kind's norm (30–30 min)"
    review = replace(m, kind="requirement_review", duration_min=20)
    assert keys(run(meetings=(review,))) == [("meeting_duration", "warning", "meeting.too_short")]
    assert run(meetings=(replace(review, duration_min=60),)) == []


# --------------------------------------------------------------------------- meetings: minutes


ENDED = FIXED_NOW - timedelta(days=3)


def ended_meeting(**kw) -> MeetingFacts:
    return meeting(
        ENDED - timedelta(hours=1),
        notice_sent_at=ENDED - timedelta(days=5),
        started_at=ENDED - timedelta(hours=1),
        ended_at=ENDED,
        **kw,
    )


def test_minutes_exactly_24_hours_after_the_end_are_not_late():
    m = ended_meeting()
    found = run(now=ENDED + timedelta(hours=24), meetings=(m,))
    assert keys(found) == [("minutes_distributed", "info", "alert.minutes_due")]
    assert found[0].due == ENDED + timedelta(hours=24)


def test_minutes_a_second_after_24_hours_are_overdue():
    found = run(now=ENDED + timedelta(hours=24, seconds=1), meetings=(ended_meeting(),))
    assert keys(found) == [("minutes_distributed", "overdue", "meeting.minutes_late")]


def test_distributed_minutes_raise_nothing():
    m = ended_meeting(minutes_distributed_at=ENDED + timedelta(hours=30))
    assert run(meetings=(m,)) == []


# --------------------------------------------------------------------------- decisions, items


def decision(**kw) -> DecisionFacts:
    fields = {"id": 3, "meeting_id": 7, "project_id": 1, "text": "定价方案", "owner_id": 5}
    return DecisionFacts(**{**fields, **kw})


def test_a_decision_due_today_is_on_time_due_yesterday_overdue():
    assert run(decisions=(decision(due_on=TODAY),)) == []
    found = run(decisions=(decision(due_on=TODAY - timedelta(days=1)),))
    assert keys(found) == [("decision_tracked", "overdue", "meeting.decision_overdue")]
    assert found[0].meeting_id == 7 and found[0].record_type == "decision"


def test_a_decision_without_owner_or_date_is_a_warning_until_done():
    found = run(decisions=(decision(owner_id=None, due_on=None),))
    assert keys(found) == [
        ("decision_tracked", "warning", "meeting.decision_no_owner"),
        ("decision_tracked", "warning", "meeting.decision_no_due"),
    ]
    done = decision(owner_id=None, due_on=TODAY - timedelta(days=9), status="done")
    assert run(decisions=(done, replace(done, id=4, status="dropped"))) == []


def test_an_open_item_without_a_follow_up_meeting():
    item = OpenItemFacts(id=2, meeting_id=7, project_id=1, text="主播人选")
    found = run(open_items=(item,))
    assert keys(found) == [("open_item_follow_up", "warning", "meeting.open_item_no_follow_up")]
    assert found[0].meeting_id == 7
    assert run(open_items=(replace(item, follow_up_meeting_id=9),)) == []
    assert run(open_items=(replace(item, resolved=True),)) == []


# --------------------------------------------------------------------------- tasks


def task(**kw) -> TaskFacts:
    fields = {
        "id": 4,
        "project_id": 1,
        "code": "T-04",
        "title": "详情页",
        "owner_id": 5,
        "deliverable": "页面",
        "quality_standard": "评审通过",
        "status": "in_progress",
        "due_on": TODAY,
    }
    return TaskFacts(**{**fields, **kw})


def test_a_task_due_today_is_on_time_due_yesterday_overdue():
    assert run(tasks=(task(),)) == []
    found = run(tasks=(task(due_on=TODAY - timedelta(days=1)),))
    assert keys(found) == [("task_overdue", "overdue", "task.overdue")]
    assert found[0].label == "T-04 详情页"
    assert run(tasks=(task(due_on=TODAY - timedelta(days=1), status="done"),)) == []


def test_a_task_needs_one_current_owner_a_deliverable_and_a_quality_standard():
    found = run(tasks=(task(owner_id=None, deliverable="", quality_standard=" "),))
    assert keys(found) == [
        ("task_defined", "warning", "alert.task_no_owner"),
        ("task_defined", "warning", "task.no_deliverable"),
        ("task_defined", "warning", "task.no_quality_standard"),
    ]
    assert keys(run(tasks=(task(owner_retired=True),))) == [
        ("task_defined", "warning", "alert.task_owner_retired")
    ]


def test_accepted_tasks_raise_nothing():
    assert run(tasks=(task(status="accepted", deliverable="", due_on=date(2020, 1, 1)),)) == []


# --------------------------------------------------------------------------- resources


def resource(**kw) -> ResourceRow:
    fields = {
        "id": 6,
        "version": 1,
        "project_id": 1,
        "project_code": "P1",
        "kind": "equipment",
        "description": "压测服务器",
        "quantity": 2.0,
        "unit": "台",
        "currency": "",
        "department_id": 1,
        "department": "技术部",
        "purpose": "压测",
        "needed_by": TODAY + timedelta(days=7),
        "task_id": None,
        "task_code": "",
        "status": "approved",
        "in_place_on": None,
    }
    return ResourceRow(**{**fields, **kw})


def test_an_approved_request_needs_a_confirmed_in_place_date():
    assert keys(run(resources=(resource(),))) == [
        ("resource_in_place", "warning", "resource.no_in_place_date")
    ]
    assert run(resources=(resource(in_place_on=TODAY + timedelta(days=7)),)) == []
    late = resource(in_place_on=TODAY + timedelta(days=8))
    assert keys(run(resources=(late,))) == [
        ("resource_in_place", "warning", "resource.in_place_late")
    ]


def test_a_request_not_in_place_by_its_needed_by_date_is_overdue():
    assert keys(run(resources=(resource(needed_by=TODAY),))) == [
        ("resource_in_place", "warning", "resource.no_in_place_date")
    ]
    for status in ("requested", "approved"):
        found = run(resources=(resource(status=status, needed_by=TODAY - timedelta(days=1)),))
        assert keys(found) == [("resource_in_place", "overdue", "alert.resource_not_in_place")]


def test_requested_rejected_and_in_place_requests():
    assert keys(run(resources=(resource(status="requested"),))) == [
        ("resource_in_place", "info", "alert.resource_undecided")
    ]
    gone = TODAY - timedelta(days=3)
    assert run(resources=(resource(status="rejected", needed_by=gone),)) == []
    assert run(resources=(resource(status="in_place", needed_by=gone, in_place_on=gone),)) == []
    passed = resource(in_place_on=TODAY - timedelta(days=1))
    assert keys(run(resources=(passed,))) == [
        ("resource_in_place", "warning", "alert.resource_not_marked")
    ]


# --------------------------------------------------------------------------- risks


THREATENED = date(2026, 12, 1)
DAY_START = datetime(2026, 12, 1, tzinfo=SHANGHAI)


def risk(raised_at, **kw) -> RiskFacts:
    return RiskFacts(
        id=9, project_id=1, title="接口审批", raised_at=raised_at, threatened_on=THREATENED, **kw
    )


def test_a_risk_warning_exactly_24_hours_ahead_keeps_the_rule():
    assert run(tz=SHANGHAI, risks=(risk(DAY_START - timedelta(hours=24)),)) == []


def test_a_risk_warning_a_minute_later_is_late():
    found = run(tz=SHANGHAI, risks=(risk(DAY_START - timedelta(hours=24) + timedelta(minutes=1)),))
    assert keys(found) == [("risk_lead_time", "warning", "alert.risk_late")]
    assert found[0].params["hours"] == 23
    assert found[0].due == THREATENED


def test_the_threatened_day_starts_in_the_teams_time_zone():
    raised = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)  # 04:00 on 30 Nov in Shanghai
    assert run(tz=UTC, risks=(risk(raised),)) == []  # 28 h ahead of midnight UTC
    assert keys(run(tz=SHANGHAI, risks=(risk(raised),)))[0][2] == "alert.risk_late"


def test_closed_and_materialized_risks_raise_nothing():
    late = DAY_START - timedelta(hours=1)
    assert run(tz=SHANGHAI, risks=(risk(late, status="closed"),)) == []
    assert run(tz=SHANGHAI, risks=(risk(late, status="materialized"),)) == []


# --------------------------------------------------------------------------- weekly progress


def executing(entered: datetime, weeks=()) -> ProjectFacts:
    return replace(P, entered=(("executing", entered),), progress_weeks=frozenset(weeks))


def test_every_full_week_since_execution_needs_a_progress_list_but_not_this_week():
    project = executing(datetime(2026, 11, 9, 10, tzinfo=UTC))  # Monday, week 46
    assert executing_weeks(project, TODAY, UTC) == ["2026-W46", "2026-W47"]
    found = run(projects=(project,))
    assert keys(found) == [("weekly_progress", "overdue", "alert.progress_missing")]
    assert found[0].record_type == "project" and found[0].record_id == 1
    assert found[0].due == date(2026, 11, 15)  # the Sunday of the first missing week
    assert found[0].message(t) == "no weekly progress list for 2 weeks: 2026-W46, 2026-W47"
    assert run(projects=(executing(project.entered[0][1], ["2026-W46", "2026-W47"]),)) == []


def test_a_week_execution_started_in_midweek_does_not_count():
    project = executing(datetime(2026, 11, 10, 10, tzinfo=UTC), ["2026-W47"])
    assert executing_weeks(project, TODAY, UTC) == ["2026-W47"]
    assert run(projects=(project,)) == []


def test_without_a_recorded_move_the_later_of_confirmation_and_start_counts():
    project = replace(
        P, start_on=date(2026, 10, 1), confirmed_at=datetime(2026, 11, 14, tzinfo=UTC)
    )
    assert executing_weeks(project, TODAY, UTC) == ["2026-W47"]
    assert executing_weeks(replace(P), TODAY, UTC) == []


def test_a_week_without_working_days_needs_no_progress_list():
    project = executing(datetime(2026, 2, 9, 9, tzinfo=UTC))  # Monday before Spring Festival
    today = date(2026, 3, 2)
    assert executing_weeks(project, today, UTC, CN) == ["2026-W07", "2026-W09"]
    assert executing_weeks(project, today, UTC) == ["2026-W07", "2026-W08", "2026-W09"]


def test_only_executing_projects_need_progress_lists():
    project = replace(executing(datetime(2026, 9, 7, tzinfo=UTC)), phase="confirmed")
    assert run(projects=(project,)) == []


# --------------------------------------------------------------------------- sign-offs


DEPTS = ((11, "技术部"), (12, "客服部"), (13, "市场部"))


def test_acceptance_needs_every_collaborating_departments_sign_off():
    accepting = replace(P, phase="accepting", departments=DEPTS, signed_off=frozenset({11}))
    found = run(projects=(accepting,))
    assert keys(found) == [("acceptance_signed", "warning", "alert.signoff_missing")]
    assert found[0].message(translator("zh-CN")) == "以下部门尚未验收签字：客服部、市场部"
    assert found[0].message(t) == "acceptance not signed by 客服部, 市场部"
    assert run(projects=(replace(accepting, signed_off=frozenset({11, 12, 13})),)) == []


def test_missing_sign_offs_are_overdue_once_the_project_moved_past_acceptance():
    moved = datetime(2026, 11, 20, 9, tzinfo=UTC)
    project = replace(
        P,
        phase="retrospective",
        departments=DEPTS,
        signed_off=frozenset({11, 12}),
        entered=(("retrospective", moved),),
    )
    found = [a for a in run(projects=(project,)) if a.rule == "acceptance_signed"]
    assert [(a.severity, a.due) for a in found] == [("overdue", date(2026, 11, 20))]


# --------------------------------------------------------------------------- retrospective


def retro_project(ended: datetime) -> ProjectFacts:
    return replace(P, phase="retrospective", ended_at=ended)


def retro(held_on: date) -> MeetingFacts:
    start = datetime.combine(held_on, datetime.min.time(), tzinfo=SHANGHAI) + timedelta(hours=14)
    return meeting(
        start, id=20, kind="retrospective", title="复盘会", duration_min=90, started_at=start
    )


def retro_alerts(project, held=None, now=FIXED_NOW, calendar=CN):
    meetings = () if held is None else (replace(retro(held), ended_at=now - timedelta(days=1)),)
    found = run(now=now, tz=SHANGHAI, calendar=calendar, projects=(project,), meetings=meetings)
    return [a for a in found if a.rule == "retrospective"]


FRIDAY_END = retro_project(datetime(2026, 11, 6, 18, tzinfo=SHANGHAI))


def test_retrospective_on_the_5th_working_day_across_a_weekend_is_in_time():
    assert retro_alerts(FRIDAY_END, held=date(2026, 11, 13)) == []


def test_retrospective_on_the_6th_working_day_across_a_weekend_is_late():
    found = retro_alerts(FRIDAY_END, held=date(2026, 11, 16))
    assert keys(found) == [("retrospective", "warning", "alert.retro_late")]
    assert found[0].record_type == "meeting" and found[0].record_id == 20
    assert found[0].params["n"] == 6


HOLIDAY_END = retro_project(datetime(2026, 9, 30, 18, tzinfo=SHANGHAI))


def test_retrospective_on_the_5th_working_day_across_national_day_is_in_time():
    # 8, 9, Saturday 10 (make-up workday), 12, 13 October.
    assert retro_alerts(HOLIDAY_END, held=date(2026, 10, 13)) == []


def test_retrospective_on_the_6th_working_day_across_national_day_is_late():
    found = retro_alerts(HOLIDAY_END, held=date(2026, 10, 14))
    assert keys(found) == [("retrospective", "warning", "alert.retro_late")]
    assert found[0].params["n"] == 6
    assert "第 6 个工作日" in found[0].message(translator("zh-CN"))


def test_without_the_holiday_calendar_national_day_would_count_as_working_days():
    weekends = WorkCalendar(None)
    assert retro_alerts(HOLIDAY_END, held=date(2026, 10, 13), calendar=weekends)


def test_no_retrospective_is_overdue_from_the_6th_working_day_on():
    last_minute = datetime(2026, 10, 13, 23, 59, tzinfo=SHANGHAI)
    found = retro_alerts(HOLIDAY_END, now=last_minute)
    assert keys(found) == [("retrospective", "warning", "alert.retro_not_planned")]
    assert found[0].due == date(2026, 10, 13)
    next_day = datetime(2026, 10, 14, 0, 1, tzinfo=SHANGHAI)
    assert keys(retro_alerts(HOLIDAY_END, now=next_day)) == [
        ("retrospective", "overdue", "alert.retro_overdue")
    ]


def test_a_retrospective_planned_too_late():
    now = datetime(2026, 10, 9, 9, tzinfo=SHANGHAI)
    late = replace(retro(date(2026, 10, 15)), started_at=None)
    found = run(now=now, tz=SHANGHAI, projects=(HOLIDAY_END,), meetings=(late,))
    retro_keys = [k for k in keys(found) if k[0] == "retrospective"]
    assert retro_keys == [("retrospective", "warning", "alert.retro_planned_late")]
    in_time = replace(late, start_at=late.start_at - timedelta(days=2))
    found = run(now=now, tz=SHANGHAI, projects=(HOLIDAY_END,), meetings=(in_time,))
    assert [a for a in found if a.rule == "retrospective"] == []


def test_the_end_falls_back_to_the_phase_move_then_the_acceptance_meeting():
    moved = replace(P, phase="retrospective", entered=(("retrospective", FRIDAY_END.ended_at),))
    assert retro_alerts(moved, held=date(2026, 11, 16))
    accepted = replace(P, phase="retrospective", acceptance_ended=(FRIDAY_END.ended_at,))
    assert retro_alerts(accepted, held=date(2026, 11, 13)) == []
    assert retro_alerts(replace(P, phase="retrospective")) == []  # no end known


# --------------------------------------------------------------------------- across rules


def test_closed_projects_raise_nothing():
    closed = replace(P, phase="closed")
    old = TODAY - timedelta(days=30)
    found = run(
        projects=(closed,),
        tasks=(task(due_on=old, deliverable=""),),
        decisions=(decision(due_on=old),),
        meetings=(ended_meeting(),),
    )
    assert found == []


def test_alerts_are_sorted_most_severe_first_then_by_due_date():
    found = run(
        tasks=(
            task(id=1, due_on=TODAY - timedelta(days=1)),
            task(id=2, due_on=TODAY - timedelta(days=5)),
            task(id=3, quality_standard=""),
        ),
        resources=(resource(status="requested"),),
    )
    assert [(a.severity, a.record_id) for a in found] == [
        ("overdue", 2),
        ("overdue", 1),
        ("warning", 3),
        ("info", 6),
    ]
    assert found == sorted(found, key=lambda a: sort_key(a, UTC))


def test_records_without_a_known_project_still_raise_alerts():
    found = run(projects=(), meetings=(replace(ended_meeting(), project_id=None),))
    assert found[0].project_code == "" and found[0].project_id is None


# --------------------------------------------------------------------------- property


MOMENTS = st.datetimes(
    min_value=datetime(1950, 1, 1),
    max_value=datetime(2150, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))]),
)
DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
IDS = st.integers(min_value=1, max_value=6)
TEXT = st.text(max_size=12)


def _maybe(strategy):
    return st.none() | strategy


def _one_of(*values):
    return st.sampled_from(values) | TEXT


PHASES = _one_of(
    "draft", "aligning", "confirmed", "executing", "accepting", "retrospective", "closed"
)
WEEKS = st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(1950, 2150), st.integers(1, 53)) | TEXT

FACTS = st.builds(
    AlertFacts,
    projects=st.lists(
        st.builds(
            ProjectFacts,
            id=IDS,
            code=TEXT,
            topic=TEXT,
            phase=PHASES,
            start_on=_maybe(DATES),
            end_on=_maybe(DATES),
            ended_at=_maybe(MOMENTS),
            confirmed_at=_maybe(MOMENTS),
            entered=st.lists(st.tuples(PHASES, MOMENTS), max_size=3).map(tuple),
            departments=st.lists(st.tuples(IDS, TEXT), max_size=3).map(tuple),
            signed_off=st.frozensets(IDS, max_size=3),
            progress_weeks=st.frozensets(WEEKS, max_size=4),
            acceptance_ended=st.lists(MOMENTS, max_size=2).map(tuple),
        ),
        max_size=3,
    ).map(tuple),
    meetings=st.lists(
        st.builds(
            MeetingFacts,
            id=IDS,
            project_id=_maybe(IDS),
            kind=_one_of("requirement_review", "weekly_progress", "retrospective", "acceptance"),
            title=TEXT,
            start_at=MOMENTS,
            duration_min=st.integers(-10, 10**6),
            notice_sent_at=_maybe(MOMENTS),
            started_at=_maybe(MOMENTS),
            ended_at=_maybe(MOMENTS),
            minutes_distributed_at=_maybe(MOMENTS),
        ),
        max_size=4,
    ).map(tuple),
    decisions=st.lists(
        st.builds(
            DecisionFacts,
            id=IDS,
            meeting_id=IDS,
            project_id=_maybe(IDS),
            text=TEXT,
            owner_id=_maybe(IDS),
            due_on=_maybe(DATES),
            status=_one_of("open", "done", "dropped"),
        ),
        max_size=3,
    ).map(tuple),
    open_items=st.lists(
        st.builds(
            OpenItemFacts,
            id=IDS,
            meeting_id=IDS,
            project_id=_maybe(IDS),
            text=TEXT,
            follow_up_meeting_id=_maybe(IDS),
            resolved=st.booleans(),
        ),
        max_size=3,
    ).map(tuple),
    tasks=st.lists(
        st.builds(
            TaskFacts,
            id=IDS,
            project_id=IDS,
            code=TEXT,
            title=TEXT,
            owner_id=_maybe(IDS),
            owner_retired=st.booleans(),
            deliverable=TEXT,
            quality_standard=TEXT,
            status=_one_of("todo", "in_progress", "blocked", "done", "accepted"),
            due_on=_maybe(DATES),
        ),
        max_size=4,
    ).map(tuple),
    resources=st.lists(
        st.builds(
            ResourceRow,
            id=IDS,
            version=st.just(1),
            project_id=IDS,
            project_code=TEXT,
            kind=TEXT,
            description=TEXT,
            quantity=st.floats(allow_nan=True),
            unit=TEXT,
            currency=TEXT,
            department_id=_maybe(IDS),
            department=TEXT,
            purpose=TEXT,
            needed_by=_maybe(DATES),
            task_id=_maybe(IDS),
            task_code=TEXT,
            status=_one_of("requested", "approved", "rejected", "in_place"),
            in_place_on=_maybe(DATES),
        ),
        max_size=3,
    ).map(tuple),
    risks=st.lists(
        st.builds(
            RiskFacts,
            id=IDS,
            project_id=IDS,
            title=TEXT,
            raised_at=MOMENTS,
            threatened_on=_maybe(DATES),
            status=_one_of("open", "assessing", "mitigating", "closed", "materialized"),
        ),
        max_size=3,
    ).map(tuple),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    facts=FACTS,
    now=MOMENTS,
    tz=st.sampled_from([UTC, SHANGHAI, timezone(timedelta(hours=-11))]),
    country=st.sampled_from([None, "CN", "US"]),
)
def test_arbitrary_facts_never_crash_the_rules(facts, now, tz, country):
    found = alerts(facts, now, WorkCalendar(country), tz)
    for alert in found:
        assert alert.severity in SEVERITIES
        assert alert.rule in RULES
        assert alert.record_type in RECORD_TYPES
        assert alert.overdue == (alert.severity == "overdue")
        for lang in ("en", "zh-CN"):
            assert alert.message(translator(lang))
    assert found == sorted(found, key=lambda a: sort_key(a, tz))
    render_alerts_json(found, translator("zh-CN"), tz)
    render_alerts_md(found, t, now, tz)


# --------------------------------------------------------------------------- the store's facts


def test_the_demo_store_gives_facts_for_every_rule(demo_store):
    facts = demo_store.alert_facts()
    assert {p.code for p in facts.projects} == {"Q4-LAUNCH", "CX-FIX", "VIP-PTS"}
    q4 = next(p for p in facts.projects if p.code == "Q4-LAUNCH")
    assert q4.phase == "executing"
    assert {"2026-W46", "2026-W47"} <= q4.progress_weeks
    assert len(q4.departments) == 5  # collaborating only: the external partner need not sign
    vip = next(p for p in facts.projects if p.code == "VIP-PTS")
    assert vip.signed_off >= {d for d, _ in vip.departments}
    assert vip.acceptance_ended
    assert len(facts.meetings) == demo_store.count(
        __import__("collabtui.store.models").store.models.Meeting
    )
    assert facts.tasks and facts.decisions and facts.open_items and facts.resources
    assert facts.risks


def test_the_demo_raises_the_expected_alerts(demo_store):
    found = alerts(demo_store.alert_facts(), FIXED_NOW, CN, UTC)
    assert keys(found)[:3] == [
        ("decision_tracked", "overdue", "meeting.decision_overdue"),
        ("decision_tracked", "overdue", "meeting.decision_overdue"),
        ("task_overdue", "overdue", "task.overdue"),
    ]
    assert {a.project_code for a in found} == {"Q4-LAUNCH", "CX-FIX"}  # VIP-PTS is closed


def test_facts_of_one_project(demo_store):
    facts = demo_store.alert_facts("cx-fix")
    assert [p.code for p in facts.projects] == ["CX-FIX"]
    pid = facts.projects[0].id
    assert all(m.project_id == pid for m in facts.meetings)
    assert all(d.project_id == pid for d in facts.decisions)
    assert all(k.project_id == pid for k in facts.tasks)
    assert all(r.project_id == pid for r in facts.resources)


def test_the_phase_guard_records_when_a_project_started_executing(demo_store, clock):
    project = demo_store.project("CX-FIX")
    # Move it on despite the gaps (the override keeps a reason), up to executing.
    for _ in range(2):
        current = demo_store.project(project.id)
        demo_store.advance_phase(current.id, current.version, TODAY, "test")
    facts = demo_store.alert_facts(project.id)
    moves = [phase for phase, _ in facts.projects[0].entered]
    assert moves == ["confirmed", "executing"]
