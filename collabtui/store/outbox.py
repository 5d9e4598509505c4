"""The outbox: messages queued first, then claimed, sent, and marked by the server's answer.

A message is taken for sending by one conditional ``UPDATE`` (queued and due, or a
claim whose lease ran out), so two copies of collab never send the same message at
once; its ``message_key`` is unique, so the same message is never queued twice.
Outbox rows are not playbook records: no version, no change log, no undo.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, func, or_, update
from sqlmodel import col, select

from collabtui.domain.errors import NotFound, ValidationError
from collabtui.domain.outbox import (
    CANCELLED,
    FAILED,
    LEASE,
    QUEUED,
    SENDING,
    SENT,
    OutboxDraft,
    OutboxEntry,
)
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    Decision,
    Department,
    Meeting,
    OutboxMessage,
    Person,
    Project,
    Task,
    utcnow,
)


def _entry(row: OutboxMessage) -> OutboxEntry:
    return OutboxEntry(
        id=row.id or 0,
        kind=row.kind,
        channel=row.channel,
        platform=row.platform,
        message_key=row.message_key,
        title=row.title,
        recipients=row.recipients,
        payload=row.payload,
        project_code=row.project_code,
        entity=row.entity,
        entity_id=row.entity_id,
        status=row.status,
        attempts=row.attempts,
        created_at=row.created_at,
        next_try_at=row.next_try_at,
        sent_at=row.sent_at,
        answer=row.answer,
    )


class OutboxOps(StoreBase):
    """Store methods of the outbox (mixed into :class:`~collabtui.store.Store`)."""

    # ------------------------------------------------------------------ queue

    def enqueue(self, drafts: Iterable[OutboxDraft]) -> list[tuple[OutboxEntry, bool]]:
        """Queue ``drafts`` in one transaction; ``(entry, new)`` for each.

        A draft whose ``message_key`` is already in the outbox is not queued again:
        its entry comes back with ``new=False`` (sent, queued or failed, as it is).
        """
        out: list[tuple[OutboxEntry, bool]] = []
        with self.db.write("outbox.queue") as u:
            for draft in drafts:
                found = u.first(
                    select(OutboxMessage).where(OutboxMessage.message_key == draft.message_key)
                )
                if found is not None:
                    out.append((_entry(found), False))
                    continue
                row = OutboxMessage(
                    kind=draft.kind,
                    channel=draft.channel,
                    platform=draft.platform,
                    message_key=draft.message_key,
                    title=draft.title,
                    recipients=draft.recipients,
                    payload=draft.payload,
                    project_code=draft.project_code,
                    entity=draft.entity,
                    entity_id=draft.entity_id,
                    status=QUEUED,
                    created_by=self.user,
                )
                u.add(row)
                out.append((_entry(row), True))
        return out

    # ------------------------------------------------------------------ read

    def outbox(self, status: str | None = None, limit: int = 500) -> list[OutboxEntry]:
        """The outbox, newest first (of one status, or all)."""
        with self.db.read() as s:
            stmt = select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(limit)
            if status is not None:
                stmt = stmt.where(col(OutboxMessage.status) == status)
            return [_entry(r) for r in s.exec(stmt).all()]

    def outbox_message(self, message_id: int) -> OutboxEntry:
        """One message of the outbox (:class:`NotFound` if there is none)."""
        with self.db.read() as s:
            row = s.get(OutboxMessage, message_id)
            if row is None:
                raise NotFound("outbox", message_id)
            return _entry(row)

    def sent_messages(self, entity: str, entity_id: int, kind: str) -> list[OutboxEntry]:
        """The messages of one kind about one record that went out, oldest first."""
        with self.db.read() as s:
            rows = s.exec(
                select(OutboxMessage)
                .where(
                    col(OutboxMessage.entity) == entity,
                    col(OutboxMessage.entity_id) == entity_id,
                    col(OutboxMessage.kind) == kind,
                    col(OutboxMessage.status) == SENT,
                )
                .order_by(col(OutboxMessage.id))
            ).all()
            return [_entry(r) for r in rows]

    # ------------------------------------------------------------------ sending

    def claim_due(
        self, now: datetime | None = None, ids: Iterable[int] | None = None, limit: int = 50
    ) -> list[OutboxEntry]:
        """Take the messages due now for sending (each by one copy only), oldest first.

        Due: queued with no next try or one that has come, or ``sending`` under a lease
        that ran out (a copy that crashed mid-send). ``ids``: only these.
        """
        now = now or utcnow()
        due = or_(
            and_(
                col(OutboxMessage.status) == QUEUED,
                or_(
                    col(OutboxMessage.next_try_at).is_(None), col(OutboxMessage.next_try_at) <= now
                ),
            ),
            and_(col(OutboxMessage.status) == SENDING, col(OutboxMessage.claimed_until) < now),
        )
        with self.db.read() as s:
            stmt = (
                select(col(OutboxMessage.id))
                .where(due)
                .order_by(col(OutboxMessage.id))
                .limit(limit)
            )
            if ids is not None:
                stmt = stmt.where(col(OutboxMessage.id).in_(list(ids)))
            candidates = [i for i in s.exec(stmt).all() if i is not None]
        claimed: list[OutboxEntry] = []
        for message_id in candidates:
            with self.db.write("outbox.claim") as u:
                result = u.session.execute(
                    update(OutboxMessage)
                    .where(col(OutboxMessage.id) == message_id, due)
                    .values(
                        status=SENDING,
                        claimed_until=now + LEASE,
                        attempts=col(OutboxMessage.attempts) + 1,
                        updated_at=now,
                    )
                    .execution_options(synchronize_session=False)
                )
                if getattr(result, "rowcount", 0) == 1:
                    claimed.append(_entry(u.get(OutboxMessage, message_id)))
        return claimed

    def _finish(self, message_id: int, intent: str, **values) -> OutboxEntry:
        with self.db.write(intent) as u:
            row = u.get(OutboxMessage, message_id)
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = utcnow()
            u.session.flush()
            return _entry(row)

    def mark_sent(self, message_id: int, answer: str, now: datetime | None = None) -> OutboxEntry:
        """The server accepted the message: sent, with its answer and the time."""
        return self._finish(
            message_id,
            "outbox.sent",
            status=SENT,
            sent_at=now or utcnow(),
            answer=answer,
            claimed_until=None,
            next_try_at=None,
        )

    def mark_retry(
        self, message_id: int, answer: str, next_try_at: datetime, *, tried: bool = True
    ) -> OutboxEntry:
        """A passing failure (network, rate limit): queued again for ``next_try_at``.

        ``tried=False``: it was not sent at all (collab waited for a robot's
        per-minute limit), so the try does not count.
        """
        with self.db.write("outbox.retry") as u:
            row = u.get(OutboxMessage, message_id)
            row.status, row.answer, row.next_try_at = QUEUED, answer, next_try_at
            row.claimed_until, row.updated_at = None, utcnow()
            if not tried:
                row.attempts = max(row.attempts - 1, 0)
            u.session.flush()
            return _entry(row)

    def sent_since(self, channel: str, since: datetime) -> int:
        """How many messages went out on ``channel`` after ``since`` (for per-minute limits)."""
        with self.db.read() as s:
            return s.exec(
                select(func.count())
                .select_from(OutboxMessage)
                .where(
                    col(OutboxMessage.channel) == channel,
                    col(OutboxMessage.status) == SENT,
                    col(OutboxMessage.sent_at) > since,
                )
            ).one()

    def mark_failed(self, message_id: int, answer: str) -> OutboxEntry:
        """Refused for good (or too many tries): failed, with the reason."""
        return self._finish(
            message_id, "outbox.failed", status=FAILED, answer=answer, claimed_until=None
        )

    # ------------------------------------------------------------------ user actions

    def requeue_message(self, message_id: int, now: datetime | None = None) -> OutboxEntry:
        """Send a failed, cancelled or sent message again (resend): queued, due now."""
        with self.db.write("outbox.requeue") as u:
            row = u.get(OutboxMessage, message_id)
            if row.status in (QUEUED, SENDING):
                raise ValidationError.of("outbox.err.pending", "status", id=message_id)
            row.status, row.next_try_at, row.claimed_until = QUEUED, now or utcnow(), None
            row.attempts = 0
            row.updated_at = utcnow()
            u.session.flush()
            return _entry(row)

    def retry_failed(self, now: datetime | None = None) -> list[OutboxEntry]:
        """Queue every failed message again, due now."""
        with self.db.read() as s:
            ids = [
                i
                for i in s.exec(
                    select(col(OutboxMessage.id)).where(col(OutboxMessage.status) == FAILED)
                )
                if i is not None
            ]
        return [self.requeue_message(i, now) for i in ids]

    def cancel_message(self, message_id: int) -> OutboxEntry:
        """Withdraw a queued or failed message (one being sent or sent cannot be)."""
        with self.db.write("outbox.cancel") as u:
            row = u.get(OutboxMessage, message_id)
            if row.status not in (QUEUED, FAILED):
                raise ValidationError.of(
                    "outbox.err.not_cancellable", "status", id=message_id, status=row.status
                )
            row.status, row.claimed_until, row.updated_at = CANCELLED, None, utcnow()
            u.session.flush()
            return _entry(row)

    # ------------------------------------------------------------------ addressing

    def requesting_head(self, meeting_id: int) -> tuple[str, str] | None:
        """``(name, e-mail)`` of the head of the department that requested the meeting's project."""
        with self.db.read() as s:
            row = s.exec(
                select(Person.name, Person.email)
                .select_from(Meeting)
                .join(Project, col(Project.id) == Meeting.project_id)
                .join(Department, col(Department.id) == Project.requesting_department_id)
                .join(Person, col(Person.id) == Department.head_id)
                .where(col(Meeting.id) == meeting_id)
            ).first()
            return (row[0], row[1]) if row else None

    def owner_handles(
        self, records: Iterable[tuple[str, int]]
    ) -> dict[tuple[str, int], tuple[str, str]]:
        """``(name, chat handle)`` of the owners of tasks and decisions, by ``(type, id)``."""
        wanted: dict[str, set[int]] = {"task": set(), "decision": set()}
        for kind, key in records:
            if kind in wanted:
                wanted[kind].add(key)
        out: dict[tuple[str, int], tuple[str, str]] = {}
        with self.db.read() as s:
            for kind, model in (("task", Task), ("decision", Decision)):
                if not wanted[kind]:
                    continue
                rows = s.exec(
                    select(col(model.id), Person.name, Person.chat)
                    .join(Person, col(Person.id) == col(model.owner_id))
                    .where(col(model.id).in_(sorted(wanted[kind])))
                ).all()
                out.update({(kind, i): (name, chat or "") for i, name, chat in rows})
        return out


__all__ = ["OutboxOps"]
