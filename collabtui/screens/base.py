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


def localize_bindings(node: DOMNode) -> None:
    """Translate the descriptions of ``node``'s bindings (they are message keys).

    Bindings are declared once with keys such as ``"key.help"``; each instance shows
    them in the language in force when it was created.
    """
    table = node._bindings.key_to_bindings
    for key, bindings in list(table.items()):
        table[key] = [
            replace(b, description=t(b.description)) if b.description.startswith("key.") else b
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
