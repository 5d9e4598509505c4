"""The one place that turns user strings into something safe to show.

User text is data: it is never parsed as markup, and control characters (ANSI
escapes, bells, carriage returns) never reach the terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Rich loads only when a function needs it: exports use this module too
    from rich.text import Text

# Characters that show nothing or move text, so a name could pass for another:
# the soft hyphen, the Arabic letter mark (ALM), zero-width space/non-joiner/joiner,
# LRM and RLM, the line and paragraph separators, the bidi embeddings, overrides and
# isolates, the word joiner and invisible operators, the zero-width no-break space.
_INVISIBLE = (
    r"\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
# C0 and C1 controls except tab and newline, plus DEL, plus the invisible ones.
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
# The same for text bound for stdout: line ends (LF, CRLF) and tabs stay.
_OUTPUT_CONTROL = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}]|\r(?!\n)")


def clean(value: object, *, single_line: bool = False) -> str:
    """``value`` as text with control characters shown as ``�``; newlines kept unless asked."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
    if single_line:
        text = " ".join(text.split("\n"))
    return text.replace("\t", "    ")


def for_terminal(text: str) -> str:
    """Document text (JSON, Markdown, CSV, plain) made safe to print on a terminal.

    Every control character and bidi override left in it becomes a visible
    ``\\uXXXX`` escape: inside a JSON string that is the same character again (the
    document still reads back exactly), in Markdown, CSV or plain text it shows as
    typed. Line ends (LF, CRLF) and tabs stay as they are, and so does a byte-order
    mark that opens the document (a CSV's, for Excel): only one inside the text is
    escaped.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return bom + _OUTPUT_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text[len(bom) :])


def safe(value: object, style: str = "", *, single_line: bool = True) -> Text:
    """User text as a Rich ``Text`` (never markup), cleaned, one line by default."""
    from rich.text import Text

    return Text(clean(value, single_line=single_line), style=style, no_wrap=single_line)


def truncate(value: str, width: int) -> str:
    """``value`` cut to ``width`` terminal cells (CJK counts two), with an ellipsis."""
    from rich.cells import cell_len

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
