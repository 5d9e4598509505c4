"""Sending through the outbox, the same for ``collab send`` / ``notify`` / ``outbox`` and the app.

Every message is queued first (:meth:`Store.enqueue`, once per stable id), then
delivered by :func:`deliver`: each due message is claimed by one copy, sent, and
marked by the server's answer — sent, queued again with backoff (a network error,
a rate limit, a busy server) or failed (refused for good, or too many tries). Only
when the server accepted a notice or the minutes is the meeting's ``notice_sent_at``
or ``minutes_distributed_at`` recorded, at the moment of acceptance.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from collabtui.domain.errors import StoreError
from collabtui.domain.outbox import (
    MAX_ATTEMPTS,
    SENT,
    OutboxDraft,
    OutboxEntry,
    backoff,
    said,
)
from collabtui.services import mail as mailer
from collabtui.services import robots


@dataclass(frozen=True)
class Transports:
    """How messages leave (tests and the app may pass their own TLS context)."""

    submit: Callable = mailer.submit
    post: Callable = robots.post
    ssl_context: object | None = None


def configured(config) -> bool:
    """Whether the config names any channel (mail or a group chat)."""
    return config.mail is not None or bool(config.chats)


def queue(store, drafts: Iterable[OutboxDraft]) -> list[tuple[OutboxEntry, bool]]:
    """Put ``drafts`` in the outbox (each stable id once); ``(entry, new)`` for each."""
    return store.enqueue(list(drafts))


def deliver(
    store,
    config,
    *,
    now: datetime | None = None,
    ids: Iterable[int] | None = None,
    transports: Transports | None = None,
) -> list[OutboxEntry]:
    """Send every message due at ``now`` (or only ``ids``); the messages as they end up."""
    from collabtui.store.models import utcnow

    transports = transports or Transports()
    now = now or utcnow()
    return [
        _deliver_one(store, config, entry, now, transports)
        for entry in store.claim_due(now, ids=ids)
    ]


def _deliver_one(store, config, entry: OutboxEntry, now: datetime, t: Transports) -> OutboxEntry:
    if entry.channel == "mail":
        channel = config.mail
        if channel is None:
            return store.mark_failed(entry.id, said("answer.no_channel", "[mail]"))
        recipients = tuple(r for r in entry.recipients.split(", ") if r)
        kwargs = {"context": t.ssl_context} if t.ssl_context is not None else {}
        outcome = t.submit(channel, entry.payload, recipients, **kwargs)
    else:
        name = entry.channel.removeprefix("chat.")
        channel = config.chats.get(name)
        if channel is None or channel.kind != entry.platform:
            return store.mark_failed(
                entry.id, said("answer.no_channel", f"[chat.{name}] ({entry.platform})")
            )
        limit = robots.PER_MINUTE[channel.kind]
        if store.sent_since(entry.channel, now - timedelta(minutes=1)) >= limit:
            answer = said("answer.waiting", limit)
            return store.mark_retry(entry.id, answer, now + timedelta(minutes=1), tried=False)
        outcome = t.post(channel.kind, channel.url, channel.secret, json.loads(entry.payload))
    if outcome.status == "sent":
        done = store.mark_sent(entry.id, outcome.answer, now)
        _record(store, done, now)
        return done
    if outcome.status == "retry" and entry.attempts < MAX_ATTEMPTS:
        wait = backoff(entry.attempts, rate_limited=outcome.rate_limited)
        return store.mark_retry(entry.id, outcome.answer, now + wait)
    return store.mark_failed(entry.id, outcome.answer)


def _record(store, entry: OutboxEntry, when: datetime) -> None:
    """The meeting's record of the notice or the minutes, from the server's acceptance."""
    if entry.status != SENT or entry.entity != "meeting" or entry.entity_id is None:
        return
    try:
        if entry.kind == "notice":
            store.send_notice(entry.entity_id, when)
        elif entry.kind == "minutes":
            store.distribute_minutes(entry.entity_id, when)
    except StoreError:
        # The meeting was deleted meanwhile, or (a notice) it has started: the store
        # records a notice only before the meeting starts (issue 16). The mail still
        # went out; the outbox keeps it as sent.
        pass


__all__ = ["Transports", "configured", "deliver", "queue"]
