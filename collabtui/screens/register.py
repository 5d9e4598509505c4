"""The base of the registers: risks, resources, one-to-ones, acceptance, retrospective.

A register lists records in a table, says what they add up to above it and shows the
record under the cursor whole below it; keys change, delete and trace the records.
The base does what they all do the same way:

- read off the UI thread (:meth:`load` in a worker, :meth:`show` with its result)
  when the screen opens and when another copy changes the store, the cursor staying
  on its record; after the user's own write, at once (the next key must act on what
  the store now holds);
- the row under the cursor (:meth:`current`), its detail on every move;
- one way to run a write and report it (:meth:`write`): the conflict message when
  someone else changed the record, the store's reason otherwise, then a fresh read;
- delete after a yes (:meth:`confirm_then`), the record's history (``H``), ``escape``.

A subclass says what to read, how a row looks and what its detail holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Header, Static

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.domain.errors import ConflictError, StoreError
from collabtui.i18n import t
from collabtui.screens.base import CollabScreen
from collabtui.widgets.field_list import FieldList
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable


class RegisterScreen(CollabScreen):
    """A register of one project's (or every project's) records of one kind."""

    #: The id of the table of records (``#<TABLE>``).
    TABLE: ClassVar[str] = "register"
    #: The change-log table whose history ``H`` opens (``None``: no history key).
    HISTORY_TABLE: ClassVar[str | None] = None
    #: The message key of the screen's sub-title.
    TITLE_KEY: ClassVar[str] = ""
    #: The message key of what ``enter`` on a row does, for the footer (``None``: hidden).
    ENTER_KEY: ClassVar[str | None] = None

    def __init__(self, project_id: int | None = None):
        super().__init__()
        self.project_id = project_id
        #: The records shown, as the last read returned them.
        self.rows: list[Any] = []
        self._by_key: dict[str, Any] = {}  # the same, by row key (the cursor's record)
        self._table_found: RecordTable | None = None
        #: Each record's cells as last shown, with the record they were made from.
        self._kept_cells: dict[str, tuple[Any, Sequence[object]]] = {}
        self._kept_day: object = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="summary")
        yield RecordTable(id=self.TABLE, enter=t(self.ENTER_KEY) if self.ENTER_KEY else None)
        yield FieldList(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.title_text()
        self.refresh_data()
        self.table.focus()

    def title_text(self) -> str:
        """The screen's sub-title."""
        return t(self.TITLE_KEY)

    @property
    def table(self) -> RecordTable:
        """The table of records."""
        return self.query_one(f"#{self.TABLE}", RecordTable)

    # ------------------------------------------------------------------ reading

    def load(self) -> Any:
        """Read what the register shows (in a worker thread: store calls only)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """Show what :meth:`load` read (on the UI thread). By default ``data`` is the
        rows: the table, the summary and the detail are filled from them."""
        self.rows = list(data)
        self._by_key = {self.row_key(r): r for r in self.rows}
        shown = [(key, self._cells_of(key, r)) for key, r in self._by_key.items()]
        self._kept_cells = {key: self._kept_cells[key] for key, _ in shown}  # only records shown
        self.table.show(self.columns(), shown)
        self.query_one("#summary", Static).update(Text(self.summary()))
        self.show_detail()

    def refresh_data(self) -> None:
        """Read the records again (off the UI thread) and show them."""
        self.read_then(self.load, self.show)

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_data()

    def refresh_now(self) -> None:
        """Read and show at once, after the user's own write (see ``read_now``)."""
        self.read_now(self.load, self.show)

    def _cells_of(self, key: str, row: Any) -> Sequence[object]:
        """The cells of ``row`` (whose key is ``key``): the same object as last time for
        a record read equal today, so the table redraws only the records that changed
        (a status change on a register of thousands redraws one row)."""
        today = self.collab.clock.today()
        if today != self._kept_day:  # cells may say "late": a new day draws all again
            self._kept_cells, self._kept_day = {}, today
        kept = self._kept_cells.get(key)
        if kept is not None and (kept[0] is row or kept[0] == row):
            return kept[1]
        cells = self.cells(row)
        self._kept_cells[key] = (row, cells)
        return cells

    def columns(self) -> list[str]:
        """The table's headers."""
        raise NotImplementedError

    def cells(self, row: Any) -> Sequence[object]:
        """One record's cells."""
        raise NotImplementedError

    def row_key(self, row: Any) -> str:
        """The key the table keeps the cursor on across reads."""
        return str(row.id)

    def summary(self) -> str:
        """The line above the table."""
        return ""

    def detail(self, row: Any) -> list[tuple[str, str]]:
        """The record under the cursor in full: (label, value) pairs."""
        return []

    # ------------------------------------------------------------------ the cursor

    def current(self, rows: Sequence[Any] | None = None, table: RecordTable | None = None) -> Any:
        """The record under the cursor of ``table`` (default: the register's) among
        ``rows`` (default: :attr:`rows`), or ``None``."""
        if table is None:
            table = self._register_table()
            if table is None:  # not composed yet, or being taken down: no cursor
                return None
        key = table.cursor_key
        if rows is None:  # asked for each key in the footer: no scan of thousands
            return self._by_key.get(key) if key is not None else None
        return next((r for r in rows if self.row_key(r) == key), None)

    def _register_table(self) -> RecordTable | None:
        """The table of records while it is on the screen (found once: the footer asks
        for the record under the cursor for each of its keys, and a query walks the
        screen)."""
        table = self._table_found
        if table is None or not table.is_attached:
            found = self.query(f"#{self.TABLE}")
            table = self._table_found = found.first(RecordTable) if found else None
        return table

    def show_detail(self) -> None:
        """The record under the cursor, whole (a narrow terminal cuts the table short)."""
        found = self.query("#detail")
        if not found:  # a register without a detail pane
            return
        row = self.current()
        found.first(FieldList).show(self.detail(row) if row is not None else [])

    def on_data_table_row_highlighted(self, event: RecordTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter on a row edits it."""
        event.stop()
        edit = getattr(self, "action_edit", None)
        if edit is not None:
            edit()

    # ------------------------------------------------------------------ writing

    def load_rows(self, ids: list[int]) -> list[Any] | None:
        """Read only the records ``ids`` as :meth:`load` would (store calls only); ``None``:
        this register reads everything again after a write."""
        return None

    def write(
        self, call: Callable[[], object], done: str | None = None, *, record: Any = None
    ) -> bool:
        """Run the store write ``call``; say ``done`` (a ready text) or why not; read again.

        A write to one ``record`` reads only that record again where the register can
        (:meth:`load_rows`): a key on a register of thousands costs one row, not all.

        Someone else's newer version gives the conflict message (nothing typed is at
        stake on a list, so no dialog); any other refusal gives the store's reason.
        """
        try:
            call()
        except ConflictError as exc:
            self.collab.say(t("msg.conflict", detail=str(exc)), severity="error")
            ok = False
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            ok = False
        else:
            if done:
                self.collab.say(done)
            ok = True
        if record is None or not self._refresh_record(record):
            self.refresh_now()
        return ok

    def _refresh_record(self, record: Any) -> bool:
        """Read ``record`` again and show it in its place (gone: taken out); ``False``
        when this register cannot read one record alone."""
        from collabtui.domain.errors import StoreError

        try:
            fresh = self.load_rows([record.id])
        except StoreError:
            return False  # (a project gone, say): the full read says what happened
        if fresh is None:
            return False
        key = self.row_key(record)
        now = next((r for r in fresh if self.row_key(r) == key), None)
        rows = [now if self.row_key(r) == key else r for r in self.rows]
        self.show([r for r in rows if r is not None])
        return True

    def saved(self, result: object) -> None:
        """Back from a form: read again and say so when it saved."""
        if result is not None:
            self.refresh_now()
            self.collab.say(t("msg.saved"))

    def confirm_then(
        self, question: str, yes: str, call: Callable[[], object], done: str | None = None
    ) -> None:
        """Ask ``question`` (the safe answer focused); on ``yes``, :meth:`write` ``call``."""

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self.write(call, done)

        self.app.push_screen(ConfirmDialog(question, yes, t("button.cancel")), answer)

    # ------------------------------------------------------------------ keys

    def action_history(self) -> None:
        """Who changed the record under the cursor, and how."""
        from collabtui.dialogs.history import open_history

        if self.HISTORY_TABLE is None:
            return
        row = self.current()
        open_history(self, self.HISTORY_TABLE, row.id if row is not None else None)

    def action_back(self) -> None:
        self.dismiss()
