"""``collab alerts``: exit status for cron and CI, the JSON keys, the chat digest, Chinese."""

from __future__ import annotations

import json
import sys

import pytest

from collabtui.cli import main
from tests.conftest import FIXED_NOW


@pytest.fixture(autouse=True)
def fixed_now(fixed_cli_clock):
    """The rules are checked at the tests' fixed moment (the demo is dated from it)."""


def collab(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """Run ``collab ARGS`` the way the entry point does: (exit status, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["collab", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return exit_.value.code or 0, out.out, out.err


def test_overdue_alerts_exit_1_with_a_json_array(capsys, monkeypatch, demo_store):
    code, out, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "alerts", "--json")
    assert code == 1
    rows = json.loads(out)
    assert rows and all(
        {"rule", "severity", "message", "record", "due", "overdue", "project"} <= set(row)
        for row in rows
    )
    first = rows[0]
    assert first["severity"] == "overdue" and first["overdue"] is True
    assert first["rule"] == "decision_tracked"
    assert first["record"]["type"] == "decision" and isinstance(first["record"]["id"], int)
    assert first["record"]["meeting"]
    assert first["project"]["code"] == "Q4-LAUNCH"
    assert first["due"] == "2026-11-22"
    assert first["message"] == "overdue since 2026-11-22"
    assert [r["severity"] for r in rows] == sorted(
        (r["severity"] for r in rows), key=["overdue", "warning", "info"].index
    )


def test_format_json_is_the_same_as_json(capsys, monkeypatch, demo_store):
    _, a, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "alerts", "--json")
    _, b, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "alerts", "--format", "json")
    assert a == b


def test_nothing_overdue_exits_0(capsys, monkeypatch, demo_store):
    # VIP-PTS is closed: nothing of it needs attention.
    code, out, _ = collab(
        capsys, monkeypatch, "--db", demo_store.url, "alerts", "--project", "VIP-PTS", "--json"
    )
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "alerts", "--project", "3")
    assert code == 0 and "Nothing needs attention." in out


def test_an_empty_store_has_nothing_to_report(capsys, monkeypatch, db_url):
    code, out, _ = collab(capsys, monkeypatch, "--db", db_url, "alerts", "--format", "md")
    assert code == 0
    assert "Nothing needs attention." in out


def test_the_text_report_lists_every_alert_and_the_counts(capsys, monkeypatch, demo_store):
    code, out, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "alerts")
    assert code == 1
    assert "Overdue" in out and "T-04" in out and "Q4-LAUNCH" in out
    assert "3 overdue · 3 warnings · 4 notes" in out


def test_the_markdown_digest_is_short_and_grouped_by_project(capsys, monkeypatch, demo_store):
    code, out, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "alerts", "--format", "md")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "**collab · needs attention · 2026-11-27 09:30**"
    assert "3 overdue · 3 warnings · 4 notes" in lines
    assert "**Q4-LAUNCH**" in lines and "**CX-FIX**" in lines
    assert "- 🔴 task T-04 电商详情页设计与开发 — overdue since 2026-11-26" in lines
    assert not any("压力测试服务器" in line for line in lines)  # notes are only counted
    assert lines[-1] == "4 notes not listed (collab alerts shows them)"
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(out)
    assert "<strong>Q4-LAUNCH</strong>" in html and "<li>" in html


def test_the_digest_in_chinese(capsys, monkeypatch, demo_store):
    code, out, _ = collab(
        capsys,
        monkeypatch,
        "--db",
        demo_store.url,
        "alerts",
        "--format",
        "md",
        "--lang",
        "zh-CN",
        "--project",
        "Q4-LAUNCH",
    )
    assert code == 1
    assert out.startswith("**collab · 待处理事项 · 2026-11-27 09:30**")
    assert "逾期 2 · 警告 3 · 提示 2" in out
    assert "- 🔴 任务 T-04 电商详情页设计与开发 — 自 2026-11-26 起逾期" in out


def test_global_chinese_applies_to_the_text_report(capsys, monkeypatch, demo_store):
    _, out, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "--lang", "zh-CN", "alerts")
    assert "已逾期" in out and "逾期 3 · 警告 3 · 提示 4" in out


def test_output_to_a_file(capsys, monkeypatch, demo_store, tmp_path):
    target = tmp_path / "alerts.json"
    code, out, _ = collab(
        capsys, monkeypatch, "--db", demo_store.url, "alerts", "--json", "-o", str(target)
    )
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))[0]["overdue"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--project", "NOPE"], "NOPE does not exist"),
        (["--format", "xml"], "xml"),
        (["--json", "--format", "md"], "--json and --format md contradict each other"),
        (["--holidays", "XX"], "unknown holiday country 'XX'"),
        (["--lang", "fr"], "--lang"),
    ],
)
def test_errors_exit_2_with_one_line(capsys, monkeypatch, demo_store, args, message):
    code, out, err = collab(capsys, monkeypatch, "--db", demo_store.url, "alerts", *args)
    assert code == 2
    assert out == ""
    assert err.startswith("collab: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_the_holiday_country_comes_from_the_config_or_the_option(
    capsys, monkeypatch, demo_store, isolated
):
    config = isolated / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('holidays = "XX"\n', encoding="utf-8")
    code, _, err = collab(capsys, monkeypatch, "--db", demo_store.url, "alerts")
    assert code == 2 and "XX" in err
    code, _, _ = collab(capsys, monkeypatch, "--db", demo_store.url, "alerts", "--holidays", "")
    assert code == 1


def test_the_digest_shows_user_text_literally():
    from datetime import UTC, date

    from markdown_it import MarkdownIt

    from collabtui.domain.alerts import Alert
    from collabtui.export.alerts import render_alerts_md
    from collabtui.i18n import t

    alert = Alert(
        rule="task_overdue",
        severity="overdue",
        key="task.overdue",
        record_type="task",
        record_id=1,
        label="[x](http://e.com) **b** <script>",
        project_id=1,
        project_code="P|1",
        due=date(2026, 11, 1),
        params={"date": date(2026, 11, 1)},
    )
    html = MarkdownIt("commonmark").render(render_alerts_md([alert], t, FIXED_NOW, UTC))
    assert "<a " not in html and "<script>" not in html and "<strong>b</strong>" not in html
    assert "[x](http://e.com) **b** &lt;script&gt;" in html
