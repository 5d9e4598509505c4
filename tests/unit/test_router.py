"""One navigation router: every destination is a screen, and no screen, the app or the
palette imports a screen class to open it (they name a destination instead)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.screen import Screen

import collabtui
from collabtui.screens import router

PACKAGE = Path(collabtui.__file__).parent
SCREEN_CLASSES = {router.SCREENS[k].partition(":")[2] for k in router.SCREENS}


@pytest.mark.parametrize("where", sorted(router.SCREENS))
def test_every_destination_is_a_screen(where):
    assert issubclass(router.screen_class(where), Screen)


def test_an_unknown_destination_is_refused_by_name():
    with pytest.raises(KeyError, match="nowhere"):
        router.build("nowhere")


def _navigating_modules() -> list[Path]:
    return [
        *sorted((PACKAGE / "screens").glob("*.py")),
        PACKAGE / "app.py",
        PACKAGE / "commands.py",
    ]


@pytest.mark.parametrize("path", _navigating_modules(), ids=lambda p: p.name)
def test_no_module_imports_a_screen_class_to_open_it(path):
    if path.name == "router.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "collabtui.screens."
        ):
            imported = {alias.name for alias in node.names} & SCREEN_CLASSES
            assert not imported, f"{path.name}:{node.lineno} imports {imported}: use go()"
