"""The request export: the request form (表1), the one-to-one alignment table and the
requirement confirmation minutes (《需求确认纪要》) as one document, Markdown or JSON."""

from __future__ import annotations

from dataclasses import asdict
from datetime import tzinfo

from collabtui.domain.documents import ConsultationEntry, RequestChange, RequestDocument
from collabtui.export.jsondata import dump
from collabtui.export.markdown import day, document, heading, paragraph, table, when
from collabtui.i18n import current_language, formats, has, label_value, normalize, translator

#: The ``format`` member of the JSON export; bump it when a key changes meaning.
JSON_FORMAT = "collab-request/1"

__all__ = ["JSON_FORMAT", "render_request_json", "render_request_md"]


def render_request_md(doc: RequestDocument, lang: str | None = None, *, tz: tzinfo) -> str:
    """The request document as CommonMark with GFM tables, in ``lang`` (default: current)."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)

    def enum(name: str, value: str) -> str:
        return label_value(name, value, code)

    def dept_name(name: str, external: bool) -> str:
        return tr("export.external", name=name) if external else name

    fields = table(
        [tr("export.col.field"), tr("export.col.value")],
        [
            [tr("field.code"), doc.code],
            [tr("field.topic"), doc.topic],
            [tr("field.scenario"), enum("Scenario", doc.scenario)],
            [tr("field.requesting"), doc.requesting_department],
            [
                tr("field.partners"),
                tr("export.list_sep").join(dept_name(d.name, d.external) for d in doc.departments),
            ],
            [tr("field.lead"), doc.lead],
            [tr("field.phase"), enum("Phase", doc.phase)],
            [tr("field.background"), doc.background],
            [tr("field.business_value"), doc.business_value],
        ],
    )
    goals = _table_or_none(
        tr,
        [
            tr("col.goal"),
            tr("col.metric"),
            tr("col.target"),
            tr("field.unit"),
            tr("field.priority"),
        ],
        [
            [
                g.description,
                g.metric,
                formats.number(g.target, code) if g.measurable else tr("hint.not_measurable"),
                g.unit,
                enum("Priority", g.priority),
            ]
            for g in doc.goals
        ],
    )
    milestones = _table_or_none(
        tr,
        [tr("col.milestone"), tr("field.due_on"), tr("col.done")],
        [[m.name, day(m.due_on), day(m.done_on)] for m in doc.milestones],
    )
    deliverables = _table_or_none(
        tr,
        [tr("export.col.deliverable"), tr("field.quality_standard")],
        [[d.name, d.quality_standard] for d in doc.deliverables],
    )
    alignment = _table_or_none(
        tr,
        [
            tr("col.department"),
            tr("col.head"),
            tr("col.held_on"),
            tr("col.status"),
            tr("field.feasibility"),
            tr("field.resource_gaps"),
            tr("field.risks"),
            tr("field.feedback"),
            tr("col.changed_since"),
        ],
        [
            [
                dept_name(c.department, c.external),
                c.head,
                day(c.held_on),
                enum("ConsultationStatus", c.status),
                c.feasibility,
                c.resource_gaps,
                c.risks,
                c.feedback,
                _changes(c, tr, code),
            ]
            for c in doc.consultations
        ],
    )
    if doc.confirmation is None:
        confirmation = paragraph(tr("export.no_confirmation"))
    else:
        conf = doc.confirmation
        confirmation = document(
            table(
                [tr("export.col.field"), tr("export.col.value")],
                [
                    [tr("field.review_meeting"), conf.meeting_title],
                    [tr("field.start_at"), when(conf.meeting_start, tz)],
                    [tr("field.place"), conf.meeting_place],
                    [tr("field.confirmed_at"), when(conf.confirmed_at, tz)],
                    [tr("field.confirmation_notes"), conf.notes],
                ],
            ),
            heading(3, tr("confirm.commitments")),
            _table_or_none(
                tr,
                [tr("col.department"), tr("col.role"), tr("field.commitment")],
                [[d.name, enum("DepartmentRole", d.role), d.commitment] for d in doc.departments],
            ),
        ).rstrip("\n")
    return document(
        heading(1, tr("export.request.title", form=tr("template.request_form"), topic=doc.topic)),
        fields,
        heading(2, tr("export.section.goals")),
        goals,
        heading(2, tr("export.section.milestones")),
        milestones,
        heading(2, tr("field.deliverables")),
        deliverables,
        heading(2, tr("template.consultation")),
        alignment,
        *_concerns(doc, tr, enum, tz),
        heading(2, tr("template.confirmation_minutes")),
        confirmation,
    )


def render_request_json(doc: RequestDocument) -> str:
    """The request document as JSON: fixed key order, ISO dates, enum values, UTF-8 text."""
    return dump({"format": JSON_FORMAT, **asdict(doc)})


# ---------------------------------------------------------------------- helpers


def _table_or_none(tr, headers: list[str], rows: list[list[str]]) -> str:
    """A table, or the word for "none" when there are no rows."""
    return table(headers, rows) if rows else paragraph(tr("field.none"))


def _concerns(doc: RequestDocument, tr, enum, tz: tzinfo) -> list[str]:
    """ "Concerns raised → resolved how": each concern (or block) a one-to-one recorded,
    with the step that followed it (nothing when no department ever raised one)."""

    def step(entry) -> str:
        said = f": {entry.note}" if entry.note else ""
        return f"{enum('ConsultationStatus', entry.status)} {when(entry.at, tz)}{said}"

    rows = []
    for c in doc.consultations:
        for i, entry in enumerate(c.history):
            if entry.status in ("concerns", "blocked"):
                after = c.history[i + 1] if i + 1 < len(c.history) else None
                rows.append([c.department, step(entry), step(after) if after else "—"])
    if not rows:
        return []
    headers = [tr("col.department"), tr("export.col.concern_raised"), tr("export.col.resolved")]
    return [heading(3, tr("export.section.concerns")), table(headers, rows)]


def _changes(row: ConsultationEntry, tr, lang: str) -> str:
    """What changed in the request since the department agreed, one line per kind of edit.

    Identical lines (three goals created, say) are shown once with a count.
    """
    counts: dict[str, int] = {}
    for change in row.changed_since_agreed:
        line = _describe(change, tr, lang)
        counts[line] = counts.get(line, 0) + 1
    return "\n".join(line if n == 1 else f"{line} ×{n}" for line, n in counts.items())


def _describe(change: RequestChange, tr, lang: str) -> str:
    """One change in words: "Changed goal “X”: Target", "Created milestone “Y”"."""
    kind_key = f"kind.{change.entity}"
    kind = tr(kind_key) if has(kind_key, lang) else change.entity
    action = label_value("ChangeAction", change.action, lang)
    if change.subject and change.action in ("create", "delete"):
        return tr("export.change.record", action=action, kind=kind, subject=change.subject)
    names = tr("export.list_sep").join(
        tr(f"field.{name}") if has(f"field.{name}", lang) else name for name in change.fields
    )
    if change.subject:
        return tr(
            "export.change.fields", action=action, kind=kind, subject=change.subject, fields=names
        )
    return tr("change.summary", action=action, kind=kind, fields=names)
