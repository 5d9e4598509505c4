"""The database, its WAL and shared-memory files, and backups are readable by their
owner only; a data folder collab creates is too. About SQLite files, so SQLite paths."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from collabtui.cli import main
from collabtui.store import Store
from collabtui.store.engine import backup_sqlite


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """The most permissive umask: whatever is private is so because we made it so."""
    old = os.umask(0)
    yield
    os.umask(old)


def _collab(argv, monkeypatch) -> int:
    monkeypatch.setattr(sys, "argv", ["collab", *argv])
    try:
        main()
    except SystemExit as exc:
        return exc.code or 0
    return 0


def test_database_wal_and_shm_are_owner_only(tmp_path, open_umask):
    path = tmp_path / "collab.sqlite3"
    store = Store(f"sqlite:///{path}", user="tester")
    try:
        store.add_person("Ada")
        with store.engine.connect():  # keep the WAL and shared memory while we look
            wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
            assert wal.exists() and shm.exists()
            assert {p.name: _mode(p) for p in (path, wal, shm)} == {
                p.name: 0o600 for p in (path, wal, shm)
            }
    finally:
        store.close()


def test_default_data_folder_and_database_are_private(isolated, open_umask, monkeypatch, capsys):
    data = isolated / "data"
    assert not data.exists()
    assert _collab(["demo"], monkeypatch) == 0
    assert _mode(data) == 0o700
    assert _mode(data / "collab.sqlite3") == 0o600


def test_backups_are_owner_only(demo_store, tmp_path, open_umask, monkeypatch, capsys):
    if demo_store.path is None:
        pytest.skip("SQLite files")
    made = backup_sqlite(demo_store.path, tmp_path / "online.bak")
    assert _mode(made) == 0o600
    target = tmp_path / "cli-backup.sqlite3"
    assert _collab(["--db", demo_store.url, "backup", str(target)], monkeypatch) == 0
    assert _mode(target) == 0o600
