"""What every collab screen shares: translated key descriptions and store access."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from collabtui.i18n import t

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


class CollabScreen(Screen):
    """A full screen of the app."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_bindings(self)

    @property
    def collab(self) -> CollabApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]


class CollabModal(ModalScreen[T]):
    """A dialog that returns a value of type ``T`` (or ``None`` when cancelled)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_bindings(self)

    @property
    def collab(self) -> CollabApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]
