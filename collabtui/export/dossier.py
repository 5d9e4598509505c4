"""The project dossier: every phase of one project in one document.

Request form with alignment and confirmation minutes, every meeting's minutes, the
task tracking table, the weekly progress lists, risk warnings, resource requests,
acceptance and the retrospective — each rendered by its own exporter and put under
one title. In Markdown each part's headings move down one level (the dossier's own
title is the only ``#``); in JSON each part is the object its own export writes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from collabtui.export.acceptance import render_acceptance_json, render_acceptance_md
from collabtui.export.markdown import heading, paragraph, when
from collabtui.export.minutes import render_minutes_json, render_minutes_md
from collabtui.export.progress import render_progress
from collabtui.export.request import render_request_json, render_request_md
from collabtui.export.resources import render_resources
from collabtui.export.retro import render_retro_json, render_retro_md
from collabtui.export.risks import render_risks
from collabtui.export.tabular import ProjectRef
from collabtui.export.tasks import render_tasks
from collabtui.i18n import current_language, normalize, translator

#: The ``format`` member of the JSON dossier.
JSON_FORMAT = "collab-dossier/1"

_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


@dataclass(frozen=True)
class Dossier:
    """What the store gathers for one project's dossier (plain objects only)."""

    project: ProjectRef
    request: object  # RequestDocument
    minutes: Sequence[object]  # MinutesDocument, in meeting order
    tasks: Sequence[object]  # TaskRow
    progress: Sequence[tuple[str, Sequence[object]]]  # (week, ProgressRow), oldest first
    risks: Sequence[object]  # RiskRow
    resources: Sequence[object]  # ResourceRow
    acceptance: object  # AcceptanceReport
    retro: object  # RetroReport


def demote(markdown: str) -> str:
    """Every ATX heading one level down (``#`` → ``##``); escaped user text (``\\#``)
    and headings already at level six are left as they are."""
    return _HEADING.sub(lambda m: f"#{m[1]} ", markdown)


def render_dossier_md(d: Dossier, generated: datetime, lang: str | None = None) -> str:
    """The dossier as one CommonMark document in ``lang``."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    parts = [
        heading(1, tr("export.dossier.title", code=d.project.code, topic=d.project.topic)),
        paragraph(tr("export.dossier.generated", when=when(generated, generated.tzinfo))),
        demote(render_request_md(d.request, code, tz=generated.tzinfo)),
        heading(2, tr("export.dossier.meetings", n=len(d.minutes))),
    ]
    parts += [
        demote(demote(render_minutes_md(doc, code, tz=generated.tzinfo))) for doc in d.minutes
    ]
    if not d.minutes:
        parts.append(paragraph(tr("field.none")))
    parts.append(demote(render_tasks(d.tasks, "md", d.project, generated, code)))
    parts.append(heading(2, tr("export.dossier.progress", n=len(d.progress))))
    parts += [
        demote(demote(render_progress(rows, week, "md", d.project, generated, code)))
        for week, rows in d.progress
    ]
    if not d.progress:
        parts.append(paragraph(tr("field.none")))
    parts.append(demote(render_risks(d.risks, "md", d.project, generated, code)))
    parts.append(demote(render_resources(d.resources, "md", d.project, generated, code)))
    parts.append(demote(render_acceptance_md(d.acceptance, generated, code)))
    parts.append(demote(render_retro_md(d.retro, generated, code)))
    return "\n\n".join(p.strip("\n") for p in parts if p) + "\n"


def render_dossier_json(d: Dossier, generated: datetime, lang: str | None = None) -> str:
    """The dossier as JSON: each part as its own export writes it."""
    code = normalize(lang) if lang else current_language()
    data = {
        "format": JSON_FORMAT,
        "project": {"code": d.project.code, "topic": d.project.topic},
        "generated_at": generated.isoformat(),
        "lang": code,
        "request": json.loads(render_request_json(d.request)),
        "meetings": [json.loads(render_minutes_json(doc)) for doc in d.minutes],
        "tasks": json.loads(render_tasks(d.tasks, "json", d.project, generated, code)),
        "progress": [
            json.loads(render_progress(rows, week, "json", d.project, generated, code))
            for week, rows in d.progress
        ],
        "risks": json.loads(render_risks(d.risks, "json", d.project, generated, code)),
        "resources": json.loads(render_resources(d.resources, "json", d.project, generated, code)),
        "acceptance": json.loads(render_acceptance_json(d.acceptance, generated, code)),
        "retrospective": json.loads(render_retro_json(d.retro, generated, code)),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
