"""Every form and dialog behaves the same way, and nothing typed in any of them is lost
(issue 15). The forms are found by walking the code (tests/support/forms.py), so a new
form without its opening keys fails here. Each is opened as a person opens it — its key,
on its screen — and typed into right after that key, with no pause."""

from __future__ import annotations

import pytest
from textual.widgets import SelectionList, Static

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.discipline import drafts_dir, field_value
from tests.support.forms import (
    CHECKLISTS,
    NOT_FORMS,
    OPEN_KEYS,
    OPENERS,
    discover,
    other_dialogs,
)
from tests.support.pilot import _key_event

from .conftest import TALL

FORMS = sorted(discover())
#: The forms whose kept draft is also opened again in a second app, offered back, dropped
#: with the key and discarded on Esc. The offer is the shared base's (dialogs/drafts.py),
#: the same code for every form; these cover each way a form is built — the four
#: full-screen editors (with rows of lists), a record dialog with dropdowns and a
#: checklist, a one-line dialog — at a third of the suite's time of all 27 (the suite's
#: 10 minutes). Every form is still opened by its key, typed into, asked on Esc and
#: ctrl+q, and leaves its draft on disk when the app quits.
OFFERED_BACK = {
    "RequestFormScreen",
    "MeetingPlanScreen",
    "TaskEditor",
    "ConfirmationScreen",
    "RiskForm",
    "AttendanceForm",
    "ReasonDialog",
}
TYPED = "Zq7 x"


def test_every_form_has_its_opening_keys_and_every_other_dialog_a_reason():
    assert len(FORMS) >= 26, "no form found"
    assert set(FORMS) <= set(OPEN_KEYS), "a form nobody says how to open"
    assert set(FORMS) <= set(OPENERS), "a form without an opener"
    assert set(FORMS) >= OFFERED_BACK, "a form offered back that no longer exists"
    assert other_dialogs() == set(NOT_FORMS)


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


async def open_by_key(pilot, name: str, *, then: list[str]):
    """Go to the form's screen, bring the cursor to its record, then press its opening key
    and, at once, ``then`` (no wait in between); return the form once it is open."""
    app = pilot.app
    where, args, before, key = OPEN_KEYS[name]
    if where != "dashboard":
        from collabtui.screens.router import screen_class

        app.go(where, *args(app.store))
        host = screen_class(where)
        await wait_until(pilot, lambda: isinstance(app.screen, host), f"{where} shown")
    await pilot.pause()
    # A person presses the key once the screen shows its record (the project screen
    # ignores keys until its read arrives).
    await wait_until(pilot, lambda: getattr(app.screen, "project", 1) is not None, "read")
    if callable(before):
        await before(pilot)
    else:
        for step in before:
            await pilot.press(step)
            await pilot.pause()
    send_now(app, [key, *then])
    await wait_until(
        pilot,
        lambda: type(app.screen).__name__ == name and app.screen.form_ready,
        f"{name} opened by {key!r} on {where}",
    )
    return app.screen


@pytest.mark.parametrize("name", FORMS)
async def test_a_form_keeps_what_is_typed(name, demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        await pilot.pause()
        typed_keys = ["space"] if name in CHECKLISTS else list(TYPED)
        form = await open_by_key(pilot, name, then=typed_keys)
        first = form.first_field()
        assert app.focused is first, f"{name}: the first field has the focus"
        before = form._baseline[form.form_fields().index(first)][2]
        if isinstance(first, SelectionList):
            await wait_until(
                pilot, lambda: field_value(first) != before, f"{name}: space ticked (or unticked)"
            )
        else:
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
        # Quitting anyway keeps the draft on disk.
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0 and len(drafts()) == 1
    if name not in OFFERED_BACK:
        return

    # The next time the form is opened the same way, the draft is offered back: it is in
    # the fields, a bar inside the form says so with the key back to the saved version,
    # and that key is in the footer.
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        again = await open_by_key(pilot, name, then=[])
        assert again.snapshot() == typed, f"{name}: the draft came back"
        bar = str(again.query_one("#draft-bar", Static).render())
        assert "restored, not saved yet" in bar and "^l" in bar, bar
        offered = again.active_bindings.get("ctrl+l")
        assert offered is not None and offered.enabled and offered.binding.show
        await pilot.press("ctrl+l")  # no thanks: back to the saved version
        await pilot.pause()
        assert again.snapshot() == again._baseline and not again.form_dirty
        assert not again.query("#draft-bar") and "ctrl+l" not in again.active_bindings
        assert drafts() == [], "the draft dropped"
        await pilot.press("escape")  # nothing typed any more: it leaves without asking
        await pilot.pause()
        assert app.screen is not again and not isinstance(app.screen, ConfirmDialog)

        # Typed again, then discarded on Esc: the draft goes too.
        again = await open_by_key(pilot, name, then=typed_keys)
        await wait_until(pilot, lambda: len(drafts()) == 1, "a draft was written again")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert app.screen is not again and drafts() == [], "discarding removes the draft"
