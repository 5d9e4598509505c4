"""Fitting a table's columns into the width it has, in terminal cells.

A table wider than its place scrolls sideways, and the edge of the view cuts a
Chinese character in half. :func:`fit_columns` decides instead how wide each column
may be: every column whole when they fit; else the long ones (wider than ``keep``
cells: texts, not dates, times, states or numbers) cut with an ellipsis down to a
common cap no narrower than ``narrowest``; else the last columns (the least
important: tables list the most important first) left out, the first one always
kept — and the table says how many are hidden.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Cells of padding a column takes besides its text (a space on each side).
PADDING = 2


@dataclass(frozen=True)
class Fit:
    """How a table fits: columns shown, and the cap on their widths (``None``: none)."""

    shown: int
    cap: int | None

    def hidden(self, total: int) -> int:
        return total - self.shown


def fit_columns(
    widths: Sequence[int], available: int, *, narrowest: int = 10, keep: int = 16, note: int = 0
) -> Fit:
    """The columns of natural ``widths`` (text cells) to show in ``available`` cells.

    ``note`` is the width of the column that says columns are hidden, counted only
    when some are.
    """
    if available <= 0 or not widths:
        return Fit(len(widths), None)
    for shown in range(len(widths), 0, -1):
        room = available - PADDING * shown - (note + PADDING if shown < len(widths) else 0)
        cols = list(widths[:shown])
        if sum(cols) <= room:
            return Fit(shown, None)
        short = sum(w for w in cols if w <= keep)
        cap = _cap([w for w in cols if w > keep], room - short)
        if cap is not None and cap >= narrowest:
            return Fit(shown, cap)
    return Fit(1, max(1, available - PADDING - note - PADDING))


def _cap(widths: list[int], room: int) -> int | None:
    """The largest cap with ``sum(min(w, cap)) <= room`` (``None`` when even 1 is too wide)."""
    if not widths:
        return None
    low, high = 1, max(widths)
    if sum(min(w, low) for w in widths) > room:
        return None
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(w, middle) for w in widths) <= room:
            low = middle
        else:
            high = middle - 1
    return low
