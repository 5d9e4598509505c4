"""``collab export all`` and ``collab import``: the whole store as JSON, and back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from collabtui import paths
from collabtui.store import Store
from collabtui.store.interchange.format import FORMAT, SCHEMA_FILE, render_schema, table_names
from collabtui.store.interchange.schema_check import schema_errors
from collabtui.store.interchange.validate import check_document, json_path
from tests.unit.test_cli import collab, run


def export_all(url: str, out: Path) -> bytes:
    result = run("--db", url, "export", "all", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_demo_round_trip_is_byte_identical(demo_store, other_url, tmp_path):
    first = export_all(demo_store.url, tmp_path / "first.json")
    result = collab("--db", other_url, "import", str(tmp_path / "first.json"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported ") and "records into" in result.stdout
    assert export_all(other_url, tmp_path / "second.json") == first


def test_export_is_deterministic_complete_and_valid(demo_store, tmp_path):
    text = export_all(demo_store.url, tmp_path / "a.json").decode("utf-8")
    again = run("--db", demo_store.url, "export", "all").stdout
    assert again == text
    doc = json.loads(text)
    assert list(doc) == ["format", "schema_version", "tables"]
    assert doc["format"] == FORMAT and doc["schema_version"] == 1
    assert list(doc["tables"]) == list(table_names())
    assert table_names()[-1] == "change" and doc["tables"]["change"], "history is exported"
    tasks = doc["tables"]["task"]
    assert [t["id"] for t in tasks] == sorted(t["id"] for t in tasks)
    assert tasks[0]["created_at"].endswith("+00:00")
    assert tasks[0]["status"] in {"todo", "in_progress", "blocked", "done", "accepted"}
    schema = json.loads((paths.bundled_data_dir() / SCHEMA_FILE).read_text("utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(doc)) == []
    assert check_document(doc) == []


def test_export_all_file_is_owner_only(demo_store, tmp_path):
    out = tmp_path / "all.json"
    export_all(demo_store.url, out)
    assert out.stat().st_mode & 0o777 == 0o600


def test_shipped_schema_is_the_one_derived_from_the_models():
    shipped = (paths.bundled_data_dir() / SCHEMA_FILE).read_text("utf-8")
    assert shipped == render_schema(), "regenerate data/schema with render_schema()"


def test_ids_continue_after_an_import(demo_store, other_url, tmp_path):
    export_all(demo_store.url, tmp_path / "a.json")
    assert collab("--db", other_url, "import", str(tmp_path / "a.json")).returncode == 0
    biggest = max(d.id for d in demo_store.departments())
    other = Store(other_url, user="tester")
    try:
        assert other.add_department("新部门 after import").id == biggest + 1
    finally:
        other.close()


def test_import_refuses_a_store_that_holds_data(demo_store, tmp_path):
    out = tmp_path / "a.json"
    export_all(demo_store.url, out)
    before = export_all(demo_store.url, tmp_path / "before.json")
    result = collab("--db", demo_store.url, "import", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("collab: error: "), result.stderr
    assert "already holds data" in result.stderr
    assert export_all(demo_store.url, tmp_path / "after.json") == before


def test_the_store_refuses_to_import_over_data_in_the_same_transaction(demo_store):
    from collabtui.store import ValidationError
    from collabtui.store.interchange.format import decode_tables

    rows = decode_tables(json.loads(demo_store.export_json())["tables"])
    before = demo_store.export_json()
    with pytest.raises(ValidationError, match="already holds data"):
        demo_store.import_tables(rows)
    assert demo_store.export_json() == before


# ---------------------------------------------------------------------- bad files


def _broken_document(demo_store) -> tuple[dict, dict[str, str]]:
    """The demo's export with one of each kind of mistake; path → words of its reason."""
    doc = json.loads(demo_store.export_json())
    tables = doc["tables"]
    tasks, people = tables["task"], tables["person"]
    tasks[0]["owner_id"] = 9999
    tasks[1]["start_on"], tasks[1]["due_on"] = "2026-12-10", "2026-12-01"
    tasks[2]["status"] = "finished"
    del tasks[3]["title"]
    tasks[4]["colour"] = "red"
    tasks[5]["progress"] = 150
    tasks[6]["version"] = "2"
    tasks[7]["due_on"] = "2026-02-30"
    tasks[8]["notes"] = "nul \x00 inside"
    people.append(dict(people[0]))
    tables["meeting"][0]["start_at"] = "2026-11-27 09:00"
    expected = {
        "$.tables.task[0].owner_id": "refers to person 9999",
        "$.tables.task[1].due_on": "before the start date",
        "$.tables.task[2].status": '"finished" is not one of',
        "$.tables.task[3].title": "required, but missing",
        "$.tables.task[4].colour": "unknown field",
        "$.tables.task[5].progress": "from 0 to 100",
        "$.tables.task[6].version": "expected a whole number",
        "$.tables.task[7].due_on": "not a date",
        "$.tables.task[8].notes": "NUL",
        f"$.tables.person[{len(people) - 1}].id": "used twice",
        "$.tables.meeting[0].start_at": "UTC offset",
    }
    return doc, expected


def test_every_problem_is_reported_with_its_path(demo_store):
    doc, expected = _broken_document(demo_store)
    problems = {p.path: p.reason for p in check_document(doc)}
    for path, words in expected.items():
        assert path in problems, (path, problems)
        assert words.lower() in problems[path].lower(), (path, problems[path])


def test_a_bad_file_imports_nothing_and_lists_every_problem(demo_store, other_url, tmp_path):
    doc, expected = _broken_document(demo_store)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = collab("--db", other_url, "import", str(bad))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("collab: error: ") and "nothing was imported" in lines[-1]
    for path in expected:
        assert any(line.startswith(f"{bad}: {path}: ") for line in lines), path
    assert "Traceback" not in result.stderr and "\x00" not in result.stderr
    other = Store(other_url, user="tester")
    try:
        assert not other.holds_data()
    finally:
        other.close()


def test_reasons_are_translated(demo_store, other_url, tmp_path):
    doc, _ = _broken_document(demo_store)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = collab("--db", other_url, "--lang", "zh-CN", "import", str(bad))
    assert result.returncode == 2
    assert "$.tables.task[0].owner_id: 引用的 person 9999 不在文件中" in result.stderr
    assert "未导入任何数据" in result.stderr


def test_syntax_errors_name_the_line_and_column(db_url, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "collab-export",\n  "tables": {,}\n}\n', encoding="utf-8")
    result = collab("--db", db_url, "import", str(bad))
    assert result.returncode == 2
    assert "line 3, column 14" in result.stderr


def test_wrong_document_shapes_are_reported_not_crashed():
    for doc, path in [
        ([], "$"),
        ({"format": "collab-dataset/1", "schema_version": 1, "tables": {}}, "$.format"),
        ({"format": FORMAT, "schema_version": 1, "tables": {"task": 3}}, "$.tables.task"),
    ]:
        problems = check_document(doc)
        assert path in [p.path for p in problems], problems


def test_fast_schema_check_finds_what_jsonschema_finds(demo_store):
    doc, _ = _broken_document(demo_store)
    doc["tables"]["goal"][0]["target"] = "lots"
    doc["tables"]["department"][0] = ["not", "a", "row"]
    doc["tables"]["bogus"] = []
    full = Draft202012Validator(json.loads(render_schema()))
    expected = {(json_path(e.absolute_path), e.validator) for e in full.iter_errors(doc)}
    found = {(json_path(where), e.validator) for e, where, _ in schema_errors(doc)}
    assert found == expected


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty", [True, False])
def test_progress_shows_on_a_terminal_only(monkeypatch, tty):
    from collabtui.cli import exchange as cli_exchange

    err = _Terminal() if tty else io.StringIO()
    monkeypatch.setattr(cli_exchange.sys, "stderr", err)
    with cli_exchange._progress("Importing", total=10) as advance:
        assert (advance is not None) == tty
        if advance:
            advance("task", 10)
    assert ("Importing" in err.getvalue()) == tty
