"""Textual's own words in the user's language (issue 18).

Textual writes English in a few places a user sees: its widgets' key descriptions (the
footer's "Dismiss menu" while a dropdown is open, the keys ``?`` and the palette list),
the command palette's placeholder and its "No matches found", the system commands
(Theme, Quit, Keys, Maximize, Screenshot) with their help, and the notices of its
screenshot and ctrl+c. Each goes through the catalogues here: binding descriptions under
``builtin.<English text>`` (see :func:`collabtui.widgets.base.describe_binding`), the rest
under ``builtin.*`` keys of their own.

Binding descriptions are rewritten on the classes (every widget copies its class's
bindings when it is created), from the English originals kept aside, so a second app in
the other language (tests) translates from English again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.dom import DOMNode
from textual.widgets.option_list import Option

from collabtui.i18n import current_language, has, t

if TYPE_CHECKING:
    from textual.screen import Screen

#: The English bindings of every class whose bindings were translated.
_ENGLISH: dict[type[DOMNode], dict[str, list[Binding]]] = {}
#: The language each class's bindings are in now.
_DONE: dict[type[DOMNode], str] = {}


def _subclasses(cls: type) -> Iterator[type]:
    subs: list[type] = cls.__subclasses__()
    for sub in subs:
        yield sub
        yield from _subclasses(sub)


def describe_binding(description: str) -> str:
    """A binding's description in the current language (as
    :func:`collabtui.widgets.base.describe_binding`, which this module sits below)."""
    if description.startswith("key."):
        return t(description)
    return t(key) if has(key := f"builtin.{description}") else description


def _translated(binding: Binding) -> Binding:
    if not binding.description and not binding.tooltip:
        return binding
    return replace(
        binding,
        description=describe_binding(binding.description) if binding.description else "",
        tooltip=describe_binding(binding.tooltip) if binding.tooltip else "",
    )


def localize_classes() -> None:
    """Translate the bindings Textual's own widget classes hand to their new widgets
    (``SelectOverlay``, ``Input``, ``CommandPalette``…) into the current language.

    Our own classes are left alone: each of our screens, dialogs and widgets translates
    its copy from the English originals when it is created (a class rewritten here would
    hand a second app in another language the first one's words). Cheap after the
    first call: a class already in this language is skipped.
    """
    lang = current_language()
    for cls in (DOMNode, *_subclasses(DOMNode)):
        if _DONE.get(cls) == lang:
            continue
        _DONE[cls] = lang
        if not cls.__module__.startswith("textual."):
            continue
        merged = cls.__dict__.get("_merged_bindings")
        if merged is None:
            continue
        english = _ENGLISH.setdefault(
            cls, {key: list(bindings) for key, bindings in merged.key_to_bindings.items()}
        )
        merged.key_to_bindings.clear()
        for key, bindings in english.items():
            merged.key_to_bindings[key] = [_translated(b) for b in bindings]


#: Textual's system commands (by their English title) → our title and help keys.
_SYSTEM = {
    "Theme": "builtin.cmd.theme",
    "Quit": "builtin.cmd.quit",
    "Keys": "builtin.cmd.keys",
    "Maximize": "builtin.cmd.maximize",
    "Minimize": "builtin.cmd.minimize",
    "Screenshot": "builtin.cmd.screenshot",
}


def system_commands(app: App, screen: Screen) -> Iterable[SystemCommand]:
    """Textual's system commands in the user's language.

    "Keys" opens collab's own list of keys (``?``: every key, translated, with its id)
    instead of Textual's English keys panel; "Screenshot" saves and says where in our
    words; a command Textual adds one day is passed on as it is.
    """
    for command in App.get_system_commands(app, screen):
        key = _SYSTEM.get(command.title)
        if key is None:
            yield command
            continue
        callback = command.callback
        if command.title == "Keys":
            callback = app.action_help  # type: ignore[attr-defined]
        elif command.title == "Screenshot":
            callback = lambda: save_screenshot(app)  # noqa: E731
        yield SystemCommand(t(key), t(f"{key}_help"), callback, command.discover)


def save_screenshot(app: App) -> None:
    """Save an SVG of the screen in the downloads folder and say where (or why not)."""
    from platformdirs import user_downloads_path

    say = getattr(app, "say", app.notify)
    try:
        path = app.save_screenshot(path=str(user_downloads_path()))
    except OSError as exc:
        say(t("builtin.screenshot_failed", reason=str(exc)), severity="error")
        return
    say(t("builtin.screenshot_saved", path=path))


class Palette(CommandPalette):
    """Textual's command palette with its placeholder and "No matches" translated."""

    def __init__(self, *args, placeholder: str | None = None, **kwargs) -> None:
        super().__init__(
            *args, placeholder=placeholder or t("builtin.palette_placeholder"), **kwargs
        )

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As Textual 8.2.8's, with the words translated (its text is fixed there).
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                command_list = self.query_one(CommandList)
                command_list.add_option(
                    Option(
                        Align.center(Text(t("builtin.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(
            self._NO_MATCHES_COUNTDOWN, _show_no_matches, name="no-matches"
        )
