"""Undo, redo and the history name every intent in words, in both languages.

The intents are read from the store's code itself (every ``db.write(...)``), so a new
write path without a catalogue label fails here rather than showing
``meeting.attendance #12`` to a user.
"""

from __future__ import annotations

import ast
import re
from datetime import UTC
from pathlib import Path

import pytest

from collabtui import i18n
from collabtui.domain.enums import Verdict
from collabtui.i18n.en import MESSAGES as EN
from collabtui.i18n.zh_CN import MESSAGES as ZH
from collabtui.store import changelog

STORE = Path(changelog.__file__).resolve().parent
INTENT = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _strings(node: ast.AST, dicts: dict[str, set[str]], defaults: dict[str, set[str]]) -> set[str]:
    """The intent names an argument expression can evaluate to."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body, dicts, defaults) | _strings(node.orelse, dicts, defaults)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return dicts[node.value.id]
    if isinstance(node, ast.Name):
        return defaults[node.id]
    if isinstance(node, ast.JoinedStr):
        head = node.values[0]
        assert isinstance(head, ast.Constant) and head.value == "acceptance.", ast.unparse(node)
        return {f"acceptance.{v.value}" for v in Verdict}
    raise AssertionError(f"an intent this test cannot read: {ast.unparse(node)}")


def written_intents() -> set[str]:
    """Every intent a store method can write (undo/redo prefixes aside)."""
    found: set[str] = set()
    for path in sorted(STORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        dicts = {
            target.id: {v.value for v in n.value.values if isinstance(v, ast.Constant)}
            for n in tree.body
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Dict)
            for target in n.targets
            if isinstance(target, ast.Name)
        }
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            args = fn.args
            pairs = list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
            pairs += list(
                zip(args.args[len(args.args) - len(args.defaults) :], args.defaults, strict=True)
            )
            defaults = {
                a.arg: {d.value} for a, d in pairs if isinstance(d, ast.Constant) and d.value
            }
            for call in ast.walk(fn):
                if not isinstance(call, ast.Call):
                    continue
                name = getattr(call.func, "attr", "")
                if name == "write" and call.args and "db" in ast.unparse(call.func):
                    arg = call.args[0]
                    if isinstance(arg, ast.JoinedStr) and ast.unparse(arg).startswith("f'{kind}"):
                        continue  # undo:/redo: of an intent found elsewhere
                    if fn.name == "_finish":
                        continue  # its callers name the intent (below)
                    found |= _strings(arg, dicts, defaults)
                elif name == "_finish" and len(call.args) > 1:
                    found |= _strings(call.args[1], dicts, defaults)
    return found


def test_the_scan_finds_the_intents_users_reported():
    intents = written_intents()
    assert len(intents) > 70
    assert all(INTENT.match(i) for i in intents), sorted(intents)
    for reported in (
        "meeting.attendance",
        "meeting.action",
        "person.add",
        "meeting.distribute",
        "meeting.start",
        "acceptance.waived",
        "resource.approve",
        "dataset.load",
        "outbox.sent",
    ):
        assert reported in intents


@pytest.mark.parametrize("intent", sorted(written_intents()))
def test_every_intent_has_a_label_in_both_languages(intent):
    key = f"intent.{intent}"
    assert key in EN
    assert key in ZH
    assert intent not in EN[key] and intent not in ZH[key]
    assert re.search(r"[\u4e00-\u9fff]", ZH[key])


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_history_labels_never_show_an_internal_name(lang):
    i18n.set_language(lang)
    for intent in written_intents():
        for shown in (intent, f"undo:{intent}", f"redo:{intent}"):
            text = changelog.intent_label(shown, "张伟")
            assert intent not in text
            assert "张伟" in text or "{name}" not in EN[f"intent.{intent}"]


def _attendee(store):
    meeting = store.meetings()[0]
    detail = store.meeting_detail(meeting.id)
    return detail.attendees[0]


def test_undoing_attendance_names_the_action_and_the_person_in_chinese(demo_store):
    attendee, person = _attendee(demo_store)
    demo_store.set_attendance(attendee.id, not attendee.attended)
    i18n.set_language("zh-CN")
    message = demo_store.undo(tz=UTC).message
    assert message == f"已撤销：记录出席情况 {person.name}"
    assert demo_store.redo(tz=UTC).message == f"已重做：记录出席情况 {person.name}"


def test_undoing_a_new_person_says_so_in_words(demo_store):
    departments = demo_store.departments()
    demo_store.add_person("孙丽", department_id=departments[0].id)
    i18n.set_language("zh-CN")
    assert demo_store.undo(tz=UTC).message == "已撤销：新增人员 孙丽"
    i18n.set_language("en")
    assert demo_store.redo(tz=UTC).message == "Redid: add person 孙丽"
