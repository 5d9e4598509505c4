"""How soon one copy of collab sees what another copy saved (issue 8: within 2 s).

Two processes share one store. The writer process saves a department's note, then
measures until the viewer process reports it saw the change, in two ways:

* ``watcher``: the viewer polls ``Store.watcher().changed()`` every millisecond —
  the delay of the mechanism itself (SQLite ``PRAGMA data_version``, PostgreSQL
  ``LISTEN/NOTIFY``);
* ``app``: the viewer runs the real app headless (Pilot) on the directory screen and
  reports when the department table holds the new note — the delay a user sees,
  including the app's twice-a-second look and the re-read.

Times are taken with ``time.monotonic()`` (one clock for every process on the
machine), from the moment the writer's save returned. Prints median, p95 and max.

Usage: ``python benchmarks/refresh.py [--db URL] [--trials N] [--quick]``. Without ``--db``, a
fresh SQLite file in ``benchmarks/out/``; a PostgreSQL URL should name an empty
throwaway database (the schema is created in it).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def summary(name: str, samples: list[float]) -> str:
    """One report line: median, p95 and max, in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{name:<9} n={len(samples):<3} median {statistics.median(ordered):7.1f} ms"
        f"  p95 {p95:7.1f} ms  max {ordered[-1]:7.1f} ms"
    )


# ---------------------------------------------------------------------- viewers


def watch_viewer(url: str, orders, seen) -> None:
    """Poll a watcher; report the moment of each change."""
    from collabtui.store import Store

    store = Store(url, user="viewer")
    watcher = store.watcher()
    seen.put("ready")
    while True:
        if watcher.changed():
            seen.put(time.monotonic())
        if not orders.empty() and orders.get() == "stop":
            break
        time.sleep(0.001)
    store.close()


def app_viewer(url: str, orders, seen) -> None:
    """Run the app headless on the directory; report when a new note is on screen."""
    asyncio.run(_app_viewer(url, orders, seen))


async def _app_viewer(url: str, orders, seen) -> None:
    from collabtui.app import CollabApp
    from collabtui.config import Config
    from collabtui.store import Store
    from collabtui.widgets.record_table import RecordTable

    store = Store(url, user="viewer")
    app = CollabApp(url, config=Config(), lang="en", store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_directory()
        await pilot.pause()
        table = app.screen.query_one("#department-table", RecordTable)
        seen.put("ready")
        while True:
            note = await asyncio.to_thread(orders.get)
            if note == "stop":
                break
            seen.put("armed")
            while not any(
                note in str(cell) for r in range(table.row_count) for cell in table.get_row_at(r)
            ):
                await asyncio.sleep(0.002)
            seen.put(time.monotonic())


# ---------------------------------------------------------------------- the writer


def run(url: str, viewer, trials: int) -> list[float]:
    """Start ``viewer`` in its own process, save ``trials`` times, return the delays."""
    from collabtui.store import Store

    writer = Store(url, user="writer")
    dept = writer.departments()[0]
    ctx = mp.get_context("spawn")
    orders, seen = ctx.Queue(), ctx.Queue()
    process = ctx.Process(target=viewer, args=(url, orders, seen))
    process.start()
    assert seen.get(timeout=60) == "ready"
    delays = []
    for i in range(trials):
        note = f"trial {i} {random.random():.6f}"
        if viewer is app_viewer:
            orders.put(note)
            assert seen.get(timeout=10) == "armed"
        time.sleep(random.uniform(0.05, 0.3))  # not in step with the app's timer
        dept = writer.edit_department(dept.id, dept.version, note=note)
        saved = time.monotonic()
        delays.append(max(0.0, (seen.get(timeout=10) - saved) * 1000))
        while not seen.empty():  # a watcher may see one save twice (WAL checkpoint)
            seen.get()
    orders.put("stop")
    process.join(timeout=30)
    writer.close()
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="2 trials")
    args = parser.parse_args()
    if args.quick:
        args.trials = min(args.trials, 2)
    url = args.db
    if url is None:
        out = HERE / "out"
        out.mkdir(exist_ok=True)
        path = out / "refresh.sqlite3"
        for old in out.glob("refresh.sqlite3*"):
            old.unlink()
        url = f"sqlite:///{path}"
    from collabtui.store import Store
    from collabtui.store.location import describe

    setup = Store(url, user="setup")
    if not setup.departments():
        setup.add_department("Benchmark")
    setup.close()
    print(f"store: {describe(url)}  trials: {args.trials}")
    print(summary("watcher", run(url, watch_viewer, args.trials)))
    print(summary("app", run(url, app_viewer, args.trials)))


if __name__ == "__main__":
    main()
