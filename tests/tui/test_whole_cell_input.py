"""A form's text field never shows half of a Chinese character (issue 18).

At 80×24 a decision's wording longer than its box scrolls; Textual's Input cut the
character at the box's edge in half. Every form field is a WholeCellInput now
(collabtui/widgets/text_input.py): the test types a long Chinese title, moves the cursor
to the end, to the start and across the value, and reads the screen each time.
"""

from __future__ import annotations

from textual.widgets import Input

from collabtui.widgets.text_input import WholeCellInput, boundaries
from tests.support.forms import OPENERS
from tests.support.reading import screen_lines, watching_cuts

TITLE = "与市场部和渠道部确认双十一会员积分兑换规则及上线时间并同步客服话术"


async def _read(pilot, cuts: list[str]) -> str:
    """The screen as shown, after checking no wide character was cut drawing it."""
    await pilot.pause()
    text, _ = screen_lines(pilot.app)
    assert cuts == [], f"cut inside a wide character: {cuts}"
    return text


async def test_long_chinese_title_is_drawn_by_whole_characters(demo_store, make_app):
    app = make_app(demo_store, lang="zh-CN")
    # The app draws each line once and keeps it: watch every drawing, not one read.
    with watching_cuts() as cuts:
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(OPENERS["DecisionForm"](app))
            await pilot.pause()
            field = app.screen.query_one("#f-text", Input)
            assert isinstance(field, WholeCellInput)
            field.focus()
            field.value = ""
            await pilot.pause()
            for char in TITLE:
                await pilot.press(char)
            assert field.value == TITLE
            # The box is narrower than the title: it scrolls.
            assert field.scroll_x > 0
            seen = [await _read(pilot, cuts)]
            await pilot.press("home")
            assert field.scroll_x == 0
            seen.append(await _read(pilot, cuts))
            for _ in TITLE:
                await pilot.press("right")
                seen.append(await _read(pilot, cuts))
            await pilot.press("end")
            seen.append(await _read(pilot, cuts))
            # The window starts on a character, not in the middle of one.
            assert field.scroll_x > 0 and round(field.scroll_x) in boundaries(TITLE)
            for _ in TITLE:
                await pilot.press("left")
                seen.append(await _read(pilot, cuts))
            # What the form saves is what was typed.
            assert field.value == TITLE
            assert app.screen.values()["text"] == TITLE
            # The start and the end of the title each show on the screen in turn.
            assert any(TITLE[:8] in text for text in seen)
            assert any(TITLE[-8:] in text for text in seen)
