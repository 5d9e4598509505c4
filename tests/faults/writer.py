"""A child process for the fault tests: writes through ``Store`` and reports each commit.

Run with the venv's python, never imported by the tests. Two modes:

``burst URL PROJECT_ID OWNER_ID``
    A zygote: imports the store once, then for every line ``go`` on stdin forks a
    writer that opens the store and loops creating tasks and adding task updates,
    printing ``task ID`` / ``update ID`` right after each transaction commits. The
    parent test SIGKILLs the writer (its pid comes first, as ``pid N``) at a random
    moment; forking keeps each trial to milliseconds instead of a second of imports.

``increment URL TASK_ID N NAME``
    Appends `` NAME-i`` to the task's notes N times, each a read-modify-write
    against the version read (``ConflictError`` → read again and retry), then prints
    ``done RETRIES``.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def burst(url: str, project_id: int, owner_id: int) -> None:
    """Fork one writer per ``go`` line; report how each ended."""
    from collabtui.store import Store

    for line in sys.stdin:
        if line.strip() != "go":
            continue
        pid = os.fork()
        if pid == 0:  # the writer: never returns
            try:
                _write_forever(Store, url, project_id, owner_id)
            finally:
                os._exit(1)
        _say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        _say(f"end {status}")


def _write_forever(store_cls, url: str, project_id: int, owner_id: int) -> None:
    store = store_cls(url, user="writer")
    _say("ready")
    i = 0
    while True:
        i += 1
        task = store.create_task(project_id, title=f"burst {os.getpid()} {i}", owner_id=owner_id)
        _say(f"task {task.id}")
        update = store.add_task_update(task.id, on=date(2026, 11, 27), progress=i % 101, done="x")
        _say(f"update {update.id}")


def increment(url: str, task_id: int, n: int, name: str) -> None:
    """N read-modify-write edits of one task's notes, retrying on conflicts.

    Each edit appends `` NAME-i`` (the store trims the text, so no line breaks).
    """
    from collabtui.store import ConflictError, Store

    store = Store(url, user=name)
    retries = 0
    _say("ready")
    sys.stdin.readline()  # start together with the other writer
    started = time.monotonic()
    for i in range(n):
        while True:
            task = store.task_row(task_id)
            try:
                store.edit_task(task_id, task.version, notes=f"{task.notes} {name}-{i}")
                break
            except ConflictError:
                retries += 1
    store.close()
    _say(f"done {retries} {time.monotonic() - started:.2f}")


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "burst":
        burst(args[0], int(args[1]), int(args[2]))
    elif mode == "increment":
        increment(args[0], int(args[1]), int(args[2]), args[3])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
