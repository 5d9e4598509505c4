"""Turning ``--db`` / ``COLLAB_DB`` into a database URL, and showing URLs safely.

Standard library only: the CLI uses this before it decides what to import.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from collabtui import paths

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def resolve_url(db: str | None = None) -> str:
    """The database URL from ``--db``, else ``COLLAB_DB``, else the default SQLite file."""
    value = db or os.environ.get("COLLAB_DB") or ""
    if not value:
        return sqlite_url(paths.default_db_path())
    if _SCHEME.match(value):
        return value
    return sqlite_url(Path(value).expanduser())


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path.resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or ``None`` for other databases or in-memory."""
    if not url.startswith("sqlite"):
        return None
    rest = url.split(":///", 1)[1] if ":///" in url else ""
    rest = rest.split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (safe to print or log)."""
    return re.sub(r"^([a-z][a-z0-9+.-]*://[^:/@]*):[^@]*@", r"\1:***@", url, flags=re.I)


def describe(url: str) -> str:
    """How to name a database location in a message: the file path, or the masked URL."""
    path = sqlite_path(url)
    return str(path) if path else mask_url(url)
