"""The best-practice handbook (《跨部门协作最佳实践手册》): every practice, searched as you type.

The search box matches title, body, tags and the source project (Chinese and
English alike, every word anywhere). ``e`` edits, ``x`` retires or restores, Enter
shows a practice whole; retired practices are hidden until ``.`` shows them.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input, Static

from collabtui.dialogs.retro import PracticeForm, PracticeView
from collabtui.domain.errors import ConflictError, StoreError
from collabtui.domain.retro import PracticeRow
from collabtui.i18n import t
from collabtui.screens.base import CollabScreen
from collabtui.text import truncate
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable
from collabtui.widgets.text_input import WholeCellInput

#: Widest the title and tags columns get (terminal cells); Enter shows all of it.
WIDTH = {"title": 36, "tags": 26, "source": 24}


class HandbookScreen(CollabScreen):
    """Every practice of the handbook, with its tags and its source."""

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("slash", "search", "key.search", id="handbook-search"),
        Binding("e", "edit", "key.edit", id="practice-edit"),
        Binding("x", "retire", "key.retire", id="practice-retire"),
        Binding("full_stop", "toggle_retired", "key.show_retired", id="show-retired"),
    ]

    def __init__(self):
        super().__init__()
        self.rows: list[PracticeRow] = []
        self.show_retired = False
        self._query = ""  # what the rows were found for

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield WholeCellInput(placeholder=t("handbook.search_hint"), id="handbook-query")
        yield Static(id="summary")
        yield RecordTable(id="practice-list", enter=t("key.show"))
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("template.handbook")
        self.refresh_data()
        self.query_one("#practice-list", RecordTable).focus()

    @property
    def query_text(self) -> str:
        return self.query_one("#handbook-query", Input).value

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_data()

    def refresh_data(self, *, now: bool = False) -> None:
        """Search again with what is typed, and show the matches: off the UI thread, or
        at once after a write."""
        query, retired, store = self.query_text, self.show_retired, self.collab.store
        read = self.read_now if now else self.read_then
        read(
            lambda: store.practices(query, include_retired=retired),
            lambda rows: self._show(query, rows),
        )

    def _show(self, query: str, rows: list[PracticeRow]) -> None:
        self.rows, self._query = rows, query
        self._draw()

    def _draw(self) -> None:
        """Fill the table from the practices last found (columns fit the width)."""
        query = self._query
        wide = (self.size.width or 120) >= 100
        headers = [t("handbook.col.title"), t("handbook.col.tags"), t("handbook.col.source")]
        if wide:
            headers.append(t("handbook.col.status"))
        rows = []
        for p in self.rows:
            cells: list[object] = [
                Text(truncate(p.title, WIDTH["title"]), style="dim" if p.retired else ""),
                truncate(" · ".join(p.tags), WIDTH["tags"]),
                truncate(short_source(p), WIDTH["source"]),
            ]
            if wide:
                cells.append(
                    Text(t("handbook.status.retired_short"), style="dim") if p.retired else ""
                )
            rows.append((str(p.id), cells))
        self.query_one("#practice-list", RecordTable).show(headers, rows)
        if query.strip():
            summary = t("handbook.found", n=len(self.rows), query=query.strip())
        elif self.rows:
            summary = t("handbook.summary", n=len(self.rows))
        else:
            summary = t("handbook.empty")
        self.query_one("#summary", Static).update(Text(summary))

    def on_resize(self) -> None:
        if self.is_mounted:
            self._draw()

    def current(self) -> PracticeRow | None:
        """The practice under the cursor."""
        key = self.query_one("#practice-list", RecordTable).cursor_key
        return next((p for p in self.rows if str(p.id) == key), None)

    # ------------------------------------------------------------------ search

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as you type."""
        if event.input.id == "handbook-query":
            self.refresh_data()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box moves to the results."""
        event.stop()
        self.query_one("#practice-list", RecordTable).focus()

    def action_search(self) -> None:
        self.query_one("#handbook-query", Input).focus()

    # ------------------------------------------------------------------ actions

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter on a practice shows it whole."""
        event.stop()
        practice = self.current()
        if practice is not None:
            self.app.push_screen(PracticeView(practice))

    def action_edit(self) -> None:
        """Edit the practice under the cursor."""
        p = self.current()
        if p is None:
            return
        store = self.collab.store

        def save(values: dict):
            return store.edit_practice(p.id, p.version, **values)

        def done(result) -> None:
            if result is not None:
                self.refresh_data(now=True)
                self.collab.say(t("msg.saved"))

        form = PracticeForm(
            t("handbook.edit_title"), save, name=p.title, body=p.body, tags=", ".join(p.tags)
        )
        self.app.push_screen(form, done)

    def action_retire(self) -> None:
        """Retire the practice under the cursor, or restore a retired one."""
        p = self.current()
        if p is None:
            return
        store = self.collab.store
        try:
            if p.retired:
                store.restore_practice(p.id, p.version)
                self.collab.say(t("msg.restored", name=p.title))
            else:
                store.retire_practice(p.id, p.version)
                self.collab.say(t("msg.retired", name=p.title))
        except ConflictError as exc:
            self.collab.say(t("msg.conflict", detail=str(exc)), severity="error")
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
        self.refresh_data(now=True)

    def action_toggle_retired(self) -> None:
        self.show_retired = not self.show_retired
        self.refresh_data()

    def action_back(self) -> None:
        """Leave the search box first, then the screen."""
        box = self.query_one("#handbook-query", Input)
        if box.has_focus:
            self.query_one("#practice-list", RecordTable).focus()
            return
        self.dismiss()


def short_source(p: PracticeRow) -> str:
    """``VIP-PTS · 2026-11-10``: the source project's code and the date (Enter shows the topic)."""
    return " · ".join(
        x for x in (p.source_code, p.source_on.isoformat() if p.source_on else "") if x
    )


__all__ = ["HandbookScreen", "short_source"]
