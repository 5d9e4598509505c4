"""Layering, proved in fresh interpreters: the core never loads Textual or Rich, and
headless commands never load Textual."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE = [
    "collabtui.store.models",
    "collabtui.store",
    "collabtui.store.core",
    "collabtui.store.quick",
    "collabtui.i18n",
    "collabtui.config",
    "collabtui.paths",
    "collabtui.domain.clock",
    "collabtui.domain.views",
]


def _modules_after(code: str, env: dict | None = None) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", CORE)
def test_core_modules_do_not_import_textual_or_rich(module):
    loaded = _modules_after(f"import {module}; import collabtui.store.core")
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}


def test_light_modules_do_not_import_the_orm():
    loaded = _modules_after(
        "import collabtui.store.quick, collabtui.store.location, collabtui.cli.launch"
    )
    assert not {m for m in loaded if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "textual")}


@pytest.mark.parametrize(
    "argv", [["--version"], ["projects", "--json"], ["meetings", "--json"], ["locate"]]
)
def test_headless_commands_do_not_import_textual(argv, tmp_path):
    code = (
        "import sys\n"
        "from collabtui.cli import app\n"
        f"sys.argv = ['collab', '--db', {str(tmp_path / 'x.db')!r}, *{argv!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
    )
    loaded = _modules_after(code)
    assert "typer" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "textual"}
