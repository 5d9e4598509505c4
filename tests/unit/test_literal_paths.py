"""Paths taken literally, special files refused before anything opens them (issue 17)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from collabtui.store.location import describe, resolve_url, sqlite_path, sqlite_url
from tests.unit.test_cli import collab


@pytest.mark.parametrize(
    "name", ["c%41.sqlite3", "a?mode=ro.sqlite3", "x#y.sqlite3", "中 %20.sqlite3"]
)
def test_a_path_is_a_path(tmp_path, name):
    path = tmp_path / name
    url = resolve_url(str(path))
    assert sqlite_path(url) == path
    assert describe(url) == str(path)
    assert sqlite_url(path) == url


def _rows(path: Path, table: str) -> int:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("name", ["c%41.sqlite3", "a?mode=ro.sqlite3"])
def test_data_goes_to_the_named_file_and_backs_up_from_it(tmp_path, name):
    path = tmp_path / name
    result = collab("--db", str(path), "demo")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if "sqlite3" in p.name or p.name == "a") == [
        n for n in sorted({name, f"{name}-shm", f"{name}-wal"}) if (tmp_path / n).exists()
    ]
    assert not (tmp_path / "cA.sqlite3").exists() and not (tmp_path / "a").exists()
    assert path.stat().st_mode & 0o777 == 0o600
    projects = _rows(path, "project")
    assert projects > 0
    out = tmp_path / "backup.sqlite3"
    result = collab("--db", str(path), "backup", str(out))
    assert result.returncode == 0, result.stderr
    assert _rows(out, "project") == projects


def _fifo(tmp_path: Path) -> Path:
    fifo = tmp_path / "pipe.sqlite3"
    os.mkfifo(fifo)
    return fifo


def _one_line_error(result, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("collab: "), lines
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("command", [["projects"], ["demo"], ["backup", "-"]])
def test_a_fifo_as_the_store_is_refused_at_once(tmp_path, command):
    fifo = _fifo(tmp_path)
    result = collab("--db", str(fifo), *command)
    _one_line_error(result, "not a regular file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.sqlite3"]


def test_a_device_as_the_store_is_refused_and_nothing_is_created_beside_it():
    journal = Path("/dev/null-journal")
    existed = journal.exists()
    result = collab("--db", "/dev/null", "demo")
    _one_line_error(result, "/dev/null", "not a regular file")
    assert journal.exists() == existed
    assert not Path("/dev/null-wal").exists() or existed


@pytest.mark.parametrize("command", ["import", "restore"])
def test_a_fifo_as_the_source_is_refused_at_once(db_url, tmp_path, command):
    fifo = tmp_path / "source.json"
    os.mkfifo(fifo)
    result = collab("--db", db_url, command, str(fifo))
    _one_line_error(result, "not a regular file")


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("file:///tmp/x.sqlite3", "file"),
        ("mysql://u:secret@host/db", "mysql"),
        ("http://x/", "http"),
    ],
)
def test_urls_of_other_kinds_are_refused(url, scheme):
    result = collab("--db", url, "projects")
    _one_line_error(result, f"{scheme}:// is not a store collab can use")
    assert "secret" not in result.stderr
    zh = collab("--db", url, "--lang", "zh-CN", "projects")
    _one_line_error(zh, "collab: 错误：", "collab 不能使用")
