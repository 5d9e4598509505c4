"""What every collab widget, dialog and screen shares: translated bindings, clean titles.

Below the dialogs and the screens: it imports neither, nor the store.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from collabtui.i18n import t
from collabtui.text import clean


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
    """Translate the descriptions of ``node``'s bindings, once, when it is created.

    The classes' bindings are translated first (Textual's own widgets among them), so
    the widgets a screen or dialog composes next hand out translated keys too.
    """
    from collabtui.widgets.builtin_words import localize_classes

    localize_classes()
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


class SafeTitles:
    """Screen titles built from user text (a project code) are shown cleaned, one line."""

    def validate_title(self, value: str | None) -> str | None:
        return None if value is None else clean(value, single_line=True)

    def validate_sub_title(self, value: str | None) -> str | None:
        return None if value is None else clean(value, single_line=True)

    def _on_mount(self) -> None:
        clean_fields(self)  # type: ignore[arg-type]
