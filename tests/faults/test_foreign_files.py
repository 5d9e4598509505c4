"""A file that is not a collab database is refused with one clear line and left untouched.

Decision: an empty file (0 bytes), and a SQLite database with no tables and no other
program's ``application_id``, count as a new store: collab writes its schema into
them, as it would into a file it created. Anything else that is not ours is refused.
These cases are about files, so they use SQLite paths directly.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from collabtui.cli import main
from collabtui.domain.errors import BadDatabase
from collabtui.store import Store


def _other_program(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('keep me')")
    con.commit()
    con.close()


def _other_program_empty(path: Path) -> None:
    """Another program's database that has its id set but no tables yet."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 1234")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()


FILES = {
    "another program's database": (_other_program, "another program"),
    "another program's empty database": (_other_program_empty, "another program"),
    "random bytes": (lambda p: p.write_bytes(os.urandom(8192)), "not a SQLite database"),
    "a text file": (lambda p: p.write_text("会议纪要\nminutes\n", "utf-8"), "not a SQLite"),
    "a SQLite header on garbage": (
        lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(8176)),
        "damaged",
    ),
}


def _fingerprint(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size


def _cli(argv: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["collab", *argv])
    with pytest.raises(SystemExit) as info:
        main()
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


@pytest.fixture(params=list(FILES), ids=list(FILES))
def foreign(request, tmp_path) -> tuple[Path, str]:
    make, reason = FILES[request.param]
    path = tmp_path / "theirs.db"
    make(path)
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    return path, reason


def test_store_refuses_and_leaves_the_file_as_it_was(foreign):
    path, reason = foreign
    before = _fingerprint(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(BadDatabase, match=reason):
        Store(f"sqlite:///{path}")
    assert _fingerprint(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings  # no -wal, no backup


@pytest.mark.parametrize(
    "argv",
    [["projects"], ["export", "tasks", "X"], ["db", "upgrade"], []],
    ids=["projects", "export", "db-upgrade", "launch"],
)
def test_cli_and_launch_refuse_in_one_line_exit_2(foreign, argv, monkeypatch, capsys):
    path, reason = foreign
    before = _fingerprint(path)
    code, out, err = _cli(["--db", str(path), *argv], monkeypatch, capsys)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in err
    assert _fingerprint(path) == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_refusal_is_translated(tmp_path, monkeypatch, capsys):
    path = tmp_path / "theirs.db"
    _other_program(path)
    code, _, err = _cli(["--lang", "zh-CN", "--db", str(path), "projects"], monkeypatch, capsys)
    assert code == 2
    assert "另一个程序" in err or "其他程序" in err, err


@pytest.mark.parametrize("make", [Path.touch, lambda p: sqlite3.connect(p).close()])
def test_an_empty_file_or_empty_sqlite_database_becomes_a_new_store(tmp_path, make):
    path = tmp_path / "empty.db"
    make(path)
    store = Store(f"sqlite:///{path}", user="tester")
    try:
        assert store.create_project("NEW", "新项目").id == 1
    finally:
        store.close()
