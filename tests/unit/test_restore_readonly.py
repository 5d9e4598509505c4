"""``collab restore`` reads a backup read-only, bounded, and leaves nothing behind (issue 17)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from collabtui.domain.errors import StoreError
from collabtui.store import Store, restore_copy
from collabtui.store.engine import backup_sqlite
from tests.unit.test_cli import collab

SQLITE_ONLY = pytest.mark.sqlite_only("about the SQLite backup file itself")


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory) -> Path:
    """A backup of the demo store made by ``collab demo`` and ``collab backup``, once per
    module (two commands: seconds); each test works on its own copy."""
    folder = tmp_path_factory.mktemp("demo-backup")
    demo = folder / "demo.sqlite3"
    result = collab("--db", str(demo), "demo")
    assert result.returncode == 0, result.stderr
    out = folder / "b.sqlite3"
    result = collab("--db", str(demo), "backup", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def backup(demo_backup, tmp_path) -> Path:
    """This test's copy of the demo's backup, in a folder of its own."""
    out = tmp_path / "backups" / "b.sqlite3"
    out.parent.mkdir()
    shutil.copyfile(demo_backup, out)
    out.chmod(0o600)  # as collab backup writes it
    return out


def _state(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _restore(tmp_path: Path, source: Path, *extra: str, env: dict | None = None):
    target = tmp_path / f"restored-{len(list(tmp_path.iterdir()))}.sqlite3"
    return collab("--db", str(target), *extra, "restore", str(source), env=env), target


def _private_tmp(tmp_path: Path) -> tuple[Path, dict]:
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder, {"TMPDIR": str(folder)}


@SQLITE_ONLY
def test_a_wal_beside_the_backup_is_left_alone(backup, tmp_path):
    crafted = tmp_path / "crafted.sqlite3"
    con = sqlite3.connect(backup)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("UPDATE project SET topic = 'ONLY-IN-THE-WAL'")
    con.commit()
    shutil.copyfile(backup, crafted)
    shutil.copyfile(f"{backup}-wal", f"{crafted}-wal")
    con.close()
    before, wal_before = _state(crafted), _state(Path(f"{crafted}-wal"))
    temp, env = _private_tmp(tmp_path)
    result, target = _restore(tmp_path, crafted, env=env)
    assert result.returncode == 0, result.stderr
    assert _state(crafted) == before  # not folded in: same bytes, same time
    assert _state(Path(f"{crafted}-wal")) == wal_before  # and the WAL not deleted
    assert not Path(f"{crafted}-shm").exists()
    con = sqlite3.connect(target)
    topics = {r[0] for r in con.execute("SELECT topic FROM project")}
    con.close()
    assert "ONLY-IN-THE-WAL" not in topics
    assert list(temp.iterdir()) == []


@SQLITE_ONLY
def test_a_backup_in_a_read_only_folder_restores(backup):
    """As another user than the backup's owner, in a folder that user cannot write."""
    if os.geteuid() != 0:
        pytest.skip("switching to another user needs root")
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="collab-ro-test-"))
    try:
        top.chmod(0o755)
        folder = top / "backups"
        folder.mkdir()
        shutil.copyfile(backup, folder / "b.sqlite3")
        source = folder / "b.sqlite3"
        source.chmod(0o644)
        folder.chmod(0o555)
        home = top / "home"
        home.mkdir()
        env = {
            "HOME": str(home),
            "TMPDIR": str(home),
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        }
        shutil.chown(home, "nobody")
        before = _state(source)
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        command += [sys.executable, "-m", "collabtui", "--db", str(home / "restored.sqlite3")]
        result = subprocess.run(
            [*command, "restore", str(source)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            cwd=home,
        )
        assert result.returncode == 0, result.stderr
        assert "Restored" in result.stdout
        assert _state(source) == before
        assert sorted(p.name for p in folder.iterdir()) == ["b.sqlite3"]
        assert [p.name for p in home.iterdir() if p.name.startswith("collab-restore")] == []
    finally:
        (top / "backups").chmod(0o755)
        shutil.rmtree(top)


def _craft(backup: Path, *statements: str) -> Path:
    con = sqlite3.connect(backup, isolation_level=None)
    for sql in statements:
        con.execute(sql)
    con.close()
    return backup


ENDLESS = (
    "CREATE VIEW bestpractice AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)"
    " SELECT x AS id FROM n"
)


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("statements", "words"),
    [
        (["DROP TABLE bestpractice", ENDLESS], ["holds views or triggers"]),
        (
            ["CREATE TRIGGER t AFTER INSERT ON task BEGIN DELETE FROM project; END"],
            ["holds views or triggers"],
        ),
        (["DROP TABLE bestpractice"], ["the table bestpractice is missing"]),
        (["UPDATE meeting SET start_at = 'garbage'"], ["the table meeting holds a value"]),
        (["UPDATE goal SET target = 'abc'"], ["the table goal holds a value"]),
        (
            ["UPDATE meeting SET start_at = '0001-01-01 00:00:00.000000'"],
            ["problems found", "the date is outside"],
        ),
        (["UPDATE goal SET target = 'inf'"], ["not a finite number"]),
        (
            [
                "UPDATE progressentry SET week = 'garbage-9' WHERE id = (SELECT min(id) FROM progressentry)"
            ],
            ["not an ISO week"],
        ),
    ],
    ids=[
        "endless-view",
        "trigger",
        "missing-table",
        "bad-date",
        "bad-number",
        "year-one",
        "inf",
        "bad-week",
    ],
)
def test_a_crafted_backup_is_refused_in_one_line(backup, tmp_path, statements, words):
    crafted = _craft(backup, *statements)
    temp, env = _private_tmp(tmp_path)
    result, target = _restore(tmp_path, crafted, env=env)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("collab: error: ")
    for word in words:
        assert word in result.stderr
    assert list(temp.iterdir()) == []  # the private copy is gone
    other = Store(f"sqlite:///{target}", user="t")
    try:
        assert not other.holds_data()
    finally:
        other.close()


@SQLITE_ONLY
def test_refusals_are_translated(backup, tmp_path):
    crafted = _craft(backup, "DROP TABLE bestpractice", ENDLESS)
    result, _ = _restore(tmp_path, crafted, "--lang", "zh-CN")
    assert result.returncode == 2
    assert "含有视图或触发器" in result.stderr


@SQLITE_ONLY
def test_work_on_a_backup_is_bounded_in_time(backup, tmp_path, monkeypatch):
    monkeypatch.setattr(restore_copy, "RESTORE_SECONDS", 1e-9)
    monkeypatch.setattr(restore_copy, "_STEPS", 1)  # look at the clock at every step
    monkeypatch.setattr(restore_copy.tempfile, "tempdir", str(_private_tmp(tmp_path)[0]))
    with pytest.raises(StoreError) as caught:
        Store.read_backup_tables(backup)
    assert caught.value.key == "exchange.err.too_long"
    assert list(Path(restore_copy.tempfile.tempdir).iterdir()) == []


@SQLITE_ONLY
def test_the_private_copy_goes_on_an_interrupt(backup, tmp_path, monkeypatch):
    monkeypatch.setattr(restore_copy.tempfile, "tempdir", str(_private_tmp(tmp_path)[0]))
    with pytest.raises(KeyboardInterrupt), restore_copy.private_copy(backup) as copy:
        assert copy.exists() and copy.stat().st_mode & 0o777 == 0o600
        assert copy.parent.stat().st_mode & 0o777 == 0o700
        raise KeyboardInterrupt
    assert not copy.parent.exists()


@SQLITE_ONLY
def test_a_sigterm_during_a_restore_removes_the_copy(backup, tmp_path):
    temp, env = _private_tmp(tmp_path)
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from collabtui.store import restore_copy\n"
        "with restore_copy.private_copy(Path(sys.argv[1])) as copy:\n"
        "    print(copy, flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    signal.pause()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(backup)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert result.returncode != 0
    assert "restore.sqlite3" in result.stdout
    assert list(temp.iterdir()) == []


@SQLITE_ONLY
def test_the_pre_upgrade_backup_appears_only_when_complete(tmp_path, monkeypatch):
    source = tmp_path / "old.sqlite3"
    sqlite3.connect(source).close()
    dest = tmp_path / "old.sqlite3.rev.bak"

    def half_then_fail(_path, tmp):
        Path(tmp).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
        raise OSError("disk full")

    monkeypatch.setattr("collabtui.store.engine.copy_sqlite_into", half_then_fail)
    with pytest.raises(OSError):
        backup_sqlite(source, dest)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite3"]


@pytest.fixture
def sqlite_backup(demo_backup, tmp_path) -> Path:
    """A SQLite backup of the demo, whichever backend the test restores into."""
    out = tmp_path / "b.sqlite3"
    shutil.copyfile(demo_backup, out)
    return out


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        ([], []),
        (["DROP TABLE bestpractice", ENDLESS], ["holds views or triggers"]),
        (["UPDATE goal SET target = 'inf'"], ["not a finite number"]),
        (["UPDATE meeting SET start_at = '0001-01-01 00:00:00.000000'"], ["the date is outside"]),
    ],
    ids=["good", "endless-view", "inf", "year-one"],
)
def test_restore_into_either_backend(sqlite_backup, other_url, tmp_path, statements, words):
    crafted = _craft(sqlite_backup, *statements)
    before = _state(crafted)
    result = collab("--db", other_url, "restore", str(crafted))
    assert _state(crafted) == before
    assert "Traceback" not in result.stderr
    other = Store(other_url, user="t")
    try:
        if not statements:
            assert result.returncode == 0, result.stderr
            assert other.holds_data()
            return
        assert result.returncode == 2, result.stderr
        assert all(word in result.stderr for word in words)
        assert not other.holds_data()
    finally:
        other.close()


@SQLITE_ONLY
def test_a_copy_left_by_a_killed_restore_goes_with_the_next(backup, tmp_path):
    temp, env = _private_tmp(tmp_path)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = temp / f"collab-restore-{gone.stdout.strip()}-abcd"
    stale.mkdir()
    (stale / "restore.sqlite3").write_bytes(b"left behind")
    live = temp / f"collab-restore-{os.getpid()}-efgh"  # a restore still running
    live.mkdir()
    result, _ = _restore(tmp_path, backup, env=env)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in temp.iterdir()) == [live.name]
