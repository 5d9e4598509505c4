"""The conflict dialog: someone else saved the record while you were editing it.

It shows the fields where their version and yours differ, side by side, and offers
three ways on: see theirs (their values go into the form, yours are dropped), keep
mine (save yours over their version) and cancel (back to the form, yours intact).
Every form that saves a versioned record mixes in :class:`ResolvesConflicts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from collabtui.dialogs.base import CollabModal
from collabtui.domain.conflicts import as_text, differing, moment_of
from collabtui.domain.errors import ConflictError, StoreError
from collabtui.i18n import formats, t
from collabtui.text import safe, truncate
from collabtui.widgets.footer import Footer

#: Longest a value is shown in the dialog (terminal cells); the form shows all of it.
VALUE_WIDTH = 240

#: What the dialog returns (``None``: cancel).
THEIRS, MINE = "theirs", "mine"


class ConflictDialog(CollabModal[str]):
    """Their values beside mine; ``t`` see theirs, ``m`` keep mine, ``escape`` cancel."""

    BINDINGS = [
        Binding("t", "choose('theirs')", "key.conflict_theirs", id="conflict-theirs"),
        Binding("m", "choose('mine')", "key.conflict_mine", id="conflict-mine"),
        Binding("escape", "choose('')", "key.cancel", id="conflict-cancel"),
    ]

    def __init__(self, headline: str, rows: list[tuple[str, str, str]]):
        """``rows``: ``(field label, their value, my value)`` for each differing field."""
        super().__init__()
        self.headline, self.rows = headline, rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="conflict", can_focus=False):
            yield Static(safe(self.headline, "bold", single_line=False), id="dialog-title")
            yield Static(self._table(), id="conflict-fields")
            yield Static(t("conflict.hint"), classes="hint")
        yield Footer()

    def _table(self) -> Table | Text:
        if not self.rows:
            return Text(t("conflict.no_clash"))
        table = Table(expand=True, show_lines=True, padding=(0, 1))
        widest = max(cell_len(caption) for caption, _, _ in self.rows)
        table.add_column(
            t("conflict.col.field"), style="bold", no_wrap=True, min_width=min(widest, 20)
        )
        table.add_column(t("conflict.col.theirs"), ratio=1, overflow="fold")  # CJK has no spaces
        table.add_column(t("conflict.col.mine"), ratio=1, overflow="fold")
        for caption, theirs, mine in self.rows:
            table.add_row(
                safe(caption),
                safe(truncate(theirs, VALUE_WIDTH) or "—", single_line=False),
                safe(truncate(mine, VALUE_WIDTH) or "—", single_line=False),
            )
        return table

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)


class ResolvesConflicts:
    """For a form screen: what to do when a save meets someone else's newer version.

    The form saves inside :meth:`saving` and, on :class:`ConflictError`, calls
    :meth:`resolve_conflict` with the values it tried to save, by field name. The
    widget ``#f-<field>`` (or :attr:`FIELD_IDS`) edits a field; the label of its
    ``.form-row`` names it.
    """

    #: Conflicts the user has resolved (saves check against the version they saw).
    resolved: tuple[ConflictError, ...] = ()
    #: Field name → widget id, where the form does not use ``f-<field>``.
    FIELD_IDS: Mapping[str, str] = {}

    def saving(self):
        """The context every save of the form runs in."""
        return self.collab.store.accepting(self.resolved)

    def resolve_conflict(self, exc: ConflictError, mine: Mapping[str, object]) -> None:
        """Show the conflict dialog; act on the choice."""
        theirs = self.their_values(exc)
        rows = [
            (self.caption_of(n), self.field_text(n, theirs[n]), self.field_text(n, mine[n]))
            for n in differing(theirs, mine)
        ]

        def chosen(choice: str | None) -> None:
            if choice is None:
                self.query_one("#form-error", Static).update(safe(t("conflict.kept_open")))
                return
            self.resolved = (*self.resolved, exc)
            if choice == THEIRS:
                self.show_theirs(exc)
                self.query_one("#form-error", Static).update(safe(t("conflict.showing_theirs")))
            else:
                self.action_save()

        self.app.push_screen(ConflictDialog(self.headline(exc), rows), chosen)

    def headline(self, exc: ConflictError) -> str:
        """Who changed the record, and when (from the change log)."""
        kind = t(f"kind.{exc.entity}")
        try:
            last = self.collab.store.history(exc.entity, exc.entity_id)[-1]
        except (IndexError, StoreError):  # the log is a courtesy here, never a failure
            return t("conflict.title", kind=kind, id=exc.entity_id)
        at = last.at if last.at.tzinfo else last.at.replace(tzinfo=UTC)
        when = formats.datetime(at, self.collab.clock.tz)
        return t("conflict.title_by", kind=kind, id=exc.entity_id, who=last.actor, when=when)

    def show_theirs(self, exc: ConflictError) -> None:
        """Put their values into the form's fields (mine are dropped)."""
        for name, value in self.their_values(exc).items():
            widget = self.field_widget(name)
            if widget is not None:
                set_value(widget, value)

    def their_values(self, exc: ConflictError) -> dict[str, object]:
        """Their record as a form holds values: stored moments as local ``YYYY-MM-DD HH:MM``."""
        local = self.collab.clock.local
        return {
            name: local(moment).strftime("%Y-%m-%d %H:%M") if (moment := moment_of(v)) else v
            for name, v in exc.theirs.items()
        }

    def field_widget(self, name: str) -> Widget | None:
        """The widget that edits field ``name``, if the form has one."""
        found = self.query(f"#{self.FIELD_IDS.get(name, f'f-{name}')}")
        return found.first() if found else None

    def caption_of(self, name: str) -> str:
        """A field's label as the form shows it (the caption of its ``.form-row``)."""
        widget = self.field_widget(name)
        for node in widget.ancestors if widget is not None else ():
            if node.has_class("form-row"):
                labels = node.query(Label)
                if labels:
                    return str(labels.first().content)
        return name

    def field_text(self, name: str, value: object) -> str:
        """A value as the form's widget shows it (a choice by its label)."""
        widget = self.field_widget(name)
        if isinstance(widget, Select):
            return option_label(widget, value)
        if isinstance(widget, Checkbox):
            return t("value.yes") if value else t("value.no")
        return as_text(value)


def option_label(select: Select, value: object) -> str:
    """The label a Select shows for ``value`` (the value itself when it has none)."""
    if value is None or value is Select.NULL:
        return ""
    for prompt, option in getattr(select, "_options", ()):  # Textual keeps no public list
        if option == value:
            return prompt.plain if isinstance(prompt, Text) else str(prompt)
    return as_text(value)


def set_value(widget: Widget, value: object) -> None:
    """Show ``value`` in an input widget of a form."""
    if isinstance(widget, Select):
        try:
            widget.value = Select.NULL if value is None else value
        except InvalidSelectValueError:  # a choice this form does not offer (any more)
            widget.value = Select.NULL
    elif isinstance(widget, Checkbox):
        widget.value = bool(value)
    elif isinstance(widget, TextArea):
        widget.load_text(as_text(value))
    elif isinstance(widget, Input):
        widget.value = as_text(value)
