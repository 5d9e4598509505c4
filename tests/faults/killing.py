"""The kill test's harness, shared by ``test_kill.py`` and ``benchmarks/kill_test.py``.

A zygote child (``writer.py burst``) forks one writer per trial; the writer creates
tasks and task updates through :class:`~collabtui.store.Store` and prints each id
right after its transaction commits. We SIGKILL the writer at a random moment, then
check the file: ``PRAGMA integrity_check`` says ``ok`` (SQLite) and every id the
writer reported is stored.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

WRITER = Path(__file__).with_name("writer.py")
ROOT = Path(__file__).resolve().parents[2]
#: How long to wait for one line from the child before calling the trial broken.
LINE_TIMEOUT = 20.0
#: The share of kills aimed at the moment the writer opens the store.
OPENING_SHARE = 0.2


@dataclass
class KillReport:
    """What the trials found."""

    trials: int = 0
    failures: list[str] = field(default_factory=list)
    reported: int = 0  # writes the writers said were committed, over all trials
    killed_idle: int = 0  # kills that landed before the writer's first commit

    def summary(self) -> str:
        """``trials N, failures F`` and the detail."""
        return (
            f"trials {self.trials}, failures {len(self.failures)}"
            f" ({self.reported} reported writes checked, {self.killed_idle} kills before"
            " the first commit)"
        )


def seed_store(url: str) -> tuple[int, int]:
    """A project and an owner to write tasks for; returns their ids."""
    from collabtui.store import Store

    store = Store(url, user="seed")
    try:
        person = store.add_person("写手 Writer")
        project = store.create_project("KILL-1", "Kill test 断电测试")
        return project.id, person.id
    finally:
        store.close()


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.strip())
    lines.put(None)


def _next(lines: queue.Queue, timeout: float = LINE_TIMEOUT) -> str:
    line = lines.get(timeout=timeout)
    if line is None:
        raise RuntimeError("the writer process ended unexpectedly")
    return line


def run_trials(
    url: str, trials: int, *, seed: int, budget_s: float, max_delay_s: float = 0.25
) -> KillReport:
    """Up to ``trials`` kills (fewer if ``budget_s`` runs out); the checks after each."""
    rng = random.Random(seed)
    project_id, owner_id = seed_store(url)
    report = KillReport()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(WRITER), "burst", url, str(project_id), str(owner_id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(child.stdout, lines), daemon=True).start()
    done_tasks: set[int] = set()
    done_updates: set[int] = set()
    started = time.monotonic()
    try:
        while report.trials < trials and time.monotonic() - started < budget_s:
            child.stdin.write("go\n")
            child.stdin.flush()
            pid = int(_next(lines).split()[1])
            # One kill in five lands while the writer opens the store; the others
            # during its burst, between or inside commits.
            if rng.random() >= OPENING_SHARE:
                _next(lines)  # "ready"
            time.sleep(rng.uniform(0, max_delay_s))
            os.kill(pid, signal.SIGKILL)
            before = len(done_tasks) + len(done_updates)
            while not (line := _next(lines)).startswith("end"):
                kind, _, value = line.partition(" ")
                if kind == "task":
                    done_tasks.add(int(value))
                elif kind == "update":
                    done_updates.add(int(value))
                elif kind != "ready":
                    raise RuntimeError(f"unexpected line from the writer: {line!r}")
            report.trials += 1
            if len(done_tasks) + len(done_updates) == before:
                report.killed_idle += 1
            problem = check(url, done_tasks, done_updates)
            if problem:
                report.failures.append(f"trial {report.trials}: {problem}")
    finally:
        child.stdin.close()
        child.wait(timeout=LINE_TIMEOUT)
    report.reported = len(done_tasks) + len(done_updates)
    return report


def check(url: str, tasks: set[int], updates: set[int]) -> str | None:
    """What is wrong with the store after a kill, or ``None``."""
    from collabtui.store import Store
    from collabtui.store.location import sqlite_path
    from collabtui.store.models import Task, TaskUpdate

    path = sqlite_path(url)
    if path is not None:
        con = sqlite3.connect(path)
        try:
            result = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
        if result != [("ok",)]:
            return f"integrity_check: {result[:3]}"
    store = Store(url, user="checker")
    try:
        with store.db.read() as s:
            have_tasks = set(s.exec(select(Task.id)).scalars())
            have_updates = set(s.exec(select(TaskUpdate.id)).scalars())
    finally:
        store.close()
    lost = sorted(tasks - have_tasks), sorted(updates - have_updates)
    if lost[0] or lost[1]:
        return f"lost tasks {lost[0][:5]} and updates {lost[1][:5]}"
    return None
