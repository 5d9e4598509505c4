"""Mail addresses built from parts: a name never becomes another recipient (issue 17).

Every parsed recipient of an e-mail export is exactly a person's address, whatever
the person's name holds: encoded words, commas, angle brackets, quotes, line breaks.
"""

from __future__ import annotations

import email
from datetime import UTC
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import getaddresses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from collabtui.cli import app
from collabtui.domain.clock import FixedClock
from collabtui.export.addresses import (
    LINE,
    MAIL_POLICY,
    display_name,
    is_addr_spec,
    mailbox,
    set_address_header,
)
from collabtui.export.minutes import render_minutes_eml
from tests.conftest import FIXED_NOW

#: The names of the issue: an encoded word that decodes to another address, and one
#: that decodes to a comma, an extra recipient and another comma.
EVIL = "王芳 =?utf-8?q?=3Cevil=40evil=2Eexample=3E?="
LEAK = "李娜 =?utf-8?q?=2C_leak=40evil=2Eexample=2C?="

_FRAGMENTS = st.sampled_from(
    [
        "=?utf-8?q?=3Cevil=40evil=2Eexample=3E?=",
        "=?utf-8?q?=2C_leak=40evil=2Eexample=2C?=",
        "=?utf-8?b?PGV2aWxAZXZpbC5leGFtcGxlPg==?=",
        "<evil@evil.example>",
        "evil@evil.example,",
        '"',
        "\\",
        ",",
        ";",
        ":",
        "(",
        ")",
        "<",
        ">",
        "@",
        "\r\n",
        "\n",
        "\u2028",
        "\x0b",
        "\x85",
        "\x1c",
        "\u200b",
        "王芳",
        " ",
        "Bcc: x@evil.example",
    ]
)
NAMES = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=8).map("".join)
ADDRS = st.sampled_from(["a@x.example", "wang.fang@example.com", "o'neil+t@mail.example.org"])


def _parse(raw: bytes):
    """Recipients as two parsers see them: the modern one and ``getaddresses``."""
    modern = email.message_from_bytes(raw, policy=default_policy)
    legacy = email.message_from_bytes(raw)
    return modern, legacy


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(st.tuples(NAMES, ADDRS), min_size=1, max_size=4))
def test_parsed_recipients_are_exactly_the_addresses(people):
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["Subject"] = "x"
    set_address_header(msg, "To", people)
    raw = msg.as_bytes()
    assert raw.isascii()
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= LINE for line in head.split(b"\r\n"))
    expected = list(dict.fromkeys(addr for _, addr in people))
    modern, legacy = _parse(raw)
    assert [a.addr_spec for a in modern["To"].addresses] == expected
    assert [addr for _, addr in getaddresses(legacy.get_all("To"))] == expected
    names = {addr: display_name(name) for name, addr in reversed(people)}
    shown = [a.display_name for a in modern["To"].addresses]
    # Python's parser keeps a space between two encoded words of one long name.
    assert [n.replace(" ", "") for n in shown] == [names[a].replace(" ", "") for a in expected]
    assert [n for n in shown if len(n.encode()) <= 45] == [
        names[a] for a in expected if len(names[a].encode()) <= 45
    ]
    assert not legacy.get_all("Bcc")


def _bare(name: str) -> str:
    """A name without spaces: Python's parser shows one between two encoded words."""
    return "".join(name.split())


def test_issue_names_stay_names():
    for name in (EVIL, LEAK):
        msg = EmailMessage(policy=MAIL_POLICY)
        set_address_header(msg, "To", [(name, "wang@example.com"), ("A", "a@example.com")])
        raw = msg.as_bytes()
        assert b"evil" not in raw  # the name is encoded words, no text of it is bare
        modern, legacy = _parse(raw)
        assert [(_bare(a.display_name), a.addr_spec) for a in modern["To"].addresses] == [
            (_bare(name), "wang@example.com"),
            ("A", "a@example.com"),
        ]
        assert [a for _, a in getaddresses(legacy.get_all("To"))] == [
            "wang@example.com",
            "a@example.com",
        ]


@pytest.mark.parametrize(
    "addr",
    [
        "",
        "no-at",
        "a@b@c",
        "王@example.com",
        "a b@example.com",
        "=?utf-8?q?x?=@example.com",
        "a@example.com>, b@evil.example",
        "a@-x.example",
        "<a@example.com>",
        "a@example.com\n",
    ],
)
def test_unusable_addresses_are_left_out(addr):
    assert not is_addr_spec(addr)
    assert mailbox("Name", addr) is None or addr.strip() != addr


def test_plain_names_stay_readable():
    assert mailbox("Wang Fang", "w@example.com") == "Wang Fang <w@example.com>"
    assert mailbox("", "w@example.com") == "<w@example.com>"
    assert mailbox("王芳", "w@example.com").startswith("=?utf-8?b?")


def _directory_with(store, name: str, title: str = "Review"):
    store.load_dataset(
        {
            "format": "collab-dataset/1",
            "departments": [{"key": "d", "name": "Dept"}],
            "people": [
                {"key": "p1", "name": "Host", "department": "d", "email": "host@example.com"},
                {"key": "p2", "name": name, "department": "d", "email": "wang@example.com"},
                {"key": "p3", "name": LEAK, "email": "li@example.com"},
            ],
            "projects": [
                {
                    "code": "M-1",
                    "topic": "t",
                    "requesting_department": "d",
                    "lead": "p1",
                    "meetings": [
                        {
                            "key": "m",
                            "kind": "coordination",
                            "title": title,
                            "start_at": "+1d 10:00",
                            "duration_min": 30,
                            "host": "p1",
                            "recorder": "p2",
                            "attendees": [
                                {"person": "p1", "role": "decision_maker"},
                                {"person": "p2", "role": "executor"},
                                {"person": "p3", "role": "cc"},
                            ],
                        }
                    ],
                }
            ],
        },
        clock=FixedClock(FIXED_NOW),
    )
    return store.meeting_ids()[-1]


def test_minutes_mail_goes_to_the_people_only(store):
    mid = _directory_with(store, EVIL)
    raw = render_minutes_eml(store.minutes_document(mid), "en", tz=UTC)
    modern, legacy = _parse(raw)
    assert [(_bare(a.display_name), a.addr_spec) for a in modern["To"].addresses] == [
        ("Host", "host@example.com"),
        (_bare(EVIL), "wang@example.com"),
    ]
    assert [(_bare(a.display_name), a.addr_spec) for a in modern["Cc"].addresses] == [
        (_bare(LEAK), "li@example.com")
    ]
    assert [(_bare(a.display_name), a.addr_spec) for a in modern["From"].addresses] == [
        (_bare(EVIL), "wang@example.com")
    ]
    every = getaddresses(legacy.get_all("To") + legacy.get_all("Cc") + legacy.get_all("From"))
    assert {addr for _, addr in every} == {"host@example.com", "wang@example.com", "li@example.com"}


@pytest.mark.parametrize("sep", ["\u2028", "\x0b", "\x85", "\x1c", "\u2029", "\x0c"])
def test_eml_title_with_a_line_separator(store, tmp_path, sep):
    mid = _directory_with(store, "王芳", title=f"Review{sep}Bcc: x@evil.example")
    out = tmp_path / "m.eml"
    args = ["--db", store.url, "export", "minutes", str(mid), "--format", "eml", "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    msg = email.message_from_bytes(out.read_bytes(), policy=default_policy)
    assert msg["Subject"] == "Minutes: Review Bcc: x@evil.example"
    assert msg["Bcc"] is None
