"""The base of every dialog: a modal screen with a typed result, translated keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen

from collabtui.widgets.base import SafeTitles, localize_bindings

if TYPE_CHECKING:
    from collabtui.app import CollabApp

T = TypeVar("T")


class CollabModal(SafeTitles, ModalScreen[T]):
    """A dialog that returns a value of type ``T`` (or ``None`` when cancelled)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_bindings(self)

    @property
    def collab(self) -> CollabApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]
