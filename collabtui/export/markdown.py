"""Markdown building blocks every export shares: escaping, GFM tables, headings, times.

Exports are CommonMark with GFM tables. User text is data, never markup: every
character CommonMark or GFM could read as syntax is backslash-escaped, so
``<script>`` shows as text, ``[x](y)`` is no link, ``**x**`` is not bold, ``&amp;``
is not an entity and ``|`` never splits a cell. The only HTML written is the
``<br>`` a table cell uses for a line break in the user's text; Chinese and other
non-ASCII text passes through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo

from collabtui.i18n import formats

#: ASCII punctuation that can start or end Markdown syntax anywhere in a line:
#: escapes, code, emphasis, links and images, HTML and autolinks, headings and
#: closing sequences, table pipes, strikethrough, entity and character references.
SPECIALS = "\\`*_[]<>#|~&"

_ESCAPES = str.maketrans({ch: "\\" + ch for ch in SPECIALS})
#: CommonMark's line endings (nothing else ends a line, unlike ``str.splitlines``).
_LINE_END = re.compile(r"\r\n|\r|\n")
#: Block markers that only count at the start of a line (``#`` and ``>`` are
#: escaped everywhere): bullets, setext underlines and ordered-list numbers.
_LINE_START = re.compile(r"^([ \t]*)(?:([-+=])|(\d{1,9})([.)]))")


def _escape(text: str) -> str:
    """Backslash-escape the specials; NUL becomes U+FFFD, as CommonMark requires."""
    return text.replace("\0", "\ufffd").translate(_ESCAPES)


def _escape_line_start(line: str) -> str:
    """Escape a bullet, setext underline or list number at the start of ``line``."""

    def fix(m: re.Match) -> str:
        if m.group(2):
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"

    return _LINE_START.sub(fix, line, count=1)


def lines(text: object) -> list[str]:
    """``text`` split at CommonMark line endings (CRLF, CR, LF)."""
    return _LINE_END.split(str(text))


def inline(text: object) -> str:
    """``text`` as literal Markdown inline content (a paragraph, a list item, …).

    Line breaks in ``text`` become hard line breaks (a backslash before the line
    end). Leading and trailing whitespace goes, as it would in any paragraph.
    """
    parts = lines(str(text).strip())
    return "\\\n".join(_escape_line_start(_escape(part.lstrip(" \t"))) for part in parts)


def cell(text: object) -> str:
    """``text`` as the content of one GFM table cell.

    Pipes are escaped, line breaks become ``<br>``, leading and trailing whitespace
    goes (a table cell is trimmed anyway); everything else reads back literally. A
    cell's content is inline only (its source line starts with ``|``), so a leading
    ``-`` or ``1.`` needs no escape and keeps the raw file readable.
    """
    return "<br>".join(_escape(part) for part in lines(str(text).strip()))


def table(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """A GFM table of plain-text ``headers`` and ``rows`` (every value is escaped)."""
    width = len(headers)
    if width == 0:
        raise ValueError("a table needs at least one column")
    out = [_row(headers), "|" + " --- |" * width]
    for row in rows:
        if len(row) != width:
            raise ValueError(f"row has {len(row)} cells, the table {width} columns: {row!r}")
        out.append(_row(row))
    return "\n".join(out)


def _row(values: Sequence[object]) -> str:
    return "| " + " | ".join(cell(v) for v in values) + " |"


def heading(level: int, text: object) -> str:
    """An ATX heading of ``level`` (1–6) showing ``text`` on one line."""
    if not 1 <= level <= 6:
        raise ValueError(f"heading level must be 1-6, not {level}")
    body = inline(" ".join(lines(str(text).strip())))
    return f"{'#' * level} {body}".rstrip()


def paragraph(text: object) -> str:
    """A paragraph showing ``text`` literally."""
    return inline(text)


def document(*blocks: str) -> str:
    """Blocks separated by blank lines, ending with one newline (empty blocks skipped)."""
    return "\n\n".join(b for b in blocks if b) + "\n"


def day(value: date | None) -> str:
    """A date as ``YYYY-MM-DD`` (``""`` for none)."""
    return formats.date(value)


def when(value: datetime | None, tz: tzinfo) -> str:
    """A moment in the user's zone ``tz`` as ``YYYY-MM-DD HH:MM`` (``""`` for none).

    Documents take the zone from their ``generated`` moment, which the caller gives in
    the user's zone (``Clock.local_now``); there is no fallback on the machine's zone.
    """
    if tz is None:
        raise ValueError("when() needs the user's time zone")
    return formats.datetime(value, tz)


def number(value: float | None) -> str:
    """A number without a spurious ``.0`` (``30``, ``0.5``, ``-50``; ``""`` for none)."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))
