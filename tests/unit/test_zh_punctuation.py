"""zh-CN punctuation: the enumeration comma 、 between names, full-width colons and
brackets beside Chinese text; one word for one thing (截止日期, a person's 姓名)."""

from __future__ import annotations

import re
from datetime import UTC

import pytest

from collabtui import i18n
from collabtui.export.minutes import render_minutes_md
from collabtui.i18n.en import MESSAGES as EN
from collabtui.i18n.zh_CN import MESSAGES as ZH
from collabtui.store.changelog import field_label

CJK = r"[\u4e00-\u9fff\u3001-\u303f\uff01-\uffef“”‘’]"
#: A Latin colon, bracket or comma with Chinese text on one side (spaces between count).
LATIN_BESIDE_CJK = re.compile(rf"{CJK}\s*[:(),]|[:(),]\s*{CJK}")

#: Messages whose Latin punctuation is syntax the user types, shown as an example.
SYNTAX = {
    "value.err.changes": "the JSON-like shape a change log value has: {字段: [旧值, 新值]}",
    "cli.error_line": "a command's errors start 'collab: ' as every Unix tool's do",
}


def _without_placeholders(text: str) -> str:
    """The message with each ``{name}`` as a Latin letter (a value is not Chinese text)."""
    return re.sub(r"\{\w*\}", "X", text.replace("{{", "").replace("}}", ""))


def test_the_scan_catches_the_reported_mistakes():
    for wrong in ("负责人: 张伟", "(决策人)", "孙丽, 张伟", "分发给：{to}, 张伟"):
        assert LATIN_BESIDE_CJK.search(_without_placeholders(wrong)), wrong
    for right in ("负责人：张伟", "（决策人）", "孙丽、张伟", "{scheme}:// 存储", "状态：受阻"):
        assert not LATIN_BESIDE_CJK.search(_without_placeholders(right)), right


def test_no_chinese_message_puts_latin_punctuation_beside_chinese_text():
    wrong = {
        key: text
        for key, text in ZH.items()
        if key not in SYNTAX and LATIN_BESIDE_CJK.search(_without_placeholders(text))
    }
    assert wrong == {}


def test_lists_colons_and_brackets_follow_the_language():
    assert i18n.join_list(["孙丽", "张伟"], "zh-CN") == "孙丽、张伟"
    assert i18n.join_list(["Sun Li", "Zhang Wei"], "en") == "Sun Li, Zhang Wei"
    assert i18n.labelled("负责人", "张伟", "zh-CN") == "负责人：张伟"
    assert i18n.labelled("Owner", "Zhang Wei", "en") == "Owner: Zhang Wei"
    assert i18n.bracketed("决策人", "zh-CN") == "（决策人）"
    assert i18n.bracketed("decision maker", "en") == "(decision maker)"
    assert i18n.split_list("孙丽, 张伟、王芳，李娜") == ["孙丽", "张伟", "王芳，李娜"]


def test_distributed_minutes_list_their_readers_with_the_enumeration_comma(demo_store):
    meeting = next(
        m for m in demo_store.meetings() if len(demo_store.meeting_detail(m.id).attendees) > 1
    )
    demo_store.distribute_minutes(meeting.id)
    names = [p.name for _, p in demo_store.meeting_detail(meeting.id).attendees]
    text = render_minutes_md(demo_store.minutes_document(meeting.id), "zh-CN", tz=UTC)
    line = next(line for line in text.splitlines() if "发送给" in line)
    assert "、" in line and ", " not in line
    assert all(name in line for name in names)
    english = render_minutes_md(demo_store.minutes_document(meeting.id), "en", tz=UTC)
    assert f" to {', '.join(names)}" in english


@pytest.mark.parametrize("word", ["截止时间"])
def test_a_due_date_is_called_one_thing(word):
    assert [k for k, v in ZH.items() if word in v] == []


def test_a_persons_name_is_their_xingming():
    i18n.set_language("zh-CN")
    assert field_label("name", "person") == "姓名"
    assert field_label("name", "department") == "名称"
    assert EN["field.person_name"] == "Name"


def test_the_standup_summary_brackets_and_colons_in_chinese():
    from types import SimpleNamespace

    from collabtui.dialogs.standup import SummaryDialog
    from collabtui.domain.progress import StandupSummary

    row = SimpleNamespace(
        task_code="T-04", task_title="详情页", department="设计部", support_needed="需要接口文档"
    )
    summary = StandupSummary(done=(row,), slipped=(), new_risks=(), support={"技术部": (row,)})
    i18n.set_language("zh-CN")
    text = SummaryDialog._text(SimpleNamespace(summary=summary)).plain
    assert "✓ T-04 详情页 （设计部）" in text
    assert "T-04：需要接口文档" in text
    assert not LATIN_BESIDE_CJK.search(text.replace("T-04", "X"))
