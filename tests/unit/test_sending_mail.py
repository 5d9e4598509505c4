"""The notice, the invitation and the minutes reach a real SMTP server (aiosmtpd on loopback).

STARTTLS on a certificate made in the test, a login, every message parsed back:
headers with Chinese names and subjects, both parts, the iTIP invitation. The
meeting's notice and distribution times come from the server's acceptance.
"""

from __future__ import annotations

import sys
from email import message_from_bytes
from email.policy import default

import pytest

from collabtui.cli import main
from collabtui.domain.outbox import answer_text
from collabtui.i18n import translator
from tests.conftest import FIXED_NOW
from tests.peers import MailServer

PASSWORD = "s3cret 密码"

#: The Q4 launch's requirement review: attendees with addresses, one copied.
REVIEW = "Q4 新品上市需求评审会"
UPCOMING = "预售上线前准备会"


@pytest.fixture(autouse=True)
def fixed_now(fixed_cli_clock):
    """The CLI's clock stands at the tests' moment (the demo is dated from it)."""


@pytest.fixture
def smtp(tmp_path):
    server = MailServer(tmp_path, password=PASSWORD)
    yield server
    server.stop()


@pytest.fixture
def smtp_down(tmp_path):
    """A server made but not started: nothing listens on its port until the test says so."""
    server = MailServer(tmp_path, password=PASSWORD, start=False)
    yield server
    if server.controller.loop.is_running():
        server.stop()


def write_config(isolated, text: str) -> None:
    folder = isolated / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def configure_mail(isolated, server, monkeypatch) -> None:
    monkeypatch.setenv("COLLAB_SMTP_PASSWORD", PASSWORD)
    write_config(
        isolated,
        f'[mail]\nurl = "smtp://lina@127.0.0.1:{server.port}"\nfrom = "李娜 <lina@example.com>"\n'
        f'ca_file = "{server.ca_file}"\n',
    )


@pytest.fixture
def mail_config(isolated, smtp, monkeypatch):
    configure_mail(isolated, smtp, monkeypatch)


def collab(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["collab", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return exit_.value.code or 0, out.out, out.err


def run(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    try:
        return collab(capsys, monkeypatch, *args)
    except pytest.fail.Exception:  # no SystemExit: the command returned normally
        out = capsys.readouterr()
        return 0, out.out, out.err


def parsed(envelope):
    return message_from_bytes(envelope.original_content, policy=default)


def meeting_of(store, title_part: str):
    return next(m for m in store.meetings() if title_part in m.title)


def test_notice_with_invitation_reaches_the_server(
    capsys, monkeypatch, demo_store, smtp, mail_config
):
    from icalendar import Calendar

    # A meeting not started yet: the store records a notice only before (issue 16).
    meeting = meeting_of(demo_store, UPCOMING)
    before = demo_store.minutes_document(meeting.id)
    code, out, err = run(
        capsys, monkeypatch, "--db", demo_store.url, "send", "notice", str(meeting.id)
    )
    assert code == 0, err
    assert "sent" in out and "250" in out
    assert smtp.logins == ["lina"]
    [envelope] = smtp.received
    msg = parsed(envelope)
    assert msg["Subject"] == f"Meeting notice: {before.title}"
    assert msg["From"].addresses[0].display_name == "李娜"
    assert "=?utf-8?" in envelope.original_content.decode("ascii").split("\r\n\r\n")[0]
    to = {a.addr_spec: a.display_name for a in msg["To"].addresses}
    wanted = {a.person.email: a.person.name for a in before.participants if a.person.email}
    assert to == wanted
    assert set(envelope.rcpt_tos) >= set(wanted)
    text = msg.get_body(("plain",)).get_content()
    assert before.title in text and "Agenda:" in text
    [invite] = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert invite.get_param("method") == "REQUEST"
    raw_ical = invite.get_payload(decode=True)
    assert b"\r\n" in raw_ical
    cal = Calendar.from_ical(raw_ical)
    assert str(cal["method"]) == "REQUEST"
    [event] = cal.walk("VEVENT")
    assert str(event["uid"]) == f"collab-meeting-{meeting.id}-{demo_store.store_id}@collab"
    assert int(event["sequence"]) == 0
    assert str(event["organizer"]) == "mailto:lina@example.com"
    assert event["dtstart"].dt == before.start_at
    after = demo_store.minutes_document(meeting.id)
    assert after.notice_sent_at == FIXED_NOW  # the moment the server said 250
    [entry] = demo_store.outbox()
    assert entry.status == "sent" and entry.message_key == msg["Message-ID"]


def test_the_same_notice_is_queued_once_and_a_cancellation_follows(
    capsys, monkeypatch, demo_store, smtp, mail_config
):
    from icalendar import Calendar

    meeting = meeting_of(demo_store, REVIEW)
    args = ("--db", demo_store.url, "send", "notice", str(meeting.id))
    assert run(capsys, monkeypatch, *args)[0] == 0
    code, out, _ = run(capsys, monkeypatch, *args)
    assert code == 0 and "already in the outbox (sent)" in out
    assert len(smtp.received) == 1
    assert run(capsys, monkeypatch, *args, "--cancel")[0] == 0
    assert len(smtp.received) == 2
    msg = parsed(smtp.received[1])
    assert msg["Subject"].startswith("Meeting cancelled: ")
    [invite] = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    cal = Calendar.from_ical(invite.get_payload(decode=True))
    [event] = cal.walk("VEVENT")
    assert str(cal["method"]) == "CANCEL" and int(event["sequence"]) == 1
    assert str(event["status"]) == "CANCELLED"


def test_minutes_go_to_attendees_cc_the_copied_and_the_requesting_head(
    capsys, monkeypatch, demo_store, smtp, mail_config
):
    meeting = meeting_of(demo_store, REVIEW)
    doc = demo_store.minutes_document(meeting.id)
    head = demo_store.requesting_head(meeting.id)
    assert head is not None
    code, _, err = run(
        capsys, monkeypatch, "--db", demo_store.url, "send", "minutes", str(meeting.id)
    )
    assert code == 0, err
    [envelope] = smtp.received
    msg = parsed(envelope)
    assert msg["Subject"] == f"Minutes: {doc.title}"
    to = {a.addr_spec for a in msg["To"].addresses}
    cc = {a.addr_spec for a in msg["Cc"].addresses} if msg["Cc"] else set()
    assert to == {a.person.email for a in doc.participants if a.person.email}
    copied = {a.person.email for a in doc.copied if a.person.email}
    assert copied <= cc
    assert head[1] in to | cc
    assert not (to & cc)
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert doc.title in plain and plain.lstrip().startswith("#")
    assert "<h1>" in html and doc.title in html
    assert demo_store.minutes_document(meeting.id).minutes_distributed_at == FIXED_NOW


def test_a_refused_login_fails_and_records_nothing(
    capsys, monkeypatch, demo_store, smtp, mail_config
):
    monkeypatch.setenv("COLLAB_SMTP_PASSWORD", "wrong")
    meeting = meeting_of(demo_store, REVIEW)
    before = demo_store.minutes_document(meeting.id)
    code, out, err = run(
        capsys, monkeypatch, "--db", demo_store.url, "send", "minutes", str(meeting.id)
    )
    assert code == 2, out
    assert "failed" in out and "login refused: 535" in out
    assert "1 message failed" in err
    assert "wrong" not in out + err
    assert smtp.received == []
    after = demo_store.minutes_document(meeting.id).minutes_distributed_at
    assert after == before.minutes_distributed_at != FIXED_NOW
    [entry] = demo_store.outbox()
    assert entry.status == "failed"
    assert answer_text(entry.answer, translator("zh-CN")).startswith("登录被拒绝：535")


def test_a_server_that_is_down_leaves_the_message_queued_then_it_goes_once(
    capsys, monkeypatch, demo_store, smtp_down, isolated
):
    from datetime import timedelta

    from collabtui import config as config_mod
    from collabtui import paths
    from collabtui.services import sending

    smtp = smtp_down
    configure_mail(isolated, smtp, monkeypatch)
    meeting = meeting_of(demo_store, REVIEW)
    code, out, _ = run(
        capsys, monkeypatch, "--db", demo_store.url, "send", "minutes", str(meeting.id)
    )
    assert code == 0 and "queued" in out and "retry at" in out
    assert demo_store.minutes_document(meeting.id).minutes_distributed_at != FIXED_NOW
    smtp.controller.start()
    config = config_mod.load(paths.config_file())
    later = FIXED_NOW + timedelta(minutes=5)
    [done] = sending.deliver(demo_store, config, now=later)
    assert done.status == "sent" and done.attempts == 2
    assert sending.deliver(demo_store, config, now=later + timedelta(hours=1)) == []
    assert len(smtp.received) == 1
    assert demo_store.minutes_document(meeting.id).minutes_distributed_at == later


def test_dry_run_prints_the_message_and_sends_nothing(
    capsys, monkeypatch, demo_store, smtp, mail_config
):
    meeting = meeting_of(demo_store, REVIEW)
    code, out, _ = run(
        capsys, monkeypatch, "--db", demo_store.url, "send", "notice", str(meeting.id), "--dry-run"
    )
    assert code == 0
    assert f"--- mail (smtp://lina:***@127.0.0.1:{smtp.port})" in out
    assert "Message-ID: <collab.notice." in out and 'method="REQUEST"' in out
    assert PASSWORD not in out
    assert smtp.received == [] and demo_store.outbox() == []


def test_no_mail_channel_is_a_one_line_error(capsys, monkeypatch, demo_store):
    meeting = meeting_of(demo_store, REVIEW)
    code, _, err = run(
        capsys, monkeypatch, "--db", demo_store.url, "send", "minutes", str(meeting.id)
    )
    assert code == 2
    assert err.startswith("collab: error: no [mail] channel in the config file")
