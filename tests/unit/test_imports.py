"""Layering, proved in fresh interpreters: what a module or a command loads.

``lint-imports`` (pyproject's contracts, run by .ci/run) checks the import graph as
written; this checks what really ends up in ``sys.modules``, lazy imports and
third-party packages included: the pure core never loads the terminal or the ORM,
headless modules never load Textual, the quick start path never loads the ORM, and no
headless command loads Textual.
"""

from __future__ import annotations

import json
import pkgutil
import select
import subprocess
import sys
from pathlib import Path

import pytest

import collabtui

PACKAGE = Path(collabtui.__file__).parent


def _modules(*packages: str) -> list[str]:
    """Every module of ``packages`` (dotted names under collabtui), found on disk."""
    found = []
    for package in packages:
        folder = PACKAGE.joinpath(*package.split(".")[1:])
        found.append(package)
        for info in pkgutil.walk_packages([str(folder)], prefix=f"{package}."):
            if ".migrations." not in info.name:
                found.append(info.name)
    return sorted(set(found))


#: Pure: rules, values, renderers, translations. No terminal, no ORM, no holidays table.
PURE = _modules("collabtui.domain", "collabtui.export", "collabtui.i18n")
#: Headless: the store, services, config and files. No Textual, no Rich.
HEADLESS = [
    *_modules("collabtui.store", "collabtui.services"),
    "collabtui.config",
    "collabtui.paths",
    "collabtui.files",
    "collabtui.crash",
]
#: The start-up path: reads the dashboard from SQLite without the ORM.
LIGHT = ["collabtui.store.quick", "collabtui.store.location", "collabtui.cli.launch"]

HEAVY_FOR_PURE = {"textual", "rich", "sqlalchemy", "sqlmodel", "holidays"}


#: A probe server: it imports ``PRELOAD`` once, then for each piece of code it is sent
#: forks a child that runs it and reports ``sys.modules``. A fork starts from the same
#: few modules a fresh interpreter holds, without paying for an interpreter each time
#: (the suite's budget): 118 probes cost a second or two, not half a minute.
_SERVER = r"""
import json, os, sys, traceback
for name in sys.argv[1:]:
    __import__(name)
for line in sys.stdin:
    code = json.loads(line)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        try:
            exec(compile(code, "<probe>", "exec"), {"__name__": "__probe__"})
            answer = {"modules": sorted(sys.modules)}
        except BaseException:
            answer = {"error": traceback.format_exc()}
        data = json.dumps(answer).encode()
        while data:
            data = data[os.write(w, data):]
        os._exit(0)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 1 << 16):
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    sys.stdout.write(b"".join(chunks).decode() + "\n")
    sys.stdout.flush()
"""
_servers: dict[tuple[str, ...], subprocess.Popen] = {}


def _server(preload: tuple[str, ...]) -> subprocess.Popen:
    server = _servers.get(preload)
    if server is None or server.poll() is not None:
        server = subprocess.Popen(
            [sys.executable, "-c", _SERVER, *preload],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        _servers[preload] = server
    return server


def loaded_after(code: str, preload: tuple[str, ...] = ()) -> set[str]:
    """The modules an interpreter holds after running ``code`` (having imported only the
    standard library's basics and ``preload``)."""
    server = _server(preload)
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(json.dumps(code) + "\n")
    server.stdin.flush()
    ready, _, _ = select.select([server.stdout], [], [], 120)
    assert ready, f"the probe did not answer in 120 s: {code}"
    answer = json.loads(server.stdout.readline())
    assert "error" not in answer, answer.get("error")
    return set(answer["modules"])


def test_the_probe_sees_what_an_interpreter_would():
    """The probe is not fooled by its own server: a module imported in one probe is not
    there in the next, and a failing import fails the test."""
    assert "textual" in tops(loaded_after("import textual"))
    assert "textual" not in tops(loaded_after("import json"))
    with pytest.raises(AssertionError, match="ModuleNotFoundError"):
        loaded_after("import collabtui.no_such_module")


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_the_lists_are_not_empty():
    assert len(PURE) > 30 and "collabtui.domain.alerts" in PURE
    assert "collabtui.store.core" in HEADLESS and "collabtui.services.exports" in HEADLESS


@pytest.mark.parametrize("module", PURE)
def test_a_pure_module_loads_no_terminal_and_no_orm(module):
    loaded = loaded_after(f"import {module}")
    assert module in loaded
    assert not tops(loaded) & HEAVY_FOR_PURE, sorted(tops(loaded) & HEAVY_FOR_PURE)


#: The ORM loads no terminal: probes of headless modules start with it in memory.
ORM = ("sqlalchemy", "sqlalchemy.orm", "sqlmodel")


@pytest.mark.parametrize("module", HEADLESS)
def test_a_headless_module_loads_no_terminal(module):
    loaded = loaded_after(f"import {module}", preload=ORM)
    assert module in loaded
    assert not tops(loaded) & {"textual", "rich"}, module


@pytest.mark.parametrize("module", LIGHT)
def test_the_start_up_path_loads_no_orm(module):
    loaded = loaded_after(f"import {module}")
    assert not tops(loaded) & {"sqlalchemy", "sqlmodel", "textual"}


#: Every headless command, as a user runs it (``{db}`` and ``{tmp}`` filled in).
COMMANDS = [
    ["--version"],
    ["projects", "--json"],
    ["meetings", "--json"],
    ["locate"],
    ["alerts", "--json"],
    ["export", "request", "1", "-o", "{tmp}/r.md"],
    ["export", "minutes", "1", "--format", "eml", "-o", "{tmp}/a.eml"],
    ["export", "minutes", "--all", "-o", "{tmp}"],
    ["export", "calendar", "-o", "{tmp}/c.ics"],
    ["export", "tasks", "Q4-LAUNCH", "--format", "csv", "-o", "{tmp}/t.csv"],
    ["export", "project", "Q4-LAUNCH", "-o", "{tmp}/p.md"],
    ["export", "all", "-o", "{tmp}/all.json"],
]


@pytest.mark.sqlite_only("which modules a command loads does not depend on the backend")
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_a_headless_command_loads_no_terminal_ui(argv, demo_store, tmp_path):
    filled = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    ok = (0, 1) if argv[0] == "alerts" else (0,)  # alerts: 1 = something is overdue
    code = (
        "import sys\n"
        "from collabtui.cli import app\n"
        f"sys.argv = ['collab', '--db', {demo_store.url!r}, *{filled!r}]\n"
        "try:\n    app()\nexcept SystemExit as exc:\n"
        f"    assert (exc.code or 0) in {ok!r}, exc.code\n"
    )
    loaded = loaded_after(code)
    assert "typer" in loaded
    assert "textual" not in tops(loaded)
