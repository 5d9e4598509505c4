"""Row-table documents (表3, 《资源申请表》, …): one table, as Markdown, CSV or JSON.

A :class:`TableDocument` is a title, the project it belongs to, when it was made,
translated column headers, one row of display strings per record, and the record's
raw values for JSON. The task and resource exports build one; the three renderers
here turn it into text:

- Markdown: a title heading, a line naming the project, the time and the count, and
  a GFM table (every cell escaped by :mod:`collabtui.export.markdown`, so user text
  reads back literally and a line break in it stays inside its cell);
- CSV: UTF-8 with a byte order mark (Excel only reads UTF-8 when it finds one),
  RFC 4180 (comma, ``"`` quoting where needed, CRLF), one header row of translated
  names, and every text cell made safe against formula injection (:func:`neutralise`);
- JSON: ``format`` first, the project, the time, the language, then the records under
  the document's ``kind`` (English snake_case keys, ISO dates, numbers as numbers).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from collabtui.export.jsondata import dump
from collabtui.export.markdown import document, heading, paragraph, table, when
from collabtui.i18n import translator

__all__ = [
    "BOM",
    "FORMATS",
    "FORMULA_TRIGGERS",
    "Column",
    "ProjectRef",
    "TableDocument",
    "cells",
    "neutralise",
    "render",
    "render_csv",
    "render_json",
    "render_md",
]

#: The formats a table document renders to.
FORMATS = ("md", "csv", "json")
#: The byte order mark every CSV export starts with (U+FEFF, ``EF BB BF`` in UTF-8).
BOM = "\ufeff"
#: First characters that make a spreadsheet read a cell as a formula, or hide one.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: A plain decimal number, the only thing a numeric column's cell may hold unprefixed.
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", re.ASCII)


def neutralise(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet will run: ``'`` before a formula start.

    Excel and LibreOffice evaluate a cell that starts with ``=``, ``+``, ``-`` or ``@``
    as a formula, so a task title such as ``=HYPERLINK("http://evil", "x")`` or
    ``=cmd|' /C calc'!A0`` would run when a colleague opens the export (CSV injection).
    A leading tab or carriage return can hide such a start. The apostrophe is the
    spreadsheet's own "this is text" mark (OWASP's advice); the rest of the text is
    kept as it is. Apply it to text only: a number we wrote (``-5``) is no formula.
    """
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


@dataclass(frozen=True)
class Column:
    """One column: its JSON-style name, its translated header, and whether it holds numbers.

    A ``numeric`` column's cells are numbers the exporter wrote itself, never user text,
    so CSV leaves them as numbers (a spreadsheet can sum them) instead of neutralising
    a minus sign.
    """

    key: str
    header: str
    numeric: bool = False


@dataclass(frozen=True)
class ProjectRef:
    """The project a table belongs to."""

    code: str
    topic: str


@dataclass(frozen=True)
class TableDocument:
    """A whole row-table export, ready for any of :data:`FORMATS`.

    ``rows`` hold display strings (translated labels, ``40%``, ``YYYY-MM-DD``), one per
    column; ``records`` hold the same records' raw values for JSON, under ``kind``.
    """

    format: str
    kind: str
    lang: str
    title: str
    project: ProjectRef
    generated_at: datetime
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    records: tuple[Mapping[str, object], ...] = field(default=())

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows:
            if len(row) != width:
                raise ValueError(f"row has {len(row)} cells, the table {width} columns: {row!r}")


def render_md(doc: TableDocument) -> str:
    """The table as CommonMark with a GFM table: title, project line, rows."""
    tr = translator(doc.lang)
    info = tr(
        "export.table.info",
        code=doc.project.code,
        topic=doc.project.topic,
        generated=when(doc.generated_at, doc.generated_at.tzinfo),
        count=len(doc.rows),
    )
    body = (
        table([c.header for c in doc.columns], doc.rows)
        if doc.rows
        else paragraph(tr("field.none"))
    )
    return document(heading(1, doc.title), paragraph(info), body)


def render_csv(doc: TableDocument) -> str:
    """The table as CSV text: BOM, RFC 4180, translated header row, formula-safe cells.

    The text is meant to be written as UTF-8 unchanged (the BOM becomes ``EF BB BF``,
    the CRLF line ends stay): a file that Excel and LibreOffice open with Chinese intact.
    NUL, which some spreadsheets stop reading at, becomes U+FFFD as in Markdown.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_csv_cell(c.header, False) for c in doc.columns])
    for row in doc.rows:
        writer.writerow([_csv_cell(v, c.numeric) for c, v in zip(doc.columns, row, strict=True)])
    return BOM + out.getvalue()


def render_json(doc: TableDocument) -> str:
    """The table's records as JSON (see the module docstring for the shape)."""
    return dump(
        {
            "format": doc.format,
            "project": {"code": doc.project.code, "topic": doc.project.topic},
            "generated_at": doc.generated_at,
            "language": doc.lang,
            doc.kind: [dict(r) for r in doc.records],
        }
    )


def render(doc: TableDocument, fmt: str) -> str:
    """``doc`` in one of :data:`FORMATS`."""
    if fmt == "md":
        return render_md(doc)
    if fmt == "csv":
        return render_csv(doc)
    if fmt == "json":
        return render_json(doc)
    raise ValueError(f"unknown table format {fmt!r} (choose from {', '.join(FORMATS)})")


def cells(values: Sequence[object]) -> tuple[str, ...]:
    """Display values as the strings a row holds (``None`` → ``""``)."""
    return tuple("" if v is None else str(v) for v in values)


def _csv_cell(value: str, numeric: bool) -> str:
    """A CSV cell: numbers of a numeric column as they are, everything else neutralised."""
    value = value.replace("\0", "\ufffd")
    if numeric and _NUMBER.fullmatch(value):
        return value
    return neutralise(value)
