"""Reading a file the user names (an import, a backup to restore): regular files only.

A FIFO would block forever, a device never end, a socket fail late; each is refused
before a byte is read. The file is opened without blocking and checked on the open
descriptor (``fstat``), so a name swapped for a pipe between a check and the open
changes nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


class NotRegularFile(OSError):
    """The path names a pipe, a device, a socket or a folder."""


@contextmanager
def open_regular(path: Path | str) -> Iterator[BinaryIO]:
    """``path`` opened for reading in binary; :class:`NotRegularFile` if it is not a file."""
    fd = os.open(os.fspath(path), os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"{path}: not a regular file")
        os.set_blocking(fd, True)
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh


def read_regular(path: Path | str) -> bytes:
    """All bytes of the regular file ``path`` (:class:`NotRegularFile` otherwise)."""
    with open_regular(path) as fh:
        return fh.read()


def is_regular(path: Path | str) -> bool:
    """True when ``path`` exists and is a regular file (a symlink to one counts)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


__all__ = ["NotRegularFile", "is_regular", "open_regular", "read_regular"]
