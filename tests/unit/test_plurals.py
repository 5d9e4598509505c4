"""Plural forms: CLDR rules (through Babel) pick ``one`` or ``other`` per language.

"1 overdue tasks" and the "(s)" strings are gone: a message with a count has one text
per plural category, and ``t(key, n=…)`` picks the one the language's rules ask for.
"""

from __future__ import annotations

import re

import pytest

from collabtui import i18n
from collabtui.i18n import PLURAL_FORMS, PLURAL_MARK, plural_form, t
from collabtui.i18n.en import MESSAGES as EN
from collabtui.i18n.zh_CN import MESSAGES as ZH


@pytest.mark.parametrize(
    ("lang", "n", "form"),
    [
        ("en", 1, "one"),
        ("en", 0, "other"),
        ("en", 2, "other"),
        ("en", 21, "other"),
        ("en", 1.5, "other"),
        ("zh-CN", 1, "other"),
        ("zh-CN", 2, "other"),
    ],
)
def test_cldr_plural_categories(lang, n, form):
    assert plural_form(lang, n) == form


def test_a_count_picks_its_form_in_english():
    i18n.set_language("en")
    assert t("gap.tasks_open", n=1) == "1 task still open"
    assert t("gap.tasks_open", n=0) == "0 tasks still open"
    assert t("gap.tasks_open", n=3) == "3 tasks still open"
    assert t("count.overdue_tasks", n=1) == "1 overdue task"
    assert t("acceptance.status.items", n=1) == "1 item"


def test_chinese_has_one_form_for_every_number():
    i18n.set_language("zh-CN")
    assert t("gap.tasks_open", n=1) == "仍有 1 个任务未完成"
    assert t("gap.tasks_open", n=5) == "仍有 5 个任务未完成"


def test_a_fixed_language_translator_counts_too():
    assert i18n.translator("en")("handbook.summary", n=1) == "1 practice"
    assert i18n.translator("en")("handbook.summary", n=2) == "2 practices"
    assert i18n.translator("zh-CN")("handbook.summary", n=2) == "共 2 条最佳实践"


def test_a_plural_message_is_known_by_its_base_key():
    assert i18n.has("gap.tasks_open", "en")
    assert i18n.has("gap.tasks_open", "zh-CN")
    assert not i18n.has("gap.tasks_open|few", "en")


def test_dashboard_summary_says_one_overdue_task():
    i18n.set_language("en")
    summary = t(
        "dashboard.summary",
        projects=t("count.projects", n=1),
        active=1,
        overdue=t("count.overdue_tasks", n=1),
        risks=t("count.open_risks", n=2),
    )
    assert summary == "1 project · 1 active · 1 overdue task · 2 open risks"


def _groups(messages: dict[str, str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for key in messages:
        if PLURAL_MARK in key:
            base, form = key.split(PLURAL_MARK)
            groups.setdefault(base, set()).add(form)
    return groups


@pytest.mark.parametrize("messages", [EN, ZH], ids=["en", "zh-CN"])
def test_every_plural_message_has_the_forms_its_language_needs(messages):
    groups = _groups(messages)
    assert len(groups) >= 30
    for base, forms in groups.items():
        assert forms == set(PLURAL_FORMS), base
        assert base not in messages  # one text or forms, never both
        assert all("{n}" in messages[f"{base}{PLURAL_MARK}{f}"] for f in forms), base


def test_english_one_and_other_really_differ():
    same = [b for b in _groups(EN) if EN[f"{b}|one"] == EN[f"{b}|other"]]
    assert same == []


def test_no_english_message_hedges_with_s_in_brackets():
    assert [k for k, v in EN.items() if re.search(r"\w\(s\)", v)] == []


def test_the_plural_rules_kept_are_babels_cldr_rules():
    """PLURAL_RULES spares the first screen Babel's locale data: they must stay CLDR's."""
    from babel import Locale

    from collabtui.i18n import LANGUAGES, PLURAL_RULES

    assert set(PLURAL_RULES) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert PLURAL_RULES[lang] == Locale.parse(lang.replace("-", "_")).plural_form.rules
