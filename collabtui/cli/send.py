"""``collab send notice|minutes|risk``, ``collab notify`` and ``collab outbox``.

Every message goes into the outbox first, then out through the channels of the
config file (``[mail]``, ``[chat.NAME]``); ``--dry-run`` prints exactly what would
go where and queues nothing. A message the server refused is listed by ``collab
outbox`` with the server's answer; exit status 2 when one failed.
"""

from __future__ import annotations

import json

import typer

from collabtui import i18n
from collabtui.cli import CliError
from collabtui.domain.outbox import answer_text
from collabtui.i18n import formats, t

send_app = typer.Typer(
    name="send",
    help="Send a meeting's notice or minutes, or a risk warning, through the outbox.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

_DRY = typer.Option(False, "--dry-run", help="Print what would go where; send nothing.")
_LANG = typer.Option(None, "--lang", metavar="en|zh-CN", help="Language of the message.")


def _language(value: str | None, default: str) -> str:
    if not value:
        return default
    try:
        return i18n.normalize(value)
    except i18n.UnknownLanguage as exc:
        raise CliError(
            "--lang: "
            + t("cli.err.unknown_lang", value=exc.value, choices=", ".join(i18n.LANGUAGES))
        ) from None


def _meeting_id(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise CliError(t("err.not_found", entity="meeting", key=value)) from None


def _run(ctx: typer.Context, make, dry_run: bool) -> list:
    """Make the drafts with ``make(store, config, now)``; print them, or queue and send them."""
    from collabtui.services.messages import NothingToSend

    settings = ctx.find_root().obj
    store = settings.open_store()
    try:
        now = settings.clock.now().replace(microsecond=0)
        try:
            drafts = make(store, settings.config, now)
        except NothingToSend as exc:
            raise CliError(exc.message(t)) from None
        if dry_run:
            _print_drafts(drafts, settings.config)
            return []
        return _queue_and_deliver(store, settings.config, drafts, now)
    finally:
        store.close()


def _queue_and_deliver(store, config, drafts, now) -> list:
    from collabtui.services import sending

    queued = sending.queue(store, drafts)
    for entry, new in queued:
        if not new:
            typer.echo(
                t(
                    "send.already",
                    status=t(f"send.status.{entry.status}"),
                    id=entry.id,
                    title=_safe(entry.title),
                )
            )
    done = sending.deliver(store, config, now=now)
    _report(done, config)
    return done


def _safe(text: str) -> str:
    from collabtui.text import clean

    return clean(text, single_line=True)


def _report(done, config, *, quiet: bool = False) -> None:
    """One line per message (on stderr when ``quiet``: stdout holds JSON); exit status 2
    (after the lines) when one failed for good."""
    from collabtui.domain.outbox import FAILED, QUEUED

    zone = config.clock().tz
    for entry in done:
        line = t(
            "send.line",
            status=t(f"send.status.{entry.status}"),
            id=entry.id,
            channel=entry.channel,
            recipients=_safe(entry.recipients),
            title=_safe(entry.title),
        )
        if entry.status == QUEUED and entry.next_try_at is not None:
            when = formats.datetime(entry.next_try_at, zone, seconds=True)
            line += f"  ({t('send.retry_at', when=when)}: {_safe(answer_text(entry.answer, t))})"
        elif entry.answer:
            line += f"  ({_safe(answer_text(entry.answer, t))})"
        typer.echo(line, err=quiet)
    failed = sum(1 for e in done if e.status == FAILED)
    if failed:
        raise CliError(t("send.err.failed", n=failed))


def _print_drafts(drafts, config) -> None:
    """Exactly what would go where: the channel (masked), the recipients, the message."""
    typer.echo(t("send.dry_run"))
    for draft in drafts:
        if draft.channel == "mail":
            where = config.mail.shown()
            body = draft.payload
        else:
            where = f"{draft.platform} {config.chats[draft.channel.removeprefix('chat.')].shown()}"
            body = json.dumps(json.loads(draft.payload), ensure_ascii=False, indent=2) + "\n"
        typer.echo(f"--- {draft.channel} ({where}) → {_safe(draft.recipients)}")
        from collabtui.text import for_terminal

        typer.echo(for_terminal(body), nl=False)


@send_app.command("notice")
def send_notice(
    ctx: typer.Context,
    meeting: str = typer.Argument(..., metavar="MEETING", help="The meeting's id."),
    cancel: bool = typer.Option(False, "--cancel", help="Send the cancellation instead."),
    dry_run: bool = _DRY,
    lang: str | None = _LANG,
) -> None:
    """The meeting notice with the agenda and a calendar invitation (an update when it moved)."""
    from collabtui.services.messages import notice_drafts

    settings = ctx.find_root().obj
    code, key = _language(lang, settings.lang), _meeting_id(meeting)

    def make(store, config, now):
        return notice_drafts(store, config.mail, key, code, config.clock().tz, now, cancel=cancel)

    _run(ctx, make, dry_run)


@send_app.command("minutes")
def send_minutes(
    ctx: typer.Context,
    meeting: str = typer.Argument(..., metavar="MEETING", help="The meeting's id."),
    dry_run: bool = _DRY,
    lang: str | None = _LANG,
) -> None:
    """The minutes by mail: To the attendees, Cc the copied and the requesting head."""
    from collabtui.services.messages import minutes_drafts

    settings = ctx.find_root().obj
    code, key = _language(lang, settings.lang), _meeting_id(meeting)

    def make(store, config, now):
        return minutes_drafts(store, config.mail, key, code, config.clock().tz, now)

    _run(ctx, make, dry_run)


@send_app.command("risk")
def send_risk(
    ctx: typer.Context,
    risk: int = typer.Argument(..., metavar="RISK", help="The risk warning's id."),
    dry_run: bool = _DRY,
    lang: str | None = _LANG,
) -> None:
    """A risk warning to its project's group chats."""
    from collabtui.services.messages import risk_drafts

    settings = ctx.find_root().obj
    code = _language(lang, settings.lang)

    def make(store, config, now):
        return risk_drafts(store, config.chats, risk, code, config.clock().tz)

    _run(ctx, make, dry_run)


def notify(
    ctx: typer.Context,
    project: str | None = typer.Option(
        None, "--project", metavar="PROJECT", help="Only this project."
    ),
    to: str | None = typer.Option(None, "--to", metavar="NAME", help="Only the group [chat.NAME]."),
    dry_run: bool = _DRY,
    lang: str | None = _LANG,
) -> None:
    """The alert digest to each group chat; exit status 1 when anything is overdue (as alerts)."""
    from collabtui.domain.alerts import alerts as find_alerts
    from collabtui.domain.workdays import UnknownCountry, WorkCalendar
    from collabtui.services.messages import digest_drafts

    settings = ctx.find_root().obj
    code = _language(lang, settings.lang)
    try:
        calendar = WorkCalendar(settings.config.holiday_country)
    except UnknownCountry as exc:
        raise CliError(t("alert.err.country", reason=str(exc))) from None
    overdue = []

    def make(store, config, now):
        zone = config.clock().tz
        found = find_alerts(store.alert_facts(project), now, calendar, zone)
        overdue.extend(a for a in found if a.overdue)
        return digest_drafts(store, config.chats, found, code, zone, now, to=to)

    _run(ctx, make, dry_run)
    raise typer.Exit(1 if overdue else 0)


def outbox(
    ctx: typer.Context,
    status: str | None = typer.Option(
        None, "--status", metavar="STATUS", help="queued|sending|sent|failed|cancelled"
    ),
    retry: bool = typer.Option(
        False, "--retry", help="Queue every failed message again and send what is due."
    ),
    send: bool = typer.Option(False, "--send", help="Send every message that is due (for cron)."),
    resend: int | None = typer.Option(
        None, "--resend", metavar="ID", help="Send message ID again."
    ),
    cancel: int | None = typer.Option(
        None, "--cancel", metavar="ID", help="Withdraw queued or failed message ID."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array."),
) -> None:
    """List the outbox (newest first); resend, cancel or retry messages."""
    from collabtui.domain.outbox import STATUSES
    from collabtui.services import sending

    settings = ctx.find_root().obj
    if status is not None and status not in STATUSES:
        raise CliError(t("outbox.err.status", value=status, choices="|".join(STATUSES)))
    store = settings.open_store()
    try:
        now = settings.clock.now().replace(microsecond=0)
        if cancel is not None:
            store.cancel_message(cancel)
            typer.echo(t("outbox.cancelled", id=cancel))
            return
        ids = None
        if resend is not None:
            ids = [store.requeue_message(resend, now).id]
        elif retry:
            store.retry_failed(now)
        if resend is not None or retry or send:
            _report(sending.deliver(store, settings.config, now=now, ids=ids), settings.config)
            return
        _list(store.outbox(status), settings.config, as_json)
    finally:
        store.close()


def _list(entries, config, as_json: bool) -> None:
    zone = config.clock().tz
    if as_json:
        rows = [
            {
                "id": e.id,
                "kind": e.kind,
                "channel": e.channel,
                "platform": e.platform,
                "message_id": e.message_key,
                "title": e.title,
                "recipients": e.recipients,
                "project": e.project_code,
                "status": e.status,
                "attempts": e.attempts,
                "created_at": e.created_at.isoformat(),
                "next_try_at": e.next_try_at.isoformat() if e.next_try_at else None,
                "sent_at": e.sent_at.isoformat() if e.sent_at else None,
                "answer": answer_text(e.answer, t),
            }
            for e in entries
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not entries:
        typer.echo(t("outbox.empty"))
        return
    for e in entries:
        when = e.sent_at or e.next_try_at or e.created_at
        typer.echo(
            "  ".join(
                [
                    f"#{e.id}",
                    t(f"send.status.{e.status}"),
                    formats.datetime(when, zone),
                    e.channel,
                    f"{e.kind}:",
                    _safe(e.title),
                    "→",
                    _safe(e.recipients),
                    f"[{e.attempts}]",
                    _safe(answer_text(e.answer, t)),
                ]
            ).rstrip()
        )


def register(app: typer.Typer) -> None:
    """Attach ``collab send …``, ``collab notify`` and ``collab outbox``."""
    app.add_typer(send_app, name="send")
    app.command()(notify)
    app.command()(outbox)


__all__ = ["notify", "outbox", "register", "send_app"]
