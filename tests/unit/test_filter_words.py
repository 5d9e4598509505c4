"""The board filter's words in both languages: ``!逾期``, ``!本周``, ``状态:受阻``,
full-width ``！`` and ``：`` as a Chinese input method types them (issue 18)."""

from __future__ import annotations

import pytest

from collabtui import i18n
from collabtui.domain.board import TaskFilter, parse_filter


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("!逾期", TaskFilter(overdue=True)),
        ("！逾期", TaskFilter(overdue=True)),
        ("!overdue", TaskFilter(overdue=True)),
        ("!本周", TaskFilter(due_this_week=True)),
        ("！本周", TaskFilter(due_this_week=True)),
        ("状态:受阻", TaskFilter(status="blocked")),
        ("状态：受阻", TaskFilter(status="blocked")),
        ("状态:blocked", TaskFilter(status="blocked")),
        ("status:受阻", TaskFilter(status="blocked")),
        ("状态:进行", TaskFilter(status="in_progress")),
        ("状态:没有这种", TaskFilter(status="?")),
        (
            "上线 ＠高飞 ＃市场部 !逾期",
            TaskFilter(text="上线", owner="高飞", department="市场部", overdue=True),
        ),
        ("逾期", TaskFilter(text="逾期")),  # without ! it is a word to find
    ],
)
def test_chinese_filter_words_work_in_either_language(lang, typed, expected):
    i18n.set_language(lang)
    assert parse_filter(typed) == expected


def test_the_hint_names_the_chinese_words():
    hint = i18n.translator("zh-CN")("board.filter_hint")
    for word in ("!逾期", "!本周", "状态：受阻"):
        assert word in hint
    assert "overdue" not in hint and "status" not in hint
