"""``collab export all``, ``collab import``, ``collab backup`` and ``collab restore``.

The whole store as a ``collab-export`` JSON document (:mod:`collabtui.store.interchange`), its
import into an empty store after every check passed, consistent backups while the
app runs, and restores from a backup (a SQLite file or a JSON export) through the
same checks and the same loading code as the import.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from collabtui import paths
from collabtui.cli import CliError
from collabtui.i18n import t
from collabtui.store.location import describe

#: The formats ``collab export all`` writes.
ALL_FORMATS = ("json",)

IMPORT_ARG = typer.Argument(..., metavar="FILE", help="A collab-export JSON document.")
RESTORE_ARG = typer.Argument(..., metavar="FILE", help="A backup: a SQLite file or a JSON export.")
BACKUP_ARG = typer.Argument(
    None, metavar="[FILE]", help="Where to write (default: a dated file in backups/)."
)


def _settings(ctx: typer.Context):
    return ctx.find_root().obj


@contextmanager
def _progress(description: str, total: int) -> Iterator[object]:
    """A ``progress(table, rows)`` callback: a Rich bar on a terminal's stderr, else none."""
    if not sys.stderr.isatty() or total <= 0:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda _table, rows: bar.advance(task, rows)


def _total_rows(store) -> int:
    from collabtui.store.models import TABLES

    return sum(store.count(model) for model in TABLES.values())


def export_all(ctx: typer.Context, fmt: str, output: str | None) -> None:
    """Write the whole store as a ``collab-export`` document to ``output`` or stdout."""
    from collabtui.cli.options import check_format
    from collabtui.store.exchange import write_private

    check_format(fmt, ALL_FORMATS)
    store = _settings(ctx).open_store()
    try:
        with _progress(t("exchange.progress.export"), _total_rows(store)) as advance:
            text = store.export_json(advance)
    finally:
        store.close()
    if output is None or output == "-":
        from collabtui.text import for_terminal

        typer.echo(for_terminal(text), nl=False)  # JSON escapes: reads back the same
        return
    path = Path(output).expanduser()
    try:
        write_private(path, text, force=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CliError(t("export.err.cannot_write", path=path, reason=reason)) from None


def import_file(
    ctx: typer.Context,
    file: Path = IMPORT_ARG,
) -> None:
    """Load a JSON export into an empty store: everything is checked first."""
    settings = _settings(ctx)
    document = _document(file)
    store = settings.open_store()
    try:
        _refuse_data(store, settings.url)
        counts = _load(store, document, file)
    finally:
        store.close()
    typer.echo(t("exchange.imported", n=sum(counts.values()), where=describe(settings.url)))


def restore(
    ctx: typer.Context,
    file: Path = RESTORE_ARG,
) -> None:
    """Restore a backup (SQLite or JSON) into an empty store."""
    from collabtui.sources import is_regular
    from collabtui.store import Store
    from collabtui.store.exchange import is_sqlite_file
    from collabtui.store.interchange.format import FORMAT, SCHEMA_VERSION
    from collabtui.store.interchange.stream import Parsed

    settings = _settings(ctx)
    if file.expanduser().exists() and not is_regular(file.expanduser()):
        raise CliError(t("exchange.err.read", path=file, reason=t("err.db.special_file")))
    try:
        sqlite = is_sqlite_file(file)
    except OSError as exc:
        raise CliError(t("exchange.err.read", path=file, reason=exc.strerror or exc)) from None
    store = settings.open_store()
    try:
        _refuse_data(store, settings.url)
        if sqlite:
            tables = Store.read_backup_tables(file)
            document = Parsed(
                {"format": FORMAT, "schema_version": SCHEMA_VERSION, "tables": tables}
            )
        else:
            document = _document(file)
        counts = _load(store, document, file)
    finally:
        store.close()
    n = sum(counts.values())
    typer.echo(t("exchange.restored", n=n, path=file, where=describe(settings.url)))


def backup(
    ctx: typer.Context,
    file: Path | None = BACKUP_ARG,
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
) -> None:
    """A consistent copy of the store, safe while the app runs; owner-only."""
    settings = _settings(ctx)
    store = settings.open_store()
    try:
        dest = file.expanduser() if file is not None else _default_backup(store.path is None)
        try:
            written = store.backup_to(dest.absolute(), force=force)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise CliError(t("export.err.cannot_write", path=dest, reason=reason)) from None
    finally:
        store.close()
    typer.echo(t("exchange.backup_written", where=describe(settings.url), path=written))


def _default_backup(server: bool) -> Path:
    """``<data dir>/backups/collab-<UTC stamp>.sqlite3`` (``.json`` for a server)."""
    from collabtui.domain.clock import Clock

    folder = paths.backups_dir()
    stamp = Clock().now().strftime("%Y%m%dT%H%M%SZ")
    return folder / f"collab-{stamp}.{'json' if server else 'sqlite3'}"


def _refuse_data(store, url: str) -> None:
    if store.holds_data():
        raise CliError(t("exchange.err.not_empty", where=describe(url)))


#: Bytes read from an import file at a time.
READ_CHUNK = 1 << 20


def _document(file: Path):
    """The import file as a streamed document: read row by row, twice, never whole."""
    from collabtui.sources import open_regular
    from collabtui.store.interchange.stream import Document

    path = file.expanduser()

    def chunks() -> Iterator[bytes]:
        with open_regular(path) as fh:  # a FIFO or a device is refused, never read
            while chunk := fh.read(READ_CHUNK):
                yield chunk

    return Document(chunks)


def _read_json(file: Path) -> object:
    """The parsed document in ``file``, read whole; a read, encoding or syntax error stops.

    Only for a file the streamed reader refused: the standard parser says where the
    syntax breaks (line and column), or reads what the streamed reader would not.
    """
    from collabtui.sources import read_regular
    from collabtui.store.interchange.validate import parse_document

    with _reading(file):
        raw = read_regular(file.expanduser())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(t("exchange.err.encoding", path=file, offset=exc.start)) from None
    del raw
    data, problems = parse_document(text)
    if problems:
        _report(problems, file)
    return data


@contextmanager
def _reading(file: Path) -> Iterator[None]:
    """A file that cannot be read is one ``collab: error:`` line naming it."""
    from collabtui.sources import NotRegularFile

    try:
        yield
    except NotRegularFile:
        raise CliError(t("exchange.err.read", path=file, reason=t("err.db.special_file"))) from None
    except OSError as exc:
        raise CliError(t("exchange.err.read", path=file, reason=exc.strerror or exc)) from None


def _load(store, document, file: Path) -> dict[str, int]:
    """Check ``document``; report every problem and stop, or insert it all at once.

    The check reads the document once, row by row; the insert reads it again and
    decodes each row as it goes in (peak memory does not grow with the file).
    """
    from collabtui.store.interchange.format import decode_row, table_names
    from collabtui.store.interchange.stream import DocumentChanged, DocumentProblem, Parsed
    from collabtui.store.interchange.validate import check

    try:
        with _reading(file):
            problems = check(document)
    except DocumentProblem as exc:
        if exc.key == "exchange.err.encoding":
            raise CliError(t(exc.key, path=file, offset=exc.offset)) from None
        document = Parsed(_read_json(file))
        problems = check(document)
    if problems:
        _report(problems, file)
    tables = (
        (name, (decode_row(name, row) for row in rows))
        for name, rows in document.tables(table_names())
    )
    with _progress(t("exchange.progress.import"), document.rows) as advance:
        try:
            with _reading(file):
                return store.import_tables(tables, advance)
        except DocumentChanged:
            raise CliError(t("exchange.err.changed", path=file)) from None


def _report(problems, file: Path) -> None:
    """Every problem on stderr, one per line, then the one-line error (exit status 2)."""
    from collabtui.text import clean

    for problem in problems:
        typer.echo(clean(f"{file}: {problem}", single_line=True), err=True)
    raise CliError(t("exchange.err.invalid", path=file, n=len(problems)))


def register(app: typer.Typer) -> None:
    """Attach ``import``, ``backup`` and ``restore`` to the root app."""
    app.command("import")(import_file)
    app.command("backup")(backup)
    app.command("restore")(restore)
