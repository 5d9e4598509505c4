"""The project as a newcomer finds it: README first page, docs, licence, changelog, picture."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from collabtui import __version__

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import screenshot  # noqa: E402


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [ROOT / name for name in listed.split("\0") if name]


def test_no_tracked_file_links_outside_the_repository():
    outside = "../" + "shared"  # (spelled apart so this file does not match itself)
    found = []
    for path in tracked_files():
        if not path.is_file() or path.suffix in (".svg", ".png", ".json", ".sqlite3"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if outside in text or "/work/" + "shared" in text:
            found.append(str(path.relative_to(ROOT)))
    assert found == []


def test_readme_starts_with_what_collab_is_then_the_clone_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# collab"
    head = "\n".join(lines[:40])
    assert "make run" in head and "make test" in head
    assert "![" in head and "(docs/screenshot.png)" in head
    readme = "\n".join(lines)
    for wanted in ("## Install", "uv tool install", "pipx install", "## A two-minute tour"):
        assert wanted in readme
    assert readme.index("## Install") < readme.index("## A two-minute tour")


def test_readme_links_point_at_files_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#\s]+)\)", readme)
    local = [link for link in links if "://" not in link]
    assert {"docs/playbook.md", "docs/screenshot.png", "CHANGELOG.md"} <= set(local)
    assert [link for link in local if not (ROOT / link).exists()] == []


def test_the_picture_is_current_with_its_snapshot():
    png = (ROOT / screenshot.TARGET).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert screenshot.read_tag(png) == screenshot.source_tag(), (
        "the snapshot changed: run `make screenshot`"
    )


def test_a_postgresql_store_without_the_driver_is_one_clear_line(monkeypatch):
    import importlib.util

    from collabtui.store import BadDatabase
    from collabtui.store.engine import make_engine

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real(name, *a)
    )
    try:
        make_engine("postgresql://lead:pw@db.example.com/collab")
    except BadDatabase as exc:
        assert "collabtui[postgres]" in str(exc) and "pw" not in str(exc)
    else:
        raise AssertionError("no error without the driver")


def test_licence_changelog_and_metadata_agree():
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "License :: OSI Approved :: MIT License" in meta["classifiers"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__}" in changelog and "## Unreleased" in changelog
    assert meta["optional-dependencies"]["postgres"] == ["psycopg[binary]>=3.2,<4"]
    assert not any(d.startswith("psycopg") for d in meta["dependencies"])


def test_every_command_is_in_the_readme():
    from typer.main import get_command

    from collabtui.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = get_command(app)
    missing = []
    for name, command in group.commands.items():
        subs = getattr(command, "commands", None)
        for full in [f"{name} {s}" for s in subs] if subs else [name]:
            if f"`collab {full}" not in readme:
                missing.append(full)
    assert missing == []


def test_the_playbook_names_every_rule_the_app_checks():
    from collabtui.i18n import catalogue

    text = (ROOT / "docs" / "playbook.md").read_text(encoding="utf-8")
    rules = [v for k, v in catalogue("en").items() if k.startswith("alert.rule.")]
    assert rules and [r for r in rules if f"| {r} |" not in text] == []
