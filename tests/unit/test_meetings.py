"""Phase 2 in the store and the rules: plan, run, capture, finish, distribute."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from collabtui.domain.enums import DecisionStatus
from collabtui.domain.playbook import decision_problems, meeting_problems, open_item_problems
from collabtui.domain.tasks import next_task_code
from collabtui.store import ValidationError
from collabtui.store.meeting_run import AgendaDraft, MeetingDraft

START = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def planned(store):
    dept = store.add_department("IT")
    ann = store.add_person("Ann", department_id=dept.id, email="ann@example.com")
    bo = store.add_person("Bo", department_id=dept.id)
    cy = store.add_person("Cy")
    project = store.create_project("P1", "Launch")
    meeting = store.plan_meeting(
        MeetingDraft(
            project_id=project.id,
            title="Kick-off",
            start_at=START,
            duration_min=45,
            host_id=ann.id,
            recorder_id=bo.id,
            attendees=[(ann.id, "decision_maker"), (bo.id, "executor"), (cy.id, "cc")],
            agenda=[
                AgendaDraft("Goals", ann.id, 10, "report"),
                AgendaDraft("Plan", bo.id, 20, "discussion"),
                AgendaDraft("", None),
                AgendaDraft("Budget", ann.id, 10, "decision"),
            ],
        )
    )
    return store, meeting, {"ann": ann, "bo": bo, "cy": cy, "project": project}


def test_plan_keeps_attendees_and_agenda_in_order(planned):
    store, meeting, _p = planned
    detail = store.meeting_detail(meeting.id)
    assert [item.title for item in detail.agenda] == ["Goals", "Plan", "Budget"]
    assert {(a.role.value, person.name) for a, person in detail.attendees} == {
        ("decision_maker", "Ann"),
        ("executor", "Bo"),
        ("cc", "Cy"),
    }


def test_a_whole_meeting_is_captured_step_by_step(planned):
    store, meeting, p = planned
    t0 = START
    store.send_notice(meeting.id, now=t0 - timedelta(days=4))
    store.start_meeting(meeting.id, now=t0)
    store.add_decision(meeting.id, "Ship in Q1", owner_id=p["ann"].id, due_on=date(2027, 1, 5))
    store.goto_item(meeting.id, 1, now=t0 + timedelta(minutes=12))
    item = store.meeting_detail(meeting.id).current
    task = store.add_action_item(
        meeting.id,
        "Draft the plan",
        owner_id=p["bo"].id,
        due_on=date(2026, 12, 10),
        agenda_item_id=item.id,
    )
    store.add_open_item(meeting.id, "Who pays for the agency?", agenda_item_id=item.id)
    store.add_note(item.id, "Bo presents")
    store.add_note(item.id, "Questions on scope")
    detail = store.meeting_detail(meeting.id)
    present, absent = detail.attendees[0][0], detail.attendees[1][0]
    store.set_attendance(present.id, True)
    store.set_attendance(absent.id, False)
    store.finish_meeting(meeting.id, now=t0 + timedelta(minutes=40))
    store.distribute_minutes(meeting.id, now=t0 + timedelta(hours=2))

    detail = store.meeting_detail(meeting.id)
    m = detail.meeting
    assert (m.started_at, m.ended_at) == (t0, t0 + timedelta(minutes=40))
    assert m.minutes_distributed_at == t0 + timedelta(hours=2)
    assert m.distributed_to == "Ann, Bo, Cy"
    assert detail.agenda[0].ended_at == t0 + timedelta(minutes=12)
    assert detail.agenda[1].notes == "Bo presents\nQuestions on scope"
    assert [d.text for d in detail.decisions] == ["Ship in Q1", "Draft the plan"]
    assert [(a.code, a.owner_id, a.decision_id) for a in detail.actions] == [
        (task.code, p["bo"].id, detail.decisions[1].id)
    ]
    assert task.project_id == p["project"].id and task.code == "A-01"
    assert [o.text for o in detail.open_items] == ["Who pays for the agency?"]
    assert [a.attended for a, _ in detail.attendees[:2]] == [True, False]
    assert (
        meeting_problems(
            kind=m.kind.value,
            start_at=m.start_at,
            duration_min=m.duration_min,
            notice_sent_at=m.notice_sent_at,
            ended_at=m.ended_at,
            minutes_distributed_at=m.minutes_distributed_at,
            now=t0 + timedelta(days=2),
            tz=UTC,
        )
        == []
    )


def test_goto_stays_inside_the_agenda(planned):
    store, meeting, _ = planned
    store.start_meeting(meeting.id, now=START)
    assert store.goto_item(meeting.id, 99, now=START).current_item == 2
    assert store.goto_item(meeting.id, -5, now=START).current_item == 0


def test_empty_captures_are_refused(planned):
    store, meeting, _p = planned
    with pytest.raises(ValidationError):
        store.add_decision(meeting.id, "   ")
    with pytest.raises(ValidationError):
        store.add_action_item(meeting.id, "x", owner_id=None)


def test_decision_status_is_tracked_with_versions(planned):
    store, meeting, p = planned
    decision = store.add_decision(meeting.id, "Do it", owner_id=p["ann"].id)
    done = store.set_decision_status(decision.id, decision.version, "done")
    assert done.status == DecisionStatus.DONE


@pytest.mark.parametrize(
    ("codes", "expected"),
    [([], "A-01"), (["T-01", "T-09"], "T-10"), (["C-7", "C-12"], "C-13"), (["X"], "A-01")],
)
def test_next_task_code(codes, expected):
    assert next_task_code(codes) == expected


def rules(**kw):
    base = {
        "kind": "coordination",
        "start_at": START,
        "duration_min": 60,
        "notice_sent_at": START - timedelta(days=5),
        "ended_at": None,
        "minutes_distributed_at": None,
        "now": START - timedelta(days=10),
        "tz": UTC,
    }
    return [p.key for p in meeting_problems(**{**base, **kw})]


def test_meeting_rules():
    assert rules() == []
    assert rules(notice_sent_at=START - timedelta(days=2)) == ["meeting.notice_late"]
    assert rules(notice_sent_at=None, now=START - timedelta(days=1)) == ["meeting.notice_late"]
    assert rules(notice_sent_at=None) == []  # still time to send it
    ended = START + timedelta(hours=1)
    assert rules(ended_at=ended, now=ended + timedelta(hours=25)) == ["meeting.minutes_late"]
    assert rules(ended_at=ended, now=ended + timedelta(hours=2)) == []
    assert rules(kind="requirement_review", duration_min=90) == ["meeting.too_long"]
    assert rules(kind="retrospective", duration_min=45) == ["meeting.too_short"]
    assert rules(kind="weekly_progress", duration_min=30) == []


def test_decision_and_open_item_rules():
    today = date(2026, 12, 5)
    assert [p.key for p in decision_problems(None, None, "open", today)] == [
        "meeting.decision_no_owner",
        "meeting.decision_no_due",
    ]
    assert [p.key for p in decision_problems(1, date(2026, 12, 1), "open", today)] == [
        "meeting.decision_overdue"
    ]
    assert decision_problems(1, date(2026, 12, 1), "done", today) == []
    assert [p.key for p in open_item_problems(None, False)] == ["meeting.open_item_no_follow_up"]
    assert open_item_problems(7, False) == []


def test_follow_up_takes_up_every_open_item(planned):
    store, meeting, p = planned
    first = store.add_open_item(meeting.id, "Who pays?", owner_id=p["ann"].id)
    store.add_open_item(meeting.id, "Which vendor?")
    follow = store.create_follow_up(meeting.id, START + timedelta(days=7))
    detail = store.meeting_detail(follow.id)
    assert detail.meeting.kind.value == "follow_up"
    assert detail.meeting.follow_up_of_id == meeting.id
    assert [a.title for a in detail.agenda] == ["Who pays?", "Which vendor?"]
    assert detail.agenda[0].owner_id == p["ann"].id
    assert len(detail.attendees) == 3
    opens = store.meeting_detail(meeting.id).open_items
    assert {o.follow_up_meeting_id for o in opens} == {follow.id}
    assert open_item_problems(opens[0].follow_up_meeting_id, False) == []
    with pytest.raises(ValidationError):
        store.create_follow_up(meeting.id, START + timedelta(days=8))
    assert first.text == "Who pays?"


def test_decisions_across_meetings_show_the_task_they_became(planned):
    store, meeting, p = planned
    store.add_decision(meeting.id, "Plain", owner_id=p["ann"].id)
    task = store.add_action_item(meeting.id, "Act", owner_id=p["bo"].id)
    rows = store.decision_rows("P1")
    # an action item (a) is a task on the board, not a decision (issue 16)
    assert [(r.text, r.task_code, r.owner) for r in rows] == [("Plain", "", "Ann")]
    assert task.code in [t.code for t in store.task_rows("P1")]
    with store.db.write("test") as u:  # a decision that later became a task shows it
        from collabtui.store.models import Task

        u.edit(Task, task.id, None, decision_id=rows[0].id)
    (row,) = store.decision_rows("P1")
    assert (row.text, row.task_code) == ("Plain", task.code)


def test_decision_list_of_all_projects_and_of_one(demo_store):
    everything = demo_store.decision_rows()
    assert len(everything) > len(demo_store.decision_rows("CX-FIX")) > 0
    starts = [r.meeting_start for r in everything]
    assert starts == sorted(starts)
