"""The task board's five columns in one widget, drawn a line at a time.

One focusable widget instead of five: moving the cursor, a card or the active
column repaints only the columns concerned, and never changes the focus, the
layout or the footer — the three things that make a Textual screen repaint whole.
Only the lines on screen are rendered, so a column of 10,000 cards costs what a
column of ten does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from collabtui.domain.board import TaskCard
from collabtui.i18n import t
from collabtui.text import truncate
from collabtui.widgets.base import localize_bindings
from collabtui.widgets.task_card import CARD_HEIGHT, card_segments


class Column:
    """One column's state: its cards, the cursor and the first card on screen."""

    def __init__(self, status: str, title: str):
        self.status = status
        self.title = title
        self.cards: list[TaskCard] = []
        self.cursor = 0
        self.top = 0
        #: How many cards the column has when :attr:`cards` holds only its first ones
        #: (the board shows them while it reads the rest); ``None``: all are there.
        self.total: int | None = None

    @property
    def count(self) -> int:
        """How many cards the column has (its title says so)."""
        return len(self.cards) if self.total is None else self.total

    @property
    def card(self) -> TaskCard | None:
        """The card under the cursor, if any."""
        if 0 <= self.cursor < len(self.cards):
            return self.cards[self.cursor]
        return None

    def index_of(self, card_id: int | None) -> int | None:
        """Where card ``card_id`` is in this column, if it is."""
        if card_id is None:
            return None
        return next((i for i, c in enumerate(self.cards) if c.id == card_id), None)


class BoardView(Widget, can_focus=True):
    """Five status columns of cards with a cursor each; one of them is active.

    The widget never reads the store: the screen hands it cards with :meth:`show`
    or :meth:`set_cards` and reads :attr:`active` and :attr:`card`. Enter or a
    second click posts :class:`BoardView.CardChosen`.
    """

    DEFAULT_CSS = """
    BoardView { height: 1fr; }
    BoardView > .board-view--border { color: $panel-lighten-2; }
    BoardView > .board-view--border-active { color: $accent; }
    BoardView > .board-view--title { text-style: bold; }
    BoardView > .board-view--cursor { background: $boost; }
    BoardView:focus > .board-view--cursor-active { background: $accent 30%; }
    BoardView > .board-view--cursor-active { background: $boost; }
    BoardView > .board-view--thumb { color: $accent; }
    """

    COMPONENT_CLASSES = {
        "board-view--border",
        "board-view--border-active",
        "board-view--title",
        "board-view--cursor",
        "board-view--cursor-active",
        "board-view--thumb",
    }

    BINDINGS = [
        Binding("left,h", "column(-1)", "key.board_left", show=False, id="board-left"),
        Binding("right,l", "column(1)", "key.board_right", show=False, id="board-right"),
        Binding("up,k", "cursor(-1)", "key.board_up", show=False, id="board-up"),
        Binding("down,j", "cursor(1)", "key.board_down", show=False, id="board-down"),
        Binding("home", "edge(0)", show=False, id="board-first"),
        Binding("end", "edge(1)", show=False, id="board-last"),
        Binding("pageup", "page(-1)", show=False, id="board-page-up"),
        Binding("pagedown", "page(1)", show=False, id="board-page-down"),
        Binding("enter", "choose", "key.board_open", id="board-open"),
    ]

    class CardChosen(Message):
        """A card was picked with Enter or a second click."""

        def __init__(self, view: BoardView, card: TaskCard):
            super().__init__()
            self.view = view
            self.card = card

        @property
        def control(self) -> BoardView:
            return self.view

    class CardHighlighted(Message):
        """The cursor moved to another card (``None``: the active column is empty)."""

        def __init__(self, view: BoardView, card: TaskCard | None):
            super().__init__()
            self.view = view
            self.card = card

        @property
        def control(self) -> BoardView:
            return self.view

    def __init__(
        self,
        columns: Sequence[tuple[str, str]],
        *,
        today: date,
        with_project: bool = False,
        id: str | None = None,
    ):
        """``columns``: (status, translated title) left to right."""
        super().__init__(id=id)
        localize_bindings(self)
        self.columns = [Column(status, title) for status, title in columns]
        self.today = today
        self.with_project = with_project
        self.active_index = 0
        self._style_cache: dict[str, Style] | None = None

    # ------------------------------------------------------------------ data down

    @property
    def active(self) -> Column:
        """The column the cursor is in."""
        return self.columns[self.active_index]

    @property
    def card(self) -> TaskCard | None:
        """The card under the cursor of the active column."""
        return self.active.card

    def column(self, status: str) -> Column:
        """The column of ``status``."""
        return next(c for c in self.columns if c.status == status)

    def show(
        self,
        by_status: Mapping[str, Sequence[TaskCard]],
        totals: Mapping[str, int] | None = None,
    ) -> None:
        """Replace every column's cards; each cursor stays on its card when it can.

        ``totals``: the columns' counts when ``by_status`` holds only their first cards.
        """
        for column in self.columns:
            self._fill(column, by_status.get(column.status, ()), None)
            column.total = None if totals is None else totals.get(column.status, 0)
        self.refresh()
        self._highlighted()

    def set_cards(
        self, status: str, cards: Sequence[TaskCard], *, keep_id: int | None = None
    ) -> None:
        """Replace one column's cards (repaints that column only)."""
        column = self.column(status)
        self._fill(column, cards, keep_id)
        column.total = None
        self._repaint(column)

    def _fill(self, column: Column, cards: Sequence[TaskCard], keep_id: int | None) -> None:
        current = column.card
        wanted = keep_id if keep_id is not None else (current.id if current else None)
        column.cards = list(cards)
        index = column.index_of(wanted)
        if index is None:
            index = min(column.cursor, max(0, len(column.cards) - 1))
        column.cursor = index
        self._keep_visible(column)

    def activate(self, status: str, card_id: int | None = None) -> bool:
        """Make column ``status`` active, with its cursor on ``card_id`` if it is there."""
        old = self.active
        self.active_index = next(i for i, c in enumerate(self.columns) if c.status == status)
        found = True
        if card_id is not None:
            index = self.active.index_of(card_id)
            found = index is not None
            if found:
                self.active.cursor = index
                self._keep_visible(self.active)
        self._repaint(old)
        self._repaint(self.active)
        self._highlighted()
        return found

    # ------------------------------------------------------------------ geometry

    def _bounds(self, index: int) -> tuple[int, int]:
        """``(x, width)`` of column ``index``: equal shares, the last takes the rest."""
        total = self.size.width
        share = max(1, total // len(self.columns))
        x = share * index
        width = total - x if index == len(self.columns) - 1 else share
        return x, width

    @property
    def rows(self) -> int:
        """How many cards fit in a column's height."""
        return max(1, (self.size.height - 2) // CARD_HEIGHT)

    def _keep_visible(self, column: Column) -> None:
        rows = self.rows
        if column.cursor < column.top:
            column.top = column.cursor
        elif column.cursor >= column.top + rows:
            column.top = column.cursor - rows + 1
        column.top = max(0, min(column.top, max(0, len(column.cards) - rows)))

    def _repaint(self, column: Column) -> None:
        x, width = self._bounds(self.columns.index(column))
        self.refresh(Region(x, 0, width, self.size.height))

    def on_resize(self, _event: events.Resize) -> None:
        for column in self.columns:
            self._keep_visible(column)

    # ------------------------------------------------------------------ keys

    def action_column(self, step: int) -> None:
        """Make the next column to the left or right active (wrapping around)."""
        self.activate(self.columns[(self.active_index + step) % len(self.columns)].status)

    def _move_cursor(self, index: int) -> None:
        column = self.active
        if not column.cards:
            return
        index = max(0, min(index, len(column.cards) - 1))
        if index == column.cursor:
            return
        column.cursor = index
        self._keep_visible(column)
        self._repaint(column)
        self._highlighted()

    def action_cursor(self, step: int) -> None:
        self._move_cursor(self.active.cursor + step)

    def action_edge(self, end: int) -> None:
        self._move_cursor(len(self.active.cards) - 1 if end else 0)

    def action_page(self, step: int) -> None:
        self._move_cursor(self.active.cursor + step * self.rows)

    def action_choose(self) -> None:
        if self.card is not None:
            self.post_message(self.CardChosen(self, self.card))

    def _highlighted(self) -> None:
        self.post_message(self.CardHighlighted(self, self.card))

    # ------------------------------------------------------------------ mouse

    def _hit(self, x: int, y: int) -> tuple[int, int | None]:
        """The column at ``x`` and the card at line ``y`` in it (``None``: no card)."""
        index = min(len(self.columns) - 1, x // max(1, self.size.width // len(self.columns)))
        column = self.columns[index]
        if y < 1 or y >= self.size.height - 1:
            return index, None
        line = y - 1
        if line % CARD_HEIGHT == CARD_HEIGHT - 1:
            return index, None
        card = column.top + line // CARD_HEIGHT
        return index, card if card < len(column.cards) else None

    def on_click(self, event: events.Click) -> None:
        """A click selects the card under the pointer; a second click opens it."""
        index, card = self._hit(event.x, event.y)
        again = index == self.active_index and card is not None and card == self.active.cursor
        self.focus()
        if index != self.active_index:
            self.activate(self.columns[index].status)
        if card is not None:
            self._move_cursor(card)
            if again or event.chain > 1:
                self.action_choose()

    def _scroll(self, x: int, step: int) -> None:
        index, _ = self._hit(x, 1)
        column = self.columns[index]
        top = max(0, min(column.top + step, max(0, len(column.cards) - self.rows)))
        if top != column.top:
            column.top = top
            if column is self.active and not top <= column.cursor < top + self.rows:
                column.cursor = min(max(column.cursor, top), top + self.rows - 1)
                self._highlighted()
            self._repaint(column)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll(event.x, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll(event.x, -1)

    # ------------------------------------------------------------------ rendering

    def _styles(self) -> dict[str, Style]:
        """The rich styles of the parts, read once per style change (not per line)."""
        if self._style_cache is None:
            base = self.rich_style
            parts = {name: self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES}
            border = base + parts["board-view--border"]
            active = base + parts["board-view--border-active"]
            self._style_cache = {
                "base": base,
                "border": border,
                "active": active,
                "title": border + parts["board-view--title"],
                "active-title": active + parts["board-view--title"],
                "cursor": base + parts["board-view--cursor"],
                "cursor-active": base + parts["board-view--cursor-active"],
                "thumb": border + parts["board-view--thumb"],
                "active-thumb": active + parts["board-view--thumb"],
            }
        return self._style_cache

    def render_line(self, y: int) -> Strip:
        """Line ``y``: one line of every column (border, title, card text or blank)."""
        styles = self._styles()
        size = self.size
        rows = max(1, (size.height - 2) // CARD_HEIGHT)
        segments: list[Segment] = []
        share = max(1, size.width // len(self.columns))
        for index, column in enumerate(self.columns):
            width = size.width - share * index if index == len(self.columns) - 1 else share
            active = index == self.active_index
            if width < 6:
                segments.append(Segment(" " * width, styles["base"]))
            elif y == 0:
                segments += self._top(column, width, active, styles)
            elif y == size.height - 1:
                segments += self._bottom(column, width, rows, active, styles)
            else:
                segments += self._body(column, width, y - 1, size.height - 2, rows, active, styles)
        return Strip(segments, size.width)

    def _top(self, column: Column, width: int, active: bool, styles) -> list[Segment]:
        frame = styles["active" if active else "border"]
        head = t("board.column_head", title=column.title, count=column.count)
        title = truncate(f" {head} ", width - 4)
        rest = width - 3 - Text(title).cell_len
        return [
            Segment("╭─", frame),
            Segment(title, styles["active-title" if active else "title"]),
            Segment("─" * max(0, rest) + "╮", frame),
        ]

    def _bottom(self, column: Column, width: int, rows: int, active: bool, styles) -> list[Segment]:
        frame = styles["active" if active else "border"]
        shown = ""
        if column.count > rows:
            last = min(column.count, column.top + rows)
            shown = truncate(f" {column.top + 1}–{last}/{column.count} ", width - 4)
        rest = width - 3 - Text(shown).cell_len
        return [
            Segment("╰" + "─" * max(0, rest), frame),
            Segment(shown, frame),
            Segment("─╯", frame),
        ]

    def _body(
        self, column: Column, width: int, line: int, lines: int, rows: int, active: bool, styles
    ) -> list[Segment]:
        frame = styles["active" if active else "border"]
        base = styles["base"]
        inner = width - 2
        number, row = divmod(line, CARD_HEIGHT)
        number += column.top
        style = base
        if number == column.cursor and number < len(column.cards):
            style = styles["cursor-active" if active else "cursor"]
        out = [Segment("│", frame)]
        if number >= len(column.cards) or row == CARD_HEIGHT - 1:
            out.append(Segment(" " * inner, base))
        else:
            body, used = card_segments(
                column.cards[number],
                inner - 2,
                self.today,
                self.with_project,
                row,
                style,
                self.app.console,
            )
            out.append(Segment(" ", style))
            out += body
            out.append(Segment(" " * max(0, inner - 1 - used), style))
        total = column.count
        thumb = False
        if total > rows and lines > 0:
            start = column.top * lines // total
            thumb = start <= line < min(lines, start + max(1, rows * lines // total))
        if thumb:
            out.append(Segment("┃", styles["active-thumb" if active else "thumb"]))
        else:
            out.append(Segment("│", frame))
        return out

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache = None
        self.refresh()
