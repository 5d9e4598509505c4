"""The calendar export: meetings as an RFC 5545 iCalendar file, built with ``icalendar``.

One ``VEVENT`` per meeting with a stable ``UID`` (``collab-meeting-<id>-<store id>@collab``),
so importing the file again updates the events instead of duplicating them, and the
meetings of another store (whose ids start at 1 too) never overwrite them. Times are
UTC. Decision makers and executors are required participants, the copied are
non-participants (they get the minutes, not the invitation); the description holds the
meeting's goal and its agenda.
"""

from __future__ import annotations

from collections.abc import Iterable

from collabtui.domain.documents import AttendeeEntry, MinutesDocument, PersonEntry
from collabtui.export.markdown import lines
from collabtui.i18n import current_language, label_value, normalize, translator

__all__ = ["PRODID", "ROLES", "render_calendar_ics", "uid"]

#: Who wrote the calendar (RFC 5545 §3.7.3).
PRODID = "-//collab//collab meetings//EN"

#: An attendee's role in a meeting → the iCalendar ROLE parameter.
ROLES = {
    "decision_maker": "REQ-PARTICIPANT",
    "executor": "REQ-PARTICIPANT",
    "cc": "NON-PARTICIPANT",
}


def uid(meeting_id: int, store_id: str = "") -> str:
    """The stable UID of a meeting's event, unique to its store when ``store_id`` is known."""
    if store_id:
        return f"collab-meeting-{meeting_id}-{store_id}@collab"
    return f"collab-meeting-{meeting_id}@collab"


def render_calendar_ics(meetings: Iterable[MinutesDocument], lang: str | None = None) -> bytes:
    """The meetings as one iCalendar object (UTF-8, CRLF line ends, folded lines)."""
    from icalendar import Calendar, Event

    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for doc in meetings:
        event = Event()
        event.add("uid", uid(doc.id, doc.store_id))
        # Without a METHOD, DTSTAMP is the time the event last changed (RFC 5545 §3.8.7.2).
        event.add("dtstamp", doc.updated_at or doc.start_at)
        event.add("dtstart", doc.start_at)
        event.add("dtend", doc.end_at)
        event.add("summary", _one_line(doc.title))
        if doc.place.strip():
            event.add("location", _one_line(doc.place))
        event.add("categories", [label_value("MeetingKind", doc.kind, code)])
        description = _description(doc, tr)
        if description:
            event.add("description", description)
        if doc.host is not None:
            event.add("organizer", _address(doc.host))
        for attendee in doc.attendees:
            event.add("attendee", _attendee(attendee))
        cal.add_component(event)
    return cal.to_ical()


# ---------------------------------------------------------------------- helpers


def _one_line(text: str) -> str:
    return " ".join(lines(text.strip()))


def _description(doc: MinutesDocument, tr) -> str:
    """The goal, then the agenda, one item a line."""
    out: list[str] = []
    if doc.goal.strip():
        out.append(tr("export.calendar.goal", goal=doc.goal.strip()))
    if doc.agenda:
        if out:
            out.append("")
        out.append(tr("export.calendar.agenda"))
        for item in doc.agenda:
            timebox = tr("unit.minutes", n=item.timebox_min)
            title = _one_line(item.title)
            if item.owner:
                line = tr(
                    "export.calendar.agenda_line",
                    number=item.number,
                    title=title,
                    owner=item.owner,
                    timebox=timebox,
                )
            else:
                line = tr(
                    "export.calendar.agenda_line_no_owner",
                    number=item.number,
                    title=title,
                    timebox=timebox,
                )
            out.append(line)
    return "\n".join(out)


def _address(person: PersonEntry):
    """A CAL-ADDRESS with the person's name as CN.

    ``mailto:`` when the person has an e-mail address; otherwise a URN naming the
    person in this store, so everyone invited is listed even without an address.
    """
    from icalendar import vCalAddress

    email = person.email.strip()
    if email and email.isascii() and not any(c.isspace() for c in email):
        value = f"mailto:{email}"
    else:
        value = f"urn:x-collab:person:{person.id if person.id is not None else 0}"
    address = vCalAddress(value)
    name = _one_line(person.name)
    if name:
        address.params["CN"] = name
    return address


def _attendee(attendee: AttendeeEntry):
    address = _address(attendee.person)
    address.params["ROLE"] = ROLES.get(attendee.role, "REQ-PARTICIPANT")
    address.params["CUTYPE"] = "INDIVIDUAL"
    return address
