"""``collab export resources``: the resource requests (《资源申请表》) as Markdown, CSV, JSON."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from collabtui.cli import CliError, app
from collabtui.domain.views import ResourceRow
from collabtui.export.resources import JSON_FORMAT, render_resources, resources_table, unit_of
from collabtui.export.tabular import ProjectRef
from collabtui.i18n import translator
from collabtui.store import NotFound
from tests.unit.test_export_request import HOSTILE, blocks, literal
from tests.unit.test_export_tasks import read_csv

runner = CliRunner()
GENERATED = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)
PROJECT = ProjectRef("Q4", "新品上市")

HEADERS = {
    "en": [
        "Kind",
        "Description",
        "Quantity / amount",
        "Unit / currency",
        "Requesting department",
        "Purpose",
        "Needed by",
        "Linked task",
        "Status",
        "In place on",
        "Flags",
    ],
    "zh-CN": [
        "资源类型",
        "资源描述",
        "数量/金额",
        "单位/币种",
        "申请部门",
        "用途",
        "需求日期",
        "关联任务",
        "状态",
        "到位时间",
        "提醒",
    ],
}
FIELDS = {
    "id",
    "kind",
    "kind_label",
    "description",
    "quantity",
    "unit",
    "currency",
    "department",
    "purpose",
    "needed_by",
    "task_code",
    "status",
    "status_label",
    "in_place_on",
    "flags",
}


def resource(**changes) -> ResourceRow:
    """A request row with every field filled; ``changes`` override."""
    values = dict(
        id=1,
        version=1,
        project_id=1,
        project_code="Q4",
        kind="equipment",
        description="X3 样机",
        quantity=200.0,
        unit="台",
        currency="",
        department_id=1,
        department="市场部",
        purpose="KOL 测评与门店展示",
        needed_by=date(2026, 11, 13),
        task_id=3,
        task_code="T-12",
        status="in_place",
        in_place_on=date(2026, 11, 14),
    )
    values.update(changes)
    return ResourceRow(**values)


ROWS = [
    resource(),
    resource(
        id=2,
        kind="budget",
        description="发布会场地",
        quantity=250000.0,
        unit="",
        currency="CNY",
        status="approved",
        in_place_on=None,
        task_code="",
        task_id=None,
    ),
    resource(id=3, kind="people", quantity=0.5, unit="FTE", status="requested", in_place_on=None),
]


# ---------------------------------------------------------------------- renderers


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_csv_rows_with_units_currencies_and_flags(lang):
    tr = translator(lang)
    parsed = read_csv(render_resources(ROWS, "csv", PROJECT, GENERATED, lang).encode("utf-8"))
    assert parsed[0] == HEADERS[lang]
    assert len(parsed) == 1 + len(ROWS)
    first, budget, people = parsed[1:]
    assert first == [
        tr("ResourceKind.equipment"),
        "X3 样机",
        "200",
        "台",
        "市场部",
        "KOL 测评与门店展示",
        "2026-11-13",
        "T-12",
        tr("ResourceStatus.in_place"),
        "2026-11-14",
        tr("resource.in_place_late", date=date(2026, 11, 14), needed=date(2026, 11, 13)),
    ]
    assert budget[2:4] == ["250000", "CNY"]
    assert budget[7] == ""
    assert budget[10] == tr("resource.no_in_place_date")
    assert people[2:4] == ["0.5", "FTE"]
    assert people[10] == ""


def test_unit_of_prefers_currency_for_a_budget_only():
    assert unit_of(resource(kind="budget", unit="万元", currency="CNY")) == "CNY"
    assert unit_of(resource(kind="budget", unit="万元", currency="")) == "万元"
    assert unit_of(resource(kind="people", unit="人", currency="CNY")) == "人"
    assert unit_of(resource(kind="other", unit="", currency="USD")) == "USD"


def test_a_negative_quantity_stays_a_number_but_text_is_neutralised():
    rows = [resource(quantity=-5.0, unit="-x", description="=1+1", purpose="@SUM(A1)")]
    (_, row) = read_csv(render_resources(rows, "csv", PROJECT, GENERATED, "en").encode())
    assert row[1:4] == ["'=1+1", "-5", "'-x"]
    assert row[5] == "'@SUM(A1)"


def test_hostile_text_round_trips_through_csv_and_markdown():
    nasty = 'a, "quoted", b\nline two'
    rows = [
        resource(id=n, description=text, purpose=nasty, department=text)
        for n, text in enumerate(HOSTILE)
    ]
    parsed = read_csv(render_resources(rows, "csv", PROJECT, GENERATED, "en").encode())
    for row, out in zip(rows, parsed[1:], strict=True):
        expected = "'" + row.description if row.description[:1] in "=+-@" else row.description
        assert out[1] == out[4] == expected
        assert out[5] == nasty
    doc = blocks(render_resources(rows, "md", PROJECT, GENERATED, "en"))
    assert doc[0][0] == "h1" and doc[1][0] == "p"
    table = doc[2][1]
    assert table[0] == HEADERS["en"]
    for row, cells in zip(rows, table[1:], strict=True):
        assert cells[1] == cells[4] == literal(row.description)
        assert cells[5] == literal(nasty)


def test_flags_follow_today():
    late = resource(status="approved", in_place_on=None)
    assert resources_table([late], PROJECT, GENERATED, "en").rows[0][10] != ""
    ok = resource(status="approved", in_place_on=date(2026, 11, 10))
    assert resources_table([ok], PROJECT, GENERATED, "en", today=TODAY).rows[0][10] == ""


def test_json_has_every_field_with_raw_values():
    data = json.loads(render_resources(ROWS, "json", PROJECT, GENERATED, "zh-CN"))
    assert list(data) == ["format", "project", "generated_at", "language", "resources"]
    assert data["format"] == JSON_FORMAT
    first, budget, people = data["resources"]
    assert all(set(r) == FIELDS for r in data["resources"])
    assert first["quantity"] == 200
    assert (first["kind"], first["kind_label"]) == ("equipment", "设备")
    assert (first["status"], first["status_label"]) == ("in_place", "已到位")
    assert first["needed_by"] == "2026-11-13"
    assert first["flags"] == [
        {"rule": "resource.in_place_late", "message": "到位 2026-11-14，晚于需求日期 2026-11-13"}
    ]
    assert (budget["quantity"], budget["currency"], budget["in_place_on"]) == (250000, "CNY", None)
    assert people["quantity"] == 0.5 and people["flags"] == []


def test_json_has_no_infinity():
    data = json.loads(
        render_resources([resource(quantity=float("inf"))], "json", PROJECT, GENERATED)
    )
    assert data["resources"][0]["quantity"] is None


def test_no_requests():
    assert read_csv(render_resources([], "csv", PROJECT, GENERATED, "zh-CN").encode()) == [
        HEADERS["zh-CN"]
    ]
    assert blocks(render_resources([], "md", PROJECT, GENERATED, "en"))[-1] == ("p", "(none)")


# ---------------------------------------------------------------------- the command


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize(("project", "count"), [("Q4-LAUNCH", 7), ("cx-fix", 3)])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_cli_csv_of_the_demo(demo_store, tmp_path, project, count, lang):
    target = tmp_path / "resources.csv"
    args = ["--db", demo_store.url, "export", "resources", project, "--format", "csv"]
    result = run(*args, "--lang", lang, "-o", str(target))
    assert result.exit_code == 0, result.output
    parsed = read_csv(target.read_bytes())
    assert parsed[0] == HEADERS[lang]
    rows = demo_store.resource_rows(project)
    assert len(rows) == count
    assert [r[1] for r in parsed[1:]] == [r.description for r in rows]


def test_cli_markdown_and_json_of_the_demo(demo_store):
    md = run("--db", demo_store.url, "--lang", "zh-CN", "export", "resources", "Q4-LAUNCH")
    assert md.exit_code == 0, md.output
    doc = blocks(md.stdout)
    assert doc[0] == ("h1", "资源申请表：2026 Q4 智能手表新品上市推广")
    assert len(doc[2][1]) == 1 + 7
    out = run("--db", demo_store.url, "export", "resources", "CX-FIX", "--format", "json")
    data = json.loads(out.stdout)
    assert data["project"]["code"] == "CX-FIX"
    assert len(data["resources"]) == 3
    assert all(set(r) == FIELDS for r in data["resources"])


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (["NOPE"], NotFound),
        (["Q4-LAUNCH", "--format", "ics"], CliError),
        (["Q4-LAUNCH", "-o", "{tmp}/missing/x.csv"], CliError),
    ],
)
def test_cli_refuses(demo_store, tmp_path, extra, error):
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = run("--db", demo_store.url, "export", "resources", *extra)
    assert isinstance(result.exception, error)


def test_cli_hostile_request_round_trips(store, tmp_path):
    dept = store.add_department('市场部, "品牌"')
    store.create_project("H-1", "敌意 | <script>x</script>")
    store.create_resource(
        "H-1",
        kind="budget",
        description='=HYPERLINK("http://x","y")',
        quantity=1500.5,
        currency="CNY",
        department_id=dept.id,
        purpose='a, "quoted", b\nline two | *x*',
        needed_by=date(2026, 12, 1),
    )
    target = tmp_path / "r.csv"
    args = ["--db", store.url, "export", "resources", "h-1"]
    assert run(*args, "--format", "csv", "-o", str(target)).exit_code == 0
    header, row = read_csv(target.read_bytes())
    got = dict(zip(header, row, strict=True))
    assert got["Description"] == '\'=HYPERLINK("http://x","y")'
    assert (got["Quantity / amount"], got["Unit / currency"]) == ("1500.5", "CNY")
    assert got["Requesting department"] == '市场部, "品牌"'
    assert got["Purpose"] == 'a, "quoted", b\nline two | *x*'
    table = blocks(run(*args).stdout)[2][1]
    assert table[1][1] == '=HYPERLINK("http://x","y")'
    assert table[1][5] == 'a, "quoted", b\nline two | *x*'
    (only,) = json.loads(run(*args, "--format", "json").stdout)["resources"]
    assert (only["quantity"], only["purpose"]) == (1500.5, 'a, "quoted", b\nline two | *x*')
