"""``collab export retro`` and ``collab export handbook``: both Markdown documents read back
with a CommonMark parser (GFM tables on) and checked cell by cell with hostile text; the
JSON; the commands."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from collabtui.cli import app
from collabtui.domain.retro import PracticeRow
from collabtui.domain.workdays import WorkCalendar
from collabtui.export.handbook import render_handbook, render_handbook_md
from collabtui.export.retro import JSON_FORMAT, render_retro, render_retro_json, render_retro_md
from tests.unit.test_export_request import HOSTILE, Unsafe, _text, literal, section

MD = MarkdownIt("commonmark").enable("table")
runner = CliRunner()
GENERATED = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)
CN = WorkCalendar("CN")


def blocks(markdown: str) -> list[tuple[str, object]]:
    """(kind, payload): headings, paragraphs, tables and bullet lists (items as text)."""
    tokens = MD.parse(markdown)
    out: list[tuple[str, object]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            out.append((tok.tag, _text(tokens[i + 1])))
            i += 3
        elif tok.type == "bullet_list_open":
            items = []
            i += 1
            while tokens[i].type != "bullet_list_close":
                if tokens[i].type == "inline":
                    items.append(_text(tokens[i]))
                i += 1
            out.append(("ul", items))
            i += 1
        elif tok.type == "paragraph_open":
            out.append(("p", _text(tokens[i + 1])))
            i += 3
        elif tok.type == "table_open":
            rows: list[list[str]] = []
            i += 1
            while tokens[i].type != "table_close":
                if tokens[i].type == "tr_open":
                    rows.append([])
                elif tokens[i].type in ("th_open", "td_open"):
                    rows[-1].append(_text(tokens[i + 1]))
                i += 1
            out.append(("table", rows))
            i += 1
        elif tok.type in ("html_block", "code_block", "fence", "hr", "blockquote_open"):
            raise Unsafe(f"unexpected block {tok.type}: {tok.content!r}")
        elif tok.type == "ordered_list_open":
            raise Unsafe("unexpected ordered list")
        else:
            i += 1
    return out


def tables(body) -> list[list[list[str]]]:
    return [p for k, p in body if k == "table"]


def report(store, project="VIP-PTS"):
    return store.retro_report(project, calendar=CN, tz=UTC, today=TODAY)


# ---------------------------------------------------------------------- retrospective


def test_retro_markdown_in_chinese(demo_store):
    doc = blocks(render_retro_md(report(demo_store), GENERATED, "zh-CN"))
    assert doc[0] == ("h1", "协作复盘总结表：会员积分体系升级")
    head = {row[0]: row[1] for row in tables(doc[1:2])[0][1:]}
    assert head["代号"] == "VIP-PTS" and head["复盘会"] == "会员积分体系复盘会"
    assert head["召开时间"] == "2026-11-10 14:00"
    assert head["最迟召开日期（5 个工作日）"] == "2026-11-13"
    assert "第 2 个工作日" in head["规范"] and "按时" in head["规范"]
    goals = tables(section(doc, "目标达成情况"))[0]
    assert goals[0] == ["核心目标", "衡量指标", "目标值", "实际值", "达成率", "说明"]
    assert goals[1][2:5] == ["15%", "17.2%", "114.7%"]
    assert goals[1][5] == "会员复购率提升 17.2%，超过 15% 的目标"
    assert goals[3][2:5] == ["0 次", "0 次", "目标为 0：无法计算比例"]
    problems = tables(section(doc, "待改进问题"))[0]
    assert problems[0] == ["#", "内容", "负责人", "跟进行动", "截止日期"]
    assert problems[1][2] == "王芳" and problems[1][3].startswith("外部供应商依赖")
    assert len(tables(section(doc, "协作亮点"))[0]) == 4
    assert len(tables(section(doc, "改进建议"))[0]) == 3


def test_retro_markdown_in_english_without_a_meeting(store):
    p = store.create_project("P1", "Launch", end_on=date(2026, 11, 20))
    doc = blocks(render_retro_md(report(store, p.id), GENERATED, "en"))
    head = {row[0]: row[1] for row in tables(doc[1:2])[0][1:]}
    assert head["Retrospective meeting"] == "none yet"
    assert head["Rule"].startswith("Retrospective due by 2026-11-27")
    assert section(doc, "Goal achievement") == [("p", "(none)")]
    assert section(doc, "Highlight") == [("p", "(none)")]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_retro_markdown_keeps_hostile_text_literal(store, hostile):
    dept = store.add_department("D")
    owner = store.add_person(hostile.replace("\n", " "), department_id=dept.id)
    p = store.create_project("P1", hostile, end_on=date(2026, 11, 20))
    with store.db.write("test.goal") as u:
        from collabtui.store.models import Goal

        g = u.add(Goal(project_id=p.id, description=hostile, metric=hostile, target=10, unit="%"))
    store.start_retrospective(p.id, start_at=GENERATED)
    store.add_retro_item(p.id, "goal_result", hostile, goal_id=g.id)
    store.add_retro_item(p.id, "problem", hostile, owner_id=owner.id, action=hostile)
    store.add_retro_item(p.id, "highlight", hostile)
    doc = blocks(render_retro_md(report(store, p.id), GENERATED, "en"))
    title = " ".join(literal(hostile).split("\n"))
    assert doc[0] == ("h1", f"Collaboration retrospective summary: {title}")
    goals = tables(section(doc, "Goal achievement"))[0]
    assert goals[1][0] == literal(hostile) and goals[1][5] == literal(" ".join(hostile.split()))
    problem = tables(section(doc, "Problem to improve"))[0][1]
    assert problem[1] == literal(" ".join(hostile.split()))
    assert problem[2] == literal(hostile.replace("\n", " "))
    assert problem[3] == literal(hostile)


def test_retro_json(demo_store):
    data = json.loads(render_retro_json(report(demo_store), GENERATED, "zh-CN"))
    assert list(data)[:3] == ["format", "project", "generated_at"]
    assert data["format"] == JSON_FORMAT
    assert data["rule"] == {
        "state": "on_time",
        "in_time": True,
        "project_end": "2026-11-07",
        "deadline": "2026-11-13",
        "held_on": "2026-11-10",
        "working_day": 2,
        "limit": 5,
        "message": data["rule"]["message"],
    }
    assert [g["percent"] for g in data["goals"]] == [114.67, 90.0, None]
    assert data["goals"][2]["no_ratio"] == "target_zero"
    assert data["goals"][0]["no_ratio"] is None
    assert {i["dimension"] for i in data["items"]} == {
        "goal_result",
        "highlight",
        "problem",
        "suggestion",
    }
    vendor = next(i for i in data["items"] if i["text"].startswith("积分商城"))
    assert vendor["owner"] == "王芳" and vendor["due_on"] == "2026-12-04" and vendor["practices"]
    assert vendor["dimension_label"] == "待改进问题"


def test_retro_render_refuses_other_formats(demo_store):
    with pytest.raises(ValueError):
        render_retro(report(demo_store), "csv", GENERATED)


# ---------------------------------------------------------------------- handbook


def practice(i, title, tags=(), body="", code="P1", on=date(2026, 11, 10)) -> PracticeRow:
    return PracticeRow(i, 1, title, body, tuple(tags), 1, code, "Launch", None, on)


def test_handbook_markdown_groups_by_tag_and_cites_the_source(demo_store):
    doc = blocks(render_handbook_md(demo_store.practices(), GENERATED, "zh-CN"))
    assert doc[0] == ("h1", "跨部门协作最佳实践手册")
    toc = next(p for k, p in doc if k == "ul")
    assert "会议（1）" in toc and len(toc) == 9  # nine distinct tags in the demo
    meetings = section(doc, "会议")
    assert meetings[0] == ("h3", "纪要 24 小时内发出，决议逐条跟踪")
    assert meetings[1] == ("p", "来源：VIP-PTS 会员积分体系升级，2026-11-10")
    assert meetings[2][1].startswith("记录人会后 24 小时内发出纪要")
    assert meetings[3] == ("p", "同时归入：纪要 · 决议跟踪")
    # Under each of its tags, whole.
    assert section(doc, "纪要")[0] == ("h3", "纪要 24 小时内发出，决议逐条跟踪")


def test_handbook_leaves_retired_practices_out_and_puts_untagged_last():
    rows = [
        practice(1, "Kept", ["Meetings"]),
        PracticeRow(2, 1, "Gone", "", ("Meetings",), retired_at=GENERATED),
        practice(3, "Loose", [], on=None, code=""),
    ]
    doc = blocks(render_handbook_md(rows, GENERATED, "en"))
    headings = [p for k, p in doc if k[0] == "h"]
    assert headings == [
        "Cross-department collaboration best-practice handbook",
        "Meetings",
        "Kept",
        "Untagged",
        "Loose",
    ]
    assert section(doc, "Loose") == [("p", "Source: Launch")]
    assert doc[1][1].startswith("2 practices,")


def test_an_empty_handbook_says_so():
    doc = blocks(render_handbook_md([], GENERATED, "en"))
    assert doc[-1][1].startswith("No practices yet")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_handbook_markdown_keeps_hostile_text_literal(hostile):
    rows = [practice(1, hostile, [hostile.replace("\n", " ")], body=hostile, code=hostile)]
    doc = blocks(render_handbook_md(rows, GENERATED, "en"))
    one_line = " ".join(literal(hostile).split("\n"))
    tag = literal(hostile.replace("\n", " "))
    assert doc[2] == ("ul", [f"{tag} (1)"])
    assert doc[3] == ("h2", tag)
    assert doc[4] == ("h3", one_line)
    cite = " ".join(literal(hostile).split("\n"))
    assert doc[5][1].replace("\n", " ") == f"Source: {cite} Launch, 2026-11-10".replace("\n", " ")
    assert doc[6] == ("p", literal(hostile))


def test_handbook_render_refuses_other_formats():
    with pytest.raises(ValueError):
        render_handbook([], "json", GENERATED)


# ---------------------------------------------------------------------- the commands


def test_cli_exports(demo_store, tmp_path):
    url = demo_store.url
    out = tmp_path / "retro.md"
    result = runner.invoke(
        app, ["--db", url, "export", "retro", "VIP-PTS", "--lang", "zh-CN", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# 协作复盘总结表：会员积分体系升级")
    result = runner.invoke(app, ["--db", url, "export", "retro", "vip-pts", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["project"]["code"] == "VIP-PTS"
    result = runner.invoke(app, ["--db", url, "export", "handbook", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Cross-department collaboration best-practice handbook")
    bad = runner.invoke(app, ["--db", url, "export", "handbook", "--format", "csv"])
    assert bad.exit_code != 0
    missing = runner.invoke(app, ["--db", url, "export", "retro", "NOPE"])
    assert missing.exit_code != 0
