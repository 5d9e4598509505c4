"""Writing a file whole or not at all: the one file writer every part of collab uses.

Pure standard library, below the store in the layers. :func:`write_file` fills a
temporary file with a random name beside the target, syncs it, and only then
publishes it: by :func:`os.replace` (over an existing file, in one rename) or, when
an existing file must not be overwritten, by :func:`os.link` (which refuses a file
that appeared meanwhile) followed by removing the temporary name. A reader never
sees half a file and a failed write leaves no temporary file and the old file as it
was.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

#: ``fill(tmp)`` writes the content into ``tmp``: an empty file that already exists
#: with the final mode (SQLite's online backup API writes into a path like this).
Fill = Callable[[Path], None]


def write_file(
    path: Path | str,
    content: str | bytes | Fill,
    *,
    private: bool = False,
    overwrite: bool = True,
    create_parent: bool = False,
) -> Path:
    """Write ``content`` to ``path`` atomically and return the path written.

    ``content`` is text (written as UTF-8), bytes, or a callback ``fill(tmp)``.
    ``private`` makes the file owner-only (0600) whatever the umask; otherwise a new
    file gets the umask's mode and a replaced file keeps its mode. ``overwrite=False``
    never replaces an existing file: :class:`FileExistsError`, even when the file
    appears while the content is written. A symbolic link is written through.
    Raises :class:`IsADirectoryError` or :class:`FileNotFoundError` (missing folder,
    unless ``create_parent``) before anything is written.
    """
    path = Path(path).expanduser()
    if path.is_symlink():
        path = path.resolve()
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not overwrite and path.exists():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    folder = path.parent
    if create_parent:
        folder.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(folder))
    tmp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, 0o600 if private else 0o666)
        if private and hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # the umask may have taken bits off, never added
        with os.fdopen(fd, "wb") as fh:
            if not callable(content):
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
                fh.flush()
        if callable(content):
            content(tmp)
        _sync(tmp)
        if private:
            os.chmod(tmp, 0o600)
        elif overwrite and path.exists():
            shutil.copymode(path, tmp)
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _sync(path: Path) -> None:
    """Flush ``path``'s content to the disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = ["Fill", "write_file"]
