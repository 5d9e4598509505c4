"""``collab export …``: documents for people who do not use collab, on stdout or in a file."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from collabtui import i18n
from collabtui.cli import CliError
from collabtui.i18n import t
from collabtui.outfiles import minutes_filename

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
    tz = settings.clock.tz
    text = render_request_md(doc, language, tz=tz) if kind == "md" else render_request_json(doc)
    write_output(text, output)


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
    settings = ctx.find_root().obj
    kind = _format(fmt, MINUTES_FORMATS)
    language = _language(lang, settings.lang)
    if every:
        if meeting is not None:
            raise CliError(t("export.err.meeting_and_all"))
        if not output or output == "-":
            raise CliError(t("export.err.all_needs_output"))
        folder = Path(output).expanduser()
        if not folder.is_dir():
            raise CliError(t("export.err.not_a_folder", path=folder))
        _write_all(settings, project, folder, kind, language)
        return
    if project is not None:
        raise CliError(t("export.err.project_needs_all"))
    if meeting is None:
        raise CliError(t("export.err.need_meeting"))
    if not meeting.strip().isdigit():
        raise CliError(t("export.err.meeting_id", value=meeting))
    store = settings.open_store()
    try:
        doc = store.minutes_document(meeting)
    finally:
        store.close()
    write_output(_render_minutes(doc, kind, language, settings.clock.tz), output)


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
    settings = ctx.find_root().obj
    _format(fmt, CALENDAR_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.calendar import render_calendar_ics

    store = settings.open_store()
    try:
        meetings = store.calendar_meetings(project)
    finally:
        store.close()
    write_output(render_calendar_ics(meetings, language).decode("utf-8"), output)


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


def _export(ctx: typer.Context, fmt: str, formats, lang: str | None, output, produce) -> None:
    """Check the format and language, open the store, let ``produce(store, kind,
    language, settings)`` render the text, close the store, write the text."""
    settings = ctx.find_root().obj
    kind = _format(fmt, formats)
    language = _language(lang, settings.lang)
    store = settings.open_store()
    try:
        text = produce(store, kind, language, settings)
    finally:
        store.close()
    write_output(text, output)


@export_app.command("tasks")
def tasks(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = TABLE_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The task tracking table (表3); CSV opens in Excel and LibreOffice as it is."""
    from collabtui.export.tasks import render_tasks

    def produce(store, kind, language, settings):
        pid, ref = _project_ref(store, project)
        return render_tasks(store.task_rows(pid), kind, ref, _now(settings), language)

    _export(ctx, fmt, TABLE_FORMATS, lang, output, produce)


@export_app.command("resources")
def resources(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = TABLE_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The resource requests (《资源申请表》) with their in-place dates."""
    from collabtui.export.resources import render_resources

    def produce(store, kind, language, settings):
        pid, ref = _project_ref(store, project)
        return render_resources(store.resource_rows(pid), kind, ref, _now(settings), language)

    _export(ctx, fmt, TABLE_FORMATS, lang, output, produce)


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
    from collabtui.domain.weeks import iso_week, parse_week
    from collabtui.export.progress import render_progress

    if week is not None:
        try:
            week = parse_week(week)
        except ValueError:
            raise CliError(t("standup.err.week", value=week)) from None

    def produce(store, kind, language, settings):
        pid, ref = _project_ref(store, project)
        chosen = week
        if chosen is None:
            weeks = store.progress_weeks(pid)
            chosen = weeks[0] if weeks else iso_week(_now(settings).date())
        rows = store.progress_list(pid, chosen)
        return render_progress(rows, chosen, kind, ref, _now(settings), language)

    _export(ctx, fmt, TABLE_FORMATS, lang, output, produce)


@export_app.command("risks")
def risks(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = TABLE_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The risk warnings (《风险预警表》) with lead time and the 24-hour rule (local time)."""
    from collabtui.export.risks import render_risks

    def produce(store, kind, language, settings):
        pid, ref = _project_ref(store, project)
        return render_risks(
            store.risk_rows(pid, tz=settings.clock.tz), kind, ref, _now(settings), language
        )

    _export(ctx, fmt, TABLE_FORMATS, lang, output, produce)


@export_app.command("retro")
def retro(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = DOC_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The retrospective summary (《协作复盘总结表》) and the 5-working-day rule."""
    from collabtui.export.retro import render_retro

    def produce(store, kind, language, settings):
        now = _now(settings)
        report = _retro_report(store, project, settings, now)
        return render_retro(report, kind, now, language)

    _export(ctx, fmt, REQUEST_FORMATS, lang, output, produce)


@export_app.command("project")
def project_dossier(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = DOC_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The project dossier: every phase in one document."""
    from collabtui.export.dossier import Dossier, render_dossier_json, render_dossier_md

    def produce(store, kind, language, settings):
        now = _now(settings)
        pid, ref = _project_ref(store, project)
        dossier = Dossier(
            project=ref,
            request=store.request_document(pid),
            minutes=store.minutes_documents(pid),
            tasks=store.task_rows(pid),
            progress=[
                (week, store.progress_list(pid, week))
                for week in reversed(store.progress_weeks(pid))
            ],
            risks=store.risk_rows(pid, tz=now.tzinfo),
            resources=store.resource_rows(pid),
            acceptance=store.acceptance_report(pid),
            retro=_retro_report(store, pid, settings, now),
        )
        render = render_dossier_md if kind == "md" else render_dossier_json
        return render(dossier, now, language)

    _export(ctx, fmt, REQUEST_FORMATS, lang, output, produce)


@export_app.command("handbook")
def handbook(
    ctx: typer.Context,
    fmt: str = typer.Option("md", "--format", metavar="md", help="Output format."),
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The best-practice handbook (《跨部门协作最佳实践手册》), grouped by tag."""
    from collabtui.export.handbook import render_handbook

    def produce(store, kind, language, settings):
        return render_handbook(store.practices(), kind, _now(settings), language)

    _export(ctx, fmt, HANDBOOK_FORMATS, lang, output, produce)


@export_app.command("acceptance")
def acceptance(
    ctx: typer.Context,
    project: str = PROJECT_ARG,
    fmt: str = DOC_FORMAT_OPT,
    output: str | None = OUTPUT_OPT,
    lang: str | None = LANG_OPT,
) -> None:
    """The acceptance report (《成果验收报告》): items, verdicts, sign-offs, conclusion."""
    from collabtui.export.acceptance import render_acceptance

    def produce(store, kind, language, settings):
        return render_acceptance(store.acceptance_report(project), kind, _now(settings), language)

    _export(ctx, fmt, REQUEST_FORMATS, lang, output, produce)


@export_app.command("all")
def export_all(
    ctx: typer.Context,
    fmt: str = typer.Option("json", "--format", metavar="json", help="Output format."),
    output: str | None = OUTPUT_OPT,
) -> None:
    """The whole store, change log included, as a collab-export JSON document."""
    from collabtui.cli.exchange import export_all as run

    run(ctx, fmt, output)


def _retro_report(store, project, settings, now):
    """The retrospective report, its 5-working-day rule on the configured calendar."""
    from collabtui.domain.workdays import UnknownCountry, work_calendar

    try:
        calendar = work_calendar(settings.config.holiday_country)
    except UnknownCountry as exc:
        raise CliError(t("alert.err.country", reason=str(exc))) from None
    zone = now.tzinfo
    return store.retro_report(project, calendar=calendar, tz=zone, today=now.date())


def _project_ref(store, key: str):
    """``(id, ProjectRef)`` of the project with this id or code (``NotFound`` otherwise)."""
    from collabtui.export.tabular import ProjectRef

    found = store.project(key)
    return found.id, ProjectRef(code=found.code, topic=found.topic)


def _now(settings):
    """The moment an export is made, in the user's zone (documents show times in it)."""
    return settings.clock.local_now().replace(microsecond=0)


def _render_minutes(doc, kind: str, language: str, tz) -> str:
    """One meeting's minutes in ``kind`` (an e-mail as its text: ASCII or UTF-8)."""
    from collabtui.export import minutes as render

    if kind == "json":
        return render.render_minutes_json(doc)
    if kind == "eml":
        return render.render_minutes_eml(doc, language, tz=tz).decode("utf-8")
    return render.render_minutes_md(doc, language, tz=tz)


def _write_all(settings, project: str | None, folder: Path, kind: str, language: str) -> None:
    """Write one file per meeting into ``folder``, with a progress bar on a terminal."""
    from collabtui.files import write_file

    store = settings.open_store()
    try:
        docs = store.minutes_documents(project)
    finally:
        store.close()

    def write(doc) -> None:
        path = folder / minutes_filename(doc, kind, settings.clock.tz)
        try:
            write_file(path, _render_minutes(doc, kind, language, settings.clock.tz))
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
