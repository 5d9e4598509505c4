"""The project dossier: every phase in one Markdown document (parsed with markdown-it)
or one JSON object."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from collabtui.cli import app
from collabtui.export.dossier import demote
from collabtui.store.models import Task

runner = CliRunner()


def headings(markdown: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            out.append((int(tok.tag[1]), tokens[i + 1].content))
    return out


def test_demote_moves_headings_only():
    assert demote("# A\n\\# not a heading\n###### six\ntext # x") == (
        "## A\n\\# not a heading\n###### six\ntext # x"
    )


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_dossier_holds_every_phase(demo_store, lang):
    result = runner.invoke(
        app, ["--db", demo_store.url, "--lang", lang, "export", "project", "VIP-PTS"]
    )
    assert result.exit_code == 0, result.output
    found = headings(result.output)
    assert [level for level, _ in found].count(1) == 1 and found[0][0] == 1
    titles = " | ".join(text for level, text in found if level == 2)
    words = {
        "en": [
            "request form",
            "Meeting minutes",
            "task tracking",
            "progress",
            "Risk",
            "Resource",
            "Acceptance",
            "Retrospective",
        ],
        "zh-CN": ["需求", "会议纪要", "任务跟进表", "进度", "风险", "资源", "验收", "复盘"],
    }[lang]
    for word in words:
        assert word.casefold() in titles.casefold(), (word, titles)
    level3 = [text for level, text in found if level == 3]
    for doc in demo_store.minutes_documents("VIP-PTS"):  # every meeting, under its part
        assert any(doc.title in text for text in level3), doc.title


def test_hostile_task_titles_stay_literal(demo_store):
    row = demo_store.task_rows("Q4-LAUNCH")[0]
    hostile = "# heading? [x](javascript:y) <script>z</script> | pipe"
    with demo_store.db.write("test") as u:
        u.edit(Task, row.id, None, title=hostile)
    result = runner.invoke(app, ["--db", demo_store.url, "export", "project", "Q4-LAUNCH"])
    assert result.exit_code == 0, result.output
    html = MarkdownIt("commonmark").enable("table").render(result.output)
    assert "<script>" not in html and 'href="javascript' not in html
    assert "# heading?" not in [text for _, text in headings(result.output)]


def test_json_dossier_has_every_part(demo_store):
    result = runner.invoke(
        app, ["--db", demo_store.url, "export", "project", "Q4-LAUNCH", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["format"] == "collab-dossier/1"
    assert set(data) >= {
        "request",
        "meetings",
        "tasks",
        "progress",
        "risks",
        "resources",
        "acceptance",
        "retrospective",
    }
    assert len(data["tasks"]["tasks"]) == len(demo_store.task_rows("Q4-LAUNCH"))
    assert len(data["progress"]) == len(demo_store.progress_weeks("Q4-LAUNCH"))
    assert len(data["meetings"]) == len(demo_store.minutes_documents("Q4-LAUNCH"))
