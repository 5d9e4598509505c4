"""The outbox screen (list, resend, cancel, send what is due) and sending from other screens.

Sending runs in a thread worker (the server may be slow or far): keys never wait.
What a server refused is said in a notification and stays on this screen with the
server's answer.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from collabtui.domain.outbox import answer_text
from collabtui.i18n import t
from collabtui.screens.base import CollabScreen
from collabtui.text import clean
from collabtui.widgets.footer import Footer


def send_in_background(screen: CollabScreen, make, done=None) -> None:
    """Queue the drafts ``make(store, config, now)`` returns and deliver them, off the UI
    thread; say how it went, then call ``done()`` on the UI thread."""

    def run() -> None:
        from collabtui.domain.errors import StoreError
        from collabtui.domain.outbox import FAILED, SENT
        from collabtui.services import sending
        from collabtui.services.messages import NothingToSend

        app = screen.collab
        try:
            now = app.clock.now().replace(microsecond=0)
            sending.queue(app.store, make(app.store, app.config, now))
            result = sending.deliver(app.store, app.config, now=now)
        except NothingToSend as exc:
            screen.from_worker(app.say, exc.message(t), severity="warning")
            return
        except StoreError as exc:
            screen.from_worker(app.say, str(exc), severity="error")
            return
        counts = {
            "sent": sum(e.status == SENT for e in result),
            "failed": sum(e.status == FAILED for e in result),
        }
        counts["queued"] = len(result) - counts["sent"] - counts["failed"]
        severity = "error" if counts["failed"] else "information"
        screen.from_worker(app.say, t("outbox.done", **counts), severity=severity)
        if done is not None:
            screen.from_worker(done)

    screen.run_worker(run, thread=True, group="sending", name="send")


def send_meeting(screen: CollabScreen, kind: str, meeting_id: int, done=None) -> bool:
    """Send a meeting's ``notice`` or ``minutes`` by mail when a mail channel is configured.

    ``False`` when there is none: the caller records it by hand as before.
    """
    if screen.collab.config.mail is None:
        return False
    from collabtui.i18n import current_language
    from collabtui.services.messages import minutes_drafts, notice_drafts

    lang = current_language()

    tz = screen.collab.clock.tz

    def make(store, config, now):
        if kind == "notice":
            return notice_drafts(store, config.mail, meeting_id, lang, tz, now)
        return minutes_drafts(store, config.mail, meeting_id, lang, tz, now)

    screen.collab.say(t("outbox.sending", n=1))
    send_in_background(screen, make, done)
    return True


def post_risk(screen: CollabScreen, risk_id: int) -> None:
    """Post a risk warning just raised to its project's group chats, if any is configured."""
    if not screen.collab.config.chats:
        return
    from collabtui.i18n import current_language
    from collabtui.services.messages import risk_drafts

    lang = current_language()
    tz = screen.collab.clock.tz
    send_in_background(
        screen, lambda store, config, now: risk_drafts(store, config.chats, risk_id, lang, tz)
    )


def post_digest(screen: CollabScreen, done=None) -> None:
    """Post the alert digest to each group chat, as ``collab notify`` does: the alerts are
    checked, the digests queued and sent off the UI thread; says how many were queued,
    then how many were sent."""
    if not screen.collab.config.chats:
        screen.collab.say(t("send.err.no_chat"), severity="warning")
        return
    from collabtui.i18n import current_language

    lang, tz = current_language(), screen.collab.clock.tz

    def make(store, config, now):
        from collabtui.domain.alerts import alerts
        from collabtui.domain.workdays import WorkCalendar
        from collabtui.services.messages import digest_drafts

        calendar = WorkCalendar(config.holiday_country)
        found = alerts(store.alert_facts(None), now, calendar, tz)
        drafts = digest_drafts(store, config.chats, found, lang, tz, now)
        screen.from_worker(screen.collab.say, t("outbox.queued_note", n=len(drafts)))
        return drafts

    send_in_background(screen, make, done)


class OutboxScreen(CollabScreen):
    """Every message sent or to be sent, newest first, with the server's answer."""

    BINDINGS = [
        Binding("r", "resend", "key.resend", id="outbox-resend"),
        Binding("x", "cancel_message", "key.cancel_message", id="outbox-cancel"),
        Binding("s", "send_due", "key.send_due", id="outbox-send"),
        Binding("d", "post_digest", "key.post_digest", id="outbox-digest"),
        Binding("escape", "back", "key.back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(t("outbox.title"), id="heading")
        yield DataTable(id="outbox", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("col.id", "col.status", "col.queued_at", "col.channel", "col.title"):
            table.add_column(t(key) if key != "col.id" else "#", key=key)
        for key in ("col.recipients", "col.attempts", "col.answer"):
            table.add_column(t(key), key=key)
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read the outbox (in a worker) and show it."""
        self.read_then(lambda: self.collab.store.outbox(), self._show)

    def _show(self, entries) -> None:
        table = self.query_one(DataTable)
        table.clear()
        tz = self.collab.clock.tz
        for e in entries:
            when = (e.sent_at or e.next_try_at or e.created_at).astimezone(tz)
            cells = [
                str(e.id),
                t(f"send.status.{e.status}"),
                f"{when:%Y-%m-%d %H:%M}",
                e.channel,
                clean(e.title, single_line=True),
                clean(e.recipients, single_line=True)[:60],
                str(e.attempts),
                clean(answer_text(e.answer, t), single_line=True)[:80],
            ]
            style = {"failed": "red", "sent": "green", "cancelled": "dim"}.get(e.status, "")
            table.add_row(*(Text(c, style=style) for c in cells), key=str(e.id))
        if not entries:
            self.collab.say(t("outbox.empty"))

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_resend(self) -> None:
        """Send the highlighted message again (a failed, cancelled or sent one)."""
        key = self._selected()
        if key is None:
            return
        from collabtui.domain.errors import StoreError

        try:
            self.collab.store.requeue_message(key, self.collab.clock.now())
        except StoreError as exc:
            self.collab.say(str(exc), severity="warning")
            return
        self.collab.say(t("outbox.resent", id=key))
        send_in_background(self, lambda store, config, now: [], self.refresh_data)

    def action_cancel_message(self) -> None:
        """Withdraw the highlighted message (queued or failed)."""
        key = self._selected()
        if key is None:
            return
        from collabtui.domain.errors import StoreError

        try:
            self.collab.store.cancel_message(key)
        except StoreError as exc:
            self.collab.say(str(exc), severity="warning")
            return
        self.collab.say(t("outbox.cancelled", id=key))
        self.refresh_data()

    def action_send_due(self) -> None:
        """Send every message that is due now."""
        send_in_background(self, lambda store, config, now: [], self.refresh_data)

    def action_post_digest(self) -> None:
        """Post the alert digest to each group chat (what ``collab notify`` posts)."""
        post_digest(self, self.refresh_data)

    def action_back(self) -> None:
        """Back to where the outbox was opened from."""
        self.dismiss(None)


__all__ = ["OutboxScreen", "post_digest", "post_risk", "send_in_background", "send_meeting"]
