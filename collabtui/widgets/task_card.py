"""One task card of the board: three lines of text, fitted to a column's width."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from collabtui.domain.board import TaskCard
from collabtui.text import clean, truncate

#: Lines per card: code and title, owner and department, due date and progress, a gap.
CARD_HEIGHT = 4


@lru_cache(maxsize=4096)
def card_lines(card: TaskCard, width: int, today: date, with_project: bool = False) -> list[Text]:
    """The three text lines of ``card`` fitted to ``width`` cells; user text stays literal.

    Cached: a frozen card with a new version is a new key. Do not mutate the result.
    """
    width = max(4, width)
    code = clean(card.code, single_line=True)
    if with_project and card.project_code:
        code = f"{clean(card.project_code, single_line=True)}·{code}"
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
    progress = f"{card.progress}%"
    if card.due_on is not None:
        # A narrow column drops the year rather than the progress.
        shown = card.due_on.isoformat()
        if width < len(shown) + 1 + len(progress):
            shown = card.due_on.strftime("%m-%d")
        due.append(shown, style="bold red" if card.overdue(today) else "")
    gap = max(1, width - due.cell_len - len(progress))
    due.append(" " * gap)
    due.append(progress, style="green" if card.progress >= 100 else "")
    due.truncate(width)
    return [head, owner, due]


@lru_cache(maxsize=8192)
def card_segments(
    card: TaskCard, width: int, today: date, with_project: bool, row: int, style: Style, console
) -> tuple[tuple[Segment, ...], int]:
    """Line ``row`` of ``card`` as segments over ``style``, and its width in cells.

    Cached per card version, width and background, so redrawing a column after a
    move or a cursor step renders only the cards whose look changed.
    """
    text = card_lines(card, width, today, with_project)[row]
    segments = tuple(
        Segment(seg.text, style + seg.style if seg.style else style)
        for seg in text.render(console)
        if seg.text and not seg.control
    )
    return segments, text.cell_len
