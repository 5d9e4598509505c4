"""The digest and risk warnings reach each group-chat robot (DingTalk, Feishu, WeCom) on loopback.

The receivers keep the platforms' contracts (tests/peers.py): they check the
signature and the size and answer with the documented error bodies, so retries,
refusals and summaries are tested against what the platforms say.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta

import pytest

from collabtui.cli import main
from collabtui.config import load
from collabtui.services import robots, sending
from collabtui.services.messages import digest_drafts, risk_drafts
from tests.conftest import FIXED_NOW
from tests.peers import Robot

KINDS = ("dingtalk", "feishu", "wecom")


@pytest.fixture(autouse=True)
def fixed_now(fixed_cli_clock):
    """The CLI's clock stands at the tests' moment (the demo is dated from it)."""


@pytest.fixture
def robot(request):
    made = []

    def make(kind: str, secret: str = "SECtest+/=密") -> Robot:
        peer = Robot(kind, secret if kind != "wecom" else "")
        made.append(peer)
        return peer

    yield make
    for peer in made:
        peer.stop()


def configure(isolated, *chats: tuple[str, Robot, str, str]) -> None:
    """``[chat.NAME]`` per (name, robot, secret as written, projects line)."""
    text = ""
    for name, peer, secret, projects in chats:
        text += f'[chat.{name}]\nkind = "{peer.kind}"\nurl = "{peer.url}"\n'
        if secret:
            text += f'secret = "{secret}"\n'
        text += projects
    folder = isolated / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def collab(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["collab", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return exit_.value.code or 0, out.out, out.err


def text_of(kind: str, body: dict) -> str:
    if kind == "dingtalk":
        return body["markdown"]["text"]
    if kind == "wecom":
        return body["markdown"]["content"]
    [post] = body["content"]["post"].values()
    return "\n".join(e.get("text", "") for line in post["content"] for e in line)


@pytest.mark.parametrize("kind", KINDS)
def test_notify_posts_the_digest_signed_and_mentions_owners(
    capsys, monkeypatch, demo_store, robot, isolated, kind
):
    peer = robot(kind)
    configure(isolated, ("team", peer, peer.secret, ""))
    code, out, err = collab(capsys, monkeypatch, "--db", demo_store.url, "notify")
    assert code == 1, err  # something is overdue, as `collab alerts` says
    assert "sent" in out and "#1" in out
    [body] = peer.received
    text = text_of(kind, body)
    assert "Q4-LAUNCH" in text and "overdue since" in text
    assert "|" not in text.replace("\\|", "")  # no Markdown tables in a chat message
    if kind == "dingtalk":
        assert body["msgtype"] == "markdown" and body["at"]["atUserIds"]
        assert all(f"@{h}" in text for h in body["at"]["atUserIds"])
    elif kind == "feishu":
        assert body["msg_type"] == "post"
        [post] = body["content"]["post"].values()
        assert any(e["tag"] == "at" for line in post["content"] for e in line)
    else:
        assert "<@" in text
    # Nothing changed: the same digest is not posted twice.
    code, out, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "notify")
    assert "already in the outbox (sent)" in out and len(peer.received) == 1


@pytest.mark.parametrize("kind", ("dingtalk", "feishu"))
def test_a_wrong_secret_is_refused_with_the_platforms_answer(
    capsys, monkeypatch, demo_store, robot, isolated, kind
):
    peer = robot(kind)
    configure(isolated, ("team", peer, "not-the-secret", ""))
    code, out, err = collab(capsys, monkeypatch, "--db", demo_store.url, "notify")
    assert code == 2
    assert ("310000 sign not match" if kind == "dingtalk" else "19021 sign match fail") in out
    assert "1 message failed" in err
    assert "not-the-secret" not in out + err and "tok-123" not in out + err
    assert peer.received == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_receiver_that_fails_then_recovers_gets_each_message_once(
    demo_store, robot, isolated, kind, monkeypatch
):
    peer = robot(kind)
    configure(isolated, ("team", peer, peer.secret, ""))
    peer.script = ["busy", "rate"]
    from collabtui import paths

    config = load(paths.config_file())
    tz = config.clock().tz
    risk = demo_store.risk_rows("Q4-LAUNCH", tz=tz)[0]
    found = _alerts(demo_store, tz)
    drafts = digest_drafts(demo_store, config.chats, found, "zh-CN", tz, FIXED_NOW)
    drafts += risk_drafts(demo_store, config.chats, risk.id, "zh-CN", tz)
    sending.queue(demo_store, drafts)
    now = FIXED_NOW
    first = sending.deliver(demo_store, config, now=now)
    assert [e.status for e in first] == ["queued", "queued"]
    assert "503" in first[0].answer
    assert first[1].answer.split()[0] in {"130101", "11232", "45009"}
    assert sending.deliver(demo_store, config, now=now) == []  # not due yet
    later = now + timedelta(minutes=2)
    second = sending.deliver(demo_store, config, now=later)
    assert [e.status for e in second] == ["sent", "sent"]
    assert sending.deliver(demo_store, config, now=later + timedelta(hours=2)) == []
    assert len(peer.received) == 2 and peer.requests == 4
    texts = [text_of(kind, b) for b in peer.received]
    assert any(risk.title in t for t in texts)
    sending.queue(demo_store, drafts)  # queued again by mistake: the same ids
    assert sending.deliver(demo_store, config, now=later + timedelta(hours=3)) == []
    assert len(peer.received) == 2


def _alerts(store, tz):
    from collabtui.domain.alerts import alerts
    from collabtui.domain.workdays import WorkCalendar

    return alerts(store.alert_facts(None), FIXED_NOW, WorkCalendar("CN"), tz)


def test_risk_goes_only_to_its_projects_groups(capsys, monkeypatch, demo_store, robot, isolated):
    q4, other = robot("dingtalk"), robot("feishu")
    configure(
        isolated,
        ("q4", q4, q4.secret, 'projects = ["Q4-LAUNCH"]\n'),
        ("cx", other, other.secret, 'projects = ["CX-FIX"]\n'),
    )
    risk = demo_store.risk_rows("Q4-LAUNCH", tz=FIXED_NOW.tzinfo)[0]
    code, _, err = collab(capsys, monkeypatch, "--db", demo_store.url, "send", "risk", str(risk.id))
    assert code == 0, err
    assert len(q4.received) == 1 and other.received == []
    assert risk.title in q4.received[0]["markdown"]["text"]


def test_long_content_is_summarised_within_wecoms_4096_bytes(robot, isolated, demo_store):
    peer = robot("wecom")
    lines = tuple(f"- 第 {i} 项：交付物与质量标准待确认，负责人需在周五前回复" for i in range(400))
    message = robots.ChatMessage(
        title="t",
        lines=lines,
        mentions=("zhang.wei",),
        pointer="完整列表：运行 collab alerts。",
        more="……另有 {n} 行未列出。",
    )
    body = robots.payload("wecom", message)
    content = body["markdown"]["content"]
    assert len(content.encode()) <= 4096
    kept = [line for line in content.split("\n") if line.startswith("- 第")]
    assert kept == list(lines[: len(kept)])  # whole lines from the top, none cut
    assert f"另有 {400 - len(kept)} 行未列出" in content and "collab alerts" in content
    assert content.endswith("<@zhang.wei>")
    outcome = robots.post("wecom", peer.url, "", body)
    assert outcome.status == "sent" and len(peer.received) == 1
    too_long = {"msgtype": "markdown", "markdown": {"content": "x" * 5000}}
    refused = robots.post("wecom", peer.url, "", too_long)
    assert refused.status == "failed" and refused.answer.startswith("40058")


def test_dry_run_prints_the_body_and_the_masked_address(
    capsys, monkeypatch, demo_store, robot, isolated
):
    peer = robot("dingtalk")
    configure(isolated, ("team", peer, peer.secret, ""))
    code, out, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "notify", "--dry-run")
    assert code == 1
    assert "access_token=***" in out and "tok-123" not in out and peer.secret not in out
    body = json.loads(out[out.index("{") :])
    assert body["msgtype"] == "markdown"
    assert peer.received == [] and demo_store.outbox() == []


RAISE = ("risk", "raise", "Q4-LAUNCH", "--title", "Supplier strike", "--type", "dependency")
RAISE += ("--level", "high", "--threatens", "2026-12-10")


def test_risk_raise_posts_the_warning_once_signed(capsys, monkeypatch, demo_store, robot, isolated):
    q4, other = robot("dingtalk"), robot("dingtalk")
    configure(
        isolated,
        ("q4", q4, q4.secret, 'projects = ["Q4-LAUNCH"]\n'),
        ("cx", other, other.secret, 'projects = ["CX-FIX"]\n'),
    )
    code, out, err = collab(capsys, monkeypatch, "--db", demo_store.url, *RAISE)
    assert code == 0, err
    assert "Supplier strike" in out and "sent  #1  chat.q4" in out
    # The receiver checked the signature: one request, accepted, nothing refused first.
    assert q4.requests == 1 and len(q4.received) == 1 and other.requests == 0
    text = q4.received[0]["markdown"]["text"]
    assert "Risk warning: Supplier strike" in text and "Level: High" in text
    [entry] = demo_store.outbox()
    risk = next(
        r for r in demo_store.risk_rows("Q4-LAUNCH", tz=FIXED_NOW.tzinfo) if r.id == entry.entity_id
    )
    assert (entry.kind, entry.status, risk.title) == ("risk", "sent", "Supplier strike")
    # Delivering what is due later sends nothing again.
    code, out, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "outbox", "--send")
    assert code == 0 and q4.requests == 1


def test_risk_raise_json_lists_the_posts_and_a_refusal_exits_2(
    capsys, monkeypatch, demo_store, robot, isolated
):
    peer = robot("feishu")
    configure(isolated, ("team", peer, "not-the-secret", ""))
    code, out, err = collab(capsys, monkeypatch, "--db", demo_store.url, *RAISE, "--json")
    assert code == 2
    raised = json.loads(out)  # stdout holds only the JSON; the lines went to stderr
    assert raised["title"] == "Supplier strike"
    assert raised["posted"] == [{"id": 1, "channel": "chat.team", "status": "failed"}]
    assert "19021 sign match fail" in err and "1 message failed" in err
    assert "not-the-secret" not in out + err and peer.received == []
    assert any(
        r.title == "Supplier strike" for r in demo_store.risk_rows("Q4-LAUNCH", tz=FIXED_NOW.tzinfo)
    )


def test_risk_raise_without_a_group_for_the_project_posts_nothing(
    capsys, monkeypatch, demo_store, robot, isolated
):
    peer = robot("wecom")
    configure(isolated, ("cx", peer, "", 'projects = ["CX-FIX"]\n'))
    code, out, err = collab(capsys, monkeypatch, "--db", demo_store.url, *RAISE)
    assert code == 0 and "Supplier strike" in out
    assert "no group chat in the config file takes these messages" in err
    assert peer.requests == 0 and demo_store.outbox() == []


@pytest.mark.parametrize(("level", "colour"), [("critical", "red"), ("low", "blue")])
def test_feishu_card_risk_warning_has_a_header_coloured_by_level(
    capsys, monkeypatch, demo_store, robot, isolated, level, colour
):
    peer = robot("feishu")
    configure(isolated, ("team", peer, peer.secret, 'format = "card"\n'))
    title = "Strike <at id=all></at> *now*"
    args = ["--db", demo_store.url, "risk", "raise", "Q4-LAUNCH", "--title", title]
    args += ["--type", "dependency", "--level", level, "--threatens", "2026-12-10"]
    args += ["--impact", title]
    code, _, err = collab(capsys, monkeypatch, *args)
    assert code == 0, err
    # Signed, and a card the receiver reads: accepted at the first request.
    assert peer.requests == 1 and len(peer.received) == 1
    [body] = peer.received
    assert body["msg_type"] == "interactive" and "content" not in body
    header = body["card"]["header"]
    assert header["template"] == colour
    assert header["title"] == {"tag": "plain_text", "content": f"Risk warning: {title}"}
    [element] = body["card"]["elements"]
    assert element["tag"] == "div" and element["text"]["tag"] == "lark_md"
    text = element["text"]["content"]
    assert text.startswith("**Project Q4-LAUNCH**")  # the title is in the header only
    assert "Level: " in text and "Threatens: 2026-12-10" in text
    # The header's title is plain text; in the body, the user's text cannot @ everyone
    # nor format: its specials are entities.
    assert "<at" not in text and "&#60;at id=all&#62;" in text and "&#42;now&#42;" in text


def test_feishu_card_digest_mentions_owners(capsys, monkeypatch, demo_store, robot, isolated):
    peer = robot("feishu")
    configure(isolated, ("team", peer, peer.secret, 'format = "card"\n'))
    code, _, err = collab(capsys, monkeypatch, "--db", demo_store.url, "notify")
    assert code == 1, err  # something is overdue
    [body] = peer.received
    card = body["card"]
    assert card["header"]["template"] == "red"
    assert card["header"]["title"]["content"].startswith("collab · needs attention · ")
    text, mentions = (e["text"]["content"] for e in card["elements"])
    assert "Q4-LAUNCH" in text and "overdue since" in text and "|" not in text
    assert mentions.startswith("<at id=") and mentions.endswith("></at>")


def test_the_feishu_receiver_refuses_a_card_without_a_header(robot):
    peer = robot("feishu")
    card = {"elements": [{"tag": "div", "text": {"tag": "lark_md", "content": "x"}}]}
    outcome = robots.post(
        "feishu", peer.url, peer.secret, {"msg_type": "interactive", "card": card}
    )
    assert (outcome.status, outcome.answer) == ("failed", "9499 Bad Request")
    assert peer.received == []
