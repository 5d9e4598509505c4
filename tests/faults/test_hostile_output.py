"""Hostile text in every field: what the CLI prints carries no control character from
the data, JSON still holds the text exactly, Markdown shows it literally and CSV cells
cannot start a formula."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from collabtui.cli import app
from collabtui.domain.clock import FixedClock
from collabtui.export.tabular import FORMULA_TRIGGERS

from .hostile import HOSTILE, forbidden_in, make_hostile

runner = CliRunner()

#: A text field's start that a spreadsheet would run as a formula.
FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """A demo store with :data:`HOSTILE` in every text field and formulas in task titles.

    One SQLite file for the whole module (built once: the checks are about what the
    CLI prints, the same on any backend).
    """

    from collabtui.store import Store
    from collabtui.store.models import Task
    from tests.conftest import FIXED_NOW

    path = tmp_path_factory.mktemp("hostile") / "collab.sqlite3"
    store = Store(f"sqlite:///{path}", user="tester")
    store.load_demo(clock=FixedClock(FIXED_NOW))
    make_hostile(store)
    tasks = store.task_rows(1)
    for formula, row in zip(FORMULAS, tasks, strict=False):
        with store.db.write("test.formula") as u:
            u.edit(Task, row.id, None, title=formula + row.title, deliverable=formula)
    store.close()
    return store.url


def _run(url: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", url, *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output  # alerts: 1 when something is overdue
    return result.stdout


COMMANDS = [
    ("projects",),
    ("meetings",),
    ("alerts",),
    ("alerts", "--format", "md"),
    ("export", "request", "1"),
    ("export", "minutes", "1"),
    ("export", "minutes", "1", "--format", "eml"),
    ("export", "calendar"),
    ("export", "tasks", "1"),
    ("export", "tasks", "1", "--format", "csv"),
    ("export", "resources", "1", "--format", "csv"),
    ("export", "resources", "1"),
    ("export", "progress", "1", "--format", "csv"),
    ("export", "progress", "1"),
    ("export", "risks", "1", "--format", "csv"),
    ("export", "risks", "1"),
    ("export", "retro", "3"),
    ("export", "project", "1"),
    ("export", "handbook"),
    ("export", "acceptance", "3"),
]
JSON_COMMANDS = [
    ("projects", "--json"),
    ("meetings", "--json"),
    ("alerts", "--json"),
    ("export", "request", "1", "--format", "json"),
    ("export", "minutes", "1", "--format", "json"),
    ("export", "tasks", "1", "--format", "json"),
    ("export", "risks", "1", "--format", "json"),
    ("export", "project", "1", "--format", "json"),
    ("export", "all"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_printed_text_carries_no_control_characters(hostile_url, args):
    out = _run(hostile_url, *args)
    assert out.strip()
    assert forbidden_in(out.replace("\r\n", "\n")) == set()


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=" ".join)
def test_printed_json_is_safe_and_still_exact(hostile_url, args):
    out = _run(hostile_url, *args)
    assert forbidden_in(out) == set()
    text = json.dumps(json.loads(out), ensure_ascii=False)
    assert HOSTILE.strip() in text or json.dumps(HOSTILE.strip(), ensure_ascii=False)[1:-1] in text


@pytest.mark.parametrize("kind", ["tasks", "resources", "progress", "risks"])
def test_no_csv_cell_starts_a_formula(hostile_url, kind):
    out = _run(hostile_url, "export", kind, "1", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) > 1
    starts = [c for row in rows for c in row if c.startswith(FORMULA_TRIGGERS)]
    assert all(c.lstrip("-").replace(".", "").isdigit() for c in starts), starts
    if kind == "tasks":
        assert any(c.startswith("'=HYPERLINK") for row in rows for c in row)


@pytest.mark.parametrize(
    "args",
    [c for c in COMMANDS if c[0] == "export" and "--format" not in c and c[1] != "calendar"],
    ids=" ".join,
)
def test_markdown_shows_the_markup_escaped(hostile_url, args):
    out = _run(hostile_url, *args)
    assert "\\[bold red\\]M\\[/\\]" in out
    assert "[bold red]M[/]" not in out.replace("\\[", "").replace("\\]", "")


def test_an_error_quoting_user_text_is_one_clean_line(hostile_url, monkeypatch, capsys):
    import sys

    from collabtui.cli import main

    monkeypatch.setattr(
        sys, "argv", ["collab", "--db", hostile_url, "export", "tasks", "X\x1b[2J\ny"]
    )
    with pytest.raises(SystemExit) as info:
        main()
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert len(err.strip().splitlines()) == 1
    assert forbidden_in(err.rstrip("\n")) == set()
