"""Writing export files safely: atomically, UTF-8, never over a directory."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from collabtui import paths
from collabtui.domain.clock import Clock
from collabtui.files import write_file


def exports_dir() -> Path:
    """Where the app writes exports it is asked for by key (``<data dir>/exports``)."""
    return paths.data_dir() / "exports"


def safe_filename(text: str) -> str:
    """A file-name part from a project code (keeps CJK, drops path separators)."""
    kept = "".join(c if c.isalnum() or c in "-_." else "-" for c in text.strip())
    return kept.strip(".-") or "export"


def export_request_file(store, project_id: int, lang: str, clock: Clock) -> Path:
    """Render the request document as Markdown into the exports folder."""
    from collabtui.export.request import render_request_md

    doc = store.request_document(project_id)
    name = f"{safe_filename(doc.code)}-request.{lang}.md"
    return write_file(
        exports_dir() / name, render_request_md(doc, lang, tz=clock.tz), create_parent=True
    )


#: How much of a meeting's title goes into its file name.
TITLE_IN_NAME = 60


def minutes_filename(doc, kind: str, tz: tzinfo) -> str:
    """``<start yyyy-mm-dd>-<id>-<title>.<kind>``: sorts by date (in ``tz``), unique by id."""
    title = safe_filename(" ".join(doc.title.split())[:TITLE_IN_NAME])
    return f"{doc.start_at.astimezone(tz):%Y-%m-%d}-{doc.id}-{title}.{kind}"


def export_minutes_file(store, meeting_id: int, lang: str, clock: Clock) -> Path:
    """Render a meeting's minutes as Markdown into the exports folder."""
    from collabtui.export.minutes import render_minutes_md

    doc = store.minutes_document(meeting_id)
    path = exports_dir() / minutes_filename(doc, f"{lang}.md", clock.tz)
    return write_file(path, render_minutes_md(doc, lang, tz=clock.tz), create_parent=True)


def export_progress_file(store, project_id: int, week: str, lang: str, clock: Clock) -> Path:
    """Render one week's progress list as Markdown into the exports folder."""
    from collabtui.export.progress import render_progress
    from collabtui.export.tabular import ProjectRef

    project = store.project(project_id)
    rows = store.progress_list(project_id, week)
    ref = ProjectRef(code=project.code, topic=project.topic)
    text = render_progress(rows, week, "md", ref, clock.local_now().replace(microsecond=0), lang)
    name = f"{safe_filename(project.code)}-progress-{week}.{lang}.md"
    return write_file(exports_dir() / name, text, create_parent=True)
