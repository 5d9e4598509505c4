"""Markdown as the app shows it: table cells wrap Chinese text instead of cutting it.

Rich wraps a table cell at spaces and cuts what does not fit with "…"; a Chinese
list (王芳（市场部）、李娜（市场部）、…) has no spaces, so the minutes' 出席人员
lost everyone past the first line. Here a cell folds at the column's width: every
name is shown, over as many lines as it takes.
"""

from __future__ import annotations

from rich import box
from rich.markdown import Markdown, TableElement
from rich.table import Table


class FoldingTable(TableElement):
    """A Markdown table whose cells fold long text onto more lines (never "…")."""

    def __rich_console__(self, console, options):
        table = Table(
            box=box.SIMPLE,
            pad_edge=False,
            style="markdown.table.border",
            show_edge=True,
            collapse_padding=True,
        )
        if self.header is not None and self.header.row is not None:
            for column in self.header.row.cells:
                heading = column.content.copy()
                heading.stylize("markdown.table.header")
                table.add_column(heading, overflow="fold")
        if self.body is not None:
            for row in self.body.rows:
                table.add_row(*[element.content for element in row.cells])
        yield table


class FoldingMarkdown(Markdown):
    """Rich's Markdown with :class:`FoldingTable` tables."""

    elements = {**Markdown.elements, "table_open": FoldingTable}
