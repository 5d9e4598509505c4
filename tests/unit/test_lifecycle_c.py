"""Issue 16 (part c), the store's side: the board's card read says whether a task may
enter 已验收 (one query, no read per card), and recording a meeting's notice follows
the meeting table."""

from __future__ import annotations

from datetime import timedelta

from collabtui.domain.board import COLUMNS

from ..conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


def _card(store, task_id: int):
    return next(c for c in store.task_cards(None, today=TODAY) if c.id == task_id)


def test_a_card_is_acceptable_only_with_a_passed_or_waived_item_not_dropped(demo_store):
    project = demo_store.project_id("Q4-LAUNCH")
    done = next(c for c in demo_store.task_cards(project, today=TODAY) if c.status == "done")
    assert not done.acceptable
    item = demo_store.add_acceptance_item(project, deliverable="x", task_id=done.id)
    assert not _card(demo_store, done.id).acceptable  # pending
    item = demo_store.set_verdict(item.id, item.version, "fail", "not yet")
    assert not _card(demo_store, done.id).acceptable
    item = demo_store.set_verdict(item.id, item.version, "waived", "agreed")
    assert _card(demo_store, done.id).acceptable
    item = demo_store.set_verdict(item.id, item.version, "pass", "")
    assert _card(demo_store, done.id).acceptable
    # The other reads of cards carry it too (the board's first screenful, a patch).
    head, _ = demo_store.task_cards_head(project, 500)
    assert next(c for c in head["done"] if c.id == done.id).acceptable
    patched, _ = demo_store.task_cards_of([done.id], project)
    assert patched[0].acceptable
    demo_store.drop_acceptance_item(item.id, item.version, "merged elsewhere")
    assert not _card(demo_store, done.id).acceptable


def test_a_verdict_is_a_change_the_board_reads_whole(demo_store):
    """The board patches only the tasks whose rows changed; a verdict changes what a
    card says without touching its task, so the board reads itself whole."""
    project = demo_store.project_id("Q4-LAUNCH")
    card = next(c for c in demo_store.task_cards(project, today=TODAY) if c.status in COLUMNS)
    last, _ = demo_store.board_changes(None, project)
    demo_store.add_acceptance_item(project, deliverable="y", task_id=card.id)
    _, changed = demo_store.board_changes(last, project)
    assert changed is None


def _planned(store):
    from datetime import timedelta

    from collabtui.store.meeting_run import AgendaDraft, MeetingDraft

    pid = store.project_id("CX-FIX")
    host = store.people()[0]
    return store.plan_meeting(
        MeetingDraft(
            project_id=pid,
            title="Scope check",
            start_at=FIXED_NOW + timedelta(days=5),
            duration_min=30,
            host_id=host.id,
            attendees=[(host.id, "decision_maker")],
            agenda=[AgendaDraft("Scope", host.id, 20)],
        )
    )


def test_the_notice_is_recorded_only_before_the_meeting_starts(demo_store):
    import pytest

    from collabtui.domain.errors import ValidationError

    meeting = _planned(demo_store)
    demo_store.send_notice(meeting.id, FIXED_NOW)
    again = demo_store.send_notice(meeting.id, FIXED_NOW + timedelta(hours=1))  # sent again
    assert again.notice_sent_at is not None
    demo_store.start_meeting(meeting.id, now=FIXED_NOW, early=True)
    before = demo_store.meeting_detail(meeting.id).meeting
    with pytest.raises(ValidationError) as refused:
        demo_store.send_notice(meeting.id, FIXED_NOW + timedelta(hours=2))
    assert str(refused.value) == "a meeting that is “Running” cannot become “Notice sent”"
    after = demo_store.meeting_detail(meeting.id).meeting
    assert (after.notice_sent_at, after.version) == (before.notice_sent_at, before.version)
    # A meeting held long ago (the demo's, its minutes distributed) is refused too.
    held = held_meeting(demo_store, meeting.project_id)
    with pytest.raises(ValidationError):
        demo_store.send_notice(held.id, FIXED_NOW)


def held_meeting(store, project_id: int):
    """A meeting of the demo whose minutes went out (the stored meeting)."""
    for summary in store.meetings(project_id):
        meeting = store.meeting_detail(summary.id).meeting
        if meeting.minutes_distributed_at is not None:
            return meeting
    raise AssertionError("the demo has a meeting with its minutes distributed")
