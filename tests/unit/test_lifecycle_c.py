"""Issue 16 (part c), the store's side: the board's card read says whether a task may
enter 已验收 (one query, no read per card), and recording a meeting's notice follows
the meeting table."""

from __future__ import annotations

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
