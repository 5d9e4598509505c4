"""The canary of ``tests/support``: the Textual and syrupy internals the tests read exist.

When an upgrade moves one, this test fails first, naming it, instead of a hundred app
tests failing in puzzling ways. Fix the one function in ``tests/support/internals.py``
(or ``pilot.py``) that reads it.
"""

from __future__ import annotations

import importlib
import inspect

import pytest
import textual
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Select

from tests.support import internals, pilot


def test_textual_is_the_version_the_internals_were_written_for():
    """Textual is pinned exactly (pyproject); a new version means: run this file first."""
    assert textual.__version__ == "8.2.8", (
        f"Textual {textual.__version__}: check tests/support against it, then update this pin"
    )


@pytest.mark.parametrize(
    ("owner", "name"),
    [
        ("textual.app:App", "_notifications"),
        ("textual.app:App", "_exception"),
        ("textual.app:App", "_background_screens"),
        ("textual.app:App", "_driver"),
        ("textual.app:App", "_handle_exception"),  # overridden by CollabApp (crash reports)
        ("textual.app:App", "_exit_renderables"),
        ("textual.screen:Screen", "_compositor"),
        ("textual.pilot:Pilot", "_wait_for_screen"),
        ("textual.widgets:Select", "_options"),
        ("textual.widgets._select:SelectOverlay", "highlighted"),
        ("textual._wait:wait_for_idle", None),
        ("textual.keys:REPLACED_KEYS", None),
        ("textual.keys:_character_to_key", None),
        ("textual.keys:_get_unicode_name_from_key", None),
    ],
)
async def test_an_internal_the_tests_read_is_still_there(owner, name):
    module_name, _, attr = owner.partition(":")
    module = importlib.import_module(module_name)
    assert hasattr(module, attr), f"{owner} is gone from Textual"
    if name is None:
        return
    cls = getattr(module, attr)
    if name in vars(cls) or any(name in vars(base) for base in cls.__mro__):
        return
    # Instance attributes set in __init__: build one and look.
    if cls is App:
        instance = App()
    elif cls is Select:
        instance = Select([("a", 1)])
    elif cls is Screen:
        instance = Screen()
    elif cls is Pilot:
        instance = Pilot(App())
    else:
        raise AssertionError(f"{owner}.{name} is gone")
    assert hasattr(instance, name), f"{owner}.{name} is gone"


async def test_the_internals_work_on_a_running_app():
    """Every helper of ``internals`` answers on a real app, not only by name."""

    class One(App):
        def compose(self):
            yield Select([("一", 1), ("二", 2)], id="s")

    app = One()
    async with app.run_test() as pilot:
        app.notify("hello", severity="warning")
        await pilot.pause()
        assert internals.messages(app, "warning") == ["hello"]
        assert internals.select_values(app.query_one(Select)) == [Select.NULL, 1, 2]
        assert internals.app_exception(app) is None
        assert internals.render_screen_update(app) is not None


async def test_pilot_typing_sends_a_burst_that_arrives_whole():
    from textual.widgets import Input

    class Typing(App):
        def compose(self):
            yield Input(id="i")

    app = Typing()
    async with app.run_test() as p:
        await p.press(*"销售部 sales")
        assert app.query_one(Input).value == "销售部 sales"
    assert inspect.iscoroutinefunction(pilot.press)


def test_syrupy_session_is_reachable(pytestconfig):
    assert internals.syrupy_session(pytestconfig) is not None


def test_a_cut_counts_when_a_piece_of_it_is_on_screen():
    """The zh-CN walk's cut check: seen cuts stay, cuts hidden under a widget go."""
    from tests.support.reading import Cut, shown_cuts

    footer = Cut("命令  看板", ("命令   ", " 板"))
    hidden = Cut("卖点与参数可在两周内定稿", ("卖点与参数可在 ", " 周内定稿"))
    screen = "^p 命令   \n保存  取消\n"
    assert shown_cuts([footer, hidden], screen) == [footer]
    assert shown_cuts(["fitted to a width"], "") == ["fitted to a width"]
