"""The footer every screen shows: the keys that fit, most important first, never a cut glyph.

Textual's own footer lays every key out in one row and lets the terminal's right edge
cut what does not fit — in the middle of a Chinese character, or between a key and its
label. This one measures each key in terminal cells (``rich.cells.cell_len``: a CJK
character takes two) and shows only the keys that fit whole, chosen by their footer
rank (:func:`footer_rank`); ``?`` (every key of the screen) is always among them. The
keys shown keep the order Textual gives them. When not all of them fit, the footer
switches to its compact style (one cell less per key) before it leaves any out. A key
left out still works, and ``?`` and the command palette list it.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

#: Footer rank by binding id: lower is shown first. Ids not listed rank
#: :data:`DEFAULT_RANK` (the screen's own keys, in the order they are declared); the
#: app's keys that every screen has come last, ``?`` first of all (always shown).
FOOTER_RANK: dict[str, int] = {
    "help": 0,
    "help-anywhere": 0,
    # A form's way out.
    "save": 1,
    "cancel": 2,
    "record": 2,
    # Enter on the list that has the focus: what the screen is for.
    "select-row": 5,
    # The project screen's playbook steps (standup, progress list, resources, risks,
    # acceptance, retrospective) and the board: the reason to be on that screen.
    "board": 10,
    "standup": 11,
    "progress": 12,
    "resources": 13,
    "risks": 14,
    "acceptance": 15,
    "retro": 16,
    # Known to everyone, and listed by ? anyway.
    "back": 60,
    "leave": 60,
    "undo": 70,
    "redo": 71,
    "command-palette": 72,
    "cycle-theme": 73,
}
#: The rank of a key :data:`FOOTER_RANK` does not name.
DEFAULT_RANK = 50
#: The id the command palette's binding is ranked under (Textual gives it none).
PALETTE_ID = "command-palette"
#: The actions the footer always shows a key for: ``?``, or ``f1`` while a text
#: field takes ``?`` as text.
ALWAYS = ("help", "app.help")
#: Help from any screen and dialog, a text field's focus included (every screen's and
#: dialog's base declares it; ``?`` is the app's).
HELP_ANYWHERE = Binding("f1", "app.help", "key.help", show=False, id="help-anywhere")


class Entry(NamedTuple):
    """One key the footer may show."""

    binding: Binding
    key_display: str
    enabled: bool
    tooltip: str
    palette: bool
    order: int

    @property
    def id(self) -> str:
        return PALETTE_ID if self.palette else (self.binding.id or "")

    def width(self, compact: bool) -> int:
        """Cells the key takes in the footer (its margins and the palette's border too)."""
        key, text = cell_len(self.key_display), cell_len(self.binding.description)
        if compact:
            # key, a space, the label; one cell of margin on the right.
            size = key + 1 + text + 1 if text else key + 1
            return size + (1 if self.palette else 0)
        size = 1 + key + 1 + text + 1 if text else key
        return size + (2 if self.palette else 0)


def footer_rank(entry: Entry) -> tuple[int, int]:
    """Where a key comes in the footer's choice: its rank, then its place on the screen."""
    return FOOTER_RANK.get(entry.id, DEFAULT_RANK), entry.order


def choose(entries: list[Entry], width: int) -> tuple[list[Entry], bool]:
    """The keys to show in ``width`` cells, in their own order, and whether compact.

    All of them in the normal style when they fit; else, in the compact style, the
    keys by rank while they fit (a key too wide is skipped for a narrower one after
    it) — ``?`` always.
    """
    if sum(e.width(False) for e in entries) <= width:
        return entries, False
    chosen: list[Entry] = []
    used = 0
    for entry in sorted(entries, key=footer_rank):
        size = entry.width(True)
        if used + size <= width or entry.binding.action in ALWAYS:
            chosen.append(entry)
            used += size
    return sorted(chosen, key=lambda e: e.order), True


class Footer(TextualFooter):
    """Textual's footer that shows only the keys that fit whole (see the module)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._composed_width = 0
        #: What the keys composed last look like (``None``: none composed yet).
        self._composed: tuple | None = None
        #: The keys shown, as ``(key, description)`` (for tests and ``?``).
        self.shown: list[tuple[str, str]] = []
        #: How many keys of the screen did not fit.
        self.left_out = 0

    def entries(self) -> list[Entry]:
        """Every key the screen offers in the footer, as Textual's footer would list it."""
        active = self.screen.active_bindings
        found: list[Entry] = []
        actions: set[str] = set()
        for _namespace, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            display = self.app.get_key_display(binding)
            found.append(Entry(binding, display, enabled, tooltip, False, len(found)))
        if not actions.intersection(ALWAYS):
            # ? is typed into the focused field: the other key for help, shown or not.
            for _namespace, binding, enabled, tooltip in active.values():
                if binding.action in ALWAYS:
                    display = self.app.get_key_display(binding)
                    found.append(Entry(binding, display, enabled, tooltip, False, len(found)))
                    break
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, _tooltip = palette
                display = self.app.get_key_display(binding)
                tip = binding.tooltip or binding.description
                found.append(Entry(binding, display, enabled, tip, True, len(found)))
        return found

    def _choice(self) -> tuple[int, list[Entry], list[Entry], bool]:
        width = self.size.width or self.app.size.width
        entries = self.entries()
        chosen, compact = choose(entries, width)
        return width, entries, chosen, compact

    @staticmethod
    def _look(width: int, chosen: list[Entry], compact: bool) -> tuple:
        """What the footer draws: every key, label, state and tip, and its style."""
        keys = tuple(
            (e.binding.key, e.key_display, e.binding.description, e.enabled, e.tooltip, e.palette)
            for e in chosen
        )
        return width, compact, keys

    def bindings_changed(self, screen) -> None:
        """The screen's keys changed (focus, a cursor, a check_action): compose again only
        when the footer would look different — recomposing mounts every key anew, and
        the bindings change on every cursor move of some screens."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached or self._pruning or self.screen._pruning:
            return
        width, _entries, chosen, compact = self._choice()
        if self._look(width, chosen, compact) != self._composed:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width, entries, chosen, compact = self._choice()
        self._composed_width = width
        self._composed = self._look(width, chosen, compact)
        self.set_reactive(TextualFooter.compact, compact)
        self.set_class(compact, "-compact")
        self.shown = [(e.key_display, e.binding.description) for e in chosen]
        self.left_out = len(entries) - len(chosen)
        for entry in chosen:
            binding = entry.binding
            key = FooterKey(
                binding.key,
                entry.key_display,
                binding.description,
                binding.action,
                disabled=not entry.enabled,
                tooltip=entry.tooltip,
                classes="-command-palette" if entry.palette else "",
            )
            yield key.data_bind(compact=TextualFooter.compact)

    def on_resize(self, event: events.Resize) -> None:
        """A new width chooses the keys again."""
        if self._bindings_ready and event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
