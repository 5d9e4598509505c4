"""The outbox in the store, on both backends: queued once, claimed by one copy, retried, withdrawn."""

from __future__ import annotations

from datetime import timedelta

import pytest

from collabtui.domain.errors import ValidationError
from collabtui.domain.outbox import LEASE, OutboxDraft, backoff
from tests.conftest import FIXED_NOW


def draft(key: str = "<a@example.com>", channel: str = "mail") -> OutboxDraft:
    return OutboxDraft(
        kind="minutes",
        channel=channel,
        platform="smtp",
        message_key=key,
        title="Minutes: 需求评审会",
        recipients="a@example.com",
        payload="Subject: x\r\n\r\nbody\r\n",
        entity="meeting",
        entity_id=1,
    )


@pytest.fixture
def second(db_url):
    """Another copy of collab on the same database."""
    from collabtui.store import Store

    s = Store(db_url, user="other")
    yield s
    s.close()


def test_a_message_is_queued_once_per_stable_id(store):
    [(first, new)] = store.enqueue([draft()])
    assert new and first.status == "queued" and first.attempts == 0
    [(again, new)] = store.enqueue([draft()])
    assert not new and again.id == first.id
    assert [e.id for e in store.outbox()] == [first.id]


def test_one_copy_claims_a_message_and_a_dead_copys_claim_runs_out(store, second):
    [(entry, _)] = store.enqueue([draft()])
    [mine] = store.claim_due(FIXED_NOW)
    assert mine.id == entry.id and mine.status == "sending" and mine.attempts == 1
    assert second.claim_due(FIXED_NOW) == []  # the other copy cannot take it meanwhile
    # The first copy died mid-send: after the lease the other copy takes it over.
    [taken] = second.claim_due(FIXED_NOW + LEASE + timedelta(seconds=1))
    assert taken.id == entry.id and taken.attempts == 2


def test_a_retry_waits_for_its_time_and_a_sent_message_is_never_taken_again(store):
    [(entry, _)] = store.enqueue([draft()])
    store.claim_due(FIXED_NOW)
    wait = backoff(1)
    store.mark_retry(entry.id, "network: refused", FIXED_NOW + wait)
    assert store.claim_due(FIXED_NOW + wait - timedelta(seconds=1)) == []
    [again] = store.claim_due(FIXED_NOW + wait)
    done = store.mark_sent(again.id, "250 Ok", FIXED_NOW + wait)
    assert (done.status, done.sent_at, done.answer) == ("sent", FIXED_NOW + wait, "250 Ok")
    assert store.claim_due(FIXED_NOW + timedelta(days=1)) == []
    assert store.sent_since("mail", FIXED_NOW) == 1
    assert store.sent_since("mail", FIXED_NOW + wait + timedelta(seconds=1)) == 0


def test_backoff_grows_and_a_rate_limit_waits_a_minute():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(20) == timedelta(hours=1)
    assert backoff(1, rate_limited=True) == timedelta(minutes=1)


def test_cancel_and_resend_keep_their_rules(store):
    [(a, _), (b, _)] = store.enqueue([draft("<a@x>"), draft("<b@x>")])
    assert store.cancel_message(a.id).status == "cancelled"
    assert store.claim_due(FIXED_NOW) and store.outbox_message(a.id).status == "cancelled"
    store.mark_sent(b.id, "250 Ok")
    with pytest.raises(ValidationError) as refused:
        store.cancel_message(b.id)
    assert "only a queued or failed message can be cancelled" in str(refused.value)
    again = store.requeue_message(b.id, FIXED_NOW)
    assert (again.status, again.attempts) == ("queued", 0)
    with pytest.raises(ValidationError, match="still queued"):
        store.requeue_message(b.id, FIXED_NOW)
    store.mark_failed(store.claim_due(FIXED_NOW)[0].id, "535 refused")
    assert [e.status for e in store.retry_failed(FIXED_NOW)] == ["queued"]


def test_outbox_rows_are_not_in_the_change_log_or_the_export(store):
    from collabtui.store.models import TABLES

    [(entry, _)] = store.enqueue([draft()])
    store.claim_due(FIXED_NOW)
    store.mark_sent(entry.id, "250 Ok")
    assert "outbox" not in TABLES  # a restored store sends nothing again
    assert store.history("outbox", entry.id) == []  # nothing to undo: a mail cannot be unsent
