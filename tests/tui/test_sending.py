"""Sending from the app: the minutes' ``s`` and the notice's ``N`` go by mail when a mail
channel is configured (the times are the server's acceptance), a risk raised on the
register is posted to the project's group chat, and the outbox screen lists, resends
and cancels. Real peers on loopback (tests/peers.py); sending runs in a worker.
"""

from __future__ import annotations

import time

from textual.widgets import Input, Select

from collabtui.channel_config import parse_chat, parse_mail
from collabtui.dialogs.risk import RiskForm
from collabtui.screens.minutes import MinutesScreen
from collabtui.screens.outbox import OutboxScreen
from collabtui.screens.project import ProjectScreen
from collabtui.screens.risks import RiskRegisterScreen
from collabtui.widgets.record_table import RecordTable
from tests.peers import MailServer, Robot

from .conftest import SIZE

PASSWORD = "pw"
DEADLINE_S = 20


async def until(pilot, condition, what: str) -> None:
    """Let the app run until ``condition()`` holds (its workers finish their sends)."""
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def rows(app, selector: str = "DataTable") -> int:
    """Rows of the table on top (0 while the screen is still being drawn)."""
    from textual.css.query import NoMatches

    try:
        return app.screen.query_one(selector).row_count
    except NoMatches:
        return 0


def fail(message, key):
    return AssertionError(message)


def with_mail(app, server: MailServer, monkeypatch) -> None:
    monkeypatch.setenv("COLLAB_SMTP_PASSWORD", PASSWORD)
    raw = {
        "url": f"smtp://lina@127.0.0.1:{server.port}",
        "from": "李娜 <lina@example.com>",
        "ca_file": str(server.ca_file),
    }
    app.config.mail = parse_mail(raw, fail)


async def test_minutes_s_sends_them_and_the_outbox_lists_them(
    demo_store, make_app, clock, tmp_path, monkeypatch
):
    server = MailServer(tmp_path, password=PASSWORD)
    try:
        meeting = demo_store.meetings("Q4-LAUNCH")[0]
        app = make_app(demo_store)
        with_mail(app, server, monkeypatch)
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(MinutesScreen(meeting.id))
            await pilot.pause()
            await pilot.press("s")
            await until(pilot, lambda: server.received, "the mail server to receive the minutes")
            await until(
                pilot,
                lambda: [e.status for e in demo_store.outbox()] == ["sent"],
                "the outbox to say sent",
            )
            detail = demo_store.meeting_detail(meeting.id)
            assert detail.meeting.minutes_distributed_at == clock.now()
            app.push_screen(OutboxScreen())
            await until(pilot, lambda: rows(app) == 1, "the outbox's row")
            table = app.screen.query_one("DataTable")
            row = [str(c) for c in table.get_row_at(0)]
            assert row[1] == "sent" and row[3] == "mail" and row[4].startswith("Minutes: ")
            assert row[7].startswith("250")
            await pilot.press("x")  # a sent message cannot be cancelled: said, nothing changes
            await pilot.pause()
            assert demo_store.outbox()[0].status == "sent"
            await pilot.press("r")  # resend: once more, on purpose
            await until(pilot, lambda: len(server.received) == 2, "the message sent again")
    finally:
        server.stop()


async def test_notice_key_sends_the_invitation(demo_store, make_app, clock, tmp_path, monkeypatch):
    server = MailServer(tmp_path, password=PASSWORD)
    try:
        project = demo_store.project("Q4-LAUNCH")
        app = make_app(demo_store)
        with_mail(app, server, monkeypatch)
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(ProjectScreen(project.id, tab="meetings"))
            await pilot.pause()
            await until(pilot, lambda: rows(app, "#meeting-list"), "the meetings")
            # The meeting to come: a held one refuses N (issue 16).
            upcoming = demo_store.meetings(project.id)[-1]
            table = app.screen.query_one("#meeting-list", RecordTable)
            table.move_cursor(row=table.get_row_index(str(upcoming.id)))
            await pilot.pause()
            await pilot.press("N")
            await until(pilot, lambda: server.received, "the notice to reach the server")
            await until(
                pilot,
                lambda: [e.kind for e in demo_store.outbox() if e.status == "sent"] == ["notice"],
                "the notice recorded as sent",
            )
        [entry] = demo_store.outbox()
        assert b"METHOD:REQUEST" in server.received[0].original_content.replace(b"=\r\n", b"") or (
            "text/calendar" in server.received[0].original_content.decode()
        )
        doc = demo_store.minutes_document(entry.entity_id)
        assert doc.notice_sent_at == clock.now()
    finally:
        server.stop()


async def test_without_a_channel_s_records_by_hand(demo_store, make_app, clock):
    meeting = demo_store.meetings("Q4-LAUNCH")[0]
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MinutesScreen(meeting.id))
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
    assert demo_store.meeting_detail(meeting.id).meeting.minutes_distributed_at == clock.now()
    assert demo_store.outbox() == []


async def test_a_risk_raised_on_the_register_is_posted_to_the_group(demo_store, make_app):
    robot = Robot("dingtalk", "SECrisk")
    try:
        project = demo_store.project("Q4-LAUNCH")
        app = make_app(demo_store)
        raw = {"kind": "dingtalk", "url": robot.url, "secret": "SECrisk", "projects": ["Q4-LAUNCH"]}
        app.config.chats = {"q4": parse_chat("q4", raw, fail)}
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(RiskRegisterScreen(project.id))
            await pilot.pause()
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, RiskForm), "the risk form")
            form = app.screen
            await pilot.press(*"Supplier strike")
            form.query_one("#f-type", Select).value = "dependency"
            form.query_one("#f-threatened_on", Input).value = "2026-12-10"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: robot.received, "the warning to reach the robot")
        text = robot.received[0]["markdown"]["text"]
        assert "Risk warning: Supplier strike" in text and "Q4-LAUNCH" in text
    finally:
        robot.stop()


async def test_a_risk_raised_in_the_standup_is_posted_to_the_group(demo_store, make_app):
    from tests.tui.test_standup import TALL, open_standup

    robot = Robot("feishu", "SECstandup")
    try:
        app = make_app(demo_store)
        raw = {"kind": "feishu", "url": robot.url, "secret": "SECstandup", "projects": ["CX-FIX"]}
        app.config.chats = {"cx": parse_chat("cx", raw, fail)}
        async with app.run_test(size=TALL) as pilot:
            await open_standup(pilot, demo_store)
            await pilot.press("w")
            await until(pilot, lambda: isinstance(app.screen, RiskForm), "the risk form")
            app.screen.query_one("#f-title", Input).value = "Carrier API may slip"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: robot.received, "the warning to reach the robot")
        [post] = robot.received[0]["content"]["post"].values()
        assert post["title"] == "Risk warning: Carrier API may slip"
    finally:
        robot.stop()


async def test_d_on_the_outbox_posts_the_digest(demo_store, make_app):
    robot = Robot("wecom")
    try:
        app = make_app(demo_store, lang="zh-CN")
        raw = {"kind": "wecom", "url": robot.url}
        app.config.chats = {"all": parse_chat("all", raw, fail)}
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("O")
            await until(pilot, lambda: isinstance(app.screen, OutboxScreen), "the outbox")
            await pilot.press("d")
            await until(pilot, lambda: robot.received, "the digest to reach the robot")
            await until(pilot, lambda: rows(app) == 1, "the outbox's row")
        content = robot.received[0]["markdown"]["content"]
        assert "待处理事项" in content and len(content.encode()) <= 4096
    finally:
        robot.stop()


def footer_labels(app) -> list[str]:
    """The descriptions the dashboard's footer shows."""
    return [str(key.description) for key in app.screen.query("FooterKey")]


async def test_s_on_the_dashboard_posts_the_digest_only_with_a_group_chat(demo_store, make_app):
    from tests.support.internals import messages

    robot = Robot("dingtalk", "SECdash")
    try:
        app = make_app(demo_store)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "New project" in footer_labels(app), "the footer")
            assert "Post the digest" not in footer_labels(app)  # no channel: not offered
            assert "send_digest" not in {
                b.binding.action for b in app.screen.active_bindings.values()
            }
            await pilot.press("s")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert demo_store.outbox() == [] and robot.requests == 0
        app = make_app(demo_store)
        raw = {"kind": "dingtalk", "url": robot.url, "secret": "SECdash"}
        app.config.chats = {"team": parse_chat("team", raw, fail)}
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "Post the digest" in footer_labels(app), "the key")
            await pilot.press("s")
            await until(pilot, lambda: robot.received, "the digest to reach the robot")
            await until(
                pilot,
                lambda: "Outbox: 1 sent, 0 waiting, 0 failed." in messages(app),
                "the app to say it was sent",
            )
            assert "Queued in the outbox: 1 message." in messages(app)
        [entry] = demo_store.outbox()
        assert (entry.kind, entry.channel, entry.status) == ("digest", "chat.team", "sent")
        assert robot.requests == 1  # signed: the receiver accepted the first request
        assert "Q4-LAUNCH" in robot.received[0]["markdown"]["text"]
    finally:
        robot.stop()
