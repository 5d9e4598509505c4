"""``collab export …``: documents for people who do not use collab, on stdout or in a file.

Each command checks its options and hands the rest to :mod:`collabtui.services.exports`,
the one place that renders a document for the CLI and the app alike.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import typer

from collabtui.cli import CliError
from collabtui.cli.options import check_format, language, write_output
from collabtui.i18n import t

export_app = typer.Typer(
    help="Export documents as Markdown, CSV, JSON, e-mail or calendar files.",
    no_args_is_help=True,
)

#: The formats ``collab export request`` writes.
REQUEST_FORMATS = ("md", "json")
#: The formats ``collab export minutes`` writes.
MINUTES_FORMATS = ("md", "json", "eml")
#: The formats ``collab export calendar`` writes.
CALENDAR_FORMATS = ("ics",)
#: The formats ``collab export tasks``, ``resources`` and ``risks`` write.
TABLE_FORMATS = ("md", "csv", "json")
#: The formats ``collab export handbook`` writes.
HANDBOOK_FORMATS = ("md",)

#: Shared arguments of the per-project exports.
PROJECT_ARG = typer.Argument(..., metavar="PROJECT", help="The project's id or code.")
OUTPUT_OPT = typer.Option(
    None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
)
LANG_OPT = typer.Option(
    None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
)
TABLE_FORMAT_OPT = typer.Option("md", "--format", metavar="md|csv|json", help="Output format.")
DOC_FORMAT_OPT = typer.Option("md", "--format", metavar="md|json", help="Output format.")


def _export(
    ctx: typer.Context,
    fmt: str,
    formats: tuple[str, ...],
    lang: str | None,
    output: str | None,
    make: Callable,
) -> None:
    """Check the format and language, open the store, let the service ``make(store,
    fmt=, lang=, clock=)`` render the document, close the store, write the text."""
    from collabtui.domain.workdays import UnknownCountry

    settings = ctx.find_root().obj
    kind = check_format(fmt, formats)
    chosen = language(lang, settings.lang)
    store = settings.open_store()
    try:
        document = make(store, fmt=kind, lang=chosen, clock=settings.clock)
    except UnknownCountry as exc:
        raise CliError(t("alert.err.country", reason=str(exc))) from None
    finally:
        store.close()
    write_output(document.text, output)


def _holidays(ctx: typer.Context) -> str | None:
    """The country whose working days the 5-day rule counts (the config's ``holidays``)."""
    return ctx.find_root().obj.config.holiday_country


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
    from collabtui.services import exports

    _export(ctx, fmt, REQUEST_FORMATS, lang, output, partial(exports.request, project=project))


@export_app.command("minutes")
def minutes(
    ctx: typer.Context,
    meeting: str | None = typer.Argument(
        None, metavar="[MEETING]", help="The meeting's id (omit with --all)."
    ),
    fmt: str = typer.Option("md", "--format", metavar="md|json|eml", help="Output format."),
    output: str | None = typer.Option(
        None,
        "-o",
        "--output",
        metavar="FILE|DIR",
        help="Write to FILE instead of stdout; with --all, the folder to write into.",
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
    ),
    project: str | None = typer.Option(
        None, "--project", metavar="PROJECT", help="With --all: only this project's meetings."
    ),
    every: bool = typer.Option(
        False, "--all", help="Write the minutes of every meeting (of --project) into -o DIR."
    ),
) -> None:
    """The minutes of a meeting (表2), or of every meeting with --all -o DIR."""
    if every:
        if meeting is not None:
            raise CliError(t("export.err.meeting_and_all"))
        if not output or output == "-":
            raise CliError(t("export.err.all_needs_output"))
        folder = Path(output).expanduser()
        if not folder.is_dir():
            raise CliError(t("export.err.not_a_folder", path=folder))
        settings = ctx.find_root().obj
        kind = check_format(fmt, MINUTES_FORMATS)
        _write_all(settings, project, folder, kind, language(lang, settings.lang))
        return
    if project is not None:
        raise CliError(t("export.err.project_needs_all"))
    if meeting is None:
        raise CliError(t("export.err.need_meeting"))
    if not meeting.strip().isdigit():
        raise CliError(t("export.err.meeting_id", value=meeting))
    from collabtui.services import exports

    _export(ctx, fmt, MINUTES_FORMATS, lang, output, partial(exports.minutes, meeting=meeting))


@export_app.command("calendar")
def calendar(
    ctx: typer.Context,
    project: str | None = typer.Option(
        None, "--project", metavar="PROJECT", help="Only this project's meetings (id or code)."
    ),
    fmt: str = typer.Option("ics", "--format", metavar="ics", help="Output format."),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
    ),
) -> None:
    """The meetings as an iCalendar (.ics) file, with attendees and agendas."""
    from collabtui.services import exports

    _export(ctx, fmt, CALENDAR_FORMATS, lang, output, partial(exports.calendar, project=project))


@export_app.command("tasks")
def tasks(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = TABLE_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The task tracking table (表3); CSV opens in Excel and LibreOffice as it is."""
    from collabtui.services import exports

    _export(ctx, fmt, TABLE_FORMATS, lang, output, partial(exports.tasks, project=project))


@export_app.command("resources")
def resources(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = TABLE_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The resource requests (《资源申请表》) with their in-place dates."""
    from collabtui.services import exports

    _export(ctx, fmt, TABLE_FORMATS, lang, output, partial(exports.resources, project=project))


@export_app.command("progress")
def progress(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    week: str | None = typer.Option(
        None, "--week", metavar="YYYY-Www", help="The week (default: the latest with a list)."
    ),
    fmt: str = TABLE_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """A week's progress tracking list (《进度跟踪清单》)."""
    from collabtui.domain.weeks import parse_week
    from collabtui.services import exports

    if week is not None:
        try:
            week = parse_week(week)
        except ValueError:
            raise CliError(t("standup.err.week", value=week)) from None
    _export(
        ctx,
        fmt,
        TABLE_FORMATS,
        lang,
        output,
        partial(exports.progress, project=project, week=week),
    )


@export_app.command("risks")
def risks(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = TABLE_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The risk warnings (《风险预警表》) with lead time and the 24-hour rule (local time)."""
    from collabtui.services import exports

    _export(ctx, fmt, TABLE_FORMATS, lang, output, partial(exports.risks, project=project))


@export_app.command("retro")
def retro(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = DOC_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The retrospective summary (《协作复盘总结表》) and the 5-working-day rule."""
    from collabtui.services import exports

    holidays = _holidays(ctx)
    _export(
        ctx,
        fmt,
        REQUEST_FORMATS,
        lang,
        output,
        partial(exports.retro, project=project, holidays=holidays),
    )


@export_app.command("project")
def project_dossier(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = DOC_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The project dossier: every phase in one document."""
    from collabtui.services import exports

    holidays = _holidays(ctx)
    _export(
        ctx,
        fmt,
        REQUEST_FORMATS,
        lang,
        output,
        partial(exports.dossier, project=project, holidays=holidays),
    )


@export_app.command("handbook")
def handbook(
    ctx: typer.Context,
    fmt: str = typer.Option("md", "--format", metavar="md", help="Output format."),
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The best-practice handbook (《跨部门协作最佳实践手册》), grouped by tag."""
    from collabtui.services import exports

    _export(ctx, fmt, HANDBOOK_FORMATS, lang, output, exports.handbook)


@export_app.command("acceptance")
def acceptance(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = DOC_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The acceptance report (《成果验收报告》): items, verdicts, sign-offs, conclusion."""
    from collabtui.services import exports

    _export(
        ctx,
        fmt,
        REQUEST_FORMATS,
        lang,
        output,
        partial(exports.acceptance, project=project),
    )


@export_app.command("all")
def export_all(
    ctx: typer.Context,
    fmt: str = typer.Option("json", "--format", metavar="json", help="Output format."),
    output: str | None = OUTPUT_OPT,
) -> None:
    """The whole store, change log included, as a collab-export JSON document."""
    from collabtui.cli.exchange import export_all as run

    run(ctx, fmt, output)


def _write_all(settings, project: str | None, folder: Path, kind: str, chosen: str) -> None:
    """Write one file per meeting into ``folder``, with a progress bar on a terminal."""
    from collabtui.files import write_file
    from collabtui.services import exports

    store = settings.open_store()
    try:
        docs = store.minutes_documents(project)
    finally:
        store.close()

    def write(doc) -> None:
        path = folder / exports.minutes_filename(doc, kind, settings.clock.tz)
        try:
            write_file(path, exports.render_minutes(doc, kind, chosen, settings.clock.tz))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise CliError(t("export.err.cannot_write", path=path, reason=reason)) from None

    if sys.stderr.isatty() and docs:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        columns = (
            "{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(t("export.minutes.progress"), total=len(docs))
            for doc in docs:
                write(doc)
                bar.advance(task)
    else:
        for doc in docs:
            write(doc)
    typer.echo(t("export.minutes.written", n=len(docs), folder=folder), err=True)
