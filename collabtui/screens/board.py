"""The task board: one column per status, cards moved and filtered from the keyboard."""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input

from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.store.board import COLUMNS, TaskCard, TaskFilter
from collabtui.store.errors import StoreError
from collabtui.widgets.task_column import TaskColumn


def parse_filter(text: str) -> TaskFilter:
    """What the ``/`` line asks for.

    Words are matched in titles, codes and descriptions; ``@owner``, ``#department``,
    ``!overdue``, ``!week`` and ``status:blocked`` narrow further. A status may be
    given by its value, its translated label, or the start of either.
    """
    words: list[str] = []
    owner = department = status = ""
    overdue = week = False
    for token in text.split():
        low = token.casefold()
        if token.startswith("@") and len(token) > 1:
            owner = token[1:]
        elif token.startswith("#") and len(token) > 1:
            department = token[1:]
        elif low == "!overdue":
            overdue = True
        elif low == "!week":
            week = True
        elif low.startswith("status:") and len(token) > len("status:"):
            status = match_status(token[len("status:") :]) or "?"
        else:
            words.append(token)
    return TaskFilter(
        text=" ".join(words),
        owner=owner,
        department=department,
        status=status,
        overdue=overdue,
        due_this_week=week,
    )


def match_status(text: str) -> str | None:
    """The column value ``text`` names (value, label, or a unique start of one)."""
    want = text.casefold()
    names = {v: (v.casefold(), label_value("TaskStatus", v).casefold()) for v in COLUMNS}
    for value, (plain, shown) in names.items():
        if want in (plain, shown):
            return value
    hits = [
        v for v, (plain, shown) in names.items() if plain.startswith(want) or shown.startswith(want)
    ]
    return hits[0] if len(hits) == 1 else None


class BoardScreen(CollabScreen):
    """Tasks of one project (or of all projects) in five status columns."""

    BINDINGS = [
        Binding("left,h", "focus_column(-1)", "key.board_left", id="board-left"),
        Binding("right,l", "focus_column(1)", "key.board_right", id="board-right"),
        Binding(
            "shift+left,left_square_bracket",
            "move_card(-1)",
            "key.board_move_left",
            id="board-move-left",
        ),
        Binding(
            "shift+right,right_square_bracket",
            "move_card(1)",
            "key.board_move_right",
            id="board-move-right",
        ),
        Binding("slash", "filter", "key.board_filter", id="board-filter"),
        Binding("escape", "clear_or_back", "key.back", id="back"),
        Binding("r", "refresh", "key.refresh", show=False, id="refresh"),
    ]

    def __init__(self, project_id: int | None = None):
        """``project_id``: the project shown; ``None`` shows every project's tasks."""
        super().__init__()
        self.project_id = project_id
        self.cards: list[TaskCard] = []
        self._generation = 0

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Input(placeholder=t("board.filter_hint"), id="board-filter")
        today = self.collab.clock.today()
        with Horizontal(id="board-columns"):
            for status in COLUMNS:
                yield TaskColumn(
                    status,
                    label_value("TaskStatus", status),
                    today=today,
                    id=f"column-{status}",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("board.title")
        if self.project_id is not None:
            try:
                project = self.collab.store.project(self.project_id)
            except StoreError:
                project = None
            if project is not None:
                self.sub_title = f"{t('board.title')} · {project.code}"
        self.reload()
        self.query_one("#column-todo", TaskColumn).focus()

    @property
    def columns(self) -> list[TaskColumn]:
        """The five columns, left to right."""
        return list(self.query(TaskColumn))

    def column(self, status: str) -> TaskColumn:
        """The column of ``status``."""
        return self.query_one(f"#column-{status}", TaskColumn)

    @property
    def current(self) -> TaskColumn:
        """The focused column (the first one when the focus is elsewhere)."""
        focused = self.focused
        if isinstance(focused, TaskColumn):
            return focused
        return getattr(self, "_last_column", None) or self.columns[0]

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, TaskColumn):
            self._last_column = event.widget

    # ------------------------------------------------------------------ data

    @property
    def filter(self) -> TaskFilter:
        """The filter typed after ``/`` (empty when the line is hidden)."""
        return parse_filter(self.query_one("#board-filter", Input).value)

    def read(self, flt: TaskFilter) -> list[TaskCard]:
        """The cards ``flt`` lets through (a status no column has lets none)."""
        if flt.status and flt.status not in COLUMNS:
            return []
        return self.collab.store.task_cards(self.project_id, flt, self.collab.clock.today())

    def reload(self, keep: dict[str, int] | None = None) -> None:
        """Read the cards now and show them (after a move, on mount, on refresh)."""
        self._generation += 1
        try:
            cards = self.read(self.filter)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        self.show(cards, keep)

    @work(thread=True, exclusive=True, group="board-filter")
    def reload_in_background(self, generation: int, flt: TaskFilter) -> None:
        """Read the cards off the UI thread while the filter is typed."""
        try:
            cards = self.read(flt)
        except StoreError as exc:
            self.app.call_from_thread(self.collab.say, str(exc), severity="error")
            return
        self.app.call_from_thread(self._arrived, generation, cards)

    def _arrived(self, generation: int, cards: list[TaskCard]) -> None:
        """Show a background read unless a newer one was asked for meanwhile."""
        if generation == self._generation:
            self.show(cards)

    def show(self, cards: list[TaskCard], keep: dict[str, int] | None = None) -> None:
        """Hand each column its cards."""
        self.cards = cards
        keep = keep or {}
        by_status: dict[str, list[TaskCard]] = {s: [] for s in COLUMNS}
        for card in cards:
            by_status.setdefault(card.status, []).append(card)
        for column in self.columns:
            column.show(by_status.get(column.status, []), keep_id=keep.get(column.status))

    # ------------------------------------------------------------------ filter

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        event.stop()
        self._generation += 1
        self.reload_in_background(self._generation, parse_filter(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter line goes back to the cards, keeping the filter."""
        event.stop()
        self.current.focus()

    def action_filter(self) -> None:
        """Show the filter line and put the focus in it."""
        line = self.query_one("#board-filter", Input)
        line.add_class("-shown")
        line.focus()

    def action_clear_or_back(self) -> None:
        """Escape: clear the filter if there is one, else leave the board."""
        line = self.query_one("#board-filter", Input)
        if line.has_class("-shown") or line.value:
            line.value = ""
            line.remove_class("-shown")
            self.workers.cancel_group(self, "board-filter")
            self.reload()
            self.current.focus()
            return
        self.app.pop_screen()

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Column keys do nothing while typing a filter (the Input uses the arrows)."""
        typing = isinstance(self.focused, Input)
        return not (typing and action in ("focus_column", "move_card"))

    def action_focus_column(self, step: int) -> None:
        """Move the focus ``step`` columns to the left or right."""
        columns = self.columns
        index = columns.index(self.current)
        columns[(index + step) % len(columns)].focus()

    def action_move_card(self, step: int) -> None:
        """Move the focused card to the previous or next column, at its end; save at once."""
        column = self.current
        card = column.card
        index = COLUMNS.index(column.status) + step
        if card is None or not 0 <= index < len(COLUMNS):
            return
        target = COLUMNS[index]
        # At the end of the target column of the whole project, even when the
        # filter hides some of its cards (one aggregate, not a read of the column).
        try:
            task = self.collab.store.move_task(card.id, card.version, target, to_end=True)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            self.reload()
            return
        moved_card = replace(
            card,
            status=target,
            version=task.version,
            position=task.position,
            progress=task.progress,
        )
        if self.filter == TaskFilter():
            # No filter: patch the two columns instead of reading 10,000 cards again.
            self.cards = [moved_card if c.id == card.id else c for c in self.cards]
            column.show([c for c in column.cards if c.id != card.id])
            self.column(target).show([*self.column(target).cards, moved_card], keep_id=card.id)
        else:
            self.reload(keep={target: card.id})
        moved = self.column(target)
        if moved.select_card(card.id):
            moved.focus()
        else:  # the filter hides it now
            column.focus()

    def action_refresh(self) -> None:
        self.reload()

    def on_task_column_card_chosen(self, event: TaskColumn.CardChosen) -> None:
        """Enter on a card: the task editor is not built yet, so say what was picked."""
        event.stop()
        card = event.card
        self.collab.say(f"{card.code} {card.title}", timeout=3)
