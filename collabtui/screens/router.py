"""Where the keys lead: the one place that knows which screen shows what.

Screens, the app, the command palette and the list of what needs attention name a
destination and its arguments — ``self.go("board", project_id)`` — and the router
builds the screen (importing its module on first use, so start-up stays light) and
shows it. No screen imports another screen to open it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from textual.app import App
from textual.screen import Screen

#: Destination → ``module:class`` under ``collabtui.screens``.
SCREENS: dict[str, str] = {
    "dashboard": "dashboard:DashboardScreen",
    "project": "project:ProjectScreen",
    "directory": "directory:DirectoryScreen",
    "request": "request_form:RequestFormScreen",
    "consultations": "consultations:ConsultationsScreen",
    "confirmation": "confirmation:ConfirmationScreen",
    "planner": "planner:MeetingPlanScreen",
    "runner": "runner:MeetingRunnerScreen",
    "minutes": "minutes:MinutesScreen",
    "decisions": "minutes:DecisionsScreen",
    "standup": "standup:StandupScreen",
    "progress": "progress:ProgressScreen",
    "board": "board:BoardScreen",
    "task": "task_editor:TaskEditor",
    "resources": "resources:ResourcesScreen",
    "risks": "risks:RiskRegisterScreen",
    "acceptance": "acceptance:AcceptanceScreen",
    "retro": "retro:RetroScreen",
    "handbook": "handbook:HandbookScreen",
    "outbox": "outbox:OutboxScreen",
}


def screen_class(where: str) -> type[Screen]:
    """The screen class of destination ``where`` (a ``KeyError`` names an unknown one)."""
    module, _, name = SCREENS[where].partition(":")
    return getattr(import_module(f"collabtui.screens.{module}"), name)


def build(where: str, *args: Any, **kwargs: Any) -> Screen:
    """A new screen for ``where`` with these arguments (not shown yet)."""
    return screen_class(where)(*args, **kwargs)


def go(
    app: App, where: str, *args: Any, then: Callable[[Any], object] | None = None, **kwargs: Any
):
    """Show the screen for ``where``; ``then(result)`` runs when it is dismissed.

    Returns what ``App.push_screen`` returns (awaitable until the screen is mounted).
    """
    return app.push_screen(build(where, *args, **kwargs), then)
