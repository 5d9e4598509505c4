"""``collab export tasks``: the task tracking table (表3) as Markdown, CSV and JSON.

CSV is read back with the ``csv`` module after checking the byte order mark; Markdown
with a CommonMark parser (GFM tables), cell by cell; JSON with ``json``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from collabtui.cli import CliError, app
from collabtui.domain.views import SupportRow, TaskRow
from collabtui.export.tabular import (
    BOM,
    Column,
    ProjectRef,
    TableDocument,
    neutralise,
    render,
    render_csv,
)
from collabtui.export.tasks import JSON_FORMAT, render_tasks, support_text, tasks_table
from collabtui.i18n import translator
from collabtui.store import NotFound
from tests.unit.test_export_request import HOSTILE, blocks, literal

runner = CliRunner()
GENERATED = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
PROJECT = ProjectRef("H-1", "Topic | <b>x</b>")

HEADERS = {
    "en": [
        "Code",
        "Task name",
        "Task description",
        "Owner",
        "Owner's department",
        "Supporting departments and duties",
        "Start",
        "Due",
        "Deliverable",
        "Quality standard",
        "Progress",
        "Status",
        "Priority",
        "Notes",
    ],
    "zh-CN": [
        "任务编号",
        "任务名称",
        "任务描述",
        "负责人",
        "负责部门",
        "配合部门及职责",
        "开始日期",
        "截止日期",
        "交付成果",
        "质量标准",
        "进度",
        "状态",
        "优先级",
        "备注",
    ],
}
FIELDS = {
    "id",
    "code",
    "title",
    "description",
    "owner",
    "owner_department",
    "supports",
    "start_on",
    "due_on",
    "deliverable",
    "quality_standard",
    "progress",
    "status",
    "status_label",
    "priority",
    "priority_label",
    "notes",
}
#: Cells a spreadsheet would run, and what the CSV must hold instead.
FORMULAS = {
    "=1+1": "'=1+1",
    "+x": "'+x",
    "-x": "'-x",
    "@x": "'@x",
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "\t=1": "'\t=1",
    "\r=1": "'\r=1",
}


def task(**changes) -> TaskRow:
    """A task row with every field filled; ``changes`` override."""
    values = dict(
        id=1,
        version=1,
        project_id=1,
        project_code="H-1",
        code="T-01",
        title="产品卖点与定位文档",
        description="梳理卖点",
        owner_id=1,
        owner="刘洋",
        owner_department="产品部",
        supports=(SupportRow(1, 1, 2, "设计部", "UI 素材", 3, "郑爽"),),
        start_on=date(2026, 11, 8),
        due_on=date(2026, 11, 13),
        deliverable="《说明》V1.0",
        quality_standard="三方评审通过",
        progress=40,
        status="in_progress",
        priority="high",
        notes="",
    )
    values.update(changes)
    return TaskRow(**values)


def read_csv(data: bytes) -> list[list[str]]:
    """CSV bytes as rows, after checking the BOM and the CRLF line ends."""
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n")
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


# ---------------------------------------------------------------------- formula injection


@pytest.mark.parametrize(("text", "safe"), FORMULAS.items())
def test_neutralise_prefixes_a_formula_start(text, safe):
    assert neutralise(text) == safe


@pytest.mark.parametrize("text", ["", "1+1", "a=b", " =1", "'=1", "中文=1", "\n=1", "40%"])
def test_neutralise_leaves_other_text_alone(text):
    assert neutralise(text) == text


def test_numeric_cells_stay_numbers_but_text_is_neutralised():
    doc = TableDocument(
        format="x/1",
        kind="rows",
        lang="en",
        title="t",
        project=PROJECT,
        generated_at=GENERATED,
        columns=(Column("n", "N", numeric=True), Column("t", "T")),
        rows=(("-5", "-5"), ("-1.5e3", "x"), ("-1+cmd|' /C calc'!A0", "y"), ("=1", "=1")),
    )
    assert read_csv(render_csv(doc).encode()) == [
        ["N", "T"],
        ["-5", "'-5"],
        ["-1.5e3", "x"],
        ["'-1+cmd|' /C calc'!A0", "y"],
        ["'=1", "'=1"],
    ]


def test_csv_turns_nul_into_the_replacement_character():
    rows = read_csv(render_tasks([task(title="a\0b")], "csv", PROJECT, GENERATED).encode())
    assert rows[1][1] == "a\ufffdb"


# ---------------------------------------------------------------------- renderers


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_csv_has_one_translated_header_row_and_one_row_per_task(lang):
    rows = [task(), task(id=2, code="T-02", title="整合推广方案", status="todo", progress=0)]
    text = render_tasks(rows, "csv", PROJECT, GENERATED, lang)
    assert text.startswith(BOM)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    parsed = read_csv(text.encode("utf-8"))
    tr = translator(lang)
    assert parsed[0] == HEADERS[lang]
    assert [r[0] for r in parsed[1:]] == ["T-01", "T-02"]
    first = dict(zip(HEADERS[lang], parsed[1], strict=True))
    assert first[HEADERS[lang][1]] == "产品卖点与定位文档"
    assert first[HEADERS[lang][5]] == support_text(rows[0].supports[0], tr)
    assert first[HEADERS[lang][6]] == "2026-11-08"
    assert first[HEADERS[lang][10]] == "40%"
    assert first[HEADERS[lang][11]] == tr("TaskStatus.in_progress")
    assert first[HEADERS[lang][12]] == tr("Priority.high")


def test_hostile_cells_round_trip_through_csv():
    nasty = 'a, "quoted", b\nline two\r\nline three'
    rows = [
        task(title=text, description=nasty, notes=text, owner='王芳, "Wang"')
        for text in [*FORMULAS, *HOSTILE]
    ]
    parsed = read_csv(render_tasks(rows, "csv", PROJECT, GENERATED, "en").encode())
    assert len(parsed) == 1 + len(rows)
    for row, out in zip(rows, parsed[1:], strict=True):
        expected = "'" + row.title if row.title[:1] in tuple("=+-@\t\r") else row.title
        assert FORMULAS.get(row.title, expected) == expected
        assert out[1] == expected
        assert out[13] == expected
        assert out[2] == nasty
        assert out[3] == '王芳, "Wang"'


def test_supports_are_listed_with_duty_and_contact():
    tr = translator("en")
    supports = (
        SupportRow(1, 1, 2, "Design", "UI assets", 3, "Li Lei"),
        SupportRow(2, 1, 4, "Sales", "channel feedback, contact: Sun Li", 5, "Sun Li"),
        SupportRow(3, 1, 6, "Legal", "contract review", None, ""),
    )
    text = tasks_table([task(supports=supports)], PROJECT, GENERATED, "en").rows[0][5]
    assert text == (
        "Design: UI assets (Li Lei); Sales: channel feedback, contact: Sun Li; "
        "Legal: contract review"
    )
    zh = support_text(supports[0], translator("zh-CN"))
    assert zh == "Design：UI assets（联系人：Li Lei）"
    assert support_text(SupportRow(1, 1, 2, "Design", "", None, ""), tr) == "Design"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_markdown_reads_back_literally(lang):
    rows = [
        task(id=n, code=f"T-{n}", title=text, description=f"{text}\nline 2", notes=text)
        for n, text in enumerate([*HOSTILE, "=1+1", "|", "*x*", "[x](y)", "<script>"])
    ]
    rows.append(task(id=99, code="T-99", supports=(), start_on=None, due_on=None))
    text = render_tasks(rows, "md", PROJECT, GENERATED, lang)
    tr = translator(lang)
    doc = blocks(text)
    assert doc[0] == (
        "h1",
        tr("export.tasks.title", form=tr("template.task_table"), topic=PROJECT.topic),
    )
    assert doc[1][0] == "p" and PROJECT.code in doc[1][1] and PROJECT.topic in doc[1][1]
    kind, table = doc[2]
    assert kind == "table"
    assert table[0] == HEADERS[lang]
    assert len(table) == 1 + len(rows)
    for row, cells in zip(rows, table[1:], strict=True):
        assert cells[1] == literal(row.title)
        assert cells[2] == literal(row.description)
        assert cells[13] == literal(row.notes)
    assert table[-1][5:8] == ["", "", ""]
    assert len(doc) == 3


def test_markdown_of_no_tasks_says_none():
    doc = blocks(render_tasks([], "md", PROJECT, GENERATED, "zh-CN"))
    assert doc[-1] == ("p", translator("zh-CN")("field.none"))
    assert "0" in doc[1][1]


def test_json_has_every_field_with_raw_values():
    rows = [task(), task(id=2, code="T-02", start_on=None, supports=())]
    data = json.loads(render_tasks(rows, "json", PROJECT, GENERATED, "zh-CN"))
    assert list(data) == ["format", "project", "generated_at", "language", "tasks"]
    assert data["format"] == JSON_FORMAT
    assert data["project"] == {"code": "H-1", "topic": PROJECT.topic}
    assert data["generated_at"] == "2026-11-27T09:30:00+00:00"
    assert data["language"] == "zh-CN"
    first = data["tasks"][0]
    assert set(first) == FIELDS
    assert first["progress"] == 40
    assert first["start_on"] == "2026-11-08"
    assert (first["status"], first["status_label"]) == ("in_progress", "进行中")
    assert (first["priority"], first["priority_label"]) == ("high", "高")
    assert first["supports"] == [{"department": "设计部", "duty": "UI 素材", "contact": "郑爽"}]
    assert data["tasks"][1]["start_on"] is None
    assert data["tasks"][1]["supports"] == []


def test_csv_and_json_of_no_tasks():
    assert read_csv(render_tasks([], "csv", PROJECT, GENERATED, "en").encode()) == [HEADERS["en"]]
    assert json.loads(render_tasks([], "json", PROJECT, GENERATED))["tasks"] == []


def test_table_document_refuses_ragged_rows_and_unknown_formats():
    doc = tasks_table([task()], PROJECT, GENERATED, "en")
    with pytest.raises(ValueError, match="columns"):
        TableDocument(**{**doc.__dict__, "rows": (("x",),)})
    with pytest.raises(ValueError, match="xlsx"):
        render(doc, "xlsx")


# ---------------------------------------------------------------------- the command


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def hostile(store):
    """A project whose one task has formula-like, CSV- and Markdown-hostile text."""
    dept = store.add_department('设计部, "UI"')
    owner = store.add_person("=cmd|' /C calc'!A0", department_id=dept.id)
    contact = store.add_person("@SUM(1+1)")
    store.create_project("H-1", "敌意 | <script>x</script>")
    store.create_task(
        "H-1",
        code="T-01",
        title="=1+1",
        description='a, "quoted", b\nline two',
        owner_id=owner.id,
        deliverable="+x",
        quality_standard="-x",
        notes="[x](y) | *x* <script>",
        supports=[(dept.id, "-duty, with comma", contact.id)],
    )
    return store


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_cli_writes_csv_that_reads_back(demo_store, tmp_path, lang):
    target = tmp_path / "tasks.csv"
    args = ["--db", demo_store.url, "export", "tasks", "Q4-LAUNCH", "--format", "csv"]
    result = run(*args, "-o", str(target), "--lang", lang)
    assert result.exit_code == 0, result.output
    parsed = read_csv(target.read_bytes())
    assert parsed[0] == HEADERS[lang]
    expected = demo_store.task_rows("Q4-LAUNCH")
    assert [r[0] for r in parsed[1:]] == [t.code for t in expected]
    assert [r[1] for r in parsed[1:]] == [t.title for t in expected]
    assert "产品卖点与定位文档" in {r[1] for r in parsed[1:]}
    assert all(len(r) == len(HEADERS[lang]) for r in parsed)


def test_cli_hostile_csv(hostile, tmp_path):
    target = tmp_path / "tasks.csv"
    result = run(
        "--db", hostile.url, "export", "tasks", "h-1", "--format", "CSV", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    header, row = read_csv(target.read_bytes())
    got = dict(zip(header, row, strict=True))
    assert got["Task name"] == "'=1+1"
    assert got["Task description"] == 'a, "quoted", b\nline two'
    assert got["Owner"] == "'=cmd|' /C calc'!A0"
    assert got["Owner's department"] == '设计部, "UI"'
    assert got["Deliverable"] == "'+x"
    assert got["Quality standard"] == "'-x"
    assert got["Supporting departments and duties"] == '设计部, "UI": -duty, with comma (@SUM(1+1))'
    assert got["Notes"] == "[x](y) | *x* <script>"


def test_cli_hostile_markdown_and_json(hostile):
    md = run("--db", hostile.url, "export", "tasks", "H-1")
    assert md.exit_code == 0, md.output
    doc = blocks(md.stdout)
    assert doc[0] == ("h1", "Cross-department task tracking table: 敌意 | <script>x</script>")
    table = doc[2][1]
    assert table[1][1:4] == ["=1+1", 'a, "quoted", b\nline two', "=cmd|' /C calc'!A0"]
    assert table[1][13] == "[x](y) | *x* <script>"
    data = json.loads(run("--db", hostile.url, "export", "tasks", "1", "--format", "json").stdout)
    (only,) = data["tasks"]
    assert only["title"] == "=1+1"
    assert only["notes"] == "[x](y) | *x* <script>"
    assert only["supports"][0]["contact"] == "@SUM(1+1)"


def test_cli_json_of_the_demo(demo_store):
    result = run("--db", demo_store.url, "export", "tasks", "CX-FIX", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["format"] == JSON_FORMAT
    assert data["project"]["code"] == "CX-FIX"
    assert len(data["tasks"]) == len(demo_store.task_rows("CX-FIX"))
    assert all(set(t) == FIELDS for t in data["tasks"])


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (["NOPE"], NotFound),
        (["Q4-LAUNCH", "--format", "xlsx"], CliError),
        (["Q4-LAUNCH", "--lang", "fr"], CliError),
        (["Q4-LAUNCH", "-o", "{tmp}"], CliError),
        (["Q4-LAUNCH", "-o", "{tmp}/missing/x.csv", "--format", "csv"], CliError),
    ],
)
def test_cli_refuses(demo_store, tmp_path, extra, error):
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = run("--db", demo_store.url, "export", "tasks", *extra)
    assert isinstance(result.exception, error)
    assert not (tmp_path / "missing").exists()


def _collab(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "collabtui", *args], capture_output=True, timeout=60
    )


def test_cli_stdout_is_the_same_bytes_as_the_file(demo_store, tmp_path):
    target = tmp_path / "tasks.csv"
    args = ["--db", demo_store.url, "export", "tasks", "Q4-LAUNCH", "--format", "csv"]
    assert _collab(*args, "--lang", "zh-CN", "-o", str(target)).returncode == 0
    out = _collab(*args, "--lang", "zh-CN")
    assert out.returncode == 0
    assert out.stdout.startswith(b"\xef\xbb\xbf")
    assert out.stdout == target.read_bytes()
    assert read_csv(out.stdout)[0] == HEADERS["zh-CN"]


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["NOPE"], "NOPE"),
        (["Q4-LAUNCH", "--format", "xlsx"], "xlsx"),
        (["Q4-LAUNCH", "--format", "csv", "-o", "{tmp}/missing/x.csv"], "missing"),
    ],
)
def test_cli_errors_exit_2_with_one_line(demo_store, tmp_path, extra, says):
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = _collab("--db", demo_store.url, "export", "tasks", *extra)
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode("utf-8")
    assert err.count("\n") == 1
    assert err.startswith("collab: error: ")
    assert says in err
