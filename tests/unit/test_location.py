"""Where the store lives, and refusing locations that cannot serve as one."""

from __future__ import annotations

import os
import sqlite3

import pytest

from collabtui.domain.errors import BadDatabase
from collabtui.store.location import describe, mask_url, resolve_url, sqlite_path
from collabtui.store.quick import preflight


def test_default_is_a_sqlite_file_in_the_data_dir(isolated):
    url = resolve_url(None)
    assert url.startswith("sqlite:///")
    assert sqlite_path(url) == (isolated / "data" / "collab.sqlite3").resolve()


def test_option_beats_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COLLAB_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")
    assert resolve_url(str(tmp_path / "opt.db")).endswith("opt.db")
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_passwords_are_masked():
    url = "postgresql+psycopg://lead:s3cr3t@db.example/collab"
    assert mask_url(url) == "postgresql+psycopg://lead:***@db.example/collab"
    assert "s3cr3t" not in describe(url)
    assert mask_url("postgresql://lead@h/db") == "postgresql://lead@h/db"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_text("hello, not a database"), "not a SQLite database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000), "damaged"),
    ],
)
def test_unusable_files_are_refused_untouched(tmp_path, make, reason):
    path = tmp_path / "x.db"
    make(path)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(BadDatabase, match=reason) as info:
        preflight(path)
    assert str(path) in str(info.value)
    if before is not None:
        assert path.read_bytes() == before


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    with pytest.raises(BadDatabase, match="another program"):
        preflight(path)


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(BadDatabase, match="does not exist"):
        preflight(tmp_path / "nope" / "x.db")


@pytest.mark.sqlite_only("preflight checks a SQLite file")
def test_read_only_file_is_refused(store, monkeypatch):
    store.close()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with pytest.raises(BadDatabase, match="read-only"):
        preflight(store.path)


def test_empty_file_counts_as_new(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    state = preflight(path)
    assert not state.exists and not state.current
