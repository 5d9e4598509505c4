"""What every ``collab`` command that prints a document shares: the ``--format`` and
``--lang`` checks and the one way to print or write the result."""

from __future__ import annotations

from pathlib import Path

import typer

from collabtui import i18n
from collabtui.cli import CliError
from collabtui.i18n import t


def check_format(value: str, choices: tuple[str, ...]) -> str:
    """``value`` as one of ``choices`` (case and spaces ignored), else a one-line error."""
    kind = value.strip().lower()
    if kind not in choices:
        raise CliError(t("export.err.bad_format", value=value, choices="|".join(choices)))
    return kind


def language(value: str | None, default: str) -> str:
    """The language ``--lang`` names, else ``default`` (the global one)."""
    if not value:
        return default
    try:
        return i18n.normalize(value)
    except i18n.UnknownLanguage as exc:
        raise CliError(
            "--lang: "
            + t("cli.err.unknown_lang", value=exc.value, choices=", ".join(i18n.LANGUAGES))
        ) from None


def write_output(text: str, output: str | None) -> None:
    """Print ``text``, or write it to ``output`` as UTF-8 (``-`` means stdout).

    Printed text never carries a control sequence from the data to the terminal
    (:func:`collabtui.text.for_terminal`). A file is written whole or not at all:
    into a temporary file beside it, then renamed over it, so a reader never sees
    half a document and a failed export leaves the old file as it was.
    """
    if output is None or output == "-":
        from collabtui.text import for_terminal

        typer.echo(for_terminal(text), nl=False)
        return
    from collabtui.files import write_file

    path = Path(output)
    try:
        write_file(path, text)
    except IsADirectoryError:
        raise CliError(t("export.err.is_directory", path=path)) from None
    except FileNotFoundError as exc:
        raise CliError(t("export.err.no_folder", folder=exc.filename)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CliError(t("export.err.cannot_write", path=path, reason=reason)) from None
