"""One value domain on every write path (issue 17): finite numbers, days in
1900–2200, weeks that exist, the change log's shape; refusals are one translated
line with exit status 2, never a traceback, never user data from SQL parameters."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from collabtui.domain import bounds
from collabtui.domain.clock import FixedClock
from collabtui.domain.errors import ValidationError
from collabtui.i18n import translator
from collabtui.store import Store
from tests.conftest import FIXED_NOW
from tests.unit.test_cli import collab

# ---------------------------------------------------------------------- the rules


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), float("1e999")])
def test_numbers_that_are_not_finite(value):
    assert bounds.problem("goal", "target", "number", value)[0] == "value.err.not_finite"


def test_numbers_in_range():
    assert bounds.problem("goal", "target", "number", 1e15) is None
    assert bounds.problem("goal", "target", "number", -2.5) is None
    assert bounds.problem("goal", "target", "number", 1e16)[0] == "value.err.number_range"
    assert bounds.problem("task", "progress", "integer", 2**31)[0] == "value.err.integer_range"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (date(1900, 1, 1), True),
        (date(2200, 12, 31), True),
        (date(1899, 12, 31), False),
        (date(1, 1, 1), False),
        (date(9999, 12, 31), False),
        (datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=5))), False),
        (datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))), False),
        (datetime(2026, 1, 1, tzinfo=UTC), True),
        (datetime(2026, 1, 1), False),
    ],
)
def test_days_and_moments(value, ok):
    kind = "datetime" if isinstance(value, datetime) else "date"
    assert (bounds.problem("meeting", "start_at", kind, value) is None) is ok


@pytest.mark.parametrize(
    ("week", "ok"),
    [
        ("2026-W48", True),
        ("2026-W53", True),  # 2026 has 53 ISO weeks
        ("2025-W53", False),
        ("2026-W00", False),
        ("2026-W7", False),
        ("garbage-9", False),
        ("0001-W01", False),
    ],
)
def test_weeks(week, ok):
    assert (bounds.problem("progressentry", "week", "text", week) is None) is ok


@pytest.mark.parametrize(
    ("changes", "ok"),
    [
        ('{"title": ["a", "b"], "n": [1, null]}', True),
        ("{}", True),
        ("[1]", False),
        ('{"title": "b"}', False),
        ('{"title": ["a"]}', False),
        ('{"title": [{"x": 1}, 2]}', False),
        ('{"n": [NaN, 1]}', False),
        ("not json", False),
        ("[" * 100_000 + "]" * 100_000, False),
    ],
    ids=range(9),
)
def test_change_log_shape(changes, ok):
    assert (bounds.problem("change", "changes", "text", changes) is None) is ok


# ---------------------------------------------------------------------- the store


def _save_target(store, target):
    draft = store.request_draft(1)
    draft.goals[0].target = target
    return store.save_request(draft, date(2026, 11, 27))


@pytest.mark.parametrize("target", [float("inf"), float("1e999"), float("nan"), -float("inf")])
def test_a_goal_target_that_is_not_a_number_is_refused(demo_store, target):
    before = demo_store.request_draft(1).goals[0].target
    with pytest.raises(ValidationError) as caught:
        _save_target(demo_store, target)
    assert caught.value.field == "target"
    assert caught.value.message(translator("en")) == (
        "target: not a finite number (inf and nan are not numbers)"
    )
    assert "不是有限的数" in caught.value.message(translator("zh-CN"))
    assert demo_store.request_draft(1).goals[0].target == before
    _save_target(demo_store, 12.5)
    assert demo_store.request_draft(1).goals[0].target == 12.5


def test_a_dataset_with_an_infinite_target_loads_nothing(store):
    dataset = {
        "format": "collab-dataset/1",
        "departments": [{"key": "d", "name": "D"}],
        "people": [{"key": "p", "name": "P", "department": "d"}],
        "projects": [
            {
                "code": "X-1",
                "topic": "t",
                "requesting_department": "d",
                "lead": "p",
                "goals": [{"description": "g", "target": float("inf")}],
            }
        ],
    }
    with pytest.raises(ValidationError) as caught:
        store.load_dataset(dataset, clock=FixedClock(FIXED_NOW))
    assert "not a finite number" in caught.value.message(translator("en"))
    assert not store.holds_data()


# ---------------------------------------------------------------------- import


def _export(store) -> dict:
    return json.loads(store.export_json())


def _import(url, doc_text: str, tmp_path, *extra: str):
    path = tmp_path / "doc.json"
    path.write_text(doc_text, encoding="utf-8")
    return collab("--db", url, *extra, "import", str(path)), path


def _first(doc, table):
    return doc["tables"][table][0]


@pytest.mark.parametrize(
    ("table", "column", "value", "reason"),
    [
        ("progressentry", "week", "garbage-9", "not an ISO week that exists"),
        ("progressentry", "week", "2025-W53", "not an ISO week that exists"),
        ("change", "changes", "[1]", "not the change log's shape"),
        ("change", "changes", '{"title": "x"}', "not the change log's shape"),
        ("meeting", "start_at", "0001-01-01T00:10:00+05:00", "the date is outside"),
        ("meeting", "start_at", "9999-12-31T23:00:00-05:00", "the date is outside"),
        ("task", "due_on", "0001-01-01", "the date is outside"),
        ("goal", "target", "1e999", "not a finite number"),
    ],
)
def test_import_refuses_values_outside_the_domain(
    demo_store, other_url, tmp_path, table, column, value, reason
):
    doc = _export(demo_store)
    row = _first(doc, table)
    row[column] = "@@VALUE@@"
    text = json.dumps(doc, ensure_ascii=False)
    raw = value if column == "target" else json.dumps(value)
    result, path = _import(other_url, text.replace('"@@VALUE@@"', raw), tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    index = doc["tables"][table].index(row)
    where = f"{path}: $.tables.{table}[{index}].{column}: {column}: "
    assert any(line.startswith(where) and reason in line for line in lines), lines
    assert lines[-1].startswith("collab: error: ") and "nothing was imported" in lines[-1]
    other = Store(other_url, user="t")
    try:
        assert not other.holds_data()
    finally:
        other.close()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested deeper than 32 levels"),
        ('{"format": ' + "9" * 5000 + "}", "an integer longer than 20 digits"),
        ('{"format": NaN}', "NaN and Infinity are not JSON numbers"),
        ('{"a": -Infinity}', "NaN and Infinity are not JSON numbers"),
    ],
    ids=["deep", "long-integer", "nan", "infinity"],
)
def test_documents_past_the_parser_limits(db_url, tmp_path, text, reason):
    result, path = _import(db_url, text, tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{path}: $: {reason}" in result.stderr.splitlines()


def test_limit_messages_are_translated(db_url, tmp_path):
    result, _ = _import(db_url, "[" * 100_000, tmp_path, "--lang", "zh-CN")
    assert result.returncode == 2
    assert "嵌套超过 32 层" in result.stderr


def test_a_moment_near_year_one_shows_no_sql_or_data(demo_store, other_url, tmp_path):
    doc = _export(demo_store)
    _first(doc, "meeting")["title"] = "SECRET-TITLE"
    _first(doc, "meeting")["start_at"] = "0001-01-01T00:10:00+05:00"
    result, _ = _import(other_url, json.dumps(doc, ensure_ascii=False), tmp_path)
    assert result.returncode == 2
    assert "SECRET-TITLE" not in result.stderr and "INSERT" not in result.stderr


@pytest.mark.sqlite_only("a SQLite file changed with another tool")
def test_alerts_on_a_store_changed_behind_collab_crash_with_70_not_1(demo_store):
    """Values outside the domain written with another tool: a crash, never "overdue"."""
    import sqlite3

    con = sqlite3.connect(demo_store.path)
    con.execute("UPDATE meeting SET start_at = '0001-01-01 00:00:00.000000' WHERE id = 1")
    con.commit()
    con.close()
    result = collab("--db", demo_store.url, "alerts")
    assert result.returncode == 70, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("column", "old"),
    [("due_on", "0001-01-01"), ("progress", 2**40)],
)
def test_undo_never_writes_a_value_outside_the_domain(demo_store, column, old):
    """A change log edited behind collab's back: undo is refused in one line."""
    from sqlalchemy import text

    task = demo_store.task_row(1)
    value = {"due_on": date(2026, 12, 24), "progress": 40}[column]
    demo_store.edit_task(1, task.version, **{column: value})
    with demo_store.engine.begin() as conn:
        last = conn.execute(text("SELECT id, changes FROM change ORDER BY id DESC LIMIT 1")).one()
        changes = json.loads(last.changes)
        changes[column][0] = old
        conn.execute(
            text("UPDATE change SET changes = :c WHERE id = :i"),
            {"c": json.dumps(changes), "i": last.id},
        )
    with pytest.raises(ValidationError) as caught:
        demo_store.undo(tz=UTC)
    assert caught.value.field == column
    shown = caught.value.message(translator("en"))  # this rule's or the task rules' words
    assert shown and "\n" not in shown and "Traceback" not in shown
    assert getattr(demo_store.task_row(1), column) == value


def test_undo_of_a_goal_never_writes_an_infinite_target(demo_store):
    from sqlalchemy import text

    _save_target(demo_store, 12.5)
    with demo_store.engine.begin() as conn:
        row = conn.execute(
            text("SELECT id, changes FROM change WHERE entity = 'goal' ORDER BY id DESC LIMIT 1")
        ).one()
        changes = json.loads(row.changes)
        changes["target"][0] = float("inf")  # json.dumps writes Infinity
        conn.execute(
            text("UPDATE change SET changes = :c WHERE id = :i"),
            {"c": json.dumps(changes), "i": row.id},
        )
    with pytest.raises(ValidationError) as caught:
        demo_store.undo(tz=UTC)
    assert caught.value.field == "target"
    assert "not a finite number" in caught.value.message(translator("en"))
    assert demo_store.request_draft(1).goals[0].target == 12.5
