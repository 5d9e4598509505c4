"""How responsive the task board is on the large store (issue 5's targets).

Drives the real app with Pilot on a copy of ``benchmarks/out/large.sqlite3`` (made
by ``make_store.py``) and prints, in milliseconds:

* opening the board across all projects (10,000 tasks) — target ≤ 300 ms;
* a filter keystroke, until the cards shown match — target p95 ≤ 16 ms;
* moving a card to the next column and back, until it is saved and drawn —
  target p95 ≤ 16 ms (one frame);
* a cursor step (``j``), for comparison;
* switching to the tracking table (``t``) with every task's fields — target ≤ 300 ms.

A keystroke is timed from the moment the key reaches the app until every widget
has handled what it caused and the changed part of the screen has been rendered.
Pilot's ``press`` is not used for timing: it sleeps until the process looks idle
(two ``wait_for_idle`` calls, at least 40 ms), which would hide the app's own cost.

Usage: ``python benchmarks/board.py [--store PATH] [--keys N] [--moves N] [--quick]``;
``--quick`` builds a small fresh store (see ``quick.py``) and makes few moves.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quick import screen_text, store_for  # noqa: E402


def summary(name: str, samples: list[float], target: float | None) -> str:
    """One report line: median, p95, max, and the verdict against ``target``."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    verdict = ""
    if target is not None:
        verdict = f"  [{'OK' if p95 <= target else 'MISS'}] p95 target ≤ {target:.0f} ms"
    return (
        f"{name:<28} n={len(samples):<4} median {statistics.median(samples):7.1f} ms"
        f"  p95 {p95:7.1f} ms  max {ordered[-1]:7.1f} ms{verdict}"
    )


async def keystroke(app, pilot, key: str, char: str | None = None) -> float:
    """Milliseconds from a key's arrival to the rendered result (see the module doc)."""
    from textual import events

    await pilot.pause()  # start from an idle app
    started = time.perf_counter()
    app._driver.send_message(events.Key(key, char))
    await pilot._wait_for_screen()  # the key, and the messages it posted …
    await pilot._wait_for_screen()  # … such as Input.Changed, handled in turn
    app.screen._on_timer_update()  # render what changed, as the next frame would
    return (time.perf_counter() - started) * 1000


async def measure(store_path: Path, keys: str, moves: int) -> list[str]:
    """Open the board, type a filter, move cards; return the report lines."""
    from collabtui.app import CollabApp, steady_collector
    from collabtui.screens.board import BoardScreen
    from collabtui.store import Store
    from collabtui.store.models import Task

    store = Store(f"sqlite:///{store_path}", user="bench")
    app = CollabApp(url=store.url, store=store, lang="en")
    steady_collector()  # as collabtui/cli/launch.py does for the app a person runs
    lines = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        app.push_screen(BoardScreen(None))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        opened = (time.perf_counter() - started) * 1000
        board = app.screen
        total = len(board.cards)
        assert total == store.count(Task), "the board does not show every task"
        lines.append(
            f"{'open board (all projects)':<28} {opened:7.1f} ms for {total} cards"
            f"  [{'OK' if opened <= 300 else 'MISS'}] target ≤ 300 ms"
        )

        cursor_times = [await keystroke(app, pilot, "j") for _ in range(moves)]
        lines.append(summary("cursor step (j)", cursor_times, None))

        filter_times = []
        await pilot.press("slash")
        await pilot.pause()
        for _ in range(3):
            for char in keys:
                filter_times.append(await keystroke(app, pilot, char, char))
                typed = keys[: keys.index(char) + 1].casefold()
                assert all(typed in c.haystack for c in board.cards), "the filter did not apply"
            for _ in keys:
                filter_times.append(await keystroke(app, pilot, "backspace"))
        lines.append(summary(f"filter keystroke ({keys!r})", filter_times, 16))
        await pilot.press("escape")
        await pilot.pause()

        move_times = []
        board.view.activate("todo")
        for i in range(moves):
            key = "right_square_bracket" if i % 2 == 0 else "left_square_bracket"
            before = board.view.card
            assert before is not None and before.status == ("todo" if i % 2 == 0 else "in_progress")
            wanted = "in_progress" if i % 2 == 0 else "todo"
            move_times.append(await keystroke(app, pilot, key))
            saved = store.task_row(before.id).status
            assert saved == wanted, f"the move was not saved: {saved} (wanted {wanted})"
            shown = board.view.card
            assert shown is not None and (shown.id, shown.status) == (before.id, wanted), (
                "the moved card is not under the cursor in its new column"
            )
        lines.append(summary("move a card (], [)", move_times, 16))

        started = time.perf_counter()
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = (time.perf_counter() - started) * 1000
        rows = board.table.row_count
        assert rows == total, f"the table shows {rows} rows of {total}"
        first = board.table.cells(0)[1]  # the first row's code (after the project)
        assert first in screen_text(app), "the table's rows are not on screen"
        lines.append(
            f"{'board → table (表3)':<28} {table:7.1f} ms for {rows} rows"
            f"  [{'OK' if table <= 300 else 'MISS'}] target ≤ 300 ms"
        )
    store.close()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="(default: out/large.sqlite3)")
    parser.add_argument("--keys", default="launch", help="text typed into the filter")
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="a small fresh store, few keys")
    args = parser.parse_args()
    if args.quick:
        args.keys, args.moves = args.keys[:2], min(args.moves, 4)
    with store_for(args.store, args.quick) as path, tempfile.TemporaryDirectory() as tmp:
        if not path.exists():
            print(f"{path} is missing: run benchmarks/make_store.py first", file=sys.stderr)
            return 1
        copy = Path(tmp) / "board.sqlite3"
        shutil.copy(path, copy)  # moves must not change the shared store
        lines = asyncio.run(measure(copy, args.keys, args.moves))
    print("task board on the large store (Pilot-driven, 160x48)")
    for line in lines:
        print(" ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
