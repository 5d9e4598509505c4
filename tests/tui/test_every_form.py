"""Every form and dialog behaves the same way, and nothing typed in any of them is lost
(issue 15). The forms are found by walking the code (tests/support/forms.py), so a new
form without an opener fails here."""

from __future__ import annotations

import pytest
from textual.widgets import SelectionList

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.discipline import drafts_dir, field_value
from tests.support.forms import CHECKLISTS, NOT_FORMS, OPENERS, discover, other_dialogs
from tests.support.pilot import _key_event

from .conftest import TALL

FORMS = sorted(discover())
TYPED = "Zq7 x"


def test_every_form_has_an_opener_and_every_other_dialog_a_reason():
    assert FORMS, "no form found"
    assert set(FORMS) == set(OPENERS), "a form without an opener (or an opener without a form)"
    assert other_dialogs() == set(NOT_FORMS)
    assert len(FORMS) == 26


def send_now(app, keys) -> None:
    """Keys straight into the driver, with no wait between them (a fast typist)."""
    for key in keys:
        event = _key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)


async def wait_until(pilot, condition, what: str) -> None:
    """Wait (up to about ten seconds on a busy machine) until ``condition()`` holds."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def drafts() -> list:
    folder = drafts_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("name", FORMS)
async def test_a_form_keeps_what_is_typed(name, demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        await pilot.pause()
        form = OPENERS[name](app)
        app.push_screen(form)
        first_keys = list(TYPED)
        send_now(app, ["space"] if name in CHECKLISTS else first_keys)  # before it has mounted
        await pilot.pause()
        await wait_until(pilot, lambda: form.form_ready, "the form opened")
        first = form.first_field()
        assert app.focused is first, f"{name}: the first field has the focus"
        if isinstance(first, SelectionList):
            await wait_until(pilot, lambda: first.selected != [], f"{name}: space ticked")
        else:
            before = form._baseline[form.form_fields().index(first)][2]
            await wait_until(
                pilot,
                lambda: field_value(first) == f"{before}{TYPED}",
                f"{name}: every key typed while it opened is in its first field, in order",
            )
        typed = form.snapshot()
        assert form.form_dirty

        # The draft is kept while typing.
        await wait_until(pilot, lambda: len(drafts()) == 1, "a draft was written")
        assert drafts()[0].stat().st_mode & 0o077 == 0

        # Esc asks; keep editing (focused) keeps everything.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), f"{name}: Esc asks"
        assert app.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and form.snapshot() == typed
        assert app.focused is first

        # Quitting asks too, and keeping on keeps the form.
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), f"{name}: ctrl+q asks"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and app.is_running

        # The same form opened again on the same record gets the draft back.
        again = OPENERS[name](app)
        app.push_screen(again)
        await wait_until(pilot, lambda: again.form_ready, "the form opened again")
        assert again.snapshot() == typed, f"{name}: the draft came back"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert app.screen is form
        assert drafts() == [], "discarding removes the draft"
