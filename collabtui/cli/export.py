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
    text = render_request_md(doc, language) if kind == "md" else render_request_json(doc)
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
    write_output(_render_minutes(doc, kind, language), output)


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


@export_app.command("tasks")
def tasks(
    ctx: typer.Context,
    project: str = typer.Argument(..., metavar="PROJECT", help="The project's id or code."),
    fmt: str = typer.Option("md", "--format", metavar="md|csv|json", help="Output format."),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
    ),
) -> None:
    """The task tracking table (表3); CSV opens in Excel and LibreOffice as it is."""
    settings = ctx.find_root().obj
    kind = _format(fmt, TABLE_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.tasks import render_tasks

    store = settings.open_store()
    try:
        ref = _project_ref(store, project)
        rows = store.task_rows(ref[0])
    finally:
        store.close()
    write_output(render_tasks(rows, kind, ref[1], _now(), language), output)


@export_app.command("resources")
def resources(
    ctx: typer.Context,
    project: str = typer.Argument(..., metavar="PROJECT", help="The project's id or code."),
    fmt: str = typer.Option("md", "--format", metavar="md|csv|json", help="Output format."),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
    ),
) -> None:
    """The resource requests (《资源申请表》) with their in-place dates."""
    settings = ctx.find_root().obj
    kind = _format(fmt, TABLE_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.resources import render_resources

    store = settings.open_store()
    try:
        ref = _project_ref(store, project)
        rows = store.resource_rows(ref[0])
    finally:
        store.close()
    write_output(render_resources(rows, kind, ref[1], _now(), language), output)


@export_app.command("progress")
def progress(
    ctx: typer.Context,
    project: str = typer.Argument(..., metavar="PROJECT", help="The project's id or code."),
    week: str | None = typer.Option(
        None, "--week", metavar="YYYY-Www", help="The week (default: the latest with a list)."
    ),
    fmt: str = typer.Option("md", "--format", metavar="md|csv|json", help="Output format."),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
    ),
) -> None:
    """A week's progress tracking list (《进度跟踪清单》)."""
    settings = ctx.find_root().obj
    kind = _format(fmt, TABLE_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.progress import render_progress
    from collabtui.weeks import iso_week, parse_week

    if week is not None:
        try:
            week = parse_week(week)
        except ValueError:
            raise CliError(t("standup.err.week", value=week)) from None
    store = settings.open_store()
    try:
        ref = _project_ref(store, project)
        if week is None:
            weeks = store.progress_weeks(ref[0])
            week = weeks[0] if weeks else iso_week(_now().astimezone().date())
        rows = store.progress_list(ref[0], week)
    finally:
        store.close()
    write_output(render_progress(rows, week, kind, ref[1], _now(), language), output)


@export_app.command("risks")
def risks(
    ctx: typer.Context,
    project: str = typer.Argument(..., metavar="PROJECT", help="The project's id or code."),
    fmt: str = typer.Option("md", "--format", metavar="md|csv|json", help="Output format."),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
    ),
) -> None:
    """The risk warnings (《风险预警表》) with lead time and the 24-hour rule (local time)."""
    settings = ctx.find_root().obj
    kind = _format(fmt, TABLE_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.risks import render_risks

    store = settings.open_store()
    try:
        ref = _project_ref(store, project)
        rows = store.risk_rows(ref[0])
    finally:
        store.close()
    write_output(render_risks(rows, kind, ref[1], _now(), language), output)


@export_app.command("retro")
def retro(
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
    """The retrospective summary (《协作复盘总结表》) and the 5-working-day rule."""
    settings = ctx.find_root().obj
    kind = _format(fmt, REQUEST_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.retro import render_retro
    from collabtui.workdays import UnknownCountry, work_calendar

    try:
        calendar = work_calendar(settings.config.holiday_country)
    except UnknownCountry as exc:
        raise CliError(t("alert.err.country", reason=str(exc))) from None
    now = _now()
    zone = now.astimezone().tzinfo
    store = settings.open_store()
    try:
        report = store.retro_report(
            project, calendar=calendar, tz=zone, today=now.astimezone(zone).date()
        )
    finally:
        store.close()
    write_output(render_retro(report, kind, now, language), output)


@export_app.command("project")
def project_dossier(
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
    """The project dossier: every phase in one document."""
    settings = ctx.find_root().obj
    kind = _format(fmt, REQUEST_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.dossier import Dossier, render_dossier_json, render_dossier_md
    from collabtui.workdays import UnknownCountry, work_calendar

    try:
        calendar = work_calendar(settings.config.holiday_country)
    except UnknownCountry as exc:
        raise CliError(t("alert.err.country", reason=str(exc))) from None
    now = _now()
    zone = now.astimezone().tzinfo
    store = settings.open_store()
    try:
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
            risks=store.risk_rows(pid),
            resources=store.resource_rows(pid),
            acceptance=store.acceptance_report(pid),
            retro=store.retro_report(
                pid, calendar=calendar, tz=zone, today=now.astimezone(zone).date()
            ),
        )
    finally:
        store.close()
    render = render_dossier_md if kind == "md" else render_dossier_json
    write_output(render(dossier, now, language), output)


@export_app.command("handbook")
def handbook(
    ctx: typer.Context,
    fmt: str = typer.Option("md", "--format", metavar="md", help="Output format."),
    output: str | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|zh-CN", help="Language (default: the global language)."
    ),
) -> None:
    """The best-practice handbook (《跨部门协作最佳实践手册》), grouped by tag."""
    settings = ctx.find_root().obj
    kind = _format(fmt, HANDBOOK_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.handbook import render_handbook

    store = settings.open_store()
    try:
        practices = store.practices()
    finally:
        store.close()
    write_output(render_handbook(practices, kind, _now(), language), output)


@export_app.command("acceptance")
def acceptance(
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
    """The acceptance report (《成果验收报告》): items, verdicts, sign-offs, conclusion."""
    settings = ctx.find_root().obj
    kind = _format(fmt, REQUEST_FORMATS)
    language = _language(lang, settings.lang)
    from collabtui.export.acceptance import render_acceptance

    store = settings.open_store()
    try:
        report = store.acceptance_report(project)
    finally:
        store.close()
    write_output(render_acceptance(report, kind, _now(), language), output)


def _project_ref(store, key: str):
    """``(id, ProjectRef)`` of the project with this id or code (``NotFound`` otherwise)."""
    from collabtui.export.tabular import ProjectRef

    found = store.project(key)
    return found.id, ProjectRef(code=found.code, topic=found.topic)


def _now():
    """The moment an export is made (UTC; shown in local time)."""
    from collabtui.clock import Clock

    return Clock().now().replace(microsecond=0)


def _render_minutes(doc, kind: str, language: str) -> str:
    """One meeting's minutes in ``kind`` (an e-mail as its text: ASCII or UTF-8)."""
    from collabtui.export import minutes as render

    if kind == "json":
        return render.render_minutes_json(doc)
    if kind == "eml":
        return render.render_minutes_eml(doc, language).decode("utf-8")
    return render.render_minutes_md(doc, language)


def _write_all(settings, project: str | None, folder: Path, kind: str, language: str) -> None:
    """Write one file per meeting into ``folder``, with a progress bar on a terminal."""
    from collabtui.outfiles import write_atomic

    store = settings.open_store()
    try:
        docs = store.minutes_documents(project)
    finally:
        store.close()

    def write(doc) -> None:
        path = folder / minutes_filename(doc, kind)
        try:
            write_atomic(path, _render_minutes(doc, kind, language))
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
