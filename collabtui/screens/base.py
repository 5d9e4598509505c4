"""What every full screen shares: translated keys, clean titles, the app typed, workers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from collabtui.widgets.base import SafeTitles, localize_bindings

if TYPE_CHECKING:
    from collabtui.app import CollabApp


class CollabScreen(SafeTitles, Screen):
    """A full screen of the app."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_bindings(self)

    @property
    def collab(self) -> CollabApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def from_worker(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """From a thread worker: run ``callback`` on the UI thread — unless the app
        stopped or this screen left while the worker read (then there is nobody to
        show the result to)."""
        try:
            app = self.app
        except RuntimeError:  # Textual's NoActiveAppError: the app has gone
            return
        if not app.is_running or not self.is_attached:
            return
        try:
            app.call_from_thread(callback, *args, **kwargs)
        except RuntimeError:
            if app.is_running:  # the callback's own error, not a closed app
                raise
