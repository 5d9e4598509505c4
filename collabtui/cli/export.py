"""``collab export …``: documents for people who do not use collab, on stdout or in a file."""

from __future__ import annotations

from pathlib import Path

import typer

from collabtui import i18n
from collabtui.cli import CliError
from collabtui.i18n import t

export_app = typer.Typer(help="Export documents as Markdown or JSON.", no_args_is_help=True)

#: The formats ``collab export request`` writes.
REQUEST_FORMATS = ("md", "json")


@export_app.command("request")
def request(
    ctx: typer.Context,
    project: str = typer.Argument(..., metavar="PROJECT", help="The project's id or code."),
    fmt: str = typer.Option("md", "--format", metavar="md|json", help="Output format."),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
    ),
) -> None:
    """The request form, the one-to-one alignment and the confirmation minutes."""
    settings = ctx.find_root().obj
    kind = _format(fmt, REQUEST_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.request import render_request_json, render_request_md

    store = settings.open_store()
    try:
        doc = store.request_document(project)
    finally:
        store.close()
    text = render_request_md(doc, language) if kind == "md" else render_request_json(doc)
    write_output(text, output)


def _format(value: str, choices: tuple[str, ...]) -> str:
    kind = value.strip().lower()
    if kind not in choices:
        raise CliError(t("export.err.bad_format", value=value, choices="|".join(choices)))
    return kind


def _language(value: str | None, default: str) -> str:
    if not value:
        return default
    try:
        return i18n.normalize(value)
    except i18n.UnknownLanguage as exc:
        raise CliError(f"--lang: {exc}") from None


def write_output(text: str, output: str | None) -> None:
    """Print ``text``, or write it to ``output`` as UTF-8 (``-`` means stdout).

    A file is written whole or not at all: into a temporary file beside it, then
    renamed over it, so a reader never sees half a document and a failed export
    leaves the old file as it was.
    """
    if output is None or output == "-":
        typer.echo(text, nl=False)
        return
    from collabtui.outfiles import write_atomic

    path = Path(output)
    try:
        write_atomic(path, text)
    except IsADirectoryError:
        raise CliError(t("export.err.is_directory", path=path)) from None
    except FileNotFoundError as exc:
        raise CliError(t("export.err.no_folder", folder=exc.filename)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CliError(t("export.err.cannot_write", path=path, reason=reason)) from None
