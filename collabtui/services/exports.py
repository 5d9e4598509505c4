"""The documents collab exports, rendered the same for ``collab export …`` and the app.

One function per kind of document: it takes the store, the record's key (id or
code), the format, the language and the clock, and returns an :class:`Export`: the
rendered text and a default file name for the app's exports folder. Documents are
stamped with ``clock.local_now()`` and show times in ``clock.tz``. The formats are
checked by the caller (the CLI names the ones it accepts); the store raises its
usual errors (:class:`~collabtui.domain.errors.NotFound`, …).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from collabtui import paths
from collabtui.domain.clock import Clock
from collabtui.files import write_file

#: How much of a meeting's title goes into its file name.
TITLE_IN_NAME = 60


@dataclass(frozen=True)
class Export:
    """A rendered document and the file name it gets in the exports folder."""

    text: str
    filename: str


def exports_dir() -> Path:
    """Where the app writes the exports it is asked for by key (``<data dir>/exports``)."""
    return paths.data_dir() / "exports"


def save(export: Export) -> Path:
    """Write ``export`` into the exports folder (created when missing); its path."""
    return write_file(exports_dir() / export.filename, export.text, create_parent=True)


def safe_filename(text: str) -> str:
    """A file-name part from a project code (keeps CJK, drops path separators)."""
    kept = "".join(c if c.isalnum() or c in "-_." else "-" for c in text.strip())
    return kept.strip(".-") or "export"


def minutes_filename(doc, kind: str, tz: tzinfo) -> str:
    """``<start yyyy-mm-dd>-<id>-<title>.<kind>``: sorts by date (in ``tz``), unique by id."""
    title = safe_filename(" ".join(doc.title.split())[:TITLE_IN_NAME])
    return f"{doc.start_at.astimezone(tz):%Y-%m-%d}-{doc.id}-{title}.{kind}"


def stamp(clock: Clock) -> datetime:
    """The moment an export is made, in the user's zone, to the second."""
    return clock.local_now().replace(microsecond=0)


def _project_ref(store, key: int | str):
    """``(id, ProjectRef)`` of the project with this id or code (``NotFound`` otherwise)."""
    from collabtui.export.tabular import ProjectRef

    found = store.project(key)
    return found.id, ProjectRef(code=found.code, topic=found.topic)


def _name(code: str, what: str, lang: str, fmt: str) -> str:
    return f"{safe_filename(code)}-{what}.{lang}.{fmt}"


def request(store, project: int | str, fmt: str, lang: str, clock: Clock) -> Export:
    """The request form, the one-to-one alignment and the confirmation minutes (md|json)."""
    from collabtui.export.request import render_request_json, render_request_md

    doc = store.request_document(project)
    text = render_request_md(doc, lang, tz=clock.tz) if fmt == "md" else render_request_json(doc)
    return Export(text, _name(doc.code, "request", lang, fmt))


def render_minutes(doc, fmt: str, lang: str, tz: tzinfo) -> str:
    """One meeting's minutes in ``fmt`` (md|json|eml; an e-mail as its text)."""
    from collabtui.export import minutes as render

    if fmt == "json":
        return render.render_minutes_json(doc)
    if fmt == "eml":
        return render.render_minutes_eml(doc, lang, tz=tz).decode("utf-8")
    return render.render_minutes_md(doc, lang, tz=tz)


def minutes(store, meeting: int | str, fmt: str, lang: str, clock: Clock) -> Export:
    """A meeting's minutes (表2); the file name sorts by date and is unique by id."""
    doc = store.minutes_document(meeting)
    text = render_minutes(doc, fmt, lang, clock.tz)
    return Export(text, minutes_filename(doc, f"{lang}.{fmt}", clock.tz))


def calendar(store, project: int | str | None, fmt: str, lang: str, clock: Clock) -> Export:
    """The meetings (of one project, or all) as an iCalendar file (ics)."""
    from collabtui.export.calendar import render_calendar_ics

    meetings = store.calendar_meetings(project)
    code = store.project(project).code if project is not None else "meetings"
    return Export(render_calendar_ics(meetings, lang).decode("utf-8"), f"{code}.{lang}.ics")


def tasks(store, project: int | str, fmt: str, lang: str, clock: Clock) -> Export:
    """The task tracking table (表3): md|csv|json."""
    from collabtui.export.tasks import render_tasks

    pid, ref = _project_ref(store, project)
    text = render_tasks(store.task_rows(pid), fmt, ref, stamp(clock), lang)
    return Export(text, _name(ref.code, "tasks", lang, fmt))


def resources(store, project: int | str, fmt: str, lang: str, clock: Clock) -> Export:
    """The resource requests (《资源申请表》): md|csv|json."""
    from collabtui.export.resources import render_resources

    pid, ref = _project_ref(store, project)
    text = render_resources(store.resource_rows(pid), fmt, ref, stamp(clock), lang)
    return Export(text, _name(ref.code, "resources", lang, fmt))


def progress(
    store, project: int | str, fmt: str, lang: str, clock: Clock, week: str | None = None
) -> Export:
    """A week's progress tracking list (《进度跟踪清单》); no week: the latest with a list,
    else this week."""
    from collabtui.domain.weeks import iso_week
    from collabtui.export.progress import render_progress

    pid, ref = _project_ref(store, project)
    now = stamp(clock)
    if week is None:
        weeks = store.progress_weeks(pid)
        week = weeks[0] if weeks else iso_week(now.date())
    text = render_progress(store.progress_list(pid, week), week, fmt, ref, now, lang)
    return Export(text, _name(ref.code, f"progress-{week}", lang, fmt))


def risks(store, project: int | str, fmt: str, lang: str, clock: Clock) -> Export:
    """The risk warnings (《风险预警表》), the 24-hour rule on the user's clock: md|csv|json."""
    from collabtui.export.risks import render_risks

    pid, ref = _project_ref(store, project)
    rows = store.risk_rows(pid, tz=clock.tz)
    return Export(
        render_risks(rows, fmt, ref, stamp(clock), lang), _name(ref.code, "risks", lang, fmt)
    )


def _retro_report(store, project, holidays: str | None, now: datetime):
    """The retrospective report, its 5-working-day rule on ``holidays``' calendar
    (:class:`~collabtui.domain.workdays.UnknownCountry` for an unknown country)."""
    from collabtui.domain.workdays import work_calendar

    calendar = work_calendar(holidays)
    return store.retro_report(project, calendar=calendar, tz=now.tzinfo, today=now.date())


def retro(
    store, project: int | str, fmt: str, lang: str, clock: Clock, holidays: str | None
) -> Export:
    """The retrospective summary (《协作复盘总结表》): md|json; ``holidays`` is the
    country whose working days count (``None``: weekends only)."""
    from collabtui.export.retro import render_retro

    now = stamp(clock)
    report = _retro_report(store, project, holidays, now)
    code = store.project(project).code
    return Export(render_retro(report, fmt, now, lang), _name(code, "retro", lang, fmt))


def dossier(
    store, project: int | str, fmt: str, lang: str, clock: Clock, holidays: str | None
) -> Export:
    """The project dossier, every phase in one document: md|json."""
    from collabtui.export.dossier import Dossier, render_dossier_json, render_dossier_md

    now = stamp(clock)
    pid, ref = _project_ref(store, project)
    doc = Dossier(
        project=ref,
        request=store.request_document(pid),
        minutes=store.minutes_documents(pid),
        tasks=store.task_rows(pid),
        progress=[
            (week, store.progress_list(pid, week)) for week in reversed(store.progress_weeks(pid))
        ],
        risks=store.risk_rows(pid, tz=now.tzinfo),
        resources=store.resource_rows(pid),
        acceptance=store.acceptance_report(pid),
        retro=_retro_report(store, pid, holidays, now),
    )
    render = render_dossier_md if fmt == "md" else render_dossier_json
    return Export(render(doc, now, lang), _name(ref.code, "dossier", lang, fmt))


def handbook(store, fmt: str, lang: str, clock: Clock) -> Export:
    """The best-practice handbook (《跨部门协作最佳实践手册》), grouped by tag: md."""
    from collabtui.export.handbook import render_handbook

    return Export(
        render_handbook(store.practices(), fmt, stamp(clock), lang), f"handbook.{lang}.{fmt}"
    )


def acceptance(store, project: int | str, fmt: str, lang: str, clock: Clock) -> Export:
    """The acceptance report (《成果验收报告》): md|json."""
    from collabtui.export.acceptance import render_acceptance

    report = store.acceptance_report(project)
    code = store.project(project).code
    text = render_acceptance(report, fmt, stamp(clock), lang)
    return Export(text, _name(code, "acceptance", lang, fmt))


__all__ = [
    "Export",
    "acceptance",
    "calendar",
    "dossier",
    "exports_dir",
    "handbook",
    "minutes",
    "minutes_filename",
    "progress",
    "render_minutes",
    "request",
    "resources",
    "retro",
    "risks",
    "safe_filename",
    "save",
    "stamp",
    "tasks",
]
