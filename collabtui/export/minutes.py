"""The minutes export (表2《跨部门沟通会议纪要》): Markdown, JSON, or a ready-to-send e-mail.

The Markdown follows the playbook's table: title; a header table (time, place, host,
recorder, present, absent, copied); the agenda in order with owners and notes; the
decisions (owner, due date, status, the task each became); the action items; the open
items and their follow-up meetings; the next meeting. Every user string goes through
:mod:`collabtui.export.markdown`, so it reads back literally.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import asdict
from datetime import datetime, timedelta, tzinfo

from collabtui.domain.documents import AttendeeEntry, MeetingRef, MinutesDocument, PersonEntry
from collabtui.domain.lifecycle import meeting_state
from collabtui.export.jsondata import dump
from collabtui.export.markdown import day, document, heading, lines, paragraph, table, when
from collabtui.i18n import current_language, formats, label_value, normalize, split_list, translator

#: The ``format`` member of the JSON export; bump it when a key changes meaning.
JSON_FORMAT = "collab-minutes/1"

__all__ = [
    "JSON_FORMAT",
    "meeting_time",
    "render_minutes_eml",
    "render_minutes_html",
    "render_minutes_json",
    "render_minutes_md",
]


def render_minutes_md(doc: MinutesDocument, lang: str | None = None, *, tz: tzinfo) -> str:
    """The minutes as CommonMark with GFM tables, in ``lang`` (default: current), times in ``tz``."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    none = tr("field.none")
    sep = tr("export.list_sep")

    def enum(name: str, value: str) -> str:
        return label_value(name, value, code)

    def people(entries: tuple[AttendeeEntry, ...]) -> str:
        return sep.join(_person(a.person, tr) for a in entries) if entries else none

    def ref(meeting: MeetingRef) -> str:
        return tr(
            "export.minutes.meeting_ref", title=meeting.title, when=when(meeting.start_at, tz)
        )

    header: list[list[str]] = []
    if doc.project_code:
        header.append(
            [
                tr("export.minutes.project"),
                tr("export.minutes.project_value", code=doc.project_code, topic=doc.project_topic),
            ]
        )
    header += [
        [tr("export.minutes.kind"), enum("MeetingKind", doc.kind)],
        [tr("export.minutes.time"), meeting_time(doc.start_at, doc.duration_min, tr, tz)],
        [tr("export.minutes.state"), enum("MeetingState", meeting_state(doc).value)],
    ]
    if doc.started_at:
        held = _span(doc.started_at, doc.ended_at, tz) if doc.ended_at else when(doc.started_at, tz)
        header.append([tr("export.minutes.held"), held])
    header += [
        [tr("export.minutes.place"), doc.place],
        [tr("export.minutes.host"), _person(doc.host, tr)],
        [tr("export.minutes.recorder"), _person(doc.recorder, tr)],
        [tr("export.minutes.goal"), doc.goal],
        [tr("export.minutes.present"), people(doc.present)],
        [tr("export.minutes.absent"), people(doc.absent)],
    ]
    if doc.unmarked:
        header.append([tr("export.minutes.unmarked"), people(doc.unmarked)])
    header.append([tr("export.minutes.copied"), people(doc.copied)])
    if doc.materials:
        header.append([tr("export.minutes.materials"), "\n".join(doc.materials)])
    if doc.follow_up_of:
        header.append([tr("export.minutes.follow_up_of"), ref(doc.follow_up_of)])
    if doc.minutes_distributed_at is None:
        distributed = tr("export.minutes.not_distributed")
    elif doc.distributed_to.strip():
        distributed = tr(
            "export.minutes.distributed_value",
            when=when(doc.minutes_distributed_at, tz),
            to=sep.join(split_list(doc.distributed_to)),
        )
    else:
        distributed = when(doc.minutes_distributed_at, tz)
    header.append([tr("export.minutes.distributed"), distributed])

    agenda: list[str] = []
    for item in doc.agenda:
        agenda.append(_numbered_heading(3, item.number, item.title))
        agenda.append(
            paragraph(
                tr(
                    "export.minutes.agenda_line",
                    owner=item.owner or tr("export.minutes.no_owner"),
                    timebox=tr("unit.minutes", n=item.timebox_min),
                    kind=enum("AgendaKind", item.kind),
                )
            )
        )
        if item.notes.strip():
            agenda.append(paragraph(item.notes))

    decisions = _table_or_none(
        none,
        [
            tr("export.minutes.col.decision"),
            tr("export.minutes.col.owner"),
            tr("col.due"),
            tr("col.status"),
            tr("export.minutes.col.agenda_item"),
            tr("export.minutes.col.tasks"),
        ],
        [
            [
                d.text,
                d.owner,
                day(d.due_on),
                enum("DecisionStatus", d.status),
                d.agenda_item,
                sep.join(d.tasks),
            ]
            for d in doc.decisions
        ],
    )
    actions = _table_or_none(
        none,
        [
            tr("export.minutes.col.task_code"),
            tr("export.minutes.col.task"),
            tr("export.minutes.col.owner"),
            tr("col.due"),
            tr("col.status"),
        ],
        [
            [a.code, a.title, a.owner, day(a.due_on), enum("TaskStatus", a.status)]
            for a in doc.action_items
        ],
    )
    open_items = _table_or_none(
        none,
        [
            tr("export.minutes.col.open_item"),
            tr("export.minutes.col.owner"),
            tr("export.minutes.col.follow_up"),
            tr("export.minutes.col.resolved"),
        ],
        [
            [
                o.text,
                o.owner,
                ref(o.follow_up) if o.follow_up else tr("export.minutes.no_follow_up"),
                when(o.resolved_at, tz),
            ]
            for o in doc.open_items
        ],
    )
    if doc.next_meeting is None:
        next_meeting = paragraph(tr("export.minutes.no_next"))
    else:
        nxt = doc.next_meeting
        time = meeting_time(nxt.start_at, nxt.duration_min, tr, tz)
        key = "export.minutes.next_place" if nxt.place.strip() else "export.minutes.next"
        next_meeting = paragraph(
            tr(
                key,
                title=" ".join(lines(nxt.title.strip())),
                kind=enum("MeetingKind", nxt.kind),
                when=time,
                place=" ".join(lines(nxt.place.strip())),
            )
        )

    return document(
        heading(1, tr("export.minutes.title", form=tr("template.minutes"), title=doc.title)),
        table([tr("export.col.field"), tr("export.col.value")], header),
        heading(2, tr("export.minutes.notes")) if doc.notes.strip() else "",
        paragraph(doc.notes) if doc.notes.strip() else "",
        heading(2, tr("export.minutes.section.agenda")),
        *(agenda or [paragraph(none)]),
        heading(2, tr("export.minutes.section.decisions")),
        decisions,
        heading(2, tr("export.minutes.section.actions")),
        actions,
        heading(2, tr("export.minutes.section.open")),
        open_items,
        heading(2, tr("export.minutes.section.next")),
        next_meeting,
    )


def render_minutes_json(doc: MinutesDocument) -> str:
    """The minutes as JSON: fixed key order, ISO 8601 times (UTC), enum values, UTF-8."""
    return dump({"format": JSON_FORMAT, **asdict(doc)})


def render_minutes_html(doc: MinutesDocument, lang: str | None = None, *, tz: tzinfo) -> str:
    """The Markdown minutes rendered as a small standalone HTML page (for e-mail).

    markdown-it-py renders it (CommonMark + GFM tables). The only raw HTML in the
    Markdown is the ``<br>`` of a multi-line table cell: user text is escaped.
    """
    from markdown_it import MarkdownIt

    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    body = MarkdownIt("commonmark").enable("table").render(render_minutes_md(doc, code, tz=tz))
    title = html.escape(
        " ".join(lines(tr("export.minutes.subject", title=doc.title).strip())), quote=False
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{code}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        "<style>\n"
        "body { font-family: sans-serif; line-height: 1.5; }\n"
        "table { border-collapse: collapse; margin: 0.5em 0 1em; }\n"
        "th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left;"
        " vertical-align: top; }\n"
        "th { background: #f2f2f2; }\n"
        "</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def render_minutes_eml(doc: MinutesDocument, lang: str | None = None, *, tz: tzinfo) -> bytes:
    """The minutes as an e-mail ready to send (RFC 5322 / MIME, CRLF line ends).

    To: the decision makers and executors who have an e-mail address; Cc: the copied
    ones; From: the recorder (else the host) when they have an address; Subject:
    "Minutes: <title>" in ``lang``. No Date (the mail client sets it on sending). The body is ``multipart/alternative``: the Markdown
    as ``text/plain`` and the same rendered as ``text/html``, both UTF-8. Addresses
    are built from their parts (:mod:`collabtui.export.addresses`): a name is plain
    ASCII words or RFC 2047 words, never text a mail client could read as an address. The message
    carries ``X-Unsent: 1``, so mail clients that know it open it as a draft.
    """
    from email.message import EmailMessage

    from collabtui.export.addresses import (
        MAIL_POLICY,
        display_name,
        recipients,
        set_address_header,
    )

    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["Subject"] = display_name(tr("export.minutes.subject", title=doc.title))
    set_address_header(msg, "From", recipients(_pair(p) for p in (doc.recorder, doc.host))[:1])
    set_address_header(msg, "To", (_pair(a.person) for a in doc.participants))
    set_address_header(msg, "Cc", (_pair(a.person) for a in doc.copied))
    msg["Content-Language"] = code
    msg["X-Unsent"] = "1"
    text, page = render_minutes_md(doc, code, tz=tz), render_minutes_html(doc, code, tz=tz)
    msg.set_content(text, subtype="plain", charset="utf-8")
    msg.add_alternative(page, subtype="html", charset="utf-8")
    # A boundary from the content (not a random one): the same minutes give the same
    # bytes, and "=_" cannot occur in a base64 or quoted-printable body.
    digest = hashlib.sha256(f"{text}\0{page}".encode()).hexdigest()[:32]
    msg.set_boundary(f"=_collab_{digest}")
    return msg.as_bytes()


def meeting_time(start: datetime, duration_min: int, tr, tz: tzinfo) -> str:
    """ "2026-11-07 14:00–15:00 (UTC+08:00, 60 min)" in local time."""

    return tr(
        "export.minutes.time_value",
        span=_span(start, start + timedelta(minutes=duration_min), tz),
        zone=_zone(start, tz),
        duration=tr("unit.minutes", n=duration_min),
    )


# ---------------------------------------------------------------------- helpers


def _span(start: datetime, end: datetime, tz: tzinfo) -> str:
    """``YYYY-MM-DD HH:MM–HH:MM`` in ``tz`` (the end's date too when it is another day)."""
    local_end = end.astimezone(tz)
    if start.astimezone(tz).date() == local_end.date():
        return f"{when(start, tz)}–{formats.time(end, tz)}"
    return f"{when(start, tz)} – {when(end, tz)}"


def _zone(moment: datetime, tz: tzinfo) -> str:
    """The UTC offset of ``tz`` at ``moment``: ``UTC``, ``UTC+08:00``, ``UTC-05:30``."""
    offset = moment.astimezone(tz).utcoffset()
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def _numbered_heading(level: int, number: int, text: str) -> str:
    """``### 2. Title``: a heading whose number needs no escape (it is not a list here)."""
    body = heading(level, text)[level:].strip()
    return f"{'#' * level} {number}. {body}".rstrip()


def _person(person: PersonEntry | None, tr) -> str:
    """A name with its department: "王芳（市场部）" ("" for nobody)."""
    if person is None:
        return ""
    if not person.department:
        return person.name
    return tr("export.minutes.person", name=person.name, department=person.department)


def _table_or_none(none: str, headers: list[str], rows: list[list[str]]) -> str:
    """A table, or the word for "none" when there are no rows."""
    return table(headers, rows) if rows else paragraph(none)


def _pair(person: PersonEntry | None) -> tuple[str, str] | None:
    """``(name, e-mail)`` of ``person`` for :mod:`collabtui.export.addresses`."""
    if person is None or not person.email.strip():
        return None
    return (person.name, person.email)
