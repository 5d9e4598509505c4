"""Characters that show nothing never reach the terminal raw (issue 17): a name with
a zero-width space, a direction mark, a line separator or a soft hyphen could pass
for another person's on screen."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from collabtui.domain.clock import FixedClock
from collabtui.text import clean, for_terminal, safe
from tests.conftest import FIXED_NOW
from tests.unit.test_cli import collab

INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\u00ad": "soft hyphen",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
}


@pytest.mark.parametrize("char", list(INVISIBLE), ids=list(INVISIBLE.values()))
def test_screens_show_a_mark_instead(char):
    name = f"王{char}芳"
    assert clean(name) == "王\N{REPLACEMENT CHARACTER}芳"
    console = Console(width=40, record=True, color_system=None)
    console.print(safe(name))
    assert char not in console.export_text()


@pytest.mark.parametrize("char", list(INVISIBLE), ids=list(INVISIBLE.values()))
def test_printed_documents_escape_it(char):
    out = for_terminal(json.dumps({"name": f"王{char}芳"}, ensure_ascii=False))
    assert char not in out
    assert f"\\u{ord(char):04x}" in out
    assert json.loads(out) == {"name": f"王{char}芳"}  # the JSON still reads back exactly


def test_visible_text_is_untouched():
    text = "王芳 Wang-Fang café 👍 ١٢٣\tend\n"
    assert clean(text) == text.replace("\t", "    ")
    assert for_terminal(text) == text


def test_export_all_on_a_terminal_escapes_invisible_names(store):
    name = "王\u200b芳\u2028\u00ad"
    store.load_dataset(
        {"format": "collab-dataset/1", "people": [{"key": "p", "name": name}]},
        clock=FixedClock(FIXED_NOW),
    )
    result = collab("--db", store.url, "export", "all")
    assert result.returncode == 0, result.stderr
    assert not any(c in result.stdout for c in INVISIBLE)
    people = json.loads(result.stdout)["tables"]["person"]
    assert [p["name"] for p in people] == [name]
