"""Every key binding of the app by its id: the names ``[keys]`` in the config remaps.

The config file is read before Textual loads, so its ``[keys]`` table is checked
here, when the app is about to start and only when the table has entries (walking
every screen costs imports a plain start does not need): an id no binding has is an
error naming the line and the closest real id.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import pkgutil
from collections.abc import Iterator

from collabtui.config import Config, ConfigError
from collabtui.i18n import t

#: The packages whose widgets, dialogs and screens hold bindings (and the app).
PACKAGES = ("collabtui.widgets", "collabtui.dialogs", "collabtui.screens")
#: Bindings made when a widget is created, not declared on its class (RecordTable's Enter).
MADE_AT_RUN_TIME = frozenset({"select-row"})


def all_bindings() -> Iterator[tuple[type, object]]:
    """``(class, binding)`` for every binding a collab class declares itself."""
    from textual.binding import Binding
    from textual.dom import DOMNode

    modules = [importlib.import_module("collabtui.app")]
    for name in PACKAGES:
        package = importlib.import_module(name)
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{name}.{info.name}"))
    for module in modules:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, DOMNode):
                continue
            for binding in cls.__dict__.get("BINDINGS", ()):
                if isinstance(binding, tuple):
                    binding = Binding(*binding)
                yield cls, binding


def binding_ids() -> set[str]:
    """Every binding id the app knows: collab's, and those of Textual's own widgets."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable, Input, OptionList, TabbedContent, Tabs, TextArea

    ids = {b.id for _, b in all_bindings() if b.id} | MADE_AT_RUN_TIME
    for cls in (App, Screen, DataTable, Input, OptionList, TabbedContent, Tabs, TextArea):
        for binding in cls.BINDINGS:
            if not isinstance(binding, tuple) and binding.id:
                ids.add(binding.id)
    return ids


def check_keymap(config: Config) -> None:
    """A :class:`ConfigError` for the first id in ``[keys]`` that no binding has."""
    if not config.keys:
        return
    known = binding_ids()
    text = ""
    if config.path is not None and config.path.exists():
        text = config.path.read_text(encoding="utf-8")
    for binding_id in config.keys:
        if binding_id in known:
            continue
        close = difflib.get_close_matches(binding_id, sorted(known), n=1, cutoff=0.4)
        line = _keys_line(text, binding_id)
        where = f"{config.path}: line {line}" if config.path else "[keys]"
        if close:
            message = t("config.err.key_id_close", id=binding_id, close=close[0])
        else:
            message = t("config.err.key_id", id=binding_id)
        raise ConfigError(f"{where}: {message}")


def _keys_line(text: str, binding_id: str) -> int:
    """The 1-based line setting ``binding_id`` inside ``[keys]`` (or 1)."""
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.split("#", 1)[0].strip()
        if stripped.startswith("["):
            inside = stripped.replace(" ", "") == "[keys]"
            continue
        name = stripped.split("=", 1)[0].strip().strip("\"'")
        if inside and name == binding_id:
            return number
        if stripped.replace(" ", "").startswith(f"keys.{binding_id}="):
            return number
    return 1
