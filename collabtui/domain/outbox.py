"""The outbox's rules: a message's life (queued → sent / failed), retries and their backoff.

Pure: the store keeps the rows (:mod:`collabtui.store.outbox`), the sending service
moves them (:mod:`collabtui.services.sending`); both follow these definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

#: Waiting to be sent (again, from ``next_try_at``).
QUEUED = "queued"
#: Taken by one copy of collab, which is talking to the server now (until ``claimed_until``).
SENDING = "sending"
#: The server accepted it (``sent_at``, its answer in ``answer``).
SENT = "sent"
#: Refused for good (a bad signature, a bad password, too many tries): ``answer`` says why.
FAILED = "failed"
#: Withdrawn by the user before it went out.
CANCELLED = "cancelled"

STATUSES = (QUEUED, SENDING, SENT, FAILED, CANCELLED)

#: What a message is.
KINDS = ("notice", "minutes", "digest", "risk")

#: Tries before a message that keeps meeting network errors or rate limits is failed.
MAX_ATTEMPTS = 8

#: How long one copy holds a message it is sending before another may take it over.
LEASE = timedelta(minutes=2)


def backoff(attempts: int, *, rate_limited: bool = False) -> timedelta:
    """The wait before try ``attempts + 1``: 30 s, 1, 2, 4 … minutes, at most an hour.

    A rate limit waits at least a minute: the platforms count messages per minute.
    """
    delay = timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))
    return max(delay, timedelta(minutes=1)) if rate_limited else delay


def said(key: str, detail: object = "") -> str:
    """An answer collab itself gives (not the server's words), kept as ``key|detail``
    and put in the reader's language when shown (:func:`answer_text`)."""
    return f"{key}|{detail}"


def answer_text(answer: str, tr) -> str:
    """A stored answer as the user reads it: collab's own in ``tr``'s language, a
    server's as the server said it."""
    if answer.startswith("answer.") and "|" in answer:
        key, detail = answer.split("|", 1)
        return tr(key, detail=detail)
    return answer


@dataclass(frozen=True)
class OutboxDraft:
    """A message to put in the outbox: where it goes and exactly what is sent."""

    kind: str
    #: ``mail`` or ``chat.<name>``: the channel by its config name (never its URL).
    channel: str
    #: ``smtp``, ``dingtalk``, ``feishu`` or ``wecom``.
    platform: str
    #: The message's stable id: its Message-ID for mail, a dedupe key for a robot.
    message_key: str
    title: str
    #: Who receives it, as shown to the user (addresses, or the group's name).
    recipients: str
    #: The message as sent: RFC 5322 text for mail, the JSON body for a robot.
    payload: str
    project_code: str = ""
    #: The record it is about (``meeting``, ``risk``) and its id.
    entity: str = ""
    entity_id: int | None = None


@dataclass(frozen=True)
class OutboxEntry:
    """A message in the outbox, as lists and the sending service read it."""

    id: int
    kind: str
    channel: str
    platform: str
    message_key: str
    title: str
    recipients: str
    payload: str
    project_code: str
    entity: str
    entity_id: int | None
    status: str
    attempts: int
    created_at: datetime
    next_try_at: datetime | None
    sent_at: datetime | None
    answer: str

    @property
    def open(self) -> bool:
        """Still to be sent (queued, or being sent)."""
        return self.status in (QUEUED, SENDING)


__all__ = [
    "CANCELLED",
    "FAILED",
    "KINDS",
    "LEASE",
    "MAX_ATTEMPTS",
    "QUEUED",
    "SENDING",
    "SENT",
    "STATUSES",
    "OutboxDraft",
    "OutboxEntry",
    "answer_text",
    "backoff",
    "said",
]
