"""``collab export acceptance``: the acceptance report (《成果验收报告》) as Markdown and JSON.

The Markdown is read back with a CommonMark parser (markdown-it-py, GFM tables on):
hostile user text in deliverables, standards, notes, reasons and comments must come
back literally, never as markup.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from collabtui.cli import CliError, app
from collabtui.domain.enums import Phase
from collabtui.export.acceptance import (
    JSON_FORMAT,
    render_acceptance,
    render_acceptance_json,
    render_acceptance_md,
)
from collabtui.store import NotFound
from tests.unit.test_export_request import HOSTILE, blocks, literal, section

runner = CliRunner()
GENERATED = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
NOW = GENERATED


def table_of(doc, title: str) -> list[list[str]]:
    return next(p for k, p in section(doc, title) if k == "table")


def paragraphs(doc, title: str) -> list[str]:
    return [p for k, p in section(doc, title) if k == "p"]


@pytest.fixture
def hostile(demo_store):
    """Q4-LAUNCH with one item, verdict, drop reason and sign-off per hostile string."""
    store = demo_store
    dept = store.acceptance_report("Q4-LAUNCH").required[0]
    person = next(p for p in store.people() if p.department_id == dept.department_id)
    for text in HOSTILE:
        item = store.add_acceptance_item(
            "Q4-LAUNCH", deliverable=text, quality_standard=f"std {text}", note=""
        )
        store.set_verdict(item.id, item.version, "fail", f"note {text}")
    victim = store.add_acceptance_item("Q4-LAUNCH", deliverable="victim")
    store.drop_acceptance_item(victim.id, victim.version, "<b>dup</b> | `x`", now=NOW)
    store.sign_off(
        "Q4-LAUNCH",
        dept.department_id,
        person_id=person.id,
        verdict="rejected",
        comment="\n".join(HOSTILE),
        signed_at=NOW,
    )
    return store


def test_markdown_reads_back_literally(hostile):
    report = hostile.acceptance_report("Q4-LAUNCH")
    doc = blocks(render_acceptance_md(report, GENERATED, "en"))
    assert doc[0] == ("h1", "Acceptance report: " + report.topic)
    items = table_of(doc, "Acceptance items")
    assert items[0] == ["#", "Deliverable", "Quality standard", "Task", "Verdict", "Note"]
    assert [row[1] for row in items[1:]] == [literal(t) for t in HOSTILE]
    assert [row[2] for row in items[1:]] == [literal(f"std {t}") for t in HOSTILE]
    assert [row[5] for row in items[1:]] == [literal(f"note {t}") for t in HOSTILE]
    assert {row[4] for row in items[1:]} == {"Fail"}
    dropped = table_of(doc, "Dropped items")
    assert dropped[1] == ["victim", "", "<b>dup</b> | `x`", "2026-11-27 09:30"]
    signoffs = table_of(doc, "Sign-offs")
    assert signoffs[0] == [
        "Department",
        "Takes part as",
        "Signed by",
        "Signed at",
        "Sign-off",
        "Comment",
    ]
    assert signoffs[1][4:] == ["Rejected", literal("\n".join(HOSTILE))]
    assert [row[4] for row in signoffs[2:]] == ["Not signed"] * 4 + ["— (optional)"] * 2
    conclusion = paragraphs(doc, "Conclusion")
    assert conclusion[0] == "Not yet accepted. Missing:"
    lines = conclusion[1].split("\n")
    assert lines[0] == f"{report.required[1].department} has not signed off"
    assert f"{report.required[0].department} rejected the results" in lines
    assert f"{len(HOSTILE)} acceptance items failed" in lines


def test_markdown_of_an_accepted_project_in_chinese(demo_store):
    report = demo_store.acceptance_report("VIP-PTS")
    doc = blocks(render_acceptance_md(report, GENERATED, "zh-CN"))
    assert doc[0] == ("h1", "《成果验收报告》：会员积分体系升级")
    fields = {row[0]: row[1] for row in table_of(doc, doc[0][1])[1:]}
    assert fields == {
        "代号": "VIP-PTS",
        "协作主题": "会员积分体系升级",
        "阶段": "已结项",
        "生成时间": "2026-11-27 09:30",
    }
    items = table_of(doc, "验收项")
    assert [row[4] for row in items[1:]] == ["通过", "通过", "通过", "豁免", "通过"]
    assert items[4][3] == "V-04" and "下季度补齐" in items[4][5]
    signoffs = table_of(doc, "各部门签字确认")
    assert [row[:2] + row[4:5] for row in signoffs[1:]] == [
        ["技术部", "协作部门", "同意验收"],
        ["客服部", "协作部门", "有保留地同意"],
        ["市场部", "协作部门", "同意验收"],
        ["产品部", "牵头部门", "同意验收"],
    ]
    assert paragraphs(doc, "验收结论") == [
        "验收通过：所有协作部门均已签字确认，且没有不通过的验收项。"
    ]
    assert all(title != "已移除的验收项" for kind, title in doc if kind == "h2")


def test_markdown_without_items_or_departments(store):
    store.create_project("EMPTY", "Nothing yet")
    doc = blocks(render_acceptance_md(store.acceptance_report("EMPTY"), GENERATED, "en"))
    assert paragraphs(doc, "Acceptance items") == ["(none)"]
    assert paragraphs(doc, "Sign-offs") == ["(none)"]
    assert paragraphs(doc, "Conclusion")[1] == (
        "no acceptance items yet (g generates them from the deliverables)"
    )


def test_json(hostile):
    report = hostile.acceptance_report("Q4-LAUNCH")
    data = json.loads(render_acceptance_json(report, GENERATED, "zh-CN"))
    assert list(data) == [
        "format",
        "project",
        "generated_at",
        "language",
        "accepted",
        "items",
        "dropped",
        "signoffs",
        "problems",
    ]
    assert data["format"] == JSON_FORMAT == "collab-acceptance/1"
    assert data["project"] == {"code": "Q4-LAUNCH", "topic": report.topic, "phase": "executing"}
    assert data["generated_at"] == "2026-11-27T09:30:00+00:00"
    assert data["accepted"] is False
    assert [i["deliverable"] for i in data["items"]] == HOSTILE
    assert data["items"][0]["verdict"] == "fail" and data["items"][0]["verdict_label"] == "不通过"
    assert data["dropped"][0]["dropped_reason"] == "<b>dup</b> | `x`"
    assert data["dropped"][0]["dropped_at"] == "2026-11-27T09:30:00+00:00"
    first, second = data["signoffs"][:2]
    assert (first["verdict"], first["verdict_label"], first["required"]) == (
        "rejected",
        "不同意",
        True,
    )
    assert first["comment"] == "\n".join(HOSTILE)
    assert (second["signed"], second["verdict"], second["signed_at"]) == (False, None, None)
    assert data["signoffs"][-1]["role"] == "external"
    assert [p["rule"] for p in data["problems"]][-1] == "gap.acceptance_failed"


def test_render_refuses_other_formats(demo_store):
    report = demo_store.acceptance_report("VIP-PTS")
    assert render_acceptance(report, "md", GENERATED, "en").startswith("# Acceptance report")
    with pytest.raises(ValueError):
        render_acceptance(report, "csv", GENERATED)


# ---------------------------------------------------------------------- the command


def test_cli_markdown_and_json(demo_store, tmp_path):
    url = demo_store.url
    result = runner.invoke(app, ["--db", url, "export", "acceptance", "VIP-PTS", "--lang", "zh-CN"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# 《成果验收报告》：会员积分体系升级\n")
    out = tmp_path / "a.json"
    result = runner.invoke(
        app, ["--db", url, "export", "acceptance", "vip-pts", "--format", "JSON", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == JSON_FORMAT and data["accepted"] is True


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (["NOPE"], NotFound),
        (["VIP-PTS", "--format", "csv"], CliError),
        (["VIP-PTS", "--lang", "fr"], CliError),
        (["VIP-PTS", "-o", "{tmp}/missing/x.md"], CliError),
    ],
)
def test_cli_refuses(demo_store, tmp_path, extra, error):
    extra = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = runner.invoke(app, ["--db", demo_store.url, "export", "acceptance", *extra])
    assert isinstance(result.exception, error)


def test_cli_reflects_the_gate(demo_store):
    project = demo_store.project("Q4-LAUNCH")
    demo_store.edit_project(project.id, project.version, phase=Phase.ACCEPTING)
    result = runner.invoke(
        app, ["--db", demo_store.url, "export", "acceptance", "Q4-LAUNCH", "--format", "json"]
    )
    data = json.loads(result.output)
    assert data["project"]["phase"] == "accepting" and data["accepted"] is False
    assert sum(p["rule"] == "gap.not_signed" for p in data["problems"]) == 5
