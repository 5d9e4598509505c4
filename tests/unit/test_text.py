"""User text made safe for the terminal: properties over arbitrary strings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from collabtui.store.location import mask_url
from collabtui.text import clean, for_terminal, safe, truncate

CONTROL = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
texts = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["[", "]", "/", "\x1b", "\r", "\x07", "\x9b", "\u202e", "中", "文", "🙂"]),
    ),
    max_size=80,
)


@given(texts)
def test_clean_never_lets_control_characters_through(value):
    assert not (CONTROL | BIDI) & set(clean(value))
    assert "\n" not in clean(value, single_line=True)


@given(texts)
def test_printed_documents_carry_no_control_characters_and_json_reads_back(value):
    import json

    printed = for_terminal(value)
    assert not (CONTROL | BIDI) & set(printed.replace("\r\n", "\n"))
    document = {"title": value, "lines": [value, "x"]}
    text = for_terminal(json.dumps(document, ensure_ascii=False, indent=2))
    assert json.loads(text) == document


def test_printed_documents_keep_line_ends_and_tabs():
    assert for_terminal("a\tb\r\nc\nd") == "a\tb\r\nc\nd"
    assert for_terminal("\x1b[31mred\rx\u202e") == "\\u001b[31mred\\u000dx\\u202e"


@given(texts)
def test_safe_text_is_literal(value):
    shown = safe(value)
    assert shown.plain == clean(value, single_line=True)
    assert not shown.spans


@given(texts, st.integers(min_value=2, max_value=60))
def test_truncate_fits_the_width_in_cells(value, width):
    cut = truncate(clean(value, single_line=True), width)
    assert cell_len(cut) <= width
    if cell_len(clean(value, single_line=True)) <= width:
        assert cut == clean(value, single_line=True)


@given(
    st.text(alphabet=st.characters(blacklist_characters="@/:", codec="ascii"), min_size=1),
    st.text(alphabet=st.characters(blacklist_characters="@/", codec="ascii"), min_size=4),
)
def test_mask_url_never_shows_the_password(user, password):
    url = f"postgresql+psycopg://{user}:{password}@db.local/collab"
    masked = mask_url(url)
    assert masked == f"postgresql+psycopg://{user}:***@db.local/collab"


def test_chinese_truncates_by_cells_not_characters():
    assert truncate("智能手表新品上市推广", 9) == "智能手表…"
