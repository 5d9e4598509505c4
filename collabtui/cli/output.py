"""How listings print: an aligned table on a terminal, whole lines when piped, TSV with --plain.

A table on a terminal fits its width (Rich wraps long cells). Piped into a file,
``less`` or ``grep`` there is no width to fit: every row stays on one line, whole,
however wide. ``--plain`` prints tab-separated values with a header line and no
padding, for ``cut`` and ``awk``. User text is never read as markup and loses its
control characters either way.
"""

from __future__ import annotations

import json
import sys

import typer

#: The width a piped table may take: as wide as its longest row.
UNLIMITED = 100_000


def plain_option() -> bool:
    """The ``--plain`` option of a listing."""
    return typer.Option(False, "--plain", help="Tab-separated values, one row per line.")


def print_table(headers: list[str], rows: list[list[str]], *, plain: bool = False) -> None:
    """``rows`` under ``headers`` on stdout (see the module docstring)."""
    from collabtui.text import clean

    if plain:
        for row in [headers, *rows]:
            cells = (clean(cell, single_line=True).replace("\t", " ") for cell in row)
            typer.echo("\t".join(cells))
        return
    from rich.console import Console
    from rich.table import Table

    from collabtui.text import safe

    piped = not sys.stdout.isatty()
    table = Table(*headers, box=None, pad_edge=False, header_style="bold")
    for row in rows:
        table.add_row(*(safe(clean(cell, single_line=True) if piped else cell) for cell in row))
    console = Console(soft_wrap=False, highlight=False, width=UNLIMITED if piped else None)
    if piped:
        with console.capture() as captured:
            console.print(table)
        typer.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))
        return
    console.print(table)


def print_json(value: object) -> None:
    """``value`` as indented JSON (non-ASCII kept), control characters escaped."""
    from collabtui.text import for_terminal

    typer.echo(for_terminal(json.dumps(value, ensure_ascii=False, indent=2)))
