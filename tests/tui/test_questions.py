"""Every yes/no question of the app, asked the way a person meets it (issue 15): a
question whose yes loses or changes something focuses the safe choice, so ``enter``
changes nothing; ``enter`` means yes only where yes keeps the work (merging acceptance
items joins their texts, nothing is dropped). The registry names every place that asks
(``ConfirmDialog`` in collabtui/), and a test reads the code so a new one is not missed.

| question | where, key | enter |
|---|---|---|
| leave a form with changes | any form, ``escape`` | keep editing |
| quit with changed forms | anywhere, ``ctrl+q`` | keep editing |
| delete a retrospective item | retrospective, ``d`` | cancel |
| delete a risk warning | risks, ``d`` | cancel |
| delete a resource request | resources, ``d`` | cancel |
| start a meeting well before its time | runner, on opening | cancel (back, not started) |
| pass an item whose task is not finished | acceptance, ``p`` | cancel |
| withdraw a department's sign-off | acceptance sign-offs, ``u`` | cancel |
| merge acceptance items | acceptance, ``m`` | merge (texts joined, nothing lost) |
"""

from __future__ import annotations

import re
from datetime import UTC
from pathlib import Path

import pytest
from textual.widgets import Button

from collabtui.dialogs.question import ConfirmDialog
from tests.conftest import FIXED_NOW
from tests.support.forms import Q4, VIP
from tests.tui.test_every_form import send_now, wait_until

from .conftest import TALL


def _pid(store, code):
    return store.project(code).id


def fingerprint(store) -> str:
    """What the questions could change, read back from the store."""
    from collabtui.domain.workdays import WorkCalendar

    parts = [
        store.retro_report(
            _pid(store, VIP), calendar=WorkCalendar("CN"), tz=UTC, today=FIXED_NOW.date()
        ),
        store.risk_rows(None, tz=UTC),
        store.resource_rows(),
        store.acceptance_report(_pid(store, VIP)),
        store.acceptance_report(_pid(store, Q4)),
        [store.meeting_detail(m.id).meeting for m in store.meetings()],
        store.people(),
        store.departments(),
    ]
    return repr(parts)


async def _tab(pilot) -> None:
    await pilot.press("tab")
    await pilot.pause()


async def _to_signed(pilot) -> None:
    screen = pilot.app.screen
    screen.signoff_table.focus()
    await pilot.pause()
    index = next(i for i, s in enumerate(screen.report.signoffs) if s.signed)
    for _ in range(index):
        await pilot.press("down")
    await pilot.pause()


async def _to_unfinished_item(pilot) -> None:
    """Generate the items from the tasks (many are not finished), then go to one of those."""
    screen, store = pilot.app.screen, pilot.app.store
    await pilot.press("g")
    await pilot.pause()
    items = list(screen.report.items)
    index = next(
        i
        for i, row in enumerate(items)
        if row.task_id is not None and store.task_row(row.task_id).progress < 100
    )
    for _ in range(index):
        await pilot.press("down")
    await pilot.pause()


async def _dirty_department(pilot) -> None:
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*"Legal")
    await pilot.pause()


def _late_meeting(store) -> tuple:
    """The meeting furthest ahead: opening its runner now is well before its time."""
    return (max(store.meetings(_pid(store, Q4)), key=lambda m: m.start_at).id,)


#: ``name → (destination, arguments(store), before, key, focused button)``; ``key`` is
#: ``None`` where opening the screen asks by itself.
QUESTIONS = {
    "form-discard": ("directory", lambda s: (), _dirty_department, "escape", "no"),
    "quit-with-changes": ("directory", lambda s: (), _dirty_department, "ctrl+q", "no"),
    "retro-delete": ("retro", lambda s: (_pid(s, VIP),), _tab, "d", "no"),
    "risk-delete": ("risks", lambda s: (_pid(s, Q4),), None, "d", "no"),
    "resource-delete": ("resources", lambda s: (_pid(s, Q4),), None, "d", "no"),
    "runner-start-early": ("runner", _late_meeting, None, None, "no"),
    "acceptance-pass-anyway": (
        "acceptance",
        lambda s: (_pid(s, Q4),),
        _to_unfinished_item,
        "p",
        "no",
    ),
    "acceptance-withdraw": ("acceptance", lambda s: (_pid(s, VIP),), _to_signed, "u", "no"),
    "acceptance-merge": ("acceptance", lambda s: (_pid(s, VIP),), None, "m", "yes"),
}
#: The modules that ask, and how many questions each asks (read from the code below).
ASKED_IN = {
    "collabtui/dialogs/discipline.py": 1,
    "collabtui/app.py": 1,
    "collabtui/screens/register.py": 1,  # confirm_then: retro, risks, resources delete
    "collabtui/screens/runner.py": 1,
    "collabtui/screens/acceptance.py": 3,
}


def test_every_place_that_asks_is_in_the_registry():
    """A new ``ConfirmDialog(`` (or ``confirm_then(``) must be added to QUESTIONS."""
    root = Path(__file__).resolve().parents[2] / "collabtui"
    found = {}
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        n = len(re.findall(r"\bConfirmDialog\(\s*\n?\s*[^)\s]", text))
        n -= len(re.findall(r"class ConfirmDialog\(", text))
        if n:
            found[str(path.relative_to(root.parent))] = n
    assert found == ASKED_IN
    uses = sum(
        len(re.findall(r"self\.confirm_then\(", p.read_text(encoding="utf-8")))
        for p in root.rglob("*.py")
    )
    assert uses == 3, "a new confirm_then: add its question to QUESTIONS"


@pytest.mark.parametrize("name", sorted(QUESTIONS))
async def test_enter_on_a_question_changes_nothing_unless_yes_keeps_the_work(
    name, demo_store, make_app
):
    where, args, before, key, focused = QUESTIONS[name]
    app = make_app(demo_store)
    async with app.run_test(size=TALL) as pilot:
        app.go(where, *args(demo_store))
        await pilot.pause()
        if before is not None:
            await before(pilot)
        if key is not None:
            send_now(app, [key])
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), f"{name} asks")
        question = app.screen
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == focused, name
        state = fingerprint(demo_store)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not question and app.is_running
        if focused == "no":
            assert fingerprint(demo_store) == state, f"{name}: enter changed nothing"
        else:
            assert fingerprint(demo_store) != state, f"{name}: enter said yes"
