"""Crash reports: an unexpected exception never looks like success.

When the app or a command meets an exception nobody expected, the terminal is given
back, one line says what happened and where the report is, and the process exits
with :data:`CRASH_STATUS`. The report is a file under the data folder holding the
traceback (without local variables: they may hold user data or credentials), the
version, the platform and where it happened (the screen, or the command). Anything
that looks like a URL with a password in it is masked, and so is the store's URL.

No Textual and no ORM here: the CLI's last-resort handler uses it too.
"""

from __future__ import annotations

import platform
import re
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

#: Exit status of a crash (BSD's EX_SOFTWARE): never 0, never the 1 that ``collab
#: alerts`` uses for "something is overdue", never the 2 of a refused input.
CRASH_STATUS = 70

#: ``scheme://user:password@`` anywhere in a text.
_CREDENTIALS = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^\s/:@'\"]*):[^\s'\"]*@")
#: ``password=…`` in a query string or a libpq connection string.
_PASSWORD_PARAM = re.compile(r"(?i)(password\s*=\s*)[^\s&'\"]+")


def scrub(text: str, secrets: tuple[str, ...] = ()) -> str:
    """``text`` with passwords in URLs and every one of ``secrets`` masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    text = _CREDENTIALS.sub(r"\g<head>:***@", text)
    return _PASSWORD_PARAM.sub(r"\1***", text)


def reports_dir() -> Path:
    """Where crash reports go: ``crashes/`` in the data folder (owner-only)."""
    from collabtui import paths

    return paths.make_private_dir(paths.data_dir() / "crashes")


def write_report(
    error: BaseException,
    *,
    where: str,
    secrets: tuple[str, ...] = (),
    now: datetime | None = None,
) -> Path | None:
    """Write the report of ``error`` (raised in ``where``); its path, or ``None``.

    Never raises: a crash report that cannot be written must not hide the crash.
    """
    from collabtui import __version__
    from collabtui.files import write_file

    moment = now or datetime.now(UTC)
    lines = [
        "collab crash report",
        f"time: {moment.isoformat(timespec='seconds')}",
        f"version: collab {__version__}",
        f"python: {platform.python_version()} ({sys.implementation.name})",
        f"platform: {platform.platform()}",
        f"where: {where}",
        f"error: {type(error).__module__}.{type(error).__qualname__}",
        "",
        "".join(traceback.format_exception(error)),
    ]
    text = scrub("\n".join(lines), secrets)
    try:
        folder = reports_dir()
        stamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
        for n in range(100):
            path = folder / f"crash-{stamp}{'' if n == 0 else f'-{n}'}.txt"
            if not path.exists():
                write_file(path, text, private=True, overwrite=False)
                return path
    except OSError:
        return None
    return None


def one_line(error: BaseException, report: Path | None, tr, secrets: tuple[str, ...] = ()) -> str:
    """What the terminal shows after a crash: what happened and where the report is."""
    from collabtui.text import clean

    what = scrub(clean(f"{type(error).__name__}: {error}", single_line=True), secrets)
    if len(what) > 200:
        what = what[:199] + "…"
    if report is None:
        return tr("crash.no_report", what=what)
    return tr("crash.reported", what=what, path=str(report))
