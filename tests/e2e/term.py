"""Drive the installed ``collab`` command in a real pseudo-terminal.

The app runs exactly as a user launches it: the console script ``pip install -e .``
put beside the interpreter, a real clock, the time zone and language from the
environment, its own data and config folders. Everything it writes to the terminal
is fed into a :mod:`pyte` screen of the same size, so a test asks what a person
would see: "is this text on the screen now".

Nothing here sleeps a fixed time: every wait polls the pseudo-terminal until a
condition holds or a deadline passes, and a failure shows the last screen and the
output that had not been drawn on it (a traceback printed after the app left the
alternate screen, say).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pexpect
import pyte

#: The console script of this checkout's environment (``pip install -e .``).
COLLAB = Path(sys.executable).parent / "collab"

#: Seconds a screen may take to draw after a key (two shared cores, a cold start).
TIMEOUT = 20.0

#: Key names to the bytes an xterm sends for them.
KEYS = {
    "enter": "\r",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "escape": "\x1b",
    "space": " ",
    "backspace": "\x7f",
    "delete": "\x1b[3~",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "shift+up": "\x1b[1;2A",
    "shift+down": "\x1b[1;2B",
    "shift+right": "\x1b[1;2C",
    "shift+left": "\x1b[1;2D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "f6": "\x1b[17~",
    "f7": "\x1b[18~",
    "f8": "\x1b[19~",
    "f9": "\x1b[20~",
    "f10": "\x1b[21~",
    "f11": "\x1b[23~",
    "f12": "\x1b[24~",
}

_ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def _shorten(text: str, head: int = 25, tail: int = 60) -> str:
    """``text`` with its middle lines left out when it is long (a rich traceback)."""
    lines = text.splitlines()
    if len(lines) <= head + tail:
        return text
    return "\n".join([*lines[:head], f"… {len(lines) - head - tail} lines …", *lines[-tail:]])


def key_bytes(key: str) -> bytes:
    """The bytes for one key name: ``"a"``, ``"enter"``, ``"ctrl+p"``, ``"f1"``, ``"?"``."""
    if key in KEYS:
        return KEYS[key].encode()
    if key.startswith("ctrl+") and len(key) == 6 and key[5].isalpha():
        return bytes([ord(key[5].lower()) - ord("a") + 1])
    if len(key) == 1:
        return key.encode()
    raise ValueError(f"no escape sequence known for key {key!r}")


def environment(home: Path, tz: str, lang: str) -> dict[str, str]:
    """What a user's shell would give the app: fresh folders, a zone, a locale."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COLLAB_", "LC_", "PYTEST_", "TEXTUAL"))
        and k not in ("LANG", "LANGUAGE", "TZ", "COLUMNS", "LINES")
    }
    env.update(
        HOME=str(home),
        USER="e2e",
        COLLAB_DATA_DIR=str(home / "data"),
        COLLAB_CONFIG_DIR=str(home / "config"),
        TERM="xterm-256color",
        TZ=tz,
        LANG="zh_CN.UTF-8" if lang == "zh-CN" else "en_US.UTF-8",
    )
    return env


def run_collab(args: Iterable[str], env: dict[str, str], cwd: Path) -> str:
    """Run one ``collab`` command to its end (``demo``, ``projects``); its output.

    Fails with the output when the command fails.
    """
    done = subprocess.run(
        [str(COLLAB), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, (
        f"`collab {' '.join(args)}` exited {done.returncode}\n"
        f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    )
    return done.stdout


class Terminal:
    """``collab`` running in a pseudo-terminal of ``rows`` × ``cols``, as a person sees it."""

    def __init__(self, env: dict[str, str], cwd: Path, rows: int = 40, cols: int = 120):
        self.env, self.cwd, self.rows, self.cols = env, cwd, rows, cols
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.keys: list[str] = []  # every key pressed so far, for the failure message
        self.child: pexpect.spawn | None = None
        self.ended = False
        self._rows: list[str] | None = None  # the rows as text, until more output comes

    # ------------------------------------------------------------------ lifecycle

    def spawn(self, *args: str, program: Path = COLLAB) -> Terminal:
        """Start ``collab ARGS`` (or ``program ARGS``) in the pseudo-terminal."""
        assert program.is_file(), f"{program} is missing: run `pip install -e .` first"
        self.child = pexpect.spawn(
            str(program),
            list(args),
            env=self.env,
            cwd=str(self.cwd),
            dimensions=(self.rows, self.cols),
        )
        return self

    def quit(self, timeout: float = TIMEOUT) -> None:
        """``ctrl+q``, then the process must end by itself with status 0 and no traceback."""
        self.assert_alive()
        self.press("ctrl+q")
        deadline = time.monotonic() + timeout
        while not self.ended and time.monotonic() < deadline:
            self._read(0.1)
        if not self.ended:
            self.fail(f"still running {timeout:.0f} s after ctrl+q")
        self.child.close()
        if self.child.signalstatus is not None or self.child.exitstatus != 0:
            self.fail("did not end cleanly after ctrl+q")
        if self.traceback():
            self.fail("printed a traceback")

    def close(self) -> None:
        """End the process if a test left it running (a failed test)."""
        if self.child is not None and self.child.isalive():
            self.child.terminate(force=True)
        if self.child is not None:
            self.child.close()

    # ------------------------------------------------------------------ reading

    def _read(self, timeout: float) -> bool:
        """Feed what the app wrote within ``timeout`` to the screen; True if anything came."""
        if self.ended:
            return False
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return False
        except pexpect.EOF:
            self.ended = True
            return False
        self.output.extend(data)
        self.stream.feed(data)
        self._rows = None
        return True

    def drain(self) -> None:
        """Take in everything the app has written so far, without waiting."""
        while self._read(0):
            pass

    def rows_text(self) -> list[str]:
        """The screen's rows as text.

        A wide (CJK) character fills two cells, the second holding nothing, so the
        cells' texts join up as the row reads (``pyte.Screen.display`` asserts on a
        half-overwritten wide character instead).
        """
        if self._rows is None:
            buffer, cols = self.screen.buffer, self.cols
            self._rows = ["".join(buffer[y][x].data for x in range(cols)) for y in range(self.rows)]
        return self._rows

    def text(self) -> str:
        """The screen as text, one line per row."""
        return "\n".join(line.rstrip() for line in self.rows_text())

    def shows(self, text: str) -> bool:
        """True when ``text`` is on one row of the screen now."""
        return any(text in line for line in self.rows_text())

    def shows_all(self, *parts: str) -> bool:
        """True when one row of the screen holds every one of ``parts``."""
        return any(all(p in line for p in parts) for line in self.rows_text())

    def traceback(self) -> bool:
        """True when the app printed a Python traceback (on the screen or after it)."""
        return b"Traceback (most recent call last)" in self.output or self.shows("Traceback")

    # ------------------------------------------------------------------ asserting

    def wait_for(self, *texts: str, timeout: float = TIMEOUT) -> str:
        """Wait until one of ``texts`` is on the screen; return it."""
        found: list[str] = []

        def seen() -> bool:
            found.extend(text for text in texts if self.shows(text))
            return bool(found)

        self.wait_until(seen, " or ".join(map(repr, texts)), timeout)
        return found[0]

    def wait_gone(self, text: str, timeout: float = TIMEOUT) -> None:
        """Wait until ``text`` is no longer on the screen (a screen or dialog closed)."""
        self.wait_until(lambda: not self.shows(text), f"{text!r} to go", timeout)

    def wait_until(self, condition, what: str, timeout: float = TIMEOUT) -> None:
        """Poll the terminal until ``condition()`` holds.

        Fails, with the screen, as soon as the app exits or prints a traceback, or
        when ``what`` has not happened within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            self.drain()
            if condition():
                return
            self._check_alive()
            if time.monotonic() > deadline:
                self.fail(f"never showed {what} within {timeout:.0f} s")
            self._read(0.05)

    def assert_alive(self) -> None:
        """The app is still running and has printed no traceback."""
        self.drain()
        self._check_alive()

    def _check_alive(self) -> None:
        if self.traceback():
            self.fail("printed a traceback")
        if self.ended or not self.child.isalive():
            self.drain()
            self.child.close()
            self.fail(
                f"exited unexpectedly (status {self.child.exitstatus},"
                f" signal {self.child.signalstatus})"
            )

    def fail(self, why: str) -> None:
        """Fail the test with ``why``, the keys pressed, the screen and undrawn output."""
        raise AssertionError(f"collab {why}\n{self.report()}")

    def report(self) -> str:
        """The keys pressed, the last screen and what came after the app's last frame."""
        raw = bytes(self.output)
        # What was printed after the app left the alternate screen (a traceback).
        tail = raw.rsplit(b"\x1b[?1049l", 1)[1] if b"\x1b[?1049l" in raw else b""
        tail_text = _shorten(_ANSI.sub(b"", tail).decode("utf-8", "replace").strip())
        crash = [
            f"--- {p} ---\n{p.read_text(errors='replace')[-4000:]}"
            for folder in (self.env.get("COLLAB_DATA_DIR"), self.env.get("COLLAB_CONFIG_DIR"))
            if folder and Path(folder).is_dir()
            for p in sorted(Path(folder).rglob("*crash*"))
            if p.is_file()
        ]
        ruler = "─" * self.cols
        return "\n".join(
            [
                f"size {self.cols}×{self.rows}, TZ={self.env.get('TZ')}, "
                f"LANG={self.env.get('LANG')}",
                f"keys: {' '.join(self.keys)}",
                f"screen:\n{ruler}\n{self.text()}\n{ruler}",
                f"output after the last frame:\n{tail_text}" if tail_text else "",
                *crash,
            ]
        )

    # ------------------------------------------------------------------ typing

    def press(self, *keys: str) -> None:
        """Send keys by name (see :data:`KEYS`; one character is itself, ``ctrl+x``).

        ``escape`` must be the last key of a call: an xterm's escape is a lone ESC
        byte, which the app tells from the start of a sequence only when nothing
        follows at once, so wait for the screen it leads to before the next key.
        """
        for i, key in enumerate(keys):
            if key == "escape" and i != len(keys) - 1:
                raise ValueError("press('escape') last, then wait for the screen it leads to")
            self.assert_alive()
            self.keys.append(key)
            self.child.send(key_bytes(key))

    def type(self, text: str) -> None:
        """Type ``text`` into the focused field (characters only, no key names)."""
        self.assert_alive()
        self.keys.append(repr(text))
        self.child.send(text.encode())
