"""One column of the task board: a virtual list of cards, rendered a line at a time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from collabtui.store.board import TaskCard
from collabtui.text import clean, truncate

#: Lines per card: code and title, owner and department, due date and progress, a gap.
CARD_HEIGHT = 4


@lru_cache(maxsize=2048)
def card_lines(card: TaskCard, width: int, today: date) -> list[Text]:
    """The three text lines of ``card`` fitted to ``width`` cells; user text stays literal.

    Cached: a frozen card with a new version is a new key. Do not mutate the result.
    """
    width = max(4, width)
    code = clean(card.code, single_line=True)
    title = clean(card.title, single_line=True)
    head = Text(no_wrap=True)
    head.append(truncate(code, width), style="bold")
    room = width - head.cell_len - 1
    if room > 1:
        head.append(" ")
        head.append(truncate(title, room))
    who = clean(card.owner, single_line=True)
    if card.department:
        who = f"{who} · {clean(card.department, single_line=True)}"
    owner = Text(truncate(who, width), style="italic", no_wrap=True)
    due = Text(no_wrap=True)
    if card.due_on is not None:
        due.append(card.due_on.isoformat(), style="bold red" if card.overdue(today) else "")
    progress = f"{card.progress}%"
    gap = max(1, width - due.cell_len - len(progress))
    due.append(" " * gap)
    due.append(progress, style="green" if card.progress >= 100 else "")
    due.truncate(width)
    return [head, owner, due]


class TaskColumn(ScrollView, can_focus=True):
    """The cards of one status; only the lines on screen are ever rendered.

    The widget never reads the store: the screen gives it cards with :meth:`show`
    and reads :attr:`card`; Enter or a click posts :class:`TaskColumn.CardChosen`.
    """

    DEFAULT_CSS = """
    TaskColumn {
        width: 1fr;
        height: 1fr;
        border: round $panel;
        border-title-align: left;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    TaskColumn:focus { border: round $accent; }
    TaskColumn > .task-column--cursor { background: $boost; }
    TaskColumn:focus > .task-column--cursor { background: $accent 30%; }
    """

    COMPONENT_CLASSES = {"task-column--cursor"}

    BINDINGS = [
        Binding("up,k", "cursor_up", "key.board_up", show=False, id="board-up"),
        Binding("down,j", "cursor_down", "key.board_down", show=False, id="board-down"),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("enter", "choose", "key.board_open", show=False, id="board-open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class CardChosen(Message):
        """A card was picked with Enter or a click."""

        def __init__(self, column: TaskColumn, card: TaskCard):
            super().__init__()
            self.column = column
            self.card = card

        @property
        def control(self) -> TaskColumn:
            return self.column

    class CardHighlighted(Message):
        """The cursor moved to another card (or the column became empty)."""

        def __init__(self, column: TaskColumn, card: TaskCard | None):
            super().__init__()
            self.column = column
            self.card = card

        @property
        def control(self) -> TaskColumn:
            return self.column

    def __init__(
        self,
        status: str,
        title: str,
        *,
        today: date,
        id: str | None = None,
        classes: str | None = None,
    ):
        """``status``: the column's value; ``title``: its translated label."""
        super().__init__(id=id, classes=classes)
        self.status = status
        self.title = title
        self.today = today
        self.cards: list[TaskCard] = []
        self._set_title()

    # ------------------------------------------------------------------ data down

    def show(self, cards: Sequence[TaskCard], *, keep_id: int | None = None) -> None:
        """Replace the cards; keep the cursor on card ``keep_id`` (or the same card)."""
        current = self.card
        wanted = keep_id if keep_id is not None else (current.id if current else None)
        self.cards = list(cards)
        self.virtual_size = Size(0, len(self.cards) * CARD_HEIGHT)
        self._set_title()
        index = next((i for i, c in enumerate(self.cards) if c.id == wanted), None)
        if index is None:
            index = min(self.cursor, max(0, len(self.cards) - 1))
        self.cursor = index
        self.refresh()

    def _set_title(self) -> None:
        self.border_title = Text(f"{self.title} ({len(self.cards)})", no_wrap=True)

    @property
    def card(self) -> TaskCard | None:
        """The card under the cursor, if any."""
        if 0 <= self.cursor < len(self.cards):
            return self.cards[self.cursor]
        return None

    def select_card(self, card_id: int) -> bool:
        """Put the cursor on card ``card_id``; False when it is not in this column."""
        for index, card in enumerate(self.cards):
            if card.id == card_id:
                self.cursor = index
                return True
        return False

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.cards) - 1)) if self.cards else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        if self.cards:
            self.scroll_to_region(
                Region(0, new * CARD_HEIGHT, 1, CARD_HEIGHT - 1), animate=False, force=True
            )
        self.post_message(self.CardHighlighted(self, self.card))

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.cards) - 1

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // CARD_HEIGHT)

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_choose(self) -> None:
        if self.card is not None:
            self.post_message(self.CardChosen(self, self.card))

    def on_click(self, event: events.Click) -> None:
        """A click selects the card under the pointer; a second click chooses it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + int(self.scroll_y)) // CARD_HEIGHT
        if not 0 <= index < len(self.cards):
            return
        again = index == self.cursor and self.has_focus
        self.focus()
        self.cursor = index
        if again or event.chain > 1:
            self.action_choose()

    # ------------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the visible region: one line of one card, or blank."""
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        index, row = divmod(line, CARD_HEIGHT)
        base = self.rich_style
        if index >= len(self.cards) or row == CARD_HEIGHT - 1:
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("task-column--cursor")
        text = card_lines(self.cards[index], width - 2, self.today)[row]
        segments = [Segment(" ", style)]
        segments += [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
            if seg.text and not seg.control
        ]
        return Strip(segments).crop_extend(0, width, style)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()
