"""Mail: the meeting notice with its iTIP invitation, the minutes, and SMTP submission.

Messages are built with :mod:`email` (``EmailMessage``, addresses as
``email.headerregistry.Address``, never by pasting strings), so Chinese names and
subjects are RFC 2047-encoded and bodies are UTF-8. Each carries a ``Message-ID``
made from its content: the same message always has the same id, and the outbox
queues it once. Sending uses :mod:`smtplib`: ``smtps://`` is TLS from the start,
``smtp://`` upgrades with STARTTLS when the server offers it and refuses to send a
password in clear to a server that is not on this machine.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, tzinfo
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from collabtui.channel_config import MailChannel, sender_address
from collabtui.domain.documents import MinutesDocument, PersonEntry
from collabtui.domain.outbox import said
from collabtui.i18n import formats
from collabtui.services.robots import Outcome


@dataclass(frozen=True)
class Mail:
    """A message ready for the outbox: its bytes, id and envelope recipients."""

    message_id: str
    subject: str
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    raw: str

    @property
    def recipients(self) -> tuple[str, ...]:
        """Every envelope recipient (To, then Cc)."""
        return tuple(a.addr_spec for a in (*self.to, *self.cc))


def address(name: str, email: str) -> Address | None:
    """An address for a person, ``None`` when the e-mail cannot go through SMTP."""
    from email.errors import HeaderParseError

    addr = (email or "").strip()
    if not addr or not addr.isascii() or "@" not in addr:
        return None
    if any(c.isspace() or ord(c) < 32 for c in addr):
        return None
    display = "".join(c for c in " ".join((name or "").split()) if c.isprintable())
    try:
        return Address(display_name=display, addr_spec=addr)
    except (HeaderParseError, IndexError, ValueError):
        return None


def _distinct(people, skip: tuple[Address, ...] = ()) -> tuple[Address, ...]:
    seen = {a.addr_spec.lower() for a in skip}
    out = []
    for person in people:
        found = person if isinstance(person, Address) else address(person.name, person.email)
        if found is not None and found.addr_spec.lower() not in seen:
            seen.add(found.addr_spec.lower())
            out.append(found)
    return tuple(out)


def _message_id(kind: str, meeting_id: int, content: str, sender: Address) -> str:
    digest = hashlib.sha256(content.encode()).hexdigest()[:20]
    return f"<collab.{kind}.{meeting_id}.{digest}@{sender.domain}>"


def _envelope(
    subject: str, sender: Address, to, cc, lang: str, now: datetime, msg_id: str
) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = subject
    msg["From"] = sender
    if to:
        msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = msg_id
    msg["Content-Language"] = lang
    return msg


def notice_mail(
    doc: MinutesDocument,
    channel: MailChannel,
    *,
    text: str,
    subject: str,
    invitation: bytes,
    method: str,
    lang: str,
    now: datetime,
    identity: str,
) -> Mail:
    """The notice to every invited person, with the invitation (``text/calendar``).

    ``identity``: what makes this notice this notice (the meeting as planned, not
    the moment it is sent), for its Message-ID.
    """
    sender = sender_address(channel)
    to = _distinct(a.person for a in doc.participants)
    cc = _distinct((a.person for a in doc.copied), skip=to)
    kind = "cancel" if method == "CANCEL" else "notice"
    msg_id = _message_id(kind, doc.id, text + identity, sender)
    msg = _envelope(subject, sender, to, cc, lang, now, msg_id)
    msg.set_content(text, subtype="plain", charset="utf-8")
    # Bytes as they are: iCalendar lines end in CRLF (RFC 5545), whatever the text parts do.
    msg.add_alternative(
        invitation,
        maintype="text",
        subtype="calendar",
        params={"charset": "utf-8", "method": method},
    )
    return Mail(msg_id, subject, to, cc, msg.as_string())


def minutes_mail(
    doc: MinutesDocument,
    channel: MailChannel,
    head: PersonEntry | None,
    *,
    subject: str,
    text: str,
    page: str,
    lang: str,
    now: datetime,
) -> Mail:
    """The minutes: To the participants; Cc the copied and the requesting department's head."""
    sender = sender_address(channel)
    to = _distinct(a.person for a in doc.participants)
    copied = [a.person for a in doc.copied] + ([head] if head is not None else [])
    cc = _distinct(copied, skip=to)
    msg_id = _message_id("minutes", doc.id, text + page, sender)
    msg = _envelope(subject, sender, to, cc, lang, now, msg_id)
    msg.set_content(text, subtype="plain", charset="utf-8")
    msg.add_alternative(page, subtype="html", charset="utf-8")
    return Mail(msg_id, subject, to, cc, msg.as_string())


def invitation(
    doc: MinutesDocument, channel: MailChannel, method: str, sequence: int, now: datetime, lang: str
) -> bytes:
    """The meeting as an iTIP object (RFC 5546): ``REQUEST`` or ``CANCEL``, this ``SEQUENCE``."""
    from icalendar import Calendar, vCalAddress

    from collabtui.export.calendar import render_calendar_ics

    cal = Calendar.from_ical(render_calendar_ics([doc], lang))
    cal.add("method", method)
    sender = sender_address(channel)
    for event in cal.walk("VEVENT"):
        event["dtstamp"].dt = now  # when this message was made (iTIP)
        event.add("sequence", sequence)
        if "organizer" in event:
            del event["organizer"]
        organizer = vCalAddress(f"mailto:{sender.addr_spec}")
        if sender.display_name:
            organizer.params["CN"] = sender.display_name
        event.add("organizer", organizer)
        if method == "CANCEL":
            event.add("status", "CANCELLED")
    return cal.to_ical()


def submit(
    channel: MailChannel,
    raw: str,
    recipients: tuple[str, ...],
    *,
    timeout: float = 30,
    context: ssl.SSLContext | None = None,
) -> Outcome:
    """Submit one message; the server's answer as an :class:`Outcome` (never the password).

    Passing failures (no connection, a 4xx answer) are ``retry``; a refused login,
    sender or every recipient, or a certificate that does not verify, ``failed``.
    """
    if not recipients:
        return Outcome("failed", said("answer.no_recipient"))
    if context is None:
        context = ssl.create_default_context(cafile=channel.ca_file or None)
    sender = sender_address(channel).addr_spec
    try:
        if channel.scheme == "smtps":
            server = smtplib.SMTP_SSL(channel.host, channel.port, timeout=timeout, context=context)
        else:
            server = smtplib.SMTP(channel.host, channel.port, timeout=timeout)
        with server:
            server.ehlo()
            if channel.scheme == "smtp" and server.has_extn("starttls"):
                server.starttls(context=context)
                server.ehlo()
            elif channel.scheme == "smtp" and channel.password and not channel.loopback:
                return Outcome("failed", said("answer.no_starttls"))
            if channel.password:
                _login(server, channel.username, channel.password)
            code, answer = server.mail(sender)
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, answer, sender)
            refused = {}
            for rcpt in recipients:
                code, answer = server.rcpt(rcpt)
                if code not in (250, 251):
                    refused[rcpt] = (code, answer)
            if len(refused) == len(recipients):
                server.rset()
                raise smtplib.SMTPRecipientsRefused(refused)
            code, answer = server.data(raw.encode("utf-8"))
            reply = f"{code} {answer.decode('utf-8', 'replace')}"
            if refused:
                reply += "; refused: " + ", ".join(sorted(refused))
            return Outcome("sent", reply)
    except smtplib.SMTPAuthenticationError as exc:
        return Outcome(
            "failed", said("answer.login_refused", f"{exc.smtp_code} {_said(exc.smtp_error)}")
        )
    except smtplib.SMTPRecipientsRefused as exc:
        first = next(iter(exc.recipients.values()))
        return Outcome("failed", said("answer.recipients_refused", f"{first[0]} {_said(first[1])}"))
    except smtplib.SMTPResponseException as exc:
        status = "retry" if 400 <= exc.smtp_code < 500 else "failed"
        return Outcome(status, f"{exc.smtp_code} {_said(exc.smtp_error)}")
    except ssl.SSLCertVerificationError as exc:
        return Outcome("failed", said("answer.certificate", exc.verify_message))
    except (smtplib.SMTPException, OSError) as exc:
        return Outcome("retry", said("answer.network", exc))


def _login(server: smtplib.SMTP, user: str, password: str) -> None:
    """Log in with one mechanism: AUTH PLAIN in UTF-8 (RFC 4616) when offered, which
    :meth:`smtplib.SMTP.login` cannot send for a non-ASCII password, else smtplib's
    choice. One refusal is the answer (no second mechanism tried with the same secret).
    """
    import base64

    offered = server.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" not in offered:
        server.login(user, password)
        return
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
    code, answer = server.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, answer)


def _said(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def local_day(moment: datetime, tz: tzinfo) -> str:
    """``YYYY-MM-DD HH:MM`` in ``tz``."""
    return formats.datetime(moment, tz)


__all__ = ["Mail", "address", "invitation", "minutes_mail", "notice_mail", "submit"]
