"""How the change log reads to people: labels of actions, fields and values (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from collabtui import i18n
from collabtui.store.changelog import (
    FieldChange,
    HistoryEntry,
    Reverted,
    base_intent,
    field_label,
    format_value,
    intent_label,
    record_name,
    visible_fields,
)


def test_intents_read_as_actions_in_both_languages():
    assert intent_label("task.move", "T-12") == "move task T-12"
    assert intent_label("undo:task.move", "T-12") == "undo of move task T-12"
    assert intent_label("something.new", "#4") == "something.new #4"
    i18n.set_language("zh-CN")
    assert intent_label("task.move", "T-12") == "移动任务 T-12"
    assert Reverted("undo", "移动任务 T-12", "task", 12).message == "已撤销：移动任务 T-12"


def test_base_intent_strips_undo_and_redo():
    assert base_intent("redo:risk.close") == "risk.close"
    assert base_intent("undo:task.delete") == "task.delete"
    assert base_intent("task.edit") == "task.edit"


def test_field_labels_reuse_the_forms_words():
    assert field_label("notes", "task") == "Notes"  # not the meeting's "Minutes notes"
    assert field_label("owner_id", "task") == "Owner"
    assert field_label("status", "task") == "Status"
    assert field_label("done", "taskupdate") == "Done"
    assert field_label("no_such_column", "task") == "no_such_column"


def test_values_are_translated_localised_and_named():
    assert format_value("task", "status", "in_progress", tz=UTC) == "In progress"
    assert format_value("task", "owner_id", 7, names={("person", 7): "Ann"}, tz=UTC) == "Ann"
    assert format_value("task", "owner_id", 7, tz=UTC) == "#7"
    assert format_value("task", "notes", None, tz=UTC) == "(none)"
    assert format_value("task", "position", 3.0, tz=UTC) == "3"
    moment = datetime(2026, 11, 27, 9, 30, tzinfo=UTC).isoformat()
    east8 = timezone(timedelta(hours=8))
    assert format_value("task", "done_at", moment, tz=east8) == "2026-11-27 17:30"
    assert format_value("department", "external", True, tz=UTC) == "yes"


@given(st.text())
def test_any_text_value_is_one_clean_line(value):
    shown = format_value("task", "title", value, tz=UTC)
    assert "\n" not in shown and "\x1b" not in shown


def test_a_record_is_named_by_its_code_title_or_id():
    assert record_name("task", {"code": "T-01", "title": "x"}, 1) == "T-01"
    assert record_name("riskwarning", {"title": "Late\nparts"}, 3) == "Late parts"
    assert record_name("attendee", {"role": "cc"}, 9) == "#9"


def test_bookkeeping_fields_are_not_listed():
    entry = HistoryEntry(
        1,
        datetime(2026, 11, 27, tzinfo=UTC),
        "ann",
        "delete",
        "task.delete",
        "task",
        4,
        "T-04",
        (FieldChange("version", 3, None), FieldChange("title", "x", None)),
    )
    assert [f.field for f in visible_fields(entry)] == ["title"]
