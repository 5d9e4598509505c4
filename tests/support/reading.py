"""Reading a screen as a Chinese user does: English that is not data, footer labels that
are not their translation, and glyphs cut in half.

:func:`read_screen` renders the app's current screen as the terminal shows it (the
composition ``App.export_screenshot`` renders) while watching Rich split segments: a
split that falls inside a two-cell character turns that character into spaces — the
"^p 命令  板" of a footer cut at the right edge — and is recorded with its text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import rich.cells
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment

from tests.support.chinese import LATIN_WORD
from tests.support.internals import render_screen_update

#: Key names and key-like words the footer and ``?`` show.
KEY_NAMES = frozenset(
    {
        "esc",
        "del",
        "tab",
        "enter",
        "space",
        "ctrl",
        "shift",
        "alt",
        "pgup",
        "pgdn",
        "home",
        "end",
        "ins",
        "up",
        "down",
        "left",
        "right",
        "backspace",
        "collab",  # the app's name, in the title bar
    }
)
#: Codes a Chinese user reads as they are: the format of a date a field expects
#: (``YYYY-MM-DD``, ``YYYY-Www``), a time zone, an ISO currency.
CODES = frozenset({"YYYY", "MM", "DD", "HH", "Www", "UTC", "GMT", "CNY", "USD", "EUR", "HKD"})
#: A week (``2026-W48``), a bare key letter (``S``, ``^p``) or a function key
#: (``f1``): not a word.
NOT_WORDS = re.compile(r"^(W\d+|[A-Za-z]|f\d{1,2})$")


@dataclass
class Reading:
    """What one screen shows, and what is wrong with it."""

    text: str
    latin: list[str] = field(default_factory=list)
    cuts: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)


class Cut(str):
    """A text cut inside a wide character, with the two pieces the cut made (each with a
    space where half of the character was)."""

    pieces: tuple[str, ...]

    def __new__(cls, text: str, pieces: tuple[str, ...]) -> Cut:
        made = super().__new__(cls, text)
        made.pieces = pieces
        return made


def shown_cuts(cuts: list[str], screen: str) -> list[str]:
    """The cuts a person can see on ``screen``: a piece of the cut text is on it.

    Textual divides every line of a row at every widget's edge in that row, lines
    hidden under another widget too (a dialog's fields scrolled under its docked
    buttons); a cut whose pieces are nowhere on the screen is not drawn. A cut that
    cannot tell its pieces, or whose pieces are blank, counts as seen.
    """
    seen = []
    for cut in cuts:
        pieces = [p for p in getattr(cut, "pieces", ()) if p.strip()]
        if not pieces or any(piece in screen for piece in pieces):
            seen.append(cut)
    return seen


@contextmanager
def watching_cuts() -> Iterator[list[str]]:
    """Record every text cut inside a two-cell character while this runs.

    Rich and Textual cut text to a width in two places: ``Segment.split_cells``
    (cropping a line to its region) and ``set_cell_size`` (fitting a line to a
    width); both put a space where half of a wide character would be.
    """
    import textual.content
    import textual.strip

    found: list[str] = []
    split = Segment._split_cells.__func__  # type: ignore[attr-defined]
    size = rich.cells.set_cell_size

    def watched_split(cls, segment: Segment, cut: int):
        before, after = split(cls, segment, cut)
        if before.text + after.text != segment.text:
            found.append(Cut(segment.text, (before.text, after.text)))
        return before, after

    def watched_size(text: str, total: int) -> str:
        fitted = size(text, total)
        if cell_len(text) > total and not text.startswith(fitted):
            found.append(text)
        return fitted

    modules = (textual.strip, textual.content)
    Segment._split_cells = classmethod(watched_split)  # type: ignore[assignment]
    for module in modules:
        module.set_cell_size = watched_size  # type: ignore[attr-defined]
    try:
        yield found
    finally:
        Segment._split_cells = classmethod(split)  # type: ignore[assignment]
        for module in modules:
            module.set_cell_size = size  # type: ignore[attr-defined]


def screen_text(app) -> str:
    """Everything the app's current screen draws, as plain text, line by line.

    The same composition ``App.export_screenshot`` renders, recorded as text instead
    of SVG: every cell of every visible widget, toasts and the header included.
    """
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(render_screen_update(app))
    return console.export_text(styles=False)


def screen_lines(app) -> tuple[str, list[str]]:
    """The app's screen as plain text, and the wide characters cut while drawing it."""
    with watching_cuts() as cuts:
        text = screen_text(app)
    return text, cuts


def latin_words(text: str, allowed: set[str]) -> list[str]:
    """The Latin words of ``text`` that are neither data, codes nor key names."""
    bad: list[str] = []
    for word in LATIN_WORD.findall(text):
        if word in allowed or word in CODES or word.lower() in KEY_NAMES or NOT_WORDS.match(word):
            continue
        bad.append(word)
    return bad
