"""Issue 16: the playbook's records can only be in the states the playbook allows.

Each case of the issue, at the store (both backends): the write is refused with a
translated reason, or the record is put right (progress follows the column).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from collabtui import i18n
from collabtui.domain import lifecycle as lc
from collabtui.domain.errors import ValidationError
from collabtui.domain.playbook import gaps_to_advance, summary_facts
from collabtui.store.meeting_run import MeetingEarly

from ..conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
#: A day in the future for everyone, whatever the machine's clock says.
AHEAD = datetime.now(UTC).date() + timedelta(days=30)


def task(store, code: str, project: str = "Q4-LAUNCH"):
    return next(r for r in store.task_rows(project) if r.code == code)


def meeting(store, project: str, title_part: str = "", kind: str | None = None):
    rows = store.meetings(store.project_id(project))
    return next(m for m in rows if (kind is None or m.kind == kind) and title_part in m.title)


def reason(exc_info) -> str:
    return exc_info.value.message()


# --------------------------------------------------------------------------- the tables


def test_every_table_names_only_its_own_states_and_every_state_has_a_label_in_both_languages():
    for kind, table in lc.TABLES.items():
        assert set(table.moves) == set(table.enum), kind
        for state, targets in table.moves.items():
            assert state not in targets, f"{kind}: {state} moves to itself"
            for lang in ("en", "zh-CN"):
                text = i18n.label_value(table.enum.__name__, state.value, lang)
                assert text != f"{table.enum.__name__}.{state.value}", (kind, state, lang)
        for lang in ("en", "zh-CN"):
            assert table.refusal in i18n.catalogue(lang), (kind, lang)


def test_meetings_go_one_way_and_tasks_reach_accepted_only_from_done():
    assert lc.moves_of(lc.MEETING, "ended") == {"minutes_distributed"}
    assert not lc.MEETING.allows("planned", "minutes_distributed")
    assert lc.moves_of(lc.TASK, "accepted") == {"done"}
    assert not lc.TASK.allows("todo", "accepted")
    assert lc.moves_of(lc.PHASE, "draft") == {"aligning"}


# --------------------------------------------------------------------------- meetings


def not_held(store, project: str):
    rows = store.meetings(store.project_id(project))
    return next(x for x in rows if store.meeting_detail(x.id).meeting.started_at is None)


def test_minutes_of_a_meeting_not_held_cannot_be_distributed(demo_store):
    future = not_held(demo_store, "Q4-LAUNCH")
    with pytest.raises(ValidationError) as refused:
        demo_store.distribute_minutes(future.id, now=FIXED_NOW)
    assert "only after the meeting has ended" in reason(refused)
    detail = demo_store.meeting_detail(future.id).meeting
    assert detail.minutes_distributed_at is None
    assert lc.meeting_state(detail) is lc.MeetingState.NOTICE_SENT  # as the demo left it


def test_starting_a_meeting_days_early_asks_first(demo_store):
    future = not_held(demo_store, "Q4-LAUNCH")
    start_at = demo_store.meeting_detail(future.id).meeting.start_at
    with pytest.raises(MeetingEarly) as early:
        demo_store.start_meeting(future.id, now=start_at - timedelta(days=2))
    assert "start it now anyway?" in reason(early)
    assert demo_store.meeting_detail(future.id).meeting.started_at is None
    started = demo_store.start_meeting(future.id, now=start_at - timedelta(days=2), early=True)
    assert started.started_at is not None
    # within the grace of a few minutes nobody is asked
    other = demo_store.meeting_detail(meeting(demo_store, "CX-FIX", kind="requirement_review").id)
    demo_store.start_meeting(other.meeting.id, now=other.meeting.start_at - timedelta(minutes=5))


def test_the_minutes_go_out_after_the_meeting_ended(demo_store):
    future = meeting(demo_store, "CX-FIX", kind="requirement_review")
    at = demo_store.meeting_detail(future.id).meeting.start_at
    demo_store.start_meeting(future.id, now=at)
    demo_store.finish_meeting(future.id, now=at + timedelta(minutes=50))
    with pytest.raises(ValidationError):  # before it ended
        demo_store.distribute_minutes(future.id, now=at + timedelta(minutes=10))
    done = demo_store.distribute_minutes(future.id, now=at + timedelta(hours=2))
    assert lc.meeting_state(done) is lc.MeetingState.MINUTES_DISTRIBUTED


# --------------------------------------------------------------------------- phase 1


def test_confirmation_minutes_need_the_review_meeting_held(demo_store):
    pid = demo_store.project_id("CX-FIX")
    review = meeting(demo_store, "CX-FIX", kind="requirement_review")
    kwargs = {"notes": "ok", "priorities": {}, "commitments": {}, "standards": {}}
    project = demo_store.project(pid)
    with pytest.raises(ValidationError) as refused:
        demo_store.record_confirmation(pid, project.version, meeting_id=review.id, **kwargs)
    assert "has not been held yet" in reason(refused)
    assert demo_store.project(pid).confirmed_at is None
    # the gate to 需求已确认 says the same on the dashboard and on the project screen
    keys = [g.key for g in demo_store.phase_gaps(pid, TODAY)]
    assert "gap.review_not_held" in keys
    row = next(s for s in demo_store.dashboard(TODAY) if s.id == pid)
    assert [g.key for g in gaps_to_advance(summary_facts(row))] == keys

    at = demo_store.meeting_detail(review.id).meeting.start_at
    demo_store.start_meeting(review.id, now=at)
    demo_store.finish_meeting(review.id, now=at + timedelta(minutes=45))
    project = demo_store.project(pid)
    confirmed = demo_store.record_confirmation(pid, project.version, meeting_id=review.id, **kwargs)
    assert confirmed.confirmed_at is not None
    assert "gap.review_not_held" not in [g.key for g in demo_store.phase_gaps(pid, TODAY)]


def test_an_agreed_one_to_one_cannot_be_dated_in_the_future(demo_store):
    pid = demo_store.project_id("CX-FIX")
    row = next(r for r in demo_store.consultations(pid) if r.status == "concerns")
    with pytest.raises(ValidationError) as refused:
        demo_store.record_consultation(row.id, row.version, status="agreed", held_on=AHEAD)
    assert "future" in reason(refused)
    assert next(r for r in demo_store.consultations(pid) if r.id == row.id).status == "concerns"
    # a pending one-to-one may be planned ahead
    demo_store.record_consultation(row.id, row.version, status="pending", held_on=AHEAD)


def test_phases_move_one_at_a_time(demo_store):
    from collabtui.domain.enums import Phase

    project = demo_store.project("CX-FIX")
    with pytest.raises(ValidationError) as refused:
        demo_store.edit_project(project.id, project.version, phase=Phase.CLOSED)
    assert "one at a time" in reason(refused)


# --------------------------------------------------------------------------- board


def test_a_card_enters_accepted_only_through_a_passed_acceptance_item(demo_store):
    t03 = task(demo_store, "T-03")  # done, no acceptance item
    with pytest.raises(ValidationError) as refused:
        demo_store.move_task(t03.id, t03.version, "accepted", to_end=True)
    assert "passed acceptance item" in reason(refused)
    assert task(demo_store, "T-03").status == "done"
    item = demo_store.add_acceptance_item("Q4-LAUNCH", deliverable="Standard", task_id=t03.id)
    demo_store.set_verdict(item.id, item.version, "pass", "checked")
    t03 = task(demo_store, "T-03")
    assert demo_store.move_task(t03.id, t03.version, "accepted", to_end=True).status == "accepted"
    # and the item cannot be taken back while the task stands accepted through it
    row = next(i for i in demo_store.acceptance_report("Q4-LAUNCH").items if i.id == item.id)
    with pytest.raises(ValidationError) as refused:
        demo_store.set_verdict(row.id, row.version, "pending")
    assert "move the task back to Done first" in reason(refused)


def test_in_chinese_the_refusal_names_the_playbook_states(demo_store):
    i18n.set_language("zh-CN")
    t04 = task(demo_store, "T-04")
    with pytest.raises(ValidationError) as refused:
        demo_store.move_task(t04.id, t04.version, "accepted", to_end=True)
    assert reason(refused) == "“进行中”的任务不能变为“已验收”"


def test_a_card_moved_back_from_done_does_not_keep_100(demo_store):
    t03 = task(demo_store, "T-03")
    assert (t03.status, t03.progress) == ("done", 100)
    moved = demo_store.move_task(t03.id, t03.version, "todo", to_end=True)
    assert (moved.status, moved.progress) == ("todo", 0)
    again = demo_store.move_task(moved.id, moved.version, "done", to_end=True)
    assert again.progress == 100
    back = demo_store.move_task(again.id, again.version, "in_progress", to_end=True)
    updates = demo_store.task_row(t03.id).updates  # newest first
    assert back.progress == next((u.progress for u in updates if u.progress < 100), 0)


def test_an_open_task_at_100_is_refused_and_a_daily_update_at_100_completes_it(demo_store):
    t04 = task(demo_store, "T-04")
    with pytest.raises(ValidationError) as refused:
        demo_store.edit_task(t04.id, t04.version, progress=100)
    assert "move it to Done" in reason(refused)
    demo_store.add_task_update(t04.id, on=TODAY, progress=100, done="all shipped")
    after = task(demo_store, "T-04")
    assert (after.status, after.progress) == ("done", 100)


def test_an_update_dated_before_the_task_starts_is_refused(demo_store):
    t05 = task(demo_store, "T-05")
    assert t05.start_on is not None
    with pytest.raises(ValidationError) as refused:
        demo_store.add_task_update(
            t05.id, on=t05.start_on - timedelta(days=1), progress=50, done="early bird"
        )
    assert "before the task starts" in reason(refused)
    with pytest.raises(ValidationError):
        demo_store.add_task_update(t05.id, on=AHEAD, progress=50, done="tomorrow's news")
    assert task(demo_store, "T-05").progress == t05.progress


def test_a_decision_that_became_a_task_is_done_only_with_its_task(demo_store):
    from collabtui.store.models import Decision, Task

    with demo_store.db.read() as s:
        from sqlmodel import select

        pair = s.exec(
            select(Decision, Task)
            .join(Task, Task.decision_id == Decision.id)
            .where(Decision.status == "open", Task.status.in_(["todo", "in_progress", "blocked"]))
        ).first()
    if pair is None:  # every open decision of the demo became a finished task
        pytest.skip("the demo has no open action item")
    decision, _task = pair
    with pytest.raises(ValidationError) as refused:
        demo_store.set_decision_status(decision.id, decision.version, "done")
    assert "finish the task first" in reason(refused)


# --------------------------------------------------------------------------- resources


def test_a_resource_is_not_in_place_on_a_future_day(demo_store):
    row = next(r for r in demo_store.resource_rows("Q4-LAUNCH") if r.status == "approved")
    with pytest.raises(ValidationError) as refused:
        demo_store.set_resource_status(row.id, row.version, "in_place", AHEAD)
    assert "future day" in reason(refused)
    done = demo_store.set_resource_status(row.id, row.version, "in_place", TODAY)
    assert done.status == "in_place"


# --------------------------------------------------------------------------- gates


def _to(store, code: str, phase: str) -> None:
    pid = store.project_id(code)
    while store.project(pid).phase != phase:
        project = store.project(pid)
        store.advance_phase(pid, project.version, TODAY, reason="test: past the gate")


def test_the_gate_to_the_retrospective_lists_items_never_judged(demo_store):
    _to(demo_store, "Q4-LAUNCH", "accepting")
    demo_store.generate_acceptance_items("Q4-LAUNCH")
    pid = demo_store.project_id("Q4-LAUNCH")
    pending = sum(
        1 for i in demo_store.acceptance_report("Q4-LAUNCH").items if i.verdict == "pending"
    )
    assert pending
    gaps = demo_store.phase_gaps(pid, TODAY)
    assert ("gap.acceptance_pending", {"n": pending}) in [(g.key, g.params) for g in gaps]
    row = next(s for s in demo_store.dashboard(TODAY) if s.id == pid)
    assert [g.key for g in gaps_to_advance(summary_facts(row))] == [g.key for g in gaps]


def test_the_gate_to_closed_refuses_open_tasks_pending_items_and_missing_sign_offs(demo_store):
    _to(demo_store, "Q4-LAUNCH", "accepting")
    demo_store.generate_acceptance_items("Q4-LAUNCH")
    _to(demo_store, "Q4-LAUNCH", "retrospective")
    pid = demo_store.project_id("Q4-LAUNCH")
    keys = {g.key for g in demo_store.phase_gaps(pid, TODAY)}
    assert {"gap.tasks_open", "gap.acceptance_pending", "gap.not_signed", "gap.no_retro"} <= keys
    project = demo_store.project(pid)
    with pytest.raises(ValidationError):
        demo_store.advance_phase(pid, project.version, TODAY)
    # the dashboard's 推进条件 column reads the same table
    row = next(s for s in demo_store.dashboard(TODAY) if s.id == pid)
    assert [g.key for g in gaps_to_advance(summary_facts(row))] == [
        g.key for g in demo_store.phase_gaps(pid, TODAY)
    ]


def test_dashboard_and_project_screen_agree_on_a_held_retrospective(demo_store):
    """VIP-PTS held its retrospective: neither view may say it did not."""
    pid = demo_store.project_id("VIP-PTS")
    for summary in demo_store.dashboard(TODAY):
        full = [(g.key, g.params) for g in demo_store.phase_gaps(summary.id, TODAY)]
        quick = [(g.key, g.params) for g in gaps_to_advance(summary_facts(summary))]
        if summary.phase != "draft":  # the draft check is reduced to counts on a row
            assert quick == full, summary.code
    row = next(s for s in demo_store.dashboard(TODAY) if s.id == pid)
    assert row.retro_held


def test_undo_restores_a_state_it_was_in_but_never_one_the_table_forbids(demo_store):
    from datetime import UTC as utc

    t03 = task(demo_store, "T-03")
    demo_store.move_task(t03.id, t03.version, "todo", to_end=True)
    demo_store.undo(tz=utc)
    back = task(demo_store, "T-03")
    assert (back.status, back.progress) == ("done", 100)
    demo_store.redo(tz=utc)
    assert (task(demo_store, "T-03").status, task(demo_store, "T-03").progress) == ("todo", 0)


# --------------------------------------------------------------------------- defaults


def test_a_follow_up_comes_after_the_meeting_it_follows_up(demo_store):
    from collabtui.store.models import Meeting

    held = meeting(demo_store, "CX-FIX", kind="coordination")
    demo_store.add_open_item(held.id, "Who pays the courier")
    start = demo_store.meeting_detail(held.id).meeting.start_at
    with pytest.raises(ValidationError) as refused:
        demo_store.create_follow_up(held.id, start - timedelta(days=1))
    assert "after the meeting it follows up" in reason(refused)
    follow = demo_store.create_follow_up(held.id, start + timedelta(days=1))
    assert demo_store.count(Meeting) and follow.follow_up_of_id == held.id


def test_default_meeting_times_fall_on_working_days():
    from zoneinfo import ZoneInfo

    from collabtui.domain.lifecycle_rules import default_meeting_time
    from collabtui.domain.workdays import work_calendar

    shanghai = ZoneInfo("Asia/Shanghai")
    calendar = work_calendar("CN")
    friday_noon = datetime(2026, 12, 4, 12, 0, tzinfo=shanghai)
    # 10:00 has passed on Friday: Saturday and Sunday are skipped
    assert default_meeting_time(friday_noon, calendar.is_workday) == datetime(
        2026, 12, 7, 10, 0, tzinfo=shanghai
    )
    # National Day week: the first working day after it
    october = default_meeting_time(datetime(2026, 10, 1, 8, tzinfo=shanghai), calendar.is_workday)
    assert calendar.is_workday(october.date()) and october.date() > date(2026, 10, 1)
    monday_early = datetime(2026, 12, 7, 8, 0, tzinfo=shanghai)
    assert default_meeting_time(monday_early, calendar.is_workday).day == 7


# --------------------------------------------------------------------------- trail


def test_an_action_item_is_not_listed_as_a_decision(demo_store):
    from collabtui.export.minutes import render_minutes_md

    m = not_held(demo_store, "Q4-LAUNCH")
    at = demo_store.meeting_detail(m.id).meeting.start_at
    demo_store.start_meeting(m.id, now=at)
    owner = demo_store.people()[0]
    demo_store.add_decision(m.id, "Go live on Monday", owner_id=owner.id, due_on=TODAY)
    task_made = demo_store.add_action_item(m.id, "Book the war room", owner_id=owner.id)
    doc = demo_store.minutes_document(m.id)
    assert [d.text for d in doc.decisions] == ["Go live on Monday"]
    assert [(a.code, a.title) for a in doc.action_items] == [(task_made.code, "Book the war room")]
    rows = demo_store.decision_rows("Q4-LAUNCH")
    assert "Go live on Monday" in [r.text for r in rows]
    assert "Book the war room" not in [r.text for r in rows]
    md = render_minutes_md(doc, "zh-CN", tz=UTC)
    decisions, actions = md.split("## 行动项")
    assert "Book the war room" in actions and "Book the war room" not in decisions


def test_a_decision_is_dated_when_it_was_made(demo_store):
    from collabtui.store.models import utcnow

    m = not_held(demo_store, "Q4-LAUNCH")
    now = utcnow()
    planned = demo_store.meeting_detail(m.id).meeting
    demo_store.edit_meeting_notes(m.id, planned.version, "")  # (a write, nothing more)
    with demo_store.db.write("test") as u:  # planned for next week, held today
        from collabtui.store.models import Meeting

        u.edit(Meeting, m.id, None, start_at=now + timedelta(days=7))
    demo_store.start_meeting(m.id, now=now, early=True)
    demo_store.add_decision(m.id, "Ship it", owner_id=demo_store.people()[0].id)
    demo_store.finish_meeting(m.id, now=utcnow())
    row = next(r for r in demo_store.decision_rows("Q4-LAUNCH") if r.text == "Ship it")
    assert row.made_at is not None and row.made_at.date() == now.date()
    assert row.meeting_start.date() != row.made_at.date()


def test_a_one_to_one_keeps_each_status_and_the_request_shows_how_concerns_were_resolved(
    demo_store,
):
    from collabtui.export.request import render_request_md

    pid = demo_store.project_id("CX-FIX")
    row = next(r for r in demo_store.consultations(pid) if r.status == "agreed")
    raised = demo_store.record_consultation(
        row.id, row.version, status="concerns", risks="No budget for scanners"
    )
    demo_store.record_consultation(
        raised.id, raised.version, status="agreed", feedback="Finance lends two scanners"
    )
    doc = demo_store.request_document(pid)
    entry = next(c for c in doc.consultations if c.department == row.department)
    assert [s.status for s in entry.history][-2:] == ["concerns", "agreed"]
    assert entry.history[-2].note == "No budget for scanners"
    md = render_request_md(doc, "en", tz=UTC)
    assert "Concerns raised → resolved how" in md
    line = next(x for x in md.splitlines() if "No budget for scanners" in x)
    assert "Finance lends two scanners" in line


# --------------------------------------------------------------------------- alerts


def test_an_open_task_without_a_due_date_raises_an_alert_in_both_languages():
    from collabtui.domain.alert_facts import AlertFacts, ProjectFacts, TaskFacts
    from collabtui.domain.alerts import alerts
    from collabtui.domain.workdays import work_calendar

    project = ProjectFacts(id=1, code="P1", topic="Launch", phase="executing")

    def found(**kw):
        facts = {"id": 4, "project_id": 1, "code": "T-04", "title": "Page", "owner_id": 5}
        facts |= {"deliverable": "page", "quality_standard": "reviewed", **kw}
        run = AlertFacts(projects=(project,), tasks=(TaskFacts(**facts),))
        return [a.key for a in alerts(run, FIXED_NOW, work_calendar("CN"), UTC)]

    assert found(status="in_progress", due_on=None) == ["alert.task_no_due"]
    assert found(status="in_progress", due_on=TODAY) == []
    assert found(status="done", due_on=None) == []
    for lang in ("en", "zh-CN"):
        assert "alert.task_no_due" in i18n.catalogue(lang)


def test_approving_a_resource_records_the_approver(demo_store):
    row = next(r for r in demo_store.resource_rows("Q4-LAUNCH") if r.status == "requested")
    assert row.approved_by == ""
    demo_store.set_resource_status(row.id, row.version, "approved", TODAY)
    after = next(r for r in demo_store.resource_rows("Q4-LAUNCH") if r.id == row.id)
    assert after.approved_by == "tester"  # the store's user, from the change log


# --------------------------------------------------------------------------- issue 16, part b


def _alert_keys(store, project: str, now: datetime) -> list[tuple[str, str, str]]:
    from collabtui.domain.alerts import alerts
    from collabtui.domain.workdays import work_calendar

    facts = store.alert_facts(project)
    return [(a.rule, a.key, a.label) for a in alerts(facts, now, work_calendar("CN"), UTC)]


def test_a_meeting_held_without_agenda_host_recorder_or_attendees_raises_alerts(store):
    """A plan may be completed until the meeting starts; once started, each part it
    lacks is an alert (rule ``meeting_prepared``), in both languages."""
    from collabtui.store.meeting_run import AgendaDraft, MeetingDraft

    project = store.create_project("MP", "Meetings prepared").id
    person = store.add_person("Wang Fang").id
    start = FIXED_NOW + timedelta(days=5)
    bare = store.plan_meeting(MeetingDraft(project_id=project, title="Bare", start_at=start))
    full = store.plan_meeting(
        MeetingDraft(
            project_id=project,
            title="Full",
            start_at=start,
            host_id=person,
            recorder_id=person,
            attendees=[(person, "executor")],
            agenda=[AgendaDraft("Scope", person, 10, "discussion")],
        )
    )

    def prepared(now):
        return [
            (k, label)
            for rule, k, label in _alert_keys(store, "MP", now)
            if rule == "meeting_prepared"
        ]

    assert prepared(FIXED_NOW) == []  # planned: still time to complete it
    for m in (bare, full):
        store.start_meeting(m.id, now=start, early=True)
    assert sorted(prepared(start)) == sorted(
        (f"lifecycle.meeting.no_{part}", "Bare")
        for part in ("agenda", "host", "recorder", "attendees")
    )
    store.finish_meeting(bare.id, now=start + timedelta(hours=1))
    assert len(prepared(start + timedelta(hours=2))) == 4  # held: still said
    for lang in ("en", "zh-CN"):
        for part in ("agenda", "host", "recorder", "attendees"):
            assert f"lifecycle.meeting.no_{part}" in i18n.catalogue(lang)
            assert f"meeting.part.{part}" in i18n.catalogue(lang)
        assert "alert.rule.meeting_prepared" in i18n.catalogue(lang)


def _request(store, **changes):
    from collabtui.domain.drafts import GoalDraft, PartnerDraft, RequestDraft

    mkt = store.add_department("Marketing")
    prd = store.add_department("Product")
    lead = store.add_person("Li Na", department_id=mkt.id)
    fields = dict(
        code="RQ",
        topic="Launch",
        requesting_department_id=mkt.id,
        lead_id=lead.id,
        partners=[PartnerDraft(department_id=prd.id)],
        goals=[GoalDraft("Sales up", "sales", 30, "%")],
    )
    return RequestDraft(**{**fields, **changes})


def test_a_request_without_milestones_or_deliverables_does_not_pass_the_gate(store):
    """It may be saved, but neither the draft gate nor the aligning gate lets it
    through; the dashboard and the project screen list the same gaps."""
    from collabtui.domain.drafts import DeliverableDraft, MilestoneDraft
    from collabtui.store.phases import PhaseBlocked

    project = store.save_request(_request(store), TODAY)

    def gaps() -> list[str]:
        keys = [g.key for g in store.phase_gaps(project.id, TODAY)]
        row = next(s for s in store.dashboard(TODAY) if s.id == project.id)
        assert [g.key for g in gaps_to_advance(summary_facts(row))] == keys
        return keys

    assert gaps() == ["gap.no_milestones", "gap.no_deliverables"]
    with pytest.raises(PhaseBlocked) as info:
        store.advance_phase(project.id, project.version, TODAY)
    assert "milestones" in info.value.message()
    draft = store.request_draft(project.id)
    draft.milestones = [MilestoneDraft("Review", TODAY + timedelta(days=5))]
    store.save_request(draft, TODAY)
    assert gaps() == ["gap.no_deliverables"]
    draft = store.request_draft(project.id)
    draft.deliverables = [DeliverableDraft("Launch event")]
    store.save_request(draft, TODAY)
    assert gaps() == []
    moved = store.advance_phase(project.id, store.project(project.id).version, TODAY)
    assert moved.phase.value == "aligning"
    draft = store.request_draft(project.id)
    draft.deliverables = []
    store.save_request(draft, TODAY)  # emptied again while aligning: still a gap
    assert "gap.no_deliverables" in gaps()
    for lang in ("en", "zh-CN"):
        assert {"gap.no_milestones", "gap.no_deliverables"} <= set(i18n.catalogue(lang))


def test_the_request_form_keeps_start_and_planned_end_and_refuses_an_end_before_start(store):
    from collabtui.store.request import RequestInvalid

    start, end = TODAY + timedelta(days=3), TODAY + timedelta(days=60)
    draft = _request(store, start_on=end, end_on=start)
    with pytest.raises(RequestInvalid) as info:
        store.save_request(draft, TODAY)
    assert [(p.field, p.key) for p in info.value.problems] == [("end_on", "rule.end_before_start")]
    draft.start_on, draft.end_on = start, end
    project = store.save_request(draft, TODAY)
    assert (project.start_on, project.end_on) == (start, end)
    draft = store.request_draft(project.id)
    assert (draft.start_on, draft.end_on) == (start, end)
    draft.topic = "Launch, renamed"
    store.save_request(draft, TODAY)  # editing keeps the dates
    assert (store.project(project.id).start_on, store.project(project.id).end_on) == (start, end)


def test_the_decision_cycle_proposes_only_moves_the_rules_allow():
    from collabtui.domain.lifecycle_rules import next_decision_status

    cycle = ["open", "done", "dropped"]
    assert next_decision_status(cycle, "open", None) == "done"
    assert next_decision_status(cycle, "open", "in_progress") == "dropped"  # task not done
    assert next_decision_status(cycle, "open", "accepted") == "done"
    assert next_decision_status(cycle, "dropped", "todo") == "open"
    assert next_decision_status(cycle, "done", "blocked") == "dropped"
    for status in cycle:
        for task in (None, "todo", "done"):
            target = next_decision_status(cycle, status, task)
            assert target is not None and lc.DECISION.allows(status, target)
