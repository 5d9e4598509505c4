"""Two processes editing the same task at once: every edit lands, none overwrites another."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.faults.killing import ROOT, WRITER, seed_store

#: Read-modify-write edits per process.
N = 40


def _start(url: str, task_id: int, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), "increment", url, str(task_id), str(N), name],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_two_processes_editing_one_task_lose_no_update(db_url):
    from collabtui.store import Store

    project_id, owner_id = seed_store(db_url)
    store = Store(db_url, user="tester")
    task = store.create_task(project_id, title="共享任务 shared", owner_id=owner_id)
    writers = [_start(db_url, task.id, name) for name in ("alice", "bob")]
    for w in writers:  # both have imported and opened the store
        assert w.stdout.readline().strip() == "ready"
    for w in writers:
        w.stdin.write("go\n")
        w.stdin.flush()
    results = [w.communicate(timeout=60)[0].split() for w in writers]
    assert [w.returncode for w in writers] == [0, 0]
    retries = sum(int(r[1]) for r in results)
    took = max(float(r[2]) for r in results)
    print(f"\nconcurrent edits: 2 x {N} in {took:.2f} s, {retries} conflicts retried")

    row = store.task_row(task.id)
    lines = row.notes.split()
    assert sorted(lines) == sorted(f"{who}-{i}" for who in ("alice", "bob") for i in range(N))
    for who in ("alice", "bob"):  # each writer's own edits in its order
        assert [x for x in lines if x.startswith(who)] == [f"{who}-{i}" for i in range(N)]
    updates = [c for c in store.history("task", task.id) if c.action.value == "update"]
    assert len(updates) == 2 * N
    assert all(set(json.loads(c.changes)) == {"notes"} for c in updates)
    assert row.version == 1 + 2 * N
    store.close()
