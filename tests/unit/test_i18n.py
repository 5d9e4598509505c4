"""The translation layer: nothing user-facing is missing a zh-CN text."""

from __future__ import annotations

import ast
import re
import string
from enum import StrEnum
from pathlib import Path

import pytest

from collabtui import i18n
from collabtui.i18n.en import MESSAGES as EN
from collabtui.i18n.zh_CN import MESSAGES as ZH
from collabtui.store import models

PACKAGE = Path(i18n.__file__).resolve().parent.parent
TRANSLATING = {"t", "tr", "label_value"}


def _used_keys() -> set[str]:
    """Every literal message key the code passes to t(), an error's .of(), a Binding, or
    label_value()."""
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if name in ("t", "tr") and args and isinstance(args[0], str):
                keys.add(args[0])
            elif name == "of" and node.args and isinstance(node.args[0], ast.Constant):
                keys.add(node.args[0].value)
            elif name == "label_value" and len(args) >= 1:
                keys.update(k for k in EN if k.startswith(f"{args[0]}."))
            elif name == "Binding":
                keys.update(a for a in args if isinstance(a, str) and a.startswith("key."))
    return keys


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_used_key_exists_in_english():
    missing = sorted(k for k in _used_keys() if k not in EN and f"{k}|other" not in EN)
    assert missing == []


def test_every_english_message_has_a_chinese_translation():
    assert sorted(set(EN) - set(ZH)) == []
    assert sorted(set(ZH) - set(EN)) == []


def test_placeholders_agree_between_languages():
    assert [k for k in EN if _fields(EN[k]) != _fields(ZH[k])] == []


def test_chinese_texts_are_really_translated():
    han = re.compile(r"[\u4e00-\u9fff]")
    only_placeholders = re.compile(r"^(\{\w+\}\s*)+$")
    untranslated = [
        k
        for k, v in ZH.items()
        if not han.search(v) and v == EN[k] and not only_placeholders.match(v)
    ]
    assert untranslated == []


def test_every_enum_member_has_a_label():
    enums = [v for v in vars(models).values() if isinstance(v, type) and issubclass(v, StrEnum)]
    assert len(enums) > 15
    for enum_cls in enums:
        for member in enum_cls:
            assert f"{enum_cls.__name__}.{member.value}" in EN
            assert i18n.label(member, "zh-CN") != i18n.label(member, "en")


#: The playbook's names of its templates and steps, as its Chinese users know them
#: (表1《跨部门协作需求表》… 《跨部门协作最佳实践手册》): the zh-CN labels use them verbatim.
PLAYBOOK_NAMES = {
    "跨部门协作需求表",
    "一对一沟通确认",
    "需求确认纪要",
    "跨部门沟通会议纪要",
    "跨部门任务跟进表",
    "资源申请表",
    "进度跟踪清单",
    "风险预警表",
    "成果验收报告",
    "协作复盘总结表",
    "跨部门协作最佳实践手册",
}


def test_templates_use_the_playbooks_chinese_names():
    templates = {value for key, value in ZH.items() if key.startswith("template.")}
    assert templates == PLAYBOOK_NAMES


@pytest.mark.parametrize(
    ("value", "code"),
    [("zh_CN", "zh-CN"), ("zh-cn", "zh-CN"), ("zh", "zh-CN"), ("en_US", "en"), ("EN", "en")],
)
def test_language_codes_normalise(value, code):
    assert i18n.normalize(value) == code


def test_unknown_language_is_refused():
    with pytest.raises(i18n.UnknownLanguage, match="fr"):
        i18n.normalize("fr")


def test_locale_picks_chinese():
    assert i18n.from_locale({"LANG": "zh_CN.UTF-8"}) == "zh-CN"
    assert i18n.from_locale({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.from_locale({}) == "en"


def test_translator_is_fixed_to_its_language():
    zh = i18n.translator("zh-CN")
    i18n.set_language("en")
    assert zh("tab.tasks") == "任务"
    assert i18n.t("tab.tasks") == "Tasks"
    assert zh("unit.minutes", n=30) == "30 分钟"
