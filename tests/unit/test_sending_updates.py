"""A moved meeting's notice goes out again as an update; robots' per-minute limits are kept."""

from __future__ import annotations

import json
from datetime import timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from sqlalchemy import update

from collabtui.channel_config import parse_chat, parse_mail
from collabtui.config import Config
from collabtui.domain.outbox import OutboxDraft, answer_text
from collabtui.i18n import translator
from collabtui.services import sending
from collabtui.services.messages import notice_drafts
from collabtui.store.models import Meeting
from tests.conftest import FIXED_NOW
from tests.peers import MailServer, Robot

PASSWORD = "pw"


def fail(message, key):
    return AssertionError(message)


@pytest.fixture
def smtp(tmp_path, monkeypatch):
    server = MailServer(tmp_path, password=PASSWORD)
    monkeypatch.setenv("COLLAB_SMTP_PASSWORD", PASSWORD)
    yield server
    server.stop()


def test_a_moved_meeting_gets_an_updated_invitation(demo_store, smtp):
    from icalendar import Calendar

    raw = {
        "url": f"smtp://lina@127.0.0.1:{smtp.port}",
        "from": "Lina <lina@example.com>",
        "ca_file": str(smtp.ca_file),
    }
    config = Config(mail=parse_mail(raw, fail))
    meeting = demo_store.meetings("Q4-LAUNCH")[-1]
    tz = FIXED_NOW.tzinfo

    def send(now):
        sending.queue(demo_store, notice_drafts(demo_store, config.mail, meeting.id, "en", tz, now))
        return sending.deliver(demo_store, config, now=now)

    [first] = send(FIXED_NOW)
    assert first.status == "sent"
    assert send(FIXED_NOW) == []  # unchanged: nothing new to send
    moved = meeting.start_at + timedelta(days=1, hours=2)
    with demo_store.engine.begin() as conn:  # the meeting moves (another copy, a later edit)
        conn.execute(update(Meeting).where(Meeting.id == meeting.id).values(start_at=moved))
    [second] = send(FIXED_NOW + timedelta(minutes=1))
    assert second.status == "sent" and second.message_key != first.message_key
    msg = message_from_bytes(smtp.received[1].original_content, policy=default)
    assert msg["Subject"] == f"Meeting changed: {meeting.title}"
    [part] = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    [event] = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert int(event["sequence"]) == 1 and event["dtstart"].dt == moved
    assert len(smtp.received) == 2


def test_a_dingtalk_robot_gets_at_most_20_messages_a_minute(demo_store):
    robot = Robot("dingtalk", "SEC")
    try:
        raw = {"kind": "dingtalk", "url": robot.url, "secret": "SEC"}
        config = Config(chats={"q4": parse_chat("q4", raw, fail)})
        body = {"msgtype": "markdown", "markdown": {"title": "t", "text": "x"}}
        drafts = [
            OutboxDraft(
                kind="digest",
                channel="chat.q4",
                platform="dingtalk",
                message_key=f"digest:q4:{n}",
                title=f"digest {n}",
                recipients="q4",
                payload=json.dumps(body),
            )
            for n in range(21)
        ]
        sending.queue(demo_store, drafts)
        done = sending.deliver(demo_store, config, now=FIXED_NOW)
        assert [e.status for e in done] == ["sent"] * 20 + ["queued"]
        waiting = done[-1]
        assert waiting.attempts == 0
        assert (
            answer_text(waiting.answer, translator("en")) == "waiting: at most 20 messages a minute"
        )
        assert answer_text(waiting.answer, translator("zh-CN")) == "等待：每分钟最多 20 条"
        assert waiting.next_try_at == FIXED_NOW + timedelta(minutes=1)
        assert len(robot.received) == 20
        [last] = sending.deliver(demo_store, config, now=FIXED_NOW + timedelta(minutes=1))
        assert last.status == "sent" and len(robot.received) == 21
    finally:
        robot.stop()
