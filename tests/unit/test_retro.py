"""The retrospective and the handbook: goal arithmetic, the 5-working-day rule (weekends,
China's holidays and make-up workdays), the capture line, the store's writes and rules,
promotion to the handbook and its search in Chinese and English."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from collabtui.domain.enums import MeetingKind
from collabtui.domain.retro import (
    GoalAchievement,
    PracticeRow,
    achievement_percent,
    format_figure,
    format_percent,
    group_by_tag,
    match_person,
    parse_capture,
    retro_timing,
    split_tags,
)
from collabtui.domain.workdays import WorkCalendar
from collabtui.store import ConflictError, ValidationError
from collabtui.store.models import Goal, Meeting, RetroItem
from collabtui.store.retro import RETRO_MINUTES, parse_actual
from tests.conftest import FIXED_NOW

CN = WorkCalendar("CN")
WEEKENDS = WorkCalendar(None)
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = FIXED_NOW.date()


def goal(target, actual, unit="%") -> GoalAchievement:
    return GoalAchievement(1, 1, 0, "目标", "指标", target, unit, actual)


# ---------------------------------------------------------------------- goal arithmetic


@pytest.mark.parametrize(
    ("target", "actual", "percent", "why"),
    [
        (15, 17.2, 114.66666666666667, ""),  # beaten: above 100 % is allowed
        (25, 22.5, 90.0, ""),
        (25, 0, 0.0, ""),
        (0, 0, None, "target_zero"),  # 零重大故障: nothing to divide by
        (0, 3, None, "target_zero"),
        (None, 5, None, "no_target"),
        (None, None, None, "no_target"),
        (30, None, None, "no_actual"),  # not measured yet
        (-10, -12, 120.0, ""),  # a cut of 10 beaten with a cut of 12
        (10, -5, -50.0, ""),  # went the wrong way
        (float("inf"), 3, None, ""),
        (3, float("nan"), None, ""),
    ],
)
def test_goal_achievement(target, actual, percent, why):
    g = goal(target, actual)
    if percent is None:
        assert g.percent is None
    else:
        assert g.percent == pytest.approx(percent)
    if why:
        assert g.why_none == why


def test_achievement_percent_is_a_plain_ratio():
    assert achievement_percent(200, 50) == 25.0
    assert achievement_percent(0.0, 0.0) is None


@pytest.mark.parametrize(
    ("value", "shown"),
    [(114.6666, "114.7%"), (90.0, "90%"), (0.0, "0%"), (-50.0, "-50%"), (None, ""), (-0.01, "0%")],
)
def test_format_percent(value, shown):
    assert format_percent(value) == shown


def test_format_figure_keeps_units_and_drops_spurious_zeros():
    assert format_figure(15.0, "%") == "15%"
    assert format_figure(17.2, "%") == "17.2%"
    assert format_figure(3, "人天") == "3 人天"
    assert format_figure(700000, "元") == "700,000 元"
    assert format_figure(None, "%") == ""


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("17.2", 17.2),
        ("17.2%", 17.2),
        ("１７．２", 17.2),
        ("0", 0.0),
        ("-3", -3.0),
        ("1,250", 1250.0),
        ("", None),
        ("  ", None),
        (None, None),
        (5, 5.0),
    ],
)
def test_parse_actual(typed, value):
    assert parse_actual(typed) == value


@pytest.mark.parametrize("typed", ["十五", "abc", "nan", "inf", "1e999", True])
def test_parse_actual_refuses_what_is_no_number(typed):
    with pytest.raises(ValidationError) as err:
        parse_actual(typed)
    assert err.value.field == "actual"


# ---------------------------------------------------------------------- the rule


def day_at(d: date, hour: int = 14) -> datetime:
    return datetime.combine(d, datetime.min.time(), tzinfo=SHANGHAI) + timedelta(hours=hour)


FRIDAY_END = day_at(date(2026, 11, 6), 18)  # the alerts' weekend case
HOLIDAY_END = day_at(date(2026, 9, 30), 18)  # Wednesday before National Day


def test_held_on_the_5th_working_day_across_a_weekend_is_in_time():
    timing = retro_timing(FRIDAY_END, day_at(date(2026, 11, 13)), TODAY, CN, SHANGHAI)
    assert (timing.state, timing.workday, timing.deadline) == ("on_time", 5, date(2026, 11, 13))
    assert timing.end == date(2026, 11, 6) and timing.in_time is True


def test_held_on_the_6th_working_day_across_a_weekend_is_late():
    timing = retro_timing(FRIDAY_END, day_at(date(2026, 11, 16)), TODAY, CN, SHANGHAI)
    assert (timing.state, timing.workday, timing.in_time) == ("late", 6, False)


def test_across_national_day_the_make_up_saturday_counts():
    # 1–7 October are holidays; Saturday 10 October is a make-up workday.
    timing = retro_timing(HOLIDAY_END, day_at(date(2026, 10, 13)), TODAY, CN, SHANGHAI)
    assert (timing.state, timing.workday, timing.deadline) == ("on_time", 5, date(2026, 10, 13))
    late = retro_timing(HOLIDAY_END, day_at(date(2026, 10, 14)), TODAY, CN, SHANGHAI)
    assert (late.state, late.workday) == ("late", 6)
    held_saturday = retro_timing(HOLIDAY_END, day_at(date(2026, 10, 10)), TODAY, CN, SHANGHAI)
    assert held_saturday.workday == 3


def test_weekends_only_calendar_ignores_the_holiday():
    timing = retro_timing(HOLIDAY_END, day_at(date(2026, 10, 13)), TODAY, WEEKENDS, SHANGHAI)
    assert (timing.state, timing.deadline) == ("late", date(2026, 10, 7))


def test_across_the_spring_festival():
    end = date(2026, 2, 12)
    assert retro_timing(end, day_at(date(2026, 2, 26)), TODAY, CN, SHANGHAI).state == "on_time"
    assert retro_timing(end, day_at(date(2026, 2, 27)), TODAY, CN, SHANGHAI).state == "late"


def test_not_held_yet_is_due_then_overdue():
    due = retro_timing(FRIDAY_END, None, date(2026, 11, 11), CN, SHANGHAI)
    assert (due.state, due.workday, due.deadline, due.in_time) == (
        "due",
        3,
        date(2026, 11, 13),
        None,
    )
    last_day = retro_timing(FRIDAY_END, None, date(2026, 11, 13), CN, SHANGHAI)
    assert last_day.state == "due"
    overdue = retro_timing(FRIDAY_END, None, date(2026, 11, 16), CN, SHANGHAI)
    assert (overdue.state, overdue.in_time) == ("overdue", False)


def test_a_planned_end_still_ahead_counts_from_today_like_the_alerts():
    timing = retro_timing(date(2026, 12, 31), None, TODAY, CN, SHANGHAI)
    assert timing.end == TODAY and timing.deadline == date(2026, 12, 4)


def test_no_end_known():
    assert retro_timing(None, None, TODAY, CN, UTC).state == "no_end"


def test_the_end_is_read_in_the_teams_time_zone():
    # 23:30 UTC on Friday is Saturday morning in Shanghai.
    late_friday = datetime(2026, 11, 6, 23, 30, tzinfo=UTC)
    assert retro_timing(late_friday, None, TODAY, CN, SHANGHAI).end == date(2026, 11, 7)
    assert retro_timing(late_friday, None, TODAY, CN, UTC).end == date(2026, 11, 6)


# ---------------------------------------------------------------------- the capture line


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("评审一次通过", ("评审一次通过", None, "")),
        ("接口变更未同步 @林涛 -> 接口变更走评审", ("接口变更未同步", "林涛", "接口变更走评审")),
        (
            "late vendor @Wang -> register risks early",
            ("late vendor", "Wang", "register risks early"),
        ),
        ("@王芳 供应商延迟", ("供应商延迟", "王芳", "")),
        ("mail a@b.com about it", ("mail a@b.com about it", None, "")),
        ("x → y", ("x", None, "y")),
        ("x -> y -> z", ("x", None, "y -> z")),
        ("  spaced   out  ", ("spaced out", None, "")),
        ("[bold]x[/] @李娜", ("[bold]x[/]", "李娜", "")),
    ],
)
def test_parse_capture(line, parsed):
    assert parse_capture(line) == parsed


def test_match_person():
    people = [("王芳", 1), ("Li Na", 2), ("Lin Tao", 3), ("林涛", 4)]
    assert match_person("王芳", people) == 1
    assert match_person("li na", people) == 2
    assert match_person("LiNa", people) == 2
    assert match_person("Li", people) is None  # ambiguous prefix
    assert match_person("林", people) == 4
    assert match_person("nobody", people) is None


def test_split_tags():
    assert split_tags("会议，纪要、 决议跟踪;会议") == ("会议", "纪要", "决议跟踪")
    assert split_tags(["Meetings", "meetings", " minutes "]) == ("Meetings", "minutes")
    assert split_tags("") == () and split_tags(None) == ()


def test_group_by_tag_puts_a_practice_under_each_tag_and_untagged_last():
    def p(i, *tags):
        return PracticeRow(i, 1, f"p{i}", "", tags)

    groups = group_by_tag([p(1, "会议", "纪要"), p(2), p(3, "Alpha", "会议")])
    assert [(tag, [x.id for x in items]) for tag, items in groups] == [
        ("Alpha", [3]),
        ("会议", [1, 3]),
        ("纪要", [1]),
        ("", [2]),
    ]


# ---------------------------------------------------------------------- the store


def report(store, project="VIP-PTS", today=TODAY, calendar=CN, tz=UTC):
    return store.retro_report(project, calendar=calendar, tz=tz, today=today)


def test_the_demo_retrospective(demo_store):
    r = report(demo_store)
    assert r.code == "VIP-PTS" and r.meeting is not None and r.meeting.held
    assert [g.description for g in r.goals] == [
        "会员复购率提升 15%",
        "积分兑换率达到 25%",
        "上线后零重大故障",
    ]
    assert [format_percent(g.percent) for g in r.goals] == ["114.7%", "90%", ""]
    assert r.goals[2].why_none == "target_zero"
    assert [len(r.items_of(d)) for d in ("goal_result", "highlight", "problem", "suggestion")] == [
        3,
        3,
        2,
        2,
    ]
    vendor = next(i for i in r.items if i.text.startswith("积分商城供应商"))
    assert vendor.owner == "王芳" and vendor.action and vendor.promoted
    # Ended Saturday 7 Nov (-20d), held Tuesday 10 Nov: working day 2 of 5.
    assert (r.timing.state, r.timing.workday, r.timing.deadline) == (
        "on_time",
        2,
        date(2026, 11, 13),
    )


def test_the_report_uses_the_alerts_project_end(demo_store):
    from collabtui.domain.alerts import project_end

    facts = demo_store.alert_facts("VIP-PTS").projects[0]
    assert report(demo_store).timing.end == project_end(facts).date()


def test_a_project_without_a_retrospective_is_due_or_overdue(store):
    p = store.create_project("P5", "复盘测试", end_on=date(2026, 11, 20))
    r = report(store, p.id)
    assert r.meeting is None and r.items == ()
    assert (r.timing.state, r.timing.deadline) == ("due", date(2026, 11, 27))
    assert report(store, p.id, today=date(2026, 11, 30)).timing.state == "overdue"


def test_start_retrospective_creates_once_and_items_attach(store):
    p = store.create_project("P5", "复盘测试", end_on=date(2026, 11, 20))
    early = store.add_retro_item(p.id, "highlight", "会前一对一确认")
    assert early.meeting_id is None
    m = store.start_retrospective(p.id, start_at=FIXED_NOW)
    assert m.kind == MeetingKind.RETROSPECTIVE and m.started_at == FIXED_NOW
    assert m.duration_min == RETRO_MINUTES == 90
    again = store.start_retrospective(p.id, start_at=FIXED_NOW + timedelta(hours=1))
    assert again.id == m.id and again.started_at == FIXED_NOW
    assert store.count(Meeting) == 1
    r = report(store, p.id)
    assert r.items[0].meeting_id == m.id
    assert (r.timing.state, r.timing.held_on, r.timing.workday) == ("on_time", TODAY, 5)


def test_start_retrospective_begins_a_planned_one(store):
    from collabtui.store.meeting_run import MeetingDraft

    p = store.create_project("P5", "复盘测试")
    planned = store.plan_meeting(
        MeetingDraft(p.id, "复盘会", FIXED_NOW + timedelta(days=1), kind="retrospective")
    )
    m = store.start_retrospective(p.id, start_at=FIXED_NOW)
    assert m.id == planned.id and m.started_at == FIXED_NOW


def test_items_get_positions_per_dimension_and_follow_ups_need_owners(demo_store):
    s = demo_store
    owner = next(p for p in s.people() if p.name == "林涛")
    a = s.add_retro_item("VIP-PTS", "highlight", "  one   line  ")
    b = s.add_retro_item("VIP-PTS", "highlight", "two")
    assert a.text == "one line" and b.position == a.position + 1
    with pytest.raises(ValidationError) as err:
        s.add_retro_item("VIP-PTS", "problem", "x", action="do it")
    assert err.value.field == "owner_id"
    with pytest.raises(ValidationError) as err:
        s.add_retro_item("VIP-PTS", "problem", "x", owner_id=owner.id, due_on=TODAY)
    assert err.value.field == "due_on"
    with pytest.raises(ValidationError) as err:
        s.add_retro_item("VIP-PTS", "problem", "   ")
    assert err.value.field == "text"
    with pytest.raises(ValidationError) as err:
        s.add_retro_item("VIP-PTS", "nonsense", "x")
    assert err.value.field == "dimension"
    c = s.add_retro_item("VIP-PTS", "problem", "x", owner_id=owner.id, action="fix", due_on=TODAY)
    assert (c.owner_id, c.action, c.due_on) == (owner.id, "fix", TODAY)


def test_goal_links_only_on_goal_notes_of_the_same_project(demo_store):
    s = demo_store
    vip = s.project("VIP-PTS").id
    with s.db.read() as session:
        from sqlmodel import select

        mine = session.exec(select(Goal).where(Goal.project_id == vip)).first()
        other = session.exec(select(Goal).where(Goal.project_id != vip)).first()
    note = s.add_retro_item(vip, "goal_result", "note", goal_id=mine.id)
    assert note.goal_id == mine.id
    with pytest.raises(ValidationError) as err:
        s.add_retro_item(vip, "highlight", "x", goal_id=mine.id)
    assert err.value.field == "goal_id"
    with pytest.raises(ValidationError):
        s.add_retro_item(vip, "goal_result", "x", goal_id=other.id)


def test_edit_and_delete_check_the_version(demo_store):
    s = demo_store
    item = s.add_retro_item("VIP-PTS", "suggestion", "old")
    edited = s.edit_retro_item(item.id, item.version, text="new")
    assert edited.text == "new" and edited.version == item.version + 1
    with pytest.raises(ConflictError):
        s.edit_retro_item(item.id, item.version, text="stale")
    with pytest.raises(TypeError):
        s.edit_retro_item(item.id, edited.version, project_id=1)
    with pytest.raises(ConflictError):
        s.delete_retro_item(item.id, item.version)
    s.delete_retro_item(item.id, edited.version)
    with s.db.read() as session:
        assert session.get(RetroItem, item.id) is None


def test_record_goal_actual(demo_store):
    s = demo_store
    g = report(s).goals[1]
    saved = s.record_goal_actual(g.goal_id, g.version, "26%")
    assert saved.actual == 26.0
    assert format_percent(report(s).goals[1].percent) == "104%"
    with pytest.raises(ConflictError):
        s.record_goal_actual(g.goal_id, g.version, "1")
    cleared = s.record_goal_actual(g.goal_id, saved.version, "")
    assert cleared.actual is None and report(s).goals[1].why_none == "no_actual"
    with pytest.raises(ValidationError):
        s.record_goal_actual(g.goal_id, cleared.version, "二十")


# ---------------------------------------------------------------------- the handbook


def test_promote_cites_the_project_and_the_retrospective_date(demo_store):
    s = demo_store
    item = next(i for i in report(s).items if i.text.startswith("接口变更"))
    practice = s.promote_to_practice(
        item.id,
        tz=UTC,
        title="  接口变更先评审  ",
        body="接口变更走评审。\n并公告。",
        tags="接口，协作、 接口",
    )
    row = s.practice(practice.id)
    assert row.title == "接口变更先评审" and row.tags == ("接口", "协作")
    assert (row.source_code, row.source_retro_item_id) == ("VIP-PTS", item.id)
    assert row.source_on == report(s).meeting.start_at.date()
    assert report(s).item(item.id).practice_ids == (practice.id,)
    with pytest.raises(ValidationError) as err:
        s.promote_to_practice(item.id, tz=UTC, title=" ", body="x")
    assert err.value.field == "title"


def test_promote_without_a_meeting_dates_it_today_or_as_given(store):
    p = store.create_project("P5", "复盘测试")
    item = store.add_retro_item(p.id, "highlight", "x")
    given = store.promote_to_practice(item.id, tz=UTC, title="t", source_on=date(2026, 1, 2))
    assert given.source_on == date(2026, 1, 2)
    today = store.promote_to_practice(item.id, tz=UTC, title="u")
    assert today.source_on == datetime.now(UTC).date()


def titles(rows) -> list[str]:
    return [r.title for r in rows]


def test_practices_search_in_chinese(demo_store):
    s = demo_store
    assert titles(s.practices("纪要")) == ["纪要 24 小时内发出，决议逐条跟踪"]
    assert titles(s.practices("风险预警")) == ["外部依赖在启动时就登记风险"]  # a tag
    assert titles(s.practices("客服全员培训")) == ["上线前先培训客服"]  # the body
    assert len(s.practices("会员积分")) == 4  # the source project's topic
    assert titles(s.practices("一对一 评审会")) == ["评审会前先做一对一确认"]  # every word
    assert s.practices("不存在的词") == []


def test_practices_search_in_english_is_case_insensitive(demo_store):
    s = demo_store
    item = report(s).items[0]
    s.promote_to_practice(
        item.id,
        tz=UTC,
        title="Pre-wire every Review",
        body="Talk one-to-one FIRST.",
        tags="Alignment",
    )
    assert titles(s.practices("review")) == ["Pre-wire every Review"]
    assert titles(s.practices("FIRST one-to-one")) == ["Pre-wire every Review"]
    assert titles(s.practices("alignment")) == ["Pre-wire every Review"]
    assert len(s.practices("vip-pts")) == 5


def test_search_wildcards_are_literal(demo_store):
    assert demo_store.practices("%") == []
    assert demo_store.practices("_") == []


def test_retired_practices_are_hidden_until_asked_and_can_be_restored(demo_store):
    s = demo_store
    row = s.practices("纪要")[0]
    retired = s.retire_practice(row.id, row.version)
    assert retired.retired_at is not None
    assert s.practices("纪要") == []
    assert len(s.practices()) == 3
    shown = s.practices("纪要", include_retired=True)
    assert [r.retired for r in shown] == [True]
    everything = s.practices(include_retired=True)
    assert everything[-1].id == row.id  # retired ones last
    with pytest.raises(ConflictError):
        s.restore_practice(row.id, row.version)
    s.restore_practice(row.id, retired.version)
    assert titles(s.practices("纪要")) == [row.title]


def test_edit_practice(demo_store):
    s = demo_store
    row = s.practices("客服")[0]
    edited = s.edit_practice(row.id, row.version, title="上线前培训客服", tags=["上线", "培训"])
    assert (edited.title, s.practice(row.id).tags) == ("上线前培训客服", ("上线", "培训"))
    with pytest.raises(ValidationError):
        s.edit_practice(row.id, edited.version, title="")
    with pytest.raises(TypeError):
        s.edit_practice(row.id, edited.version, source_project_id=1)


def test_deleting_the_source_item_keeps_the_practice(demo_store):
    s = demo_store
    item = next(i for i in report(s).items if i.promoted)
    s.delete_retro_item(item.id, item.version)
    kept = s.practice(item.practice_ids[0])
    assert kept.source_retro_item_id is None and kept.source_code == "VIP-PTS"
