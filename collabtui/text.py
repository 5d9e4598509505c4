"""The one place that turns user strings into something safe to show.

User text is data: it is never parsed as markup, and control characters (ANSI
escapes, bells, carriage returns) never reach the terminal.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

# C0 and C1 controls except tab and newline, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object, *, single_line: bool = False) -> str:
    """``value`` as text with control characters shown as ``�``; newlines kept unless asked."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
    if single_line:
        text = " ".join(text.split("\n"))
    return text.replace("\t", "    ")


def safe(value: object, style: str = "", *, single_line: bool = True) -> Text:
    """User text as a Rich ``Text`` (never markup), cleaned, one line by default."""
    return Text(clean(value, single_line=single_line), style=style, no_wrap=single_line)


def truncate(value: str, width: int) -> str:
    """``value`` cut to ``width`` terminal cells (CJK counts two), with an ellipsis."""
    if cell_len(value) <= width:
        return value
    out, used = [], 0
    for ch in value:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
