"""What collab sends, composed from the playbook's records as outbox drafts.

* the meeting notice (with the agenda) and its iTIP invitation — an update when the
  meeting changed since the last notice, a cancellation on request;
* the minutes (Markdown as plain text and as HTML);
* the alert digest for each group chat, @-mentioning the owners of overdue items;
* a risk warning for its project's groups.

Nothing here talks to a server or writes: the drafts go to the outbox
(:mod:`collabtui.services.sending`) or are printed by ``--dry-run``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, tzinfo

from collabtui.channel_config import ChatChannel, MailChannel
from collabtui.domain.documents import PersonEntry
from collabtui.domain.outbox import OutboxDraft
from collabtui.i18n import formats, label_value, translator
from collabtui.services import mail as mailer
from collabtui.services import robots


class NothingToSend(Exception):
    """A message cannot be made (no channel, no recipient); ``key`` and ``params`` say why."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params

    def message(self, tr) -> str:
        """The reason in ``tr``'s language."""
        return tr(self.key, **self.params)


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _md(text: str) -> str:
    """User text as literal Markdown on one line (``*``, ``#``, ``[`` do not format)."""
    from collabtui.export.markdown import inline

    return inline(_one_line(text))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def notice_drafts(
    store,
    mail: MailChannel | None,
    meeting_id: int,
    lang: str,
    tz: tzinfo,
    now: datetime,
    *,
    cancel: bool = False,
) -> list[OutboxDraft]:
    """The notice (or cancellation) of a meeting, by mail with its invitation."""
    from collabtui.export.minutes import meeting_time

    if mail is None:
        raise NothingToSend("send.err.no_mail")
    tr = translator(lang)
    doc = store.minutes_document(meeting_id)
    earlier = store.sent_messages("meeting", doc.id, "notice")
    earlier += store.sent_messages("meeting", doc.id, "cancel")
    title = _one_line(doc.title)
    if cancel:
        subject = tr("send.notice.cancel_subject", title=title)
    elif earlier:
        subject = tr("send.notice.update_subject", title=title)
    else:
        subject = tr("send.notice.subject", title=title)
    lines = [tr("send.notice.cancelled" if cancel else "send.notice.greeting", title=title), ""]
    lines.append(tr("send.notice.time", time=meeting_time(doc.start_at, doc.duration_min, tr, tz)))
    if doc.place.strip():
        lines.append(tr("send.notice.place", place=_one_line(doc.place)))
    if doc.host is not None:
        lines.append(tr("send.notice.host", name=_one_line(doc.host.name)))
    if not cancel:
        if doc.goal.strip():
            lines += ["", tr("export.calendar.goal", goal=doc.goal.strip())]
        if doc.agenda:
            lines += ["", tr("export.calendar.agenda")]
            for item in doc.agenda:
                params = {"number": item.number, "title": _one_line(item.title)}
                params["timebox"] = tr("unit.minutes", n=item.timebox_min)
                key = "export.calendar.agenda_line_no_owner"
                if item.owner:
                    key, params["owner"] = "export.calendar.agenda_line", item.owner
                lines.append(tr(key, **params))
        if doc.materials:
            lines += ["", tr("send.notice.materials", materials="; ".join(doc.materials))]
        lines += ["", tr("send.notice.reply")]
    from collabtui.export.calendar import render_calendar_ics

    method = "CANCEL" if cancel else "REQUEST"
    invite = mailer.invitation(doc, mail, method, len(earlier), now, lang)
    # The meeting as planned; DTSTAMP moves with every change (the notice's record too).
    ics = render_calendar_ics([doc], lang).decode("utf-8")
    identity = "\n".join(x for x in ics.splitlines() if not x.startswith("DTSTAMP"))
    message = mailer.notice_mail(
        doc,
        mail,
        text="\n".join(lines) + "\n",
        subject=subject,
        invitation=invite,
        method=method,
        lang=lang,
        now=now,
        identity=identity,
    )
    if not message.recipients:
        raise NothingToSend("send.err.no_address", title=title)
    return [_mail_draft("cancel" if cancel else "notice", message, doc)]


def minutes_drafts(
    store, mail: MailChannel | None, meeting_id: int, lang: str, tz: tzinfo, now: datetime
) -> list[OutboxDraft]:
    """The minutes by mail: To the participants, Cc the copied and the requesting head."""
    from collabtui.export.minutes import render_minutes_html, render_minutes_md

    if mail is None:
        raise NothingToSend("send.err.no_mail")
    tr = translator(lang)
    doc = store.minutes_document(meeting_id)
    head = store.requesting_head(meeting_id)
    message = mailer.minutes_mail(
        doc,
        mail,
        PersonEntry(name=head[0], email=head[1]) if head else None,
        subject=_one_line(tr("export.minutes.subject", title=doc.title)),
        text=render_minutes_md(doc, lang, tz=tz),
        page=render_minutes_html(doc, lang, tz=tz),
        lang=lang,
        now=now,
    )
    if not message.recipients:
        raise NothingToSend("send.err.no_address", title=_one_line(doc.title))
    return [_mail_draft("minutes", message, doc)]


def _mail_draft(kind: str, message: mailer.Mail, doc) -> OutboxDraft:
    return OutboxDraft(
        kind=kind,
        channel="mail",
        platform="smtp",
        message_key=message.message_id,
        title=message.subject,
        recipients=", ".join(message.recipients),
        payload=message.raw,
        project_code=doc.project_code,
        entity="meeting",
        entity_id=doc.id,
    )


def chat_draft(
    channel: ChatChannel,
    kind: str,
    message: robots.ChatMessage,
    key: str,
    lang: str,
    *,
    project_code: str = "",
    entity: str = "",
    entity_id: int | None = None,
) -> OutboxDraft:
    """A robot message as an outbox draft (the JSON body, unsigned: it is signed when sent)."""
    body = robots.payload(channel.kind, message, lang, channel.format)
    return OutboxDraft(
        kind=kind,
        channel=f"chat.{channel.name}",
        platform=channel.kind,
        message_key=f"{kind}:{channel.name}:{key}",
        title=message.title,
        recipients=channel.name,
        payload=json.dumps(body, ensure_ascii=False, sort_keys=True),
        project_code=project_code,
        entity=entity,
        entity_id=entity_id,
    )


def _groups(chats: dict[str, ChatChannel], project_code: str | None, to: str | None):
    found = [c for c in chats.values() if c.serves(project_code) and (to is None or c.name == to)]
    if to is not None and to not in chats:
        raise NothingToSend("send.err.no_such_chat", name=to, known=", ".join(chats) or "—")
    if not found:
        raise NothingToSend("send.err.no_chat")
    return found


def digest_drafts(
    store,
    chats: dict[str, ChatChannel],
    found,
    lang: str,
    tz: tzinfo,
    now: datetime,
    *,
    to: str | None = None,
) -> list[OutboxDraft]:
    """The alert digest for each group (its projects' alerts), owners of overdue items @-ed."""
    from collabtui.export.alerts import render_alerts_md

    tr = translator(lang)
    handles = store.owner_handles((a.record_type, a.record_id) for a in found if a.overdue)
    drafts = []
    for channel in _groups(chats, None, to):
        mine = [a for a in found if channel.serves(a.project_code or None)]
        text = render_alerts_md(mine, tr, now, tz)
        mentions = sorted(
            {
                handles[(a.record_type, a.record_id)][1].strip().lstrip("@")
                for a in mine
                if a.overdue and handles.get((a.record_type, a.record_id), ("", ""))[1]
            }
        )
        message = robots.ChatMessage(
            title=tr("alert.digest_title", when=formats.datetime(now, tz)),
            lines=tuple(text.rstrip("\n").split("\n")),
            mentions=tuple(mentions),
            pointer=tr("send.digest.pointer"),
            more=tr("send.more"),
            title_line=True,
            tone=_digest_tone(mine),
        )
        day = now.astimezone(tz).date().isoformat()
        drafts.append(chat_draft(channel, "digest", message, f"{day}:{_digest(text)}", lang))
    return drafts


#: A risk warning card's header colour by the risk's level.
LEVEL_TONE = {"low": "blue", "medium": "yellow", "high": "orange", "critical": "red"}


def _digest_tone(alerts) -> str:
    """A digest card's colour: red with anything overdue, orange with a warning, else green."""
    if any(a.overdue for a in alerts):
        return "red"
    return "orange" if any(a.severity != "info" for a in alerts) else "green"


def risk_drafts(
    store, chats: dict[str, ChatChannel], risk_id: int, lang: str, tz: tzinfo
) -> list[OutboxDraft]:
    """A risk warning for each group of its project."""
    tr = translator(lang)
    risk = next((r for r in store.risk_rows(None, tz=tz) if r.id == risk_id), None)
    if risk is None:
        from collabtui.domain.errors import NotFound

        raise NotFound("risk_warning", risk_id)
    lines = [
        f"**{tr('send.risk.heading', code=_md(risk.project_code))}**",
        "",
        f"- {tr('send.risk.level', level=label_value('RiskLevel', risk.level, lang))}",
        f"- {tr('send.risk.type', type=label_value('RiskType', risk.type, lang))}",
    ]
    if risk.threatened_on:
        lines.append(f"- {tr('send.risk.threatens', day=risk.threatened_on.isoformat())}")
    if risk.impact.strip():
        lines.append(f"- {tr('send.risk.impact', text=_md(risk.impact))}")
    if risk.solution.strip():
        lines.append(f"- {tr('send.risk.solution', text=_md(risk.solution))}")
    if risk.departments:
        lines.append(f"- {tr('send.risk.departments', names=_md(', '.join(risk.departments)))}")
    raised = formats.datetime(risk.raised_at, tz)
    lines.append(f"- {tr('send.risk.raised', name=_md(risk.raised_by) or '—', when=raised)}")
    message = robots.ChatMessage(
        title=tr("send.risk.title", title=_one_line(risk.title)),
        lines=(f"### {tr('send.risk.title', title=_md(risk.title))}", "", *lines),
        pointer=tr("send.risk.pointer", code=risk.project_code),
        more=tr("send.more"),
        title_line=True,
        tone=LEVEL_TONE.get(risk.level, "orange"),
    )
    key = f"{risk.id}:{_digest(*message.lines)}"
    return [
        chat_draft(
            channel,
            "risk",
            message,
            key,
            lang,
            project_code=risk.project_code,
            entity="risk",
            entity_id=risk.id,
        )
        for channel in _groups(chats, risk.project_code, None)
    ]


__all__ = [
    "NothingToSend",
    "chat_draft",
    "digest_drafts",
    "minutes_drafts",
    "notice_drafts",
    "risk_drafts",
]
