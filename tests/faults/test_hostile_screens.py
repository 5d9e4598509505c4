"""Hostile text in every field, every screen walked: nothing reaches the terminal as
markup or as a control sequence."""

from __future__ import annotations

from collabtui.screens.project import ProjectScreen
from tests.support.reading import screen_text
from tests.tui.conftest import SIZE

from .hostile import EATEN, LITERAL, forbidden_in, make_hostile

#: Actions run from the dashboard and from a project; each opens a screen or a tab.
DASHBOARD = ["directory", "decisions", "board", "attention", "risks", "handbook", "new_project"]
PROJECT = [
    "tab('overview')",
    "tab('meetings')",
    "tab('tasks')",
    "tab('risks')",
    "edit_request",
    "consultations",
    "confirmation",
    "plan_meeting",
    "schedule_review",
    "decisions",
    "board",
    "resources",
    "acceptance",
    "standup",
    "progress",
    "risks",
    "retro",
    "tab('meetings')",
    "minutes",
]
#: What a closed project adds: its acceptance report and its retrospective filled in.
CLOSED = ["tab('overview')", "acceptance", "retro"]
#: Actions run on a screen once it is open (forms, history, the table view).
INSIDE = {
    "BoardScreen": ["toggle_table", "edit_task", "task_history"],
    "RiskRegisterScreen": ["edit", "history"],
    "ResourcesScreen": ["edit"],
    "AcceptanceScreen": ["edit"],
    "RetroScreen": ["edit"],
    "MinutesScreen": ["edit_notes"],
    "DirectoryScreen": ["edit"],
    "DecisionsScreen": ["edit"],
    "StandupScreen": ["reason", "support"],
}


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _visit(pilot, action: str, seen: dict[str, str]) -> None:
    """Run ``action`` on the current screen, record what shows, go back where we were."""
    app = pilot.app
    origin, depth = app.screen, len(app.screen_stack)
    await origin.run_action(action)
    await _settle(pilot)
    seen[f"{type(origin).__name__}.{action} → {type(app.screen).__name__}"] = screen_text(app)
    if app.screen is not origin:
        for inner in INSIDE.get(type(app.screen).__name__, []):
            await _visit(pilot, inner, seen)
    while len(app.screen_stack) > depth:
        await app.pop_screen()
        await _settle(pilot)


async def test_no_screen_shows_markup_or_control_characters_from_the_data(demo_store, make_app):
    assert make_hostile(demo_store) > 40
    app = make_app(demo_store)
    seen: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        seen["dashboard"] = screen_text(app)
        for action in DASHBOARD:
            await _visit(pilot, action, seen)
        # An executing project on every screen; a closed one where its phase shows more.
        for code, actions in (("Q4-LAUNCH", PROJECT), ("VIP-PTS", CLOSED)):
            project = next(p for p in demo_store.projects() if p.code.startswith(code))
            await app.push_screen(ProjectScreen(project.id))
            await _settle(pilot)
            for action in actions:
                await _visit(pilot, action, seen)
            await app.pop_screen()
            await _settle(pilot)
    bad = {k: sorted(forbidden_in(v)) for k, v in seen.items() if forbidden_in(v)}
    assert bad == {}
    eaten = [k for k, v in seen.items() if EATEN in v]
    assert eaten == []
    literal = [k for k, v in seen.items() if LITERAL in v]
    print(f"\n{len(seen)} screens walked, the markup shown literally on {len(literal)}")
    assert len(seen) >= 35
    assert len(literal) >= len(seen) // 2, sorted(set(seen) - set(literal))
