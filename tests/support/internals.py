"""The private parts of Textual and syrupy that the tests rely on — nowhere else.

Each function reads one thing the public API does not give. When an upgrade moves
one, ``tests/unit/test_support_canary.py`` names it; fix it here, once.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Select
from textual.widgets._select import SelectOverlay as SelectOverlay

__all__ = [
    "SelectOverlay",
    "app_exception",
    "messages",
    "notifications",
    "record_notifications",
    "render_screen_update",
    "select_values",
    "syrupy_session",
]


def notifications(app: App) -> list[Any]:
    """The notifications the app is showing now (``App._notifications``)."""
    return list(app._notifications)


_notify = App.notify


def _recording_notify(self: App, message: str, *args: Any, **kwargs: Any) -> None:
    said = self.__dict__.setdefault("_test_said", [])
    said.append((str(message), kwargs.get("severity", "information")))
    _notify(self, message, *args, **kwargs)


def record_notifications() -> None:
    """From now on every app remembers each notification it showed, even one that has
    timed out since (a busy machine can take longer than a toast's seconds)."""
    App.notify = _recording_notify  # type: ignore[method-assign]


def messages(app: App, severity: str | None = None) -> list[str]:
    """The texts of every notification the app showed, of one severity if given."""
    said = app.__dict__.get("_test_said", [])
    return [text for text, level in said if severity is None or level == severity]


def select_values(select: Select) -> list[Any]:
    """The values a ``Select`` offers, in order, the blank first when it has one
    (``Select._options``)."""
    return [value for _, value in select._options]


def select_options(select: Select) -> list[tuple[Any, Any]]:
    """The ``(prompt, value)`` pairs a ``Select`` offers, in order."""
    return list(select._options)


def app_exception(app: App) -> BaseException | None:
    """The first unhandled exception of the app, if any (``App._exception``)."""
    return app._exception


def render_screen_update(app: App) -> Any:
    """What the compositor draws for the whole screen, toasts and the screens below
    included: the same composition ``App.export_screenshot`` renders."""
    return app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)


def syrupy_session(config: Any) -> Any:
    """syrupy's session of this pytest run (``config._syrupy``)."""
    return config._syrupy
