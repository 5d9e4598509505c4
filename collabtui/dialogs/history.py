"""The history of one record (``H``): who changed what, when, each field old → new.

Entries come from the change log, newest first; a task's list holds its supporting
departments' and daily updates' changes too. Every value is user data: it is
cleaned and shown as plain text, never as markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from collabtui.dialogs.base import CollabModal
from collabtui.domain.errors import StoreError
from collabtui.i18n import formats, label_value, t
from collabtui.store.changelog import (
    HistoryEntry,
    field_label,
    format_value,
    intent_label,
    kind_label,
    visible_fields,
)
from collabtui.text import clean


class HistoryScreen(CollabModal[None]):
    """A scrollable list of one record's changes; ``escape`` or ``q`` closes it."""

    BINDINGS = [Binding("escape,q", "close", "key.close", id="close-history")]

    def __init__(self, entity: str, entity_id: int):
        super().__init__()
        self.entity = entity
        self.entity_id = entity_id
        self.entries: list[HistoryEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="history-dialog"):
            yield Static(id="dialog-title")
            with VerticalScroll(id="history-list"):
                yield Static(id="history-body")
            yield Static(classes="hint", id="history-hint")

    def on_mount(self) -> None:
        store = self.collab.store
        try:
            self.entries = store.record_history(self.entity, self.entity_id)
            names = store.reference_names(self.entries)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            self.entries, names = [], {}
        own = [e for e in self.entries if e.entity == self.entity]
        record = own[0].record if own else f"#{self.entity_id}"
        title = t("history.title", record=f"{kind_label(self.entity)} {record}")
        self.query_one("#dialog-title", Static).update(Content.styled(_line(title), "bold"))
        self.query_one("#history-body", Static).update(self.render_entries(record, names))
        self.query_one("#history-hint", Static).update(
            Content(t("history.count", n=len(self.entries)))
        )
        self.query_one("#history-list").focus()

    def render_entries(self, record: str, names: dict[tuple[str, int], str]) -> Content:
        """Every entry as plain text: a heading line, what changed, one line per field."""
        if not self.entries:
            return Content.styled(t("history.empty"), "italic")
        tz = self.collab.clock.tz
        parts: list[str | tuple[str, str]] = []
        for index, entry in enumerate(self.entries):
            if index:
                parts.append("\n")
            name = entry.record if entry.entity == self.entity else record
            action = label_value("ChangeAction", entry.action)
            thing = f"{kind_label(entry.entity)} {entry.record}"
            parts += [
                (formats.datetime(entry.at, self.collab.clock.tz), "bold"),
                "  ",
                (_line(entry.actor), "bold $accent"),
                "  ",
                _line(intent_label(entry.intent, name)),
                "\n  ",
                (_line(f"{action} · {thing}"), "$text-muted"),
            ]
            for change in visible_fields(entry):
                old = format_value(entry.entity, change.field, change.old, names=names, tz=tz)
                new = format_value(entry.entity, change.field, change.new, names=names, tz=tz)
                label = _line(field_label(change.field, entry.entity))
                parts += ["\n    ", (label, "bold"), t("punct.colon")]
                if entry.action != "create":
                    parts += [(old, "$text-error"), " → "]
                if entry.action != "delete":
                    parts.append((new, "$text-success"))
            parts.append("\n")
        return Content.assemble(*parts)

    def action_close(self) -> None:
        self.dismiss(None)


def _line(value: object) -> str:
    """User text on one line, control characters made harmless."""
    return clean(value, single_line=True)


def open_history(screen, entity: str, entity_id: int | None) -> None:
    """Show the history of record ``entity_id`` over ``screen`` (or say to pick one)."""
    if entity_id is None:
        screen.collab.say(t("history.no_record"), severity="warning")
        return
    screen.app.push_screen(HistoryScreen(entity, entity_id))
