"""``collab export minutes`` and ``collab export calendar``: documents, renderers, commands.

Markdown is read back with a CommonMark parser (markdown-it-py, GFM tables on) and
checked cell by cell against the database; e-mails are parsed back with the standard
library, calendars with ``icalendar``.
"""

from __future__ import annotations

import email
import itertools
import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from email.policy import default as default_policy

import icalendar
import pytest
from sqlalchemy import event
from sqlmodel import select
from typer.testing import CliRunner

from collabtui.cli import CliError, app
from collabtui.domain.clock import FixedClock
from collabtui.export.calendar import render_calendar_ics, uid
from collabtui.export.markdown import day, when
from collabtui.export.minutes import (
    JSON_FORMAT,
    meeting_time,
    render_minutes_eml,
    render_minutes_html,
    render_minutes_json,
    render_minutes_md,
)
from collabtui.i18n import label_value, translator
from collabtui.services.exports import minutes_filename
from collabtui.store import NotFound
from collabtui.store.models import Attendee, Decision, Department, Meeting, Person, Task
from tests.conftest import FIXED_NOW
from tests.unit.test_export_request import MD, blocks, first_table, literal, section

runner = CliRunner()


# ---------------------------------------------------------------------- reading back


def fields(body: list) -> dict[str, str]:
    """The header table (the first table) as {label: value}."""
    return {row[0]: row[1] for row in first_table(body)[1:]}


def names(value: str, tr) -> list[str]:
    """A list cell ("王芳（市场部）、李娜（市场部）") as its entries; "(none)" is empty."""
    return [] if value == tr("field.none") else value.split(tr("export.list_sep"))


def person_label(tr, name: str, department: str | None) -> str:
    return tr("export.minutes.person", name=name, department=department) if department else name


def md_of(store, meeting_id: int, lang: str) -> list:
    return blocks(render_minutes_md(store.minutes_document(meeting_id), lang, tz=UTC))


def meeting_id(store, title: str) -> int:
    with store.db.read() as s:
        return s.exec(select(Meeting.id).where(Meeting.title == title)).one()


# ---------------------------------------------------------------------- the demo, in SQL


def _db_people(store) -> dict[int, tuple[str, str, str | None]]:
    """person id → (name, e-mail, department name), straight from the tables."""
    with store.db.read() as s:
        rows = s.exec(
            select(Person, Department.name).join(
                Department, Department.id == Person.department_id, isouter=True
            )
        ).all()
        return {p.id: (p.name, p.email, dept) for p, dept in rows}


def _db_attendees(store, mid: int) -> list[Attendee]:
    with store.db.read() as s:
        return list(
            s.exec(select(Attendee).where(Attendee.meeting_id == mid).order_by(Attendee.id)).all()
        )


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_every_decision_is_in_the_table_with_owner_and_due_date(demo_store, lang):
    tr = translator(lang)
    people = _db_people(demo_store)
    with demo_store.db.read() as s:
        decisions = list(s.exec(select(Decision)).all())
        tasks = list(s.exec(select(Task).where(Task.decision_id.is_not(None))).all())
    assert len(decisions) >= 10
    seen = 0
    for mid in demo_store.meeting_ids():
        doc = md_of(demo_store, mid, lang)
        mine = [d for d in decisions if d.meeting_id == mid]
        body = section(doc, tr("export.minutes.section.decisions"))
        if not mine:
            assert body == [("p", tr("field.none"))]
            continue
        rows = first_table(body)
        assert rows[0][:4] == [
            tr("export.minutes.col.decision"),
            tr("export.minutes.col.owner"),
            tr("col.due"),
            tr("col.status"),
        ]
        table = {row[0]: row for row in rows[1:]}
        assert len(rows) - 1 == len(mine)
        for d in mine:
            row = table[d.text]
            assert row[1] == people[d.owner_id][0]
            assert row[2] == d.due_on.isoformat()
            assert row[3] == label_value("DecisionStatus", d.status.value, lang)
            codes = sorted(t.code for t in tasks if t.decision_id == d.id)
            assert row[5] == tr("export.list_sep").join(codes)
            seen += 1
        expected = sorted(
            (t.code, t.title, people[t.owner_id][0], day(t.due_on))
            for t in tasks
            if t.decision_id in {d.id for d in mine}
        )
        actions = section(doc, tr("export.minutes.section.actions"))
        if not expected:
            assert actions == [("p", tr("field.none"))]
            continue
        assert sorted(tuple(r[:4]) for r in first_table(actions)[1:]) == expected
    assert seen == len(decisions)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_present_absent_and_copied_come_from_the_attendance(demo_store, lang):
    tr = translator(lang)
    people = _db_people(demo_store)
    for mid in demo_store.meeting_ids():
        header = fields(md_of(demo_store, mid, lang))
        attendees = _db_attendees(demo_store, mid)

        def label(a):
            name, _, dept = people[a.person_id]
            return person_label(tr, name, dept)

        cc = [label(a) for a in attendees if a.role.value == "cc"]
        rest = [a for a in attendees if a.role.value != "cc"]
        assert names(header[tr("export.minutes.copied")], tr) == cc
        assert names(header[tr("export.minutes.present")], tr) == [
            label(a) for a in attendees if a.attended is True
        ]
        assert names(header[tr("export.minutes.absent")], tr) == [
            label(a) for a in rest if a.attended is False
        ]
        unmarked = [label(a) for a in rest if a.attended is None]
        if unmarked:
            assert names(header[tr("export.minutes.unmarked")], tr) == unmarked
        else:
            assert tr("export.minutes.unmarked") not in header


def test_review_minutes_in_chinese(demo_store):
    mid = meeting_id(demo_store, "Q4 新品上市需求评审会")
    text = render_minutes_md(demo_store.minutes_document(mid), "zh-CN", tz=UTC)
    doc = blocks(text)
    assert doc[0] == ("h1", "跨部门沟通会议纪要：Q4 新品上市需求评审会")
    header = fields(doc)
    start = FIXED_NOW.replace(hour=14, minute=0) - timedelta(days=20)
    end = (start + timedelta(minutes=60)).astimezone()
    assert header["会议时间"] == f"{when(start, UTC)}–{end:%H:%M}（UTC，60 分钟）"
    assert header["会议类型"] == "需求评审会"
    assert header["所属项目"] == "Q4-LAUNCH（2026 Q4 智能手表新品上市推广）"
    assert header["主持人"] == "王芳（市场部）"
    assert header["记录人"] == "赵磊（市场部）"
    assert header["会议地点"] == "总部 3 楼大会议室 / 钉钉视频"
    assert header["抄送"] == "何军（客服部）"
    assert header["缺席人员"] == "（无）"
    assert len(header["出席人员"].split("、")) == 13
    assert header["会议材料"] == "《跨部门协作需求表》；X3 产品资料；各部门一对一沟通记录"
    sent = demo_store.minutes_document(mid).minutes_distributed_at
    assert sent is not None
    assert header["纪要分发"] == f"{when(sent, UTC)} 发送给 全体参会人；抄送各部门负责人"
    upcoming = fields(md_of(demo_store, meeting_id(demo_store, "预售上线前准备会"), "zh-CN"))
    assert upcoming["纪要分发"] == "尚未分发"
    assert "实际进行" not in upcoming
    assert len(upcoming["受邀人员（未记录出席）"].split("、")) == 9
    agenda = [p for k, p in section(doc, "会议议程") if k == "h3"]
    assert agenda == [
        "1. 项目背景与核心目标",
        "2. 各部门资源承诺",
        "3. 优先级与里程碑确认",
        "4. 交付成果的验收质量标准",
    ]
    assert ("p", "负责人：王芳 · 5 分钟 · 汇报") in section(doc, "会议议程")
    assert "### 1. 项目背景与核心目标" in text  # the number is not escaped: not a list here
    decisions = {r[0]: r for r in first_table(section(doc, "会议决议"))[1:]}
    assert decisions["首发主推 X3 标准版与运动版，Pro 版延后至明年一季度"][4:] == [
        "优先级与里程碑确认",
        "T-01",
    ]
    assert section(doc, "未明确事项") == [("p", "（无）")]
    assert section(doc, "下次会议")[0][1].startswith("第 1 周跨部门进度会（周进度会）：")


def test_open_items_follow_up_and_next_meeting(demo_store):
    tr = translator("en")
    coordination = meeting_id(demo_store, "预售活动与渠道备货协调会")
    follow_up = meeting_id(demo_store, "首批备货数量二次沟通")
    follow_doc = demo_store.minutes_document(follow_up)
    doc = md_of(demo_store, coordination, "en")
    rows = first_table(section(doc, "Open items"))
    assert rows[0] == ["Open item", "Owner", "Follow-up meeting", "Resolved"]
    by_text = {r[0]: r for r in rows[1:]}
    stock = by_text["首批经销商备货数量未明确：销售部与产品部对区域需求预测不一致"]
    assert stock[1] == "周强"
    assert stock[2] == f"首批备货数量二次沟通 ({when(follow_doc.start_at, UTC)})"
    assert stock[3] != ""
    assert by_text["直播带货主播人选待定"][2:] == ["no follow-up yet", ""]
    # The follow-up names its origin; the next meeting is the project's next one.
    assert fields(md_of(demo_store, follow_up, "en"))["Follow-up of"].startswith(
        "预售活动与渠道备货协调会 ("
    )
    ids = [m.id for m in demo_store.meetings("Q4-LAUNCH")]
    for this, nxt in itertools.pairwise(ids):
        assert demo_store.minutes_document(this).next_meeting.id == nxt
    last = md_of(demo_store, ids[-1], "en")
    assert section(last, "Next meeting") == [("p", tr("export.minutes.no_next"))]


def test_a_follow_up_counts_as_the_next_meeting_without_a_project(store):
    """A meeting outside any project: its next meeting is its follow-up."""
    store.load_dataset(
        {
            "format": "collab-dataset/1",
            "people": [{"key": "p", "name": "P"}],
            "projects": [],
        },
        clock=FixedClock(FIXED_NOW),
    )
    from collabtui.store.models import Meeting as M

    with store.db.write("test") as u:
        first = u.add(M(title="first", start_at=FIXED_NOW))
        u.add(M(title="later, other", start_at=FIXED_NOW + timedelta(days=1)))
        u.add(M(title="follow", start_at=FIXED_NOW + timedelta(days=2), follow_up_of_id=first.id))
    doc = store.minutes_document(first.id)
    assert doc.next_meeting.title == "follow"
    assert doc.project_code == ""
    assert "Project" not in fields(blocks(render_minutes_md(doc, "en", tz=UTC)))


def test_the_document(demo_store):
    mid = meeting_id(demo_store, "Q4 新品上市需求评审会")
    doc = demo_store.minutes_document(mid)
    assert doc.end_at - doc.start_at == timedelta(minutes=60)
    assert doc.start_at.tzinfo is not None
    assert doc.host.email == "wang.fang@example.com"
    assert [a.person.name for a in doc.copied] == ["何军"]
    assert len(doc.participants) == 13
    assert [a.number for a in doc.agenda] == [1, 2, 3, 4]
    assert doc.updated_at >= doc.start_at.replace(year=2000)
    assert demo_store.minutes_document(str(mid)) == doc
    assert demo_store.meeting_ids("Q4-LAUNCH") == [m.id for m in demo_store.meetings("Q4-LAUNCH")]
    assert demo_store.meeting_ids() == [m.id for m in demo_store.meetings()]
    assert [d.id for d in demo_store.minutes_documents()] == demo_store.meeting_ids()
    assert demo_store.minutes_documents("Q4-LAUNCH")[0] == doc


@pytest.mark.parametrize("key", [999, "999", "x", "", "1" * 30])
def test_unknown_meeting(demo_store, key):
    with pytest.raises(NotFound):
        demo_store.minutes_document(key)


def test_unknown_project(demo_store):
    with pytest.raises(NotFound):
        demo_store.minutes_documents("NOPE")
    with pytest.raises(NotFound):
        demo_store.meeting_ids("NOPE")


def test_all_minutes_take_a_fixed_number_of_queries(demo_store):
    """Batched: reading every meeting costs about as many queries as reading one."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(demo_store.engine, "before_cursor_execute", count)
    try:
        demo_store.minutes_document(demo_store.meeting_ids()[0])
        one = len(statements)
        statements.clear()
        docs = demo_store.minutes_documents()
    finally:
        event.remove(demo_store.engine, "before_cursor_execute", count)
    assert len(docs) == 11
    assert len(statements) <= one + 1 <= 14


# ---------------------------------------------------------------------- hostile text

TITLE = "**Q4** <script>alert(1)</script> [bold] a|b `x`\n# not a heading"
DECISION = "# 决议 a|b\n<script>x</script>\n**x** [bold] `c` ~~s~~ _u_"
NOTES = "line one | <b>x</b>\n- two\n1. three\n> quote\n`code`"
OPEN = "open <script>|</script> [/]"
PLACE = "Room <1> | [link](http://example.com)"
HOST = 'Host "Boss" <x>, [bold]'
CC = "抄送 **人** [/]"


@pytest.fixture
def hostile(store):
    """A meeting whose every text field is hostile; returns its id."""
    store.load_dataset(
        {
            "format": "collab-dataset/1",
            "departments": [{"key": "d", "name": "部门 <i>|"}],
            "people": [
                {"key": "p1", "name": HOST, "department": "d", "email": "host@example.com"},
                {"key": "p2", "name": "王芳 `x`", "department": "d", "email": "wang@example.com"},
                {"key": "p3", "name": CC, "email": "cc@example.com"},
                {"key": "p4", "name": "No Mail # h"},
                {"key": "p5", "name": "经理 Manager", "email": "mgr@example.com"},
            ],
            "projects": [
                {
                    "code": "H-1",
                    "topic": "topic | <script>",
                    "requesting_department": "d",
                    "lead": "p1",
                    "meetings": [
                        {
                            "key": "m",
                            "kind": "coordination",
                            "title": TITLE,
                            "goal": "goal **x**\nsecond line",
                            "start_at": "+1d 10:00",
                            "duration_min": 45,
                            "place": PLACE,
                            "host": "p1",
                            "recorder": "p2",
                            "materials": "http://x/a_b_c\n[link](y)",
                            "notes": NOTES,
                            "attendees": [
                                {"person": "p1", "role": "decision_maker", "attended": True},
                                {"person": "p2", "role": "executor", "attended": False},
                                {"person": "p4", "role": "executor", "attended": True},
                                {"person": "p3", "role": "cc"},
                                {"person": "p5", "role": "cc", "attended": True},
                            ],
                            "agenda": [
                                {
                                    "key": "a1",
                                    "title": "`agenda` | 1.\n- x",
                                    "owner": "p2",
                                    "timebox_min": 15,
                                    "kind": "decision",
                                    "notes": NOTES,
                                }
                            ],
                            "decisions": [
                                {
                                    "key": "d1",
                                    "agenda": "a1",
                                    "text": DECISION,
                                    "owner": "p1",
                                    "due_on": "+5d",
                                }
                            ],
                            "open_items": [{"text": OPEN, "owner": "p2"}],
                        }
                    ],
                    "tasks": [
                        {
                            "code": "T|1",
                            "title": "**task** <i>",
                            "owner": "p2",
                            "decision": "d1",
                            "due_on": "+6d",
                        }
                    ],
                }
            ],
        },
        clock=FixedClock(FIXED_NOW),
    )
    return store, store.meeting_ids()[0]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_hostile_text_reads_back_literally(hostile, lang):
    store, mid = hostile
    tr = translator(lang)
    text = render_minutes_md(store.minutes_document(mid), lang, tz=UTC)
    html = MD.render(text)
    assert "<script" not in html
    assert "<a " not in html
    assert "<strong>" not in html
    assert "<code>" not in html
    doc = blocks(text)  # fails on any markup inside user text
    assert doc[0] == (
        "h1",
        tr("export.minutes.title", form=tr("template.minutes"), title=TITLE.replace("\n", " ")),
    )
    header = fields(doc)
    dept = "部门 <i>|"
    assert header[tr("export.minutes.place")] == PLACE
    assert header[tr("export.minutes.host")] == person_label(tr, HOST, dept)
    assert header[tr("export.minutes.goal")] == "goal **x**\nsecond line"
    assert header[tr("export.minutes.materials")] == "http://x/a_b_c\n[link](y)"
    assert header[tr("export.minutes.present")] == tr("export.list_sep").join(
        [person_label(tr, HOST, dept), "No Mail # h", "经理 Manager"]
    )
    assert names(header[tr("export.minutes.absent")], tr) == [person_label(tr, "王芳 `x`", dept)]
    assert names(header[tr("export.minutes.copied")], tr) == [CC, "经理 Manager"]
    assert section(doc, tr("export.minutes.notes")) == [("p", NOTES)]
    agenda = section(doc, tr("export.minutes.section.agenda"))
    assert agenda[0] == ("h3", "1. `agenda` | 1. - x")
    assert agenda[2] == ("p", NOTES)
    decisions = first_table(section(doc, tr("export.minutes.section.decisions")))
    assert decisions[1] == [
        DECISION,
        HOST,
        (FIXED_NOW + timedelta(days=5)).date().isoformat(),
        label_value("DecisionStatus", "open", lang),
        literal("`agenda` | 1.\n- x"),
        "T|1",
    ]
    actions = first_table(section(doc, tr("export.minutes.section.actions")))
    assert actions[1][:3] == ["T|1", "**task** <i>", "王芳 `x`"]
    opens = first_table(section(doc, tr("export.minutes.section.open")))
    assert opens[1][:3] == [OPEN, "王芳 `x`", tr("export.minutes.no_follow_up")]


def test_hostile_html_and_json(hostile):
    store, mid = hostile
    doc = store.minutes_document(mid)
    page = render_minutes_html(doc, "en", tz=UTC)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.startswith("<!DOCTYPE html>")
    data = json.loads(render_minutes_json(doc))
    assert data["title"] == TITLE
    assert data["decisions"][0]["text"] == DECISION
    assert data["notes"] == NOTES
    assert data["attendees"][0]["person"]["name"] == HOST
    assert data["open_items"][0] == {
        "text": OPEN,
        "owner": "王芳 `x`",
        "follow_up": None,
        "resolved_at": None,
        "agenda_item": "",
    }


def test_hostile_email(hostile):
    store, mid = hostile
    doc = store.minutes_document(mid)
    msg = email.message_from_bytes(render_minutes_eml(doc, "en", tz=UTC), policy=default_policy)
    # Python's folder puts a long ASCII subject on a continuation line, and its parser
    # then keeps the fold's space: mail clients drop it.
    assert msg["Subject"].lstrip() == "Minutes: " + TITLE.replace("\n", " ")
    to = msg["To"].addresses
    assert [(a.display_name, a.addr_spec) for a in to] == [
        (HOST, "host@example.com"),
        ("王芳 `x`", "wang@example.com"),
    ]  # "No Mail # h" has no address
    assert [(a.display_name, a.addr_spec) for a in msg["Cc"].addresses] == [
        (CC, "cc@example.com"),
        ("经理 Manager", "mgr@example.com"),
    ]
    assert msg["From"].addresses[0].addr_spec == "wang@example.com"  # the recorder
    html = msg.get_body(("html",)).get_content()
    assert "<script" not in html


def test_hostile_calendar(hostile):
    store, _ = hostile
    cal = icalendar.Calendar.from_ical(render_calendar_ics(store.calendar_meetings(), "en"))
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["summary"]) == TITLE.replace("\n", " ")
    assert str(vevent["location"]) == PLACE
    assert vevent["organizer"].params["CN"] == HOST
    by_cn = {a.params["CN"]: a for a in vevent["attendee"]}
    assert str(by_cn["No Mail # h"]).startswith("urn:x-collab:person:")
    assert by_cn[CC].params["ROLE"] == "NON-PARTICIPANT"
    assert "1. `agenda` | 1. - x — 王芳 `x` (15 min)" in str(vevent["description"])


# ---------------------------------------------------------------------- JSON


def test_json_round_trip(demo_store):
    for mid in demo_store.meeting_ids():
        doc = demo_store.minutes_document(mid)
        text = render_minutes_json(doc)
        data = json.loads(text)
        assert data["format"] == JSON_FORMAT
        assert list(data)[:6] == ["format", "id", "kind", "title", "start_at", "duration_min"]
        assert data["id"] == mid
        assert datetime.fromisoformat(data["start_at"]) == doc.start_at
        assert datetime.fromisoformat(data["end_at"]) == doc.end_at
        assert datetime.fromisoformat(data["start_at"]).utcoffset() == timedelta(0)
        assert [d["text"] for d in data["decisions"]] == [d.text for d in doc.decisions]
        assert [(d["due_on"] and date.fromisoformat(d["due_on"])) for d in data["decisions"]] == [
            d.due_on for d in doc.decisions
        ]
        assert [a["code"] for a in data["action_items"]] == [a.code for a in doc.action_items]
        assert [(a["person"]["name"], a["role"], a["attended"]) for a in data["attendees"]] == [
            (a.person.name, a.role, a.attended) for a in doc.attendees
        ]
        assert data["materials"] == list(doc.materials)
        if doc.next_meeting:
            assert data["next_meeting"]["id"] == doc.next_meeting.id
    review = render_minutes_json(demo_store.minutes_document(1))
    assert "王芳" in review  # ensure_ascii=False


# ---------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(("lang", "subject"), [("zh-CN", "会议纪要："), ("en", "Minutes: ")])
def test_email_reads_back(demo_store, lang, subject):
    mid = meeting_id(demo_store, "Q4 新品上市需求评审会")
    doc = demo_store.minutes_document(mid)
    raw = render_minutes_eml(doc, lang, tz=UTC)
    assert raw.isascii() or raw.decode("utf-8")
    assert b"\r\n" in raw
    msg = email.message_from_bytes(raw, policy=default_policy)
    assert msg["Subject"] == subject + "Q4 新品上市需求评审会"
    people = _db_people(demo_store)
    attendees = _db_attendees(demo_store, mid)
    to = [(a.display_name, a.addr_spec) for a in msg["To"].addresses]
    assert to == [
        (people[a.person_id][0], people[a.person_id][1]) for a in attendees if a.role.value != "cc"
    ]
    assert ("王芳", "wang.fang@example.com") in to
    assert [(a.display_name, a.addr_spec) for a in msg["Cc"].addresses] == [
        ("何军", "he.jun@example.com")
    ]
    assert msg["From"].addresses[0].display_name == "赵磊"
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
    assert plain.get_content().replace("\r\n", "\n") == render_minutes_md(doc, lang, tz=UTC)
    page = html.get_content()
    assert "<table>" in page
    assert "首发主推 X3 标准版与运动版" in page
    assert f'<html lang="{lang}">' in page


# ---------------------------------------------------------------------- calendar


def test_calendar_reads_back(demo_store):
    docs = demo_store.calendar_meetings()
    raw = render_calendar_ics(docs, "zh-CN")
    assert raw == render_calendar_ics(demo_store.calendar_meetings(), "zh-CN")  # stable
    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    summaries = demo_store.meetings()
    assert len(events) == len(summaries) == 11
    people = _db_people(demo_store)
    for vevent, meeting in zip(events, summaries, strict=True):
        expected = f"collab-meeting-{meeting.id}-{demo_store.store_id}@collab"
        assert str(vevent["uid"]) == expected == uid(meeting.id, demo_store.store_id)
        start, end = vevent["dtstart"].dt, vevent["dtend"].dt
        assert start == meeting.start_at
        assert end == meeting.start_at + timedelta(minutes=meeting.duration_min)
        assert start.utcoffset() == timedelta(0)
        assert vevent["dtstart"].to_ical().endswith(b"Z")
        assert str(vevent["summary"]) == meeting.title
        attendees = _db_attendees(demo_store, meeting.id)
        got = {
            (str(a), a.params["CN"], a.params["ROLE"])
            for a in (
                vevent["attendee"] if isinstance(vevent["attendee"], list) else [vevent["attendee"]]
            )
        }
        assert got == {
            (
                f"mailto:{people[a.person_id][1]}",
                people[a.person_id][0],
                "NON-PARTICIPANT" if a.role.value == "cc" else "REQ-PARTICIPANT",
            )
            for a in attendees
        }
    review = next(e for e in events if str(e["summary"]) == "Q4 新品上市需求评审会")
    assert review["organizer"].params["CN"] == "王芳"
    assert str(review["organizer"]) == "mailto:wang.fang@example.com"
    assert str(review["location"]) == "总部 3 楼大会议室 / 钉钉视频"
    description = str(review["description"])
    assert description.startswith("会议目标：确认目标、各部门资源承诺与优先级")
    assert "1. 项目背景与核心目标——王芳（5 分钟）" in description.splitlines()
    assert [str(c) for c in review["categories"].cats] == ["需求评审会"]


def test_calendar_of_one_project(demo_store):
    cal = icalendar.Calendar.from_ical(
        render_calendar_ics(demo_store.calendar_meetings("CX-FIX"), "en")
    )
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == [
        "Complaint root-cause workshop",
        "Complaint process requirement review",
    ]
    assert icalendar.Calendar.from_ical(render_calendar_ics([], "en")).walk("VEVENT") == []


def test_meeting_time_crosses_midnight_and_names_the_offset():
    tr = translator("en")
    late = datetime(2026, 11, 27, 23, 30).astimezone()  # local wall time
    end = late + timedelta(minutes=90)
    offset = late.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    zone = (
        "UTC"
        if not minutes
        else f"UTC{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    )
    assert (
        meeting_time(late, 90, tr, UTC) == f"{when(late, UTC)} – {when(end, UTC)} ({zone}, 90 min)"
    )
    noon = datetime(2026, 11, 27, 12, 0).astimezone()
    assert meeting_time(noon, 30, tr, UTC) == f"{when(noon, UTC)}–12:30 ({zone}, 30 min)"


# ---------------------------------------------------------------------- the commands


def run(*args: str):
    return runner.invoke(app, list(args))


def test_cli_single_meeting(demo_store, tmp_path):
    mid = meeting_id(demo_store, "Q4 新品上市需求评审会")
    doc = demo_store.minutes_document(mid)
    base = ["--db", demo_store.url, "export", "minutes", str(mid)]
    target = tmp_path / "m.md"
    result = run(*base, "-o", str(target), "--lang", "zh-CN")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == render_minutes_md(doc, "zh-CN", tz=UTC)
    as_json = run(*base, "--format", "json")
    assert json.loads(as_json.stdout)["title"] == "Q4 新品上市需求评审会"
    eml = tmp_path / "m.eml"
    assert run(*base, "--format", "eml", "-o", str(eml), "--lang", "zh-CN").exit_code == 0
    assert eml.read_bytes() == render_minutes_eml(doc, "zh-CN", tz=UTC)
    assert run(*base).stdout == render_minutes_md(doc, "en", tz=UTC)


def test_cli_all_of_a_project_into_a_folder(demo_store, tmp_path):
    out = tmp_path / "minutes"
    out.mkdir()
    result = run("--db", demo_store.url, "export", "minutes", "--project", "Q4-LAUNCH", "--all")
    assert isinstance(result.exception, CliError)  # no -o
    result = run(
        "--db",
        demo_store.url,
        "export",
        "minutes",
        "--project",
        "q4-launch",
        "--all",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    docs = demo_store.minutes_documents("Q4-LAUNCH")
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == len(docs) == 6
    assert files == sorted(minutes_filename(d, "md", UTC) for d in docs)
    for d in docs:
        path = out / minutes_filename(d, "md", UTC)
        assert path.name.startswith(f"{d.start_at.astimezone():%Y-%m-%d}-{d.id}-")
        assert path.read_text(encoding="utf-8") == render_minutes_md(d, "en", tz=UTC)
    assert "6" in result.stderr and str(out) in result.stderr  # the count line
    assert result.stdout == ""


def test_cli_all_meetings_in_json(demo_store, tmp_path):
    result = run(
        "--db",
        demo_store.url,
        "export",
        "minutes",
        "--all",
        "--format",
        "json",
        "-o",
        str(tmp_path),
    )
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == 11
    assert {json.loads(p.read_text(encoding="utf-8"))["id"] for p in files} == set(
        demo_store.meeting_ids()
    )


def test_file_names_are_safe():
    from collabtui.domain.documents import MinutesDocument

    start = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    doc = MinutesDocument(
        id=7,
        kind="coordination",
        title="../a/b\\c: 评审 会?" + "x" * 200,
        start_at=start,
        duration_min=30,
        end_at=start,
    )
    name = minutes_filename(doc, "md", UTC)
    assert "/" not in name and "\\" not in name and ":" not in name
    assert name.startswith(f"{start.astimezone():%Y-%m-%d}-7-a-b-c--评审-会-")
    assert name.endswith(".md")
    assert len(name.encode("utf-8")) < 120


def test_cli_calendar(demo_store, tmp_path):
    target = tmp_path / "meetings.ics"
    result = run(
        "--db",
        demo_store.url,
        "export",
        "calendar",
        "--project",
        "Q4-LAUNCH",
        "--format",
        "ics",
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == render_calendar_ics(
        demo_store.calendar_meetings("Q4-LAUNCH"), "en"
    )
    assert len(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 6
    everything = run("--db", demo_store.url, "export", "calendar")
    assert everything.exit_code == 0
    assert everything.stdout.count("BEGIN:VEVENT") == 11


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (["minutes", "999"], NotFound),
        (["minutes", "abc"], CliError),
        (["minutes"], CliError),
        (["minutes", "1", "--all", "-o", "{tmp}"], CliError),
        (["minutes", "--all"], CliError),
        (["minutes", "--all", "-o", "{tmp}/file.md"], CliError),
        (["minutes", "--all", "-o", "{tmp}/missing"], CliError),
        (["minutes", "--project", "Q4-LAUNCH", "1"], CliError),
        (["minutes", "--all", "--project", "NOPE", "-o", "{tmp}"], NotFound),
        (["minutes", "1", "--format", "pdf"], CliError),
        (["minutes", "1", "-o", "{tmp}"], CliError),
        (["calendar", "--format", "md"], CliError),
        (["calendar", "--project", "NOPE"], NotFound),
    ],
)
def test_cli_refuses(demo_store, tmp_path, extra, error):
    (tmp_path / "file.md").write_text("x", encoding="utf-8")
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = run("--db", demo_store.url, "export", *extra)
    assert isinstance(result.exception, error), result.output


def _collab(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collabtui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["minutes", "999"], "999"),
        (["minutes", "1", "--all", "-o", "{tmp}"], "--all"),
        (["minutes", "--all"], "-o"),
        (["minutes", "--all", "-o", "{tmp}/file.md"], "file.md"),
    ],
)
def test_cli_errors_exit_2_with_one_line(demo_store, tmp_path, extra, says):
    (tmp_path / "file.md").write_text("x", encoding="utf-8")
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = _collab("--db", demo_store.url, "export", *extra)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("collab: error: ")
    assert says in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminal")
def test_bulk_export_shows_a_progress_bar_on_a_terminal(demo_store, tmp_path):
    import os
    import pty

    out = tmp_path / "out"
    out.mkdir()
    master, slave = pty.openpty()
    argv = ["--db", demo_store.url, "export", "minutes", "--all", "-o", str(out)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "collabtui", *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=60) == 0
    assert proc.stdout.read() == b""
    text = seen.decode("utf-8", "replace")
    assert "11/11" in text  # the bar's count
    assert "Wrote 11 minutes files" in text
    assert len(list(out.iterdir())) == 11


# ---------------------------------------------------------------------- the meeting's state


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_minutes_state_the_meeting_s_state(store, lang):
    """Issue 16: the minutes say whether the meeting is only planned, running, held or
    its minutes distributed — a document of a meeting not held yet cannot pass for minutes."""
    from collabtui.store.meeting_run import MeetingDraft

    tr = translator(lang)
    project = store.create_project("ST", "State", lead_id=None)
    start = FIXED_NOW - timedelta(days=1)
    meeting = store.plan_meeting(MeetingDraft(project_id=project.id, title="Sync", start_at=start))

    def state() -> str:
        return fields(md_of(store, meeting.id, lang))[tr("export.minutes.state")]

    assert state() == tr("MeetingState.planned")
    store.send_notice(meeting.id, now=start - timedelta(days=4))
    assert state() == tr("MeetingState.notice_sent")
    store.start_meeting(meeting.id, now=start)
    assert state() == tr("MeetingState.running")
    store.finish_meeting(meeting.id, now=start + timedelta(hours=1))
    assert state() == tr("MeetingState.ended")
    store.distribute_minutes(meeting.id, now=start + timedelta(hours=2))
    assert state() == tr("MeetingState.minutes_distributed")
    eml = render_minutes_eml(store.minutes_document(meeting.id), lang, tz=UTC).decode()
    assert "minutes_distributed" not in eml  # the label, not the value, goes out
