"""Turning ``--db`` / ``COLLAB_DB`` into a database URL, and showing URLs safely.

Standard library only: the CLI uses this before it decides what to import.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote, unquote

from collabtui import paths

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


#: The URL schemes ``--db`` takes: PostgreSQL (psycopg 3) and SQLite.
_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "sqlite")


def resolve_url(db: str | None = None) -> str:
    """The database URL from ``--db``, else ``COLLAB_DB``, else the default SQLite file.

    A value without ``scheme://`` is a file path, taken literally (``%41``, ``?`` and
    ``#`` are characters of the name); a URL of another kind than PostgreSQL or SQLite
    (``file://``, ``mysql://``) is refused with :class:`BadDatabase`.
    """
    value = db or os.environ.get("COLLAB_DB") or ""
    if not value:
        return sqlite_url(paths.default_db_path())
    if _SCHEME.match(value):
        scheme = value.split("://", 1)[0].lower()
        if scheme not in _SCHEMES:
            from collabtui.domain.errors import BadDatabase
            from collabtui.i18n import t

            raise BadDatabase(mask_url(value), t("err.db.scheme", scheme=scheme))
        return _with_driver(value)
    return sqlite_url(Path(value).expanduser())


def _with_driver(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean our PostgreSQL driver, psycopg 3."""
    scheme, rest = url.split("://", 1)
    if scheme.lower() in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file: the path percent-encoded, so SQLAlchemy
    and :func:`sqlite_path` read back exactly that name (``%``, ``?``, ``#`` included)."""
    return f"sqlite:///{quote(str(path.resolve()), safe='/')}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or ``None`` for other databases or in-memory."""
    if not url.startswith("sqlite"):
        return None
    rest = url.split(":///", 1)[1] if ":///" in url else ""
    rest = unquote(rest.split("?", 1)[0])
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (safe to print or log).

    The password may hold ``@``, ``:``, ``/`` or ``?`` unencoded: everything between
    the user name and the URL's last ``@`` is hidden (a stray ``@`` later in the URL
    hides more, never less), and so is a ``password=`` query parameter.
    """
    if not _SCHEME.match(url):
        return url
    scheme, rest = url.split("://", 1)
    if "@" in rest:
        userinfo, host = rest.rsplit("@", 1)
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        rest = f"{userinfo}@{host}"
    rest = re.sub(r"([?&]password=)[^&]*", r"\1***", rest, flags=re.I)
    return f"{scheme}://{rest}"


def describe(url: str) -> str:
    """How to name a database location in a message: the file path, or the masked URL."""
    path = sqlite_path(url)
    return str(path) if path else mask_url(url)
