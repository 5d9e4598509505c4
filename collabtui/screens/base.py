"""What every collab screen shares: translated key descriptions and store access."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from collabtui.i18n import t
from collabtui.text import clean

if TYPE_CHECKING:
    from collabtui.app import CollabApp

T = TypeVar("T")


def describe_binding(description: str) -> str:
    """A binding's description in the current language.

    Ours are message keys (``"key.help"``); Textual's own English descriptions
    (``"Cursor up"``, ``"palette"``) are looked up under ``builtin.<text>``.
    """
    if description.startswith("key."):
        return t(description)
    key = f"builtin.{description}"
    translated = t(key)
    return description if translated == key else translated


def localize_bindings(node: DOMNode) -> None:
    """Translate the descriptions of ``node``'s bindings, once, when it is created."""
    table = node._bindings.key_to_bindings
    for key, bindings in list(table.items()):
        table[key] = [
            replace(b, description=describe_binding(b.description)) if b.description else b
            for b in bindings
        ]


def clean_fields(node: DOMNode) -> None:
    """Take control characters out of the text fields under ``node`` (see :func:`clean`).

    Forms fill their ``Input`` and ``TextArea`` fields with stored text, and those
    widgets draw their value as it is: an escape sequence in a stored title would
    reach the terminal. Saving a cleaned field stores the cleaned text.
    """
    from textual.widgets import Input, TextArea

    for field in node.query(Input):
        shown = clean(field.value)
        if shown != field.value:
            field.value = shown
    for area in node.query(TextArea):
        shown = clean(area.text)
        if shown != area.text:
            area.load_text(shown)


class _SafeTitles:
    """Screen titles built from user text (a project code) are shown cleaned, one line."""

    def validate_title(self, value: str | None) -> str | None:
        return None if value is None else clean(value, single_line=True)

    def validate_sub_title(self, value: str | None) -> str | None:
        return None if value is None else clean(value, single_line=True)

    def _on_mount(self) -> None:
        clean_fields(self)


class CollabScreen(_SafeTitles, Screen):
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


class CollabModal(_SafeTitles, ModalScreen[T]):
    """A dialog that returns a value of type ``T`` (or ``None`` when cancelled)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_bindings(self)

    @property
    def collab(self) -> CollabApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]
