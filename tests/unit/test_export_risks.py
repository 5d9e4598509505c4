"""``collab export risks``: the risk warnings (《风险预警表》) as Markdown, CSV and JSON."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from typer.testing import CliRunner

from collabtui.cli import CliError, app
from collabtui.domain.views import RiskRow
from collabtui.export.risks import (
    JSON_FORMAT,
    MINUS,
    lead_hours,
    lead_text,
    render_risks,
    risks_table,
)
from collabtui.export.tabular import ProjectRef
from collabtui.i18n import translator
from collabtui.store import NotFound
from tests.unit.test_export_request import HOSTILE, blocks, literal
from tests.unit.test_export_tasks import read_csv

runner = CliRunner()
GENERATED = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
PROJECT = ProjectRef("Q4", "新品上市 | <b>x</b>")

HEADERS = {
    "en": [
        "Risk",
        "Risk type",
        "Level",
        "Status",
        "Tasks affected",
        "Departments affected",
        "Impact",
        "Proposed solution",
        "Threatened date",
        "Raised by",
        "Raised at",
        "Lead time",
        "24-hour rule",
        "Closing note",
    ],
    "zh-CN": [
        "风险事项",
        "风险类型",
        "风险等级",
        "状态",
        "关联任务",
        "涉及部门",
        "影响范围",
        "解决方案",
        "受影响日期",
        "预警人",
        "预警时间",
        "提前量",
        "24小时提前预警",
        "关闭说明",
    ],
}
FIELDS = [
    "id",
    "title",
    "type",
    "type_label",
    "level",
    "level_label",
    "status",
    "status_label",
    "tasks",
    "departments",
    "impact",
    "solution",
    "threatened_on",
    "raised_by",
    "raised_at",
    "lead_time_hours",
    "late",
    "closing_note",
]


def risk(**changes) -> RiskRow:
    """A warning row with every field filled; ``changes`` override."""
    values = dict(
        id=1,
        version=1,
        project_id=1,
        project_code="Q4",
        title="支付平台接口审批延迟",
        type="dependency",
        level="high",
        impact="App 赠礼活动无法随预售同步上线",
        solution="市场部协调支付平台商务加急",
        threatened_on=date(2026, 12, 2),
        raised_by_id=3,
        raised_by="马超",
        raised_at=datetime(2026, 11, 24, 11, 0, tzinfo=UTC),
        status="mitigating",
        task_ids=(5, 6),
        task_codes=("T-05", "T-06"),
        department_ids=(1, 2),
        departments=("市场部", "技术部"),
        lead_time=timedelta(days=7, hours=13),
        late=False,
    )
    values.update(changes)
    return RiskRow(**values)


ROWS = [
    risk(),
    risk(
        id=2,
        title="电商详情页开发延期",
        type="schedule",
        level="medium",
        status="materialized",
        task_codes=("T-04",),
        departments=("技术部",),
        lead_time=-timedelta(hours=9, minutes=30),
        late=True,
    ),
    risk(id=3, title="无日期", threatened_on=None, lead_time=None, raised_by="", task_codes=()),
]


# ---------------------------------------------------------------------- lead time


@pytest.mark.parametrize(
    ("lead", "en", "zh"),
    [
        (timedelta(hours=24), "1 d", "1 天"),
        (timedelta(hours=23, minutes=59, seconds=59), "23 h 59 min", "23 小时 59 分钟"),
        (timedelta(days=3, hours=4, minutes=20), "3 d 4 h", "3 天 4 小时"),
        (timedelta(hours=5), "5 h", "5 小时"),
        (timedelta(minutes=7), "7 min", "7 分钟"),
        (timedelta(seconds=30), "0 min", "0 分钟"),
        (-timedelta(hours=9, minutes=30), f"{MINUS}9 h 30 min", f"{MINUS}9 小时 30 分钟"),
        (-timedelta(days=2), f"{MINUS}2 d", f"{MINUS}2 天"),
        (-timedelta(seconds=20), "0 min", "0 分钟"),
        (None, "", ""),
    ],
)
def test_lead_time_in_words(lead, en, zh):
    assert lead_text(lead, translator("en")) == en
    assert lead_text(lead, translator("zh-CN")) == zh


def test_lead_time_in_hours():
    assert lead_hours(timedelta(hours=24)) == 24
    assert lead_hours(timedelta(hours=23, minutes=59)) == 23.98
    assert lead_hours(-timedelta(hours=9, minutes=30)) == -9.5
    assert lead_hours(None) is None


# ---------------------------------------------------------------------- renderers


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_csv_has_a_translated_header_and_one_row_per_warning(lang):
    tr = translator(lang)
    parsed = read_csv(render_risks(ROWS, "csv", PROJECT, GENERATED, lang).encode())
    assert parsed[0] == HEADERS[lang]
    assert len(parsed) == 1 + len(ROWS)
    first, late, undated = parsed[1:]
    assert first == [
        "支付平台接口审批延迟",
        tr("RiskType.dependency"),
        tr("RiskLevel.high"),
        tr("RiskStatus.mitigating"),
        tr("risk.list_sep").join(["T-05", "T-06"]),
        tr("risk.list_sep").join(["市场部", "技术部"]),
        "App 赠礼活动无法随预售同步上线",
        "市场部协调支付平台商务加急",
        "2026-12-02",
        "马超",
        "2026-11-24 11:00",
        tr("risk.lead.days_hours", d=7, h=13),
        tr("export.risks.in_time"),
        "",  # not closed: no closing note
    ]
    # a negative lead time starts with U+2212, so no apostrophe is needed
    assert late[11] == MINUS + tr("risk.lead.hours_minutes", h=9, m=30)
    assert late[12] == tr("export.risks.late")
    assert undated[8:] == ["", "", "2026-11-24 11:00", "", "", ""]


def test_csv_neutralises_formula_starts():
    hostile = risk(
        title='=HYPERLINK("http://evil","x")',
        impact="+1",
        solution="-x, with comma",
        raised_by="@SUM(1+1)",
        departments=('设计部, "UI"',),
        task_codes=("\tT-1",),
    )
    header, row = read_csv(render_risks([hostile], "csv", PROJECT, GENERATED, "en").encode())
    got = dict(zip(header, row, strict=True))
    assert got["Risk"] == '\'=HYPERLINK("http://evil","x")'
    assert got["Impact"] == "'+1"
    assert got["Proposed solution"] == "'-x, with comma"
    assert got["Raised by"] == "'@SUM(1+1)"
    assert got["Departments affected"] == '设计部, "UI"'
    assert got["Tasks affected"] == "'\tT-1"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_markdown_reads_back_literally(lang):
    tr = translator(lang)
    rows = [risk(id=i, title=text, impact=text, solution=text) for i, text in enumerate(HOSTILE)]
    doc = blocks(render_risks(rows, "md", PROJECT, GENERATED, lang))
    assert doc[0] == (
        "h1",
        tr("export.risks.title", form=tr("template.risk_warning"), topic=PROJECT.topic),
    )
    assert doc[1][0] == "p" and "Q4" in doc[1][1]
    kind, table = doc[2]
    assert kind == "table"
    assert table[0] == HEADERS[lang]
    for text, cells in zip(HOSTILE, table[1:], strict=True):
        assert cells[0] == cells[6] == cells[7] == literal(text)
        assert cells[11] == tr("risk.lead.days_hours", d=7, h=13)


def test_markdown_of_no_warnings_says_none():
    doc = blocks(render_risks([], "md", PROJECT, GENERATED, "zh-CN"))
    assert doc[-1] == ("p", "（无）")


def test_json_has_every_field_with_raw_values():
    data = json.loads(render_risks(ROWS, "json", PROJECT, GENERATED, "zh-CN"))
    assert list(data) == ["format", "project", "generated_at", "language", "risks"]
    assert data["format"] == JSON_FORMAT
    assert data["project"] == {"code": "Q4", "topic": PROJECT.topic}
    first, late, undated = data["risks"]
    assert list(first) == FIELDS
    assert first["tasks"] == ["T-05", "T-06"]
    assert first["departments"] == ["市场部", "技术部"]
    assert (first["type"], first["type_label"]) == ("dependency", "依赖延误")
    assert (first["status"], first["status_label"]) == ("mitigating", "应对中")
    assert first["threatened_on"] == "2026-12-02"
    assert first["raised_at"] == "2026-11-24T11:00:00+00:00"
    assert first["lead_time_hours"] == 181 and first["late"] is False
    assert late["lead_time_hours"] == -9.5 and late["late"] is True
    assert undated["lead_time_hours"] is None and undated["threatened_on"] is None


def test_raising_times_are_shown_in_the_zone_of_the_export_moment():
    from datetime import timezone

    generated = GENERATED.astimezone(timezone(timedelta(hours=8)))
    table = risks_table(ROWS[:1], PROJECT, generated, "en")
    assert table.rows[0][10] == "2026-11-24 19:00"


# ---------------------------------------------------------------------- the command


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_cli_writes_csv_of_the_demo(demo_store, tmp_path, lang):
    target = tmp_path / "risks.csv"
    args = ["--db", demo_store.url, "export", "risks", "Q4-LAUNCH", "--format", "csv"]
    result = run(*args, "-o", str(target), "--lang", lang)
    assert result.exit_code == 0, result.output
    parsed = read_csv(target.read_bytes())
    assert parsed[0] == HEADERS[lang]
    expected = demo_store.risk_rows("Q4-LAUNCH", tz=UTC)
    assert [r[0] for r in parsed[1:]] == [r.title for r in expected]
    late = translator(lang)("export.risks.late")
    assert [r[0] for r in parsed[1:] if r[12] == late] == ["电商详情页开发延期"]


def test_cli_json_of_the_demo(demo_store):
    time.tzset()  # the command measures in the machine's zone: the tests' TZ=UTC
    result = run("--db", demo_store.url, "export", "risks", "cx-fix", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == JSON_FORMAT and data["project"]["code"] == "CX-FIX"
    assert [r["title"] for r in data["risks"]] == [
        "Logistics short-staffed during peak season",
        "CRM routing module licence not approved in time",
    ]
    assert all(list(r) == FIELDS for r in data["risks"])
    assert data["risks"][0]["lead_time_hours"] == 254  # 10 d 14 h, the tests' zone is UTC
    assert data["risks"][1]["tasks"] == ["C-05"]


def test_cli_markdown_is_the_default(demo_store):
    result = run("--db", demo_store.url, "export", "risks", "Q4-LAUNCH", "--lang", "zh-CN")
    assert result.exit_code == 0, result.output
    doc = blocks(result.stdout)
    assert doc[0][1].startswith("风险预警表：")
    assert len(doc[2][1]) == 1 + 6


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (["NOPE"], NotFound),
        (["Q4-LAUNCH", "--format", "xlsx"], CliError),
        (["Q4-LAUNCH", "--lang", "fr"], CliError),
        (["Q4-LAUNCH", "-o", "{tmp}"], CliError),
    ],
)
def test_cli_refuses(demo_store, tmp_path, extra, error):
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = run("--db", demo_store.url, "export", "risks", *extra)
    assert isinstance(result.exception, error)
