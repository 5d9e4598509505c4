"""``collab backup`` and ``collab restore``: consistent copies, owner-only, restorable."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from collabtui import paths
from collabtui.store import Store
from tests.unit.test_cli import collab, run
from tests.unit.test_exchange import export_all


def test_backup_goes_to_the_data_dir_owner_only_and_restores(demo_store, other_url, tmp_path):
    result = run("--db", demo_store.url, "backup")
    assert result.exit_code == 0, result.output
    made = list((paths.data_dir() / "backups").iterdir())
    assert len(made) == 1 and str(made[0]) in result.stdout
    assert made[0].stat().st_mode & 0o777 == 0o600
    assert made[0].suffix == (".sqlite3" if demo_store.path else ".json")
    digest = hashlib.sha256(made[0].read_bytes()).hexdigest()
    restored = collab("--db", other_url, "restore", str(made[0]))
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith("Restored ")
    original = export_all(demo_store.url, tmp_path / "original.json")
    assert export_all(other_url, tmp_path / "restored.json") == original
    assert hashlib.sha256(made[0].read_bytes()).hexdigest() == digest, "backup left as it was"


def test_backup_refuses_to_overwrite_unless_forced(demo_store, tmp_path):
    target = tmp_path / "kept.bak"
    target.write_bytes(b"precious")
    result = collab("--db", demo_store.url, "backup", str(target))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--force" in lines[0], result.stderr
    assert target.read_bytes() == b"precious"
    result = collab("--db", demo_store.url, "backup", str(target), "--force")
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() != b"precious"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kept")] == []


def test_restore_takes_a_json_export_too_and_refuses_a_full_store(demo_store, other_url, tmp_path):
    exported = tmp_path / "all.json"
    first = export_all(demo_store.url, exported)
    result = collab("--db", demo_store.url, "restore", str(exported))
    assert result.returncode == 2 and "already holds data" in result.stderr
    assert collab("--db", other_url, "restore", str(exported)).returncode == 0
    assert export_all(other_url, tmp_path / "again.json") == first


def test_restore_refuses_a_file_that_is_neither(db_url, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = collab("--db", db_url, "restore", str(junk))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "not UTF-8" in result.stderr and "Traceback" not in result.stderr


# SQLite only, on purpose: this is about SQLite's online backup API copying a file
# while another connection is writing to it (a server is backed up as JSON, read in one
# REPEATABLE READ snapshot).
def test_sqlite_backup_mid_burst_holds_exactly_the_committed_rows(tmp_path):
    source = tmp_path / "busy.sqlite3"
    store = Store(f"sqlite:///{source}", user="tester")
    store.close()
    writer = sqlite3.connect(source, isolation_level=None, timeout=5)
    writer.execute("PRAGMA journal_mode = WAL")
    now = "2026-11-27 09:30:00.000000"
    insert = (
        "INSERT INTO department (name, external, note, created_at, updated_at, version)"
        " VALUES (?, 0, '', ?, ?, 1)"
    )
    for i in range(200):  # the committed part of the burst
        writer.execute(insert, (f"部门 {i}", now, now))
    committed = export_all(str(source), tmp_path / "committed.json")
    writer.execute("BEGIN IMMEDIATE")  # the burst goes on, uncommitted
    for i in range(200, 260):
        writer.execute(insert, (f"部门 {i}", now, now))
    try:
        backup = tmp_path / "mid-burst.sqlite3"
        result = collab("--db", str(source), "backup", str(backup))
        assert result.returncode == 0, result.stderr
    finally:
        writer.execute("COMMIT")
        writer.close()
    check = sqlite3.connect(backup)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        names = [r[0] for r in check.execute("SELECT name FROM department ORDER BY id")]
    finally:
        check.close()
    assert names == [f"部门 {i}" for i in range(200)]
    restored = tmp_path / "restored.sqlite3"
    assert collab("--db", str(restored), "restore", str(backup)).returncode == 0
    assert export_all(str(restored), tmp_path / "restored.json") == committed


def test_restore_reads_an_older_backup_without_changing_it(tmp_path):
    """A backup of an older schema is upgraded on a private copy, never in place."""
    from collabtui.store.engine import downgrade, make_engine

    old = tmp_path / "old.sqlite3"
    Store(f"sqlite:///{old}", user="tester").close()
    engine = make_engine(f"sqlite:///{old}")
    downgrade(engine, "-1")
    engine.dispose()
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    result = collab("--db", str(tmp_path / "new.sqlite3"), "restore", str(old))
    assert result.returncode == 0, result.stderr
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before
    assert not list(Path(tmp_path).glob("old.sqlite3.*.bak"))
