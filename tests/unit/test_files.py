"""The one file writer: whole or not at all, owner-only when asked, never over a file
unless asked."""

from __future__ import annotations

import os
import stat

import pytest

from collabtui.files import write_file


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_text_and_bytes_replace_and_keep_the_mode(tmp_path):
    path = tmp_path / "doc.md"
    assert write_file(path, "一") == path
    os.chmod(path, 0o640)
    write_file(path, b"two")
    assert path.read_bytes() == b"two"
    assert _mode(path) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def test_private_is_owner_only_whatever_the_umask(tmp_path, open_umask):
    path = write_file(tmp_path / "secret.json", "{}", private=True)
    assert _mode(path) == 0o600
    assert _mode(write_file(tmp_path / "open.md", "x")) == 0o666


def test_no_overwrite_refuses_an_existing_file_and_leaves_it(tmp_path):
    path = tmp_path / "kept.bak"
    path.write_text("old")
    with pytest.raises(FileExistsError):
        write_file(path, "new", overwrite=False)
    assert path.read_text() == "old"

    def appears(tmp):  # the file shows up while the content is written
        tmp.write_text("new")
        (tmp_path / "late.bak").write_text("theirs")

    with pytest.raises(FileExistsError):
        write_file(tmp_path / "late.bak", appears, overwrite=False)
    assert (tmp_path / "late.bak").read_text() == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.bak", "late.bak"]


def test_a_failing_fill_leaves_nothing(tmp_path):
    def fail(tmp):
        assert tmp.exists() and tmp.parent == tmp_path
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_file(tmp_path / "never.sqlite3", fail, private=True)
    assert list(tmp_path.iterdir()) == []


def test_folders_are_checked_first(tmp_path):
    with pytest.raises(IsADirectoryError):
        write_file(tmp_path, "x")
    with pytest.raises(FileNotFoundError):
        write_file(tmp_path / "missing" / "x.md", "x")
    made = write_file(tmp_path / "made" / "x.md", "x", create_parent=True)
    assert made.read_text() == "x"
