"""The task board: one column per status, cards moved and filtered from the keyboard.

The screen reads every card of the board once (off the UI thread) and keeps them
by column; the ``/`` filter and the ``s`` sort orders are pure functions from
``store/board.py`` applied to that copy, so typing never waits for the database.
A move is saved at once and only the two columns concerned are redrawn. ``t``
shows the same tasks as the tracking table (表3).
"""

from __future__ import annotations

import threading
from bisect import insort
from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import ContentSwitcher, Header, Input
from textual.worker import get_current_worker

from collabtui.domain.board import (
    COLUMNS,
    SORTS,
    TaskCard,
    TaskFilter,
    filter_cards,
    parse_filter,
    sort_key,
)
from collabtui.domain.errors import StoreError
from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.screens.board_keys import BoardRecordKeys
from collabtui.screens.board_table import TableMode
from collabtui.widgets.board_view import BoardView
from collabtui.widgets.footer import Footer
from collabtui.widgets.task_table import TaskTable
from collabtui.widgets.text_input import WholeCellInput


class BoardScreen(BoardRecordKeys, TableMode, CollabScreen):
    """Tasks of one project (or of all projects) in five status columns, or as 表3."""

    BINDINGS = [
        Binding(
            "left_square_bracket,shift+left",
            "move_card(-1)",
            "key.board_move_left",
            id="board-move-left",
        ),
        Binding(
            "right_square_bracket,shift+right",
            "move_card(1)",
            "key.board_move_right",
            id="board-move-right",
        ),
        Binding("shift+up", "reorder(-1)", "key.board_move_up", show=False, id="board-move-up"),
        Binding(
            "shift+down", "reorder(1)", "key.board_move_down", show=False, id="board-move-down"
        ),
        Binding("n", "new_task", "key.new_task", id="new-task"),
        Binding("e", "edit_task", "key.edit_task", id="edit-task"),
        Binding("u", "daily_update", "key.add_update", id="daily-update"),
        Binding("delete", "delete_task", "key.delete_task", id="delete-task"),
        Binding("H", "task_history", "key.history", id="task-history"),
        Binding("slash", "filter", "key.board_filter", id="board-filter"),
        Binding("s", "sort", "key.board_sort", id="board-sort"),
        Binding("t", "toggle_table", "key.board_table", id="board-table"),
        Binding("escape", "clear_or_back", "key.back", id="back"),
        Binding("r", "refresh", "key.refresh", show=False, id="refresh"),
    ]

    def __init__(self, project_id: int | None = None):
        """``project_id``: the project shown; ``None`` shows every project's tasks."""
        super().__init__()
        self.project_id = project_id
        #: Every card of the board, by column, in position order (unfiltered).
        self.by_status: dict[str, list[TaskCard]] = {s: [] for s in COLUMNS}
        self.sort_mode = SORTS[0]
        self.loaded = False
        self._project_code = ""
        #: The table's headers (its cells are read as its rows are drawn).
        self.table_headers: list[str] = []
        self._select_after_read: int | None = None
        #: The newest change-log row when the cards were last read (``None``: unknown).
        self._seen_change: int | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        line = WholeCellInput(placeholder=t("board.filter_hint"), id="board-filter")
        # Hidden until `/`: it must not take the focus (nor a key typed as the board opens).
        line.can_focus = False
        yield line
        with ContentSwitcher(initial="board-view", id="board-switcher"):
            yield BoardView(
                [(status, label_value("TaskStatus", status)) for status in COLUMNS],
                today=self.collab.clock.today(),
                with_project=self.project_id is None,
                id="board-view",
            )
        yield Footer()

    def on_mount(self) -> None:
        if self.project_id is not None:
            try:
                self._project_code = self.collab.store.project(self.project_id).code
            except StoreError:
                self._project_code = ""
        self._set_title()
        self.view.loading = True
        self.view.focus()
        self.reload()

    @property
    def cards(self) -> list[TaskCard]:
        """The cards shown, column by column (filtered and sorted); built when asked
        for, so a keystroke does not copy 10,000 cards."""
        return [card for column in self.view.columns for card in column.cards]

    @property
    def view(self) -> BoardView:
        """The board widget."""
        return self.query_one(BoardView)

    def _set_title(self) -> None:
        parts = [t("board.table_title") if self.showing_table else t("board.title")]
        if self._project_code:
            parts.append(self._project_code)
        if self.sort_mode != SORTS[0]:
            parts.append(t("board.sorted_by", order=t(f"board.sort.{self.sort_mode}")))
        self.sub_title = " · ".join(parts)

    # ------------------------------------------------------------------ data

    @property
    def filter(self) -> TaskFilter:
        """The filter typed after ``/`` (empty when nothing is typed)."""
        return parse_filter(self.query_one("#board-filter", Input).value)

    def reload(self) -> None:
        """Read the board's cards again (off the UI thread) and show them; the first
        time, each column's first cards before all of them."""
        if self.loaded:
            self._read_cards()
        else:
            self._read_head()

    @work(thread=True, exclusive=True, group="board-read")
    def _read_head(self) -> None:
        """Each column's first cards and count (a screenful, on screen at once), then
        every card. Each read waits for the screen to be drawn first: a thread working
        beside the layout slows it down (one interpreter lock)."""
        try:
            app = self.collab
        except RuntimeError:  # the app stopped before the worker started
            return
        self._after_refresh()
        try:
            head, totals = app.store.task_cards_head(self.project_id, HEAD_CARDS)
        except StoreError:
            head, totals = None, None  # the full read says what went wrong
        if get_current_worker().is_cancelled:
            return
        self.from_worker(self._head_arrived, head, totals)
        self._after_refresh()
        self._read_all(app)

    def _after_refresh(self, most: float = 0.5) -> None:
        """In a worker: wait until the screen has been drawn (at most ``most`` s)."""
        drawn = threading.Event()
        self.from_worker(self.call_after_refresh, drawn.set)
        drawn.wait(most)

    def reload_from_store(self) -> None:
        """The store changed (another copy's save, or this one's): read the cards that
        changed since the last read — the change log says which — or every card when
        it cannot tell. The cursor follows its card, the filter and the order stay."""
        if self.loaded and self._seen_change is not None:
            self._read_changes(self._seen_change)
        else:
            self.reload()

    @work(thread=True, exclusive=True, group="board-read")
    def _read_cards(self) -> None:
        try:
            app = self.collab
        except RuntimeError:  # the app stopped before the worker started
            return
        self._read_all(app)

    def _read_all(self, app) -> None:
        """In a worker: read every card, then show them."""
        try:
            seen, _ = app.store.board_changes(None)  # the log's end, before the read
            # Each card's search text is prepared in this read, off the UI thread.
            cards = app.store.task_cards(self.project_id, None, app.clock.today())
        except StoreError as exc:
            self.from_worker(app.say, str(exc), severity="error")
            cards, seen = None, None
        if not get_current_worker().is_cancelled:
            self.from_worker(self._arrived, cards, seen)

    @work(thread=True, exclusive=True, group="board-read")
    def _read_changes(self, after: int) -> None:
        """Read the cards changed since change-log row ``after`` (all, if it must)."""
        try:
            app = self.collab
        except RuntimeError:
            return
        try:
            last, ids = app.store.board_changes(after, self.project_id)
            if ids is None:
                cards = app.store.task_cards(self.project_id, None, app.clock.today())
            else:
                changed, total = app.store.task_cards_of(sorted(ids), self.project_id)
        except StoreError as exc:
            self.from_worker(app.say, str(exc), severity="error")
            return
        if get_current_worker().is_cancelled:
            return
        if ids is None:
            self.from_worker(self._arrived, cards, last)
        else:
            self.from_worker(self._patched, last, ids, changed, total)

    def _patched(self, last: int, ids: set[int], changed: list[TaskCard], total: int) -> None:
        """Put the re-read cards in place of the old ones; redraw only their columns."""
        self._seen_change = last
        if not ids:
            return
        affected = set()
        for status, cards in self.by_status.items():
            if any(card.id in ids for card in cards):
                self.by_status[status] = [card for card in cards if card.id not in ids]
                affected.add(status)
        for card in changed:
            insort(self.by_status.setdefault(card.status, []), card, key=_manual)
            affected.add(card.status)
        if sum(map(len, self.by_status.values())) != total:
            self.reload()  # the log did not tell everything (say, rows removed without it)
            return
        follow = None if self.showing_table or self.view.card is None else self.view.card.id
        self._redraw(*[status for status in COLUMNS if status in affected])
        if follow in ids:
            for column in self.view.columns:
                if column.index_of(follow) is not None and column is not self.view.active:
                    self.view.activate(column.status, follow)
        if self.showing_table:
            self._load_table(self.table.cursor_task_id)

    def _head_arrived(self, head: dict[str, list[TaskCard]] | None, totals) -> None:
        """Show each column's first cards and its count (every card is read next)."""
        if self.loaded:
            return
        if head is not None:
            self.view.loading = False
            filtering = self.query_one("#board-filter", Input).has_class("-shown")
            if self.is_current and not filtering:
                self._focus_main()
            self.view.show(head, totals)

    def _arrived(self, cards: list[TaskCard] | None, seen: int | None = None) -> None:
        self._seen_change = seen
        self.view.loading = False
        filtering = self.query_one("#board-filter", Input).has_class("-shown")
        if self.is_current and not filtering:
            self._focus_main()  # a loading widget cannot take the focus earlier
        if cards is None:
            return
        pending, self._select_after_read = self._select_after_read, None
        if pending is None and not self.showing_table and self.view.card is not None:
            pending = self.view.card.id  # follow it, should another copy have moved it
        self.by_status = {s: [] for s in COLUMNS}
        for card in cards:
            self.by_status.setdefault(card.status, []).append(card)
        self.loaded = True
        self.show()
        for column in self.view.columns if pending is not None else ():
            if column.index_of(pending) is not None:
                self.view.activate(column.status, pending)
        if self.showing_table:
            self._load_table(pending)

    def column_cards(self, status: str, flt: TaskFilter | None = None) -> list[TaskCard]:
        """The cards column ``status`` shows: filtered, then in the chosen order."""
        flt = self.filter if flt is None else flt
        if flt.status and flt.status != status:
            return []
        cards = filter_cards(self.by_status.get(status, []), flt, self.collab.clock.today())
        if self.sort_mode != SORTS[0]:
            cards.sort(key=sort_key(self.sort_mode))
        return cards

    def show(self) -> None:
        """Hand every column its cards (after a read, a filter change or a sort)."""
        flt = self.filter
        shown = {status: self.column_cards(status, flt) for status in COLUMNS}
        self.view.show(shown)
        if self.showing_table:
            self._fill_table()

    def _redraw(self, *statuses: str, keep_id: int | None = None) -> None:
        """Redraw only the columns of ``statuses`` from the board's copy."""
        flt = self.filter
        for status in statuses:
            self.view.set_cards(status, self.column_cards(status, flt), keep_id=keep_id)

    def _replace_card(self, old: TaskCard, new: TaskCard, index: int | None = None) -> None:
        """Take ``old`` out of its column and put ``new`` into its column at ``index``."""
        source = self.by_status[old.status]
        source[:] = [c for c in source if c.id != old.id]
        target = self.by_status.setdefault(new.status, [])
        target.insert(len(target) if index is None else index, new)

    # ------------------------------------------------------------------ filter

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types (in memory: no database round trip)."""
        event.stop()
        if self.loaded:
            self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter line goes back to the cards, keeping the filter."""
        event.stop()
        self._focus_main()

    def _focus_main(self) -> None:
        (self.table if self.showing_table else self.view).focus()

    def action_filter(self) -> None:
        """Show the filter line and put the focus in it."""
        line = self.query_one("#board-filter", Input)
        line.add_class("-shown")
        line.can_focus = True
        line.focus()

    def action_clear_or_back(self) -> None:
        """Escape: clear the filter if there is one, else leave the board."""
        line = self.query_one("#board-filter", Input)
        if line.has_class("-shown") or line.value:
            line.value = ""
            line.remove_class("-shown")
            line.can_focus = False
            self.show()
            self._focus_main()
            return
        self.app.pop_screen()

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Card keys do nothing while typing a filter; moves only on the board (the
        table hides them from the footer)."""
        if isinstance(self.focused, Input) and action in (
            "move_card",
            "reorder",
            "new_task",
            "edit_task",
            "daily_update",
            "delete_task",
            "task_history",
            "sort",
            "toggle_table",
        ):
            return False
        if self.move_refusal(action, parameters) is not None:
            return None  # shown disabled; pressing it says why (issue 16)
        return not (action in ("move_card", "reorder") and self.showing_table)

    def action_move_card(self, step: int) -> None:
        """Move the card to the previous or next column, at its end; save at once."""
        column = self.view.active
        card = column.card
        index = COLUMNS.index(column.status) + step
        if card is None or not 0 <= index < len(COLUMNS) or not self.loaded:
            return  # (not loaded: the first cards are shown, the rest still being read)
        target = COLUMNS[index]
        # At the end of the target column of the whole project, even when the
        # filter hides some of its cards (one aggregate, not a read of the column).
        try:
            task = self.collab.store.move_task(card.id, card.version, target, to_end=True)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            self.reload()
            return
        moved = replace(
            card,
            status=target,
            version=task.version,
            position=task.position,
            progress=task.progress,
        )
        self._replace_card(card, moved)
        self._redraw(column.status, target, keep_id=card.id)
        if not self.view.activate(target, card.id):  # the filter hides it now
            self.view.activate(column.status)

    def action_reorder(self, step: int) -> None:
        """Move the card up or down within its column; save at once."""
        column = self.view.active
        card = column.card
        if card is None or not self.loaded:
            return
        if self.sort_mode != SORTS[0]:
            self.collab.say(t("board.reorder_needs_manual"), severity="warning")
            return
        index = column.cursor + step
        if not 0 <= index < len(column.cards):
            return
        shown = column.cards
        after = shown[index - 1] if step < 0 and index > 0 else (shown[index] if step > 0 else None)
        try:
            task = self.collab.store.move_task(
                card.id, card.version, column.status, after_id=after.id if after else None
            )
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            self.reload()
            return
        moved = replace(card, version=task.version, position=task.position)
        whole = [c for c in self.by_status[column.status] if c.id != card.id]
        place = 0 if after is None else next(i for i, c in enumerate(whole) if c.id == after.id) + 1
        self._replace_card(card, moved, place)
        self._redraw(column.status, keep_id=card.id)
        if not _between(task.position, whole, place):
            self.reload()  # the store renumbered the column: read the new positions

    def action_sort(self) -> None:
        """Cycle the order within columns: manual, due date, priority, owner, code."""
        self.sort_mode = SORTS[(SORTS.index(self.sort_mode) + 1) % len(SORTS)]
        self._set_title()
        self.show()
        self.collab.say(t("board.sorted_by", order=t(f"board.sort.{self.sort_mode}")), timeout=2)

    def action_refresh(self) -> None:
        self.reload()

    # ------------------------------------------------------------------ editor

    def _editor_project(self) -> int | None:
        if self.project_id is not None:
            return self.project_id
        card = self.view.card
        return card.project_id if card else None

    def action_new_task(self) -> None:
        """A new task in the board's project (across projects: the current card's)."""
        project_id = self._editor_project()
        if project_id is None:
            self.collab.say(t("board.new_needs_project"), severity="warning")
            return
        status = self.view.active.status
        self.go("task", project_id, status=status, then=self._edited)

    def action_edit_task(self) -> None:
        """Open the task under the cursor in the editor."""
        task_id = self.table.cursor_task_id if self.showing_table else None
        if task_id is None and self.view.card is not None:
            task_id = self.view.card.id
        if task_id is None:
            return
        self.go("task", None, task_id=task_id, then=self._edited)

    def document_text(self) -> str | None:
        """``y`` copies the task under the cursor: every field and its daily log."""
        from collabtui.export.task import render_task_md

        task_id = self.table.cursor_task_id if self.showing_table else None
        if task_id is None and self.view.card is not None:
            task_id = self.view.card.id
        return None if task_id is None else render_task_md(self.collab.store.task_row(task_id))

    def action_daily_update(self) -> None:
        """The owner's daily note on the task under the cursor, one key away."""
        task_id = self.table.cursor_task_id if self.showing_table else None
        if task_id is None and self.view.card is not None:
            task_id = self.view.card.id
        if task_id is None:
            return
        from collabtui.dialogs.task_update import TaskUpdateForm

        try:
            row = self.collab.store.task_row(task_id)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        self.app.push_screen(TaskUpdateForm(row), lambda done: done and self._edited(task_id))

    def _edited(self, task_id: int | None) -> None:
        self._select_after_read = task_id
        self.reload()

    def on_board_view_card_chosen(self, event: BoardView.CardChosen) -> None:
        """Enter (or a double click) on a card opens it."""
        event.stop()
        self.action_edit_task()

    def on_task_table_task_chosen(self, event: TaskTable.TaskChosen) -> None:
        event.stop()
        self.action_edit_task()


#: Cards per column shown first, while the board reads the rest (a screenful or two).
HEAD_CARDS = 40


def _manual(card: TaskCard) -> tuple[float, int]:
    """A column's own order (as the store reads it)."""
    return (card.position, card.id)


def _between(position: float, column: list[TaskCard], place: int) -> bool:
    """Whether ``position`` lies strictly between the cards around ``place``."""
    before = column[place - 1].position if place > 0 else None
    after = column[place].position if place < len(column) else None
    return (before is None or before < position) and (after is None or position < after)
