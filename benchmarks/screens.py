"""Every screen of collab on the large store, measured in one run against a bare screen.

    .venv/bin/python benchmarks/screens.py [--store PATH] [--runs 5] [--keys 20] [--json]
    .venv/bin/python benchmarks/screens.py --quick        # a small fresh store, seconds

One app (Pilot, headless, 160x48) on a copy of the store. For each screen (the
dashboard, a project's four tabs, the board and its table, the standup, the progress
lists, the risk register of all projects, resources, acceptance, the retrospective,
the handbook and its search, the directory, minutes, the decision list) and for a
*bare* Textual screen (a header, one line, a footer: the framework's floor, measured
in the same process, the same run):

* **open**: from ``push_screen`` until the first rendered frame that holds data from
  the store (the text looked for is read from the store, e.g. a task's title; the
  harness renders a frame every millisecond and subtracts its own looking). A screen
  that never draws its data fails the run. ``--runs`` opens, median and p95. For the
  board's table, the ``t`` switch alone, until the table's rows are drawn.
* **keys**: the common keys of the screen — the cursor (``down``), a filter keystroke
  where the screen has a filter, a status change where it has one — each timed from
  the key's arrival until every message it caused is handled and the changed part of
  the screen is rendered (as ``board.py``). Each key must change what is on screen; a
  status change must also be saved (the change log grows). ``--keys`` presses each.

Pilot's ``press`` is not the stopwatch: it sleeps until the process looks idle.
The report: one table, median and p95 per screen, and the ratio to the bare screen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quick import screen_look, screen_text, store_for  # noqa: E402

SIZE = (160, 48)
TIMEOUT_S = 30.0
#: How often the harness looks for a screen's data while it opens (seconds).
LOOK_S = 0.005
#: The longest the harness goes without looking, changed frame or not (seconds).
RELOOK_S = 0.25


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass
class Key:
    """A key to time on a screen: ``key`` (and its character), pressed ``before`` once."""

    label: str
    key: str
    char: str | None = None
    before: tuple[str, ...] = ()
    #: The key saves something: the change log must grow.
    saves: bool = False
    #: Keys pressed (untimed) after each timed one, e.g. to undo a status change.
    after: tuple[str, ...] = ()
    #: Keys pressed (untimed) once at the end, e.g. to leave a filter line.
    done: tuple[str, ...] = ()


@dataclass
class Spec:
    """A screen: how to make it, which stored text shows it holds data, its keys."""

    name: str
    make: Callable[[], object]
    expect: list[str]
    keys: list[Key] = field(default_factory=list)
    #: Keys pressed right after opening, e.g. ``t`` for the board's table: then only
    #: these are timed, and ``shown`` must hold after them.
    then: tuple[str, ...] = ()
    shown: Callable[[object], bool] | None = None


# ---------------------------------------------------------------------- the bare floor


def bare_screen():
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class BareScreen(Screen):
        """A header, one line and a footer; ``down`` changes the line."""

        BINDINGS = [Binding("down", "step", "step")]

        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def compose(self):
            yield Header()
            yield Static("bare textual screen", id="line")
            yield Footer()

        def action_step(self) -> None:
            self.count += 1
            self.query_one("#line", Static).update(f"bare textual screen {self.count}")

    return BareScreen()


def empty_board():
    """The board screen with no cards: what the framework costs for the same screen."""
    from collabtui.screens.board import BoardScreen

    class EmptyBoard(BoardScreen):
        def reload(self) -> None:
            self.call_later(self._arrived, [])

    return EmptyBoard(None)


# ---------------------------------------------------------------------- helpers


def _busy(app, screen) -> bool:
    from textual.worker import WorkerState

    if any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
        return True
    return any(getattr(w, "loading", False) for w in screen.walk_children(with_self=False))


def _shows(text: str, expect: list[str]) -> bool:
    """Whether ``text`` holds one of ``expect`` (thousands of them: by substring sets)."""
    if len(expect) <= 50:
        return not expect or any(e in text for e in expect)
    for length in {len(e) for e in expect}:
        seen = {text[i : i + length] for i in range(len(text) - length + 1)}
        if not seen.isdisjoint(expect):
            return True
    return False


def _pending(app) -> bool:
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return any(not node._message_queue.empty() for node in nodes)


async def settle(app, pilot) -> None:
    """Handle every pending message of the app and the screen, and those they post."""
    for _ in range(50):
        await pilot._wait_for_screen()
        await asyncio.sleep(0)
        if not _pending(app):
            return


def _frame(screen) -> bool:
    """Render the frame the app's next refresh would draw; whether anything changed."""
    changed = bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._dirty_widgets
    )
    screen._on_timer_update()
    return changed


async def open_screen(app, pilot, spec: Spec) -> float:
    """Milliseconds from push_screen to the first rendered frame that holds the screen's
    data. The harness renders a frame every millisecond and, after a frame that changed
    something (at most every ``LOOK_S``), looks for the data in it; the looking (a full
    render to text) is subtracted."""
    started = time.perf_counter()
    app.push_screen(spec.make())
    harness, looked, unseen = 0.0, 0.0, True
    while time.perf_counter() - started < TIMEOUT_S:
        await asyncio.sleep(0.001)
        screen = app.screen
        if not screen.is_mounted:
            continue
        unseen = _frame(screen) or unseen
        drawn = time.perf_counter()
        # Look after a frame that changed something, and at least every ``RELOOK_S``: the
        # app's own refresh timer may have painted the change before the harness did.
        if drawn - looked < LOOK_S or (not unseen and drawn - looked < RELOOK_S):
            continue
        looked, unseen = drawn, False
        if _shows(screen_text(app), spec.expect):
            return (drawn - started - harness) * 1000
        harness += time.perf_counter() - drawn
    shown = screen_text(app)[:2000]
    raise AssertionError(f"{spec.name}: no data on screen after {TIMEOUT_S:.0f} s:\n{shown}")


async def switch(app, pilot, spec: Spec) -> float:
    """Milliseconds from the keys ``spec.then`` (e.g. the board's ``t``) to the first
    frame where ``spec.shown`` holds and the data is drawn (the looking subtracted)."""
    from textual import events

    await quiet(app, pilot)
    started = time.perf_counter()
    for key in spec.then:
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    harness, looked, unseen = 0.0, 0.0, True
    while time.perf_counter() - started < TIMEOUT_S:
        await asyncio.sleep(0.001)
        unseen = _frame(app.screen) or unseen
        if spec.shown is not None and not spec.shown(app.screen):
            continue
        drawn = time.perf_counter()
        # Look after a frame that changed something, and at least every ``RELOOK_S``: the
        # app's own refresh timer may have painted the change before the harness did.
        if drawn - looked < LOOK_S or (not unseen and drawn - looked < RELOOK_S):
            continue
        looked, unseen = drawn, False
        if _shows(screen_text(app), spec.expect):
            return (drawn - started - harness) * 1000
        harness += time.perf_counter() - drawn
    raise AssertionError(f"{spec.name}: no rows on screen after {TIMEOUT_S:.0f} s")


async def steady_focus(app, pilot) -> None:
    """Until the focus stays where it is for a few refreshes (a screen may move it after
    a refresh, as the project's tabs do), at most two seconds."""
    started, last, steady = time.perf_counter(), None, 0
    while steady < 3 and time.perf_counter() - started < 2:
        await pilot.pause(0.02)
        steady = steady + 1 if app.focused is last else 0
        last = app.focused


async def quiet(app, pilot) -> None:
    """Until the screen is settled: its messages handled, its workers done."""
    await settle(app, pilot)
    while _busy(app, app.screen):  # a key that reads off the UI thread
        await asyncio.sleep(0.0005)
        await settle(app, pilot)


async def keystroke(app, pilot, key: str, char: str | None = None) -> float:
    """Milliseconds from a key's arrival to the rendered result (see board.py)."""
    from textual import events

    await quiet(app, pilot)
    started = time.perf_counter()
    app._driver.send_message(events.Key(key, char))
    await quiet(app, pilot)
    app.screen._on_timer_update()
    return (time.perf_counter() - started) * 1000


async def press(app, pilot, key: str) -> None:
    """A key not timed (Pilot's ``press`` sleeps until the process looks idle)."""
    await keystroke(app, pilot, key, key if len(key) == 1 else None)


def _changes(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM change").fetchone()[0]


async def time_keys(app, pilot, spec: Spec, key: Key, presses: int, db: Path) -> list[float]:
    """``presses`` timed presses of ``key``. Each press must change what is on screen and,
    for a status change, save; a press that does not is counted (a cursor at the end
    of a short list, say), and when more than half do not, the run fails."""
    for name in key.before:
        await press(app, pilot, name)
    times, idle = [], 0
    for _ in range(presses):
        before_look = screen_look(app)
        before_log = _changes(db) if key.saves else 0
        times.append(await keystroke(app, pilot, key.key, key.char))
        if screen_look(app) == before_look or (key.saves and _changes(db) <= before_log):
            idle += 1
        for name in key.after:
            await press(app, pilot, name)
    for name in key.done:
        await press(app, pilot, name)
    if idle * 2 > presses:
        what = "saved nothing" if key.saves else "changed nothing on screen"
        raise AssertionError(
            f"{spec.name}: {key.label} {what} ({idle} of {presses}; focus: {app.focused})"
        )
    IDLE[(spec.name, key.label)] = idle
    return times


#: Presses that changed nothing, by (screen, key): reported beside the figures.
IDLE: dict[tuple[str, str], int] = {}


# ---------------------------------------------------------------------- the screens


def _pick(db: Path) -> dict:
    """Ids and texts from the store, to open screens and to know their data on sight."""
    con = sqlite3.connect(db)

    def col(sql: str, *args) -> list:
        return [r[0] for r in con.execute(sql, args)]

    def prefix(texts: list[str], n: int = 6) -> list[str]:
        return [t.strip()[:n] for t in texts if t and t.strip()]

    def project(phase: str) -> int:
        ids = col("SELECT id FROM project WHERE phase = ? ORDER BY id", phase)
        return ids[0] if ids else col("SELECT id FROM project ORDER BY id")[0]

    ex, acc, retro = project("executing"), project("accepting"), project("retrospective")
    meeting = col(
        "SELECT meeting.id FROM meeting JOIN decision ON decision.meeting_id = meeting.id "
        "WHERE meeting.project_id = ? ORDER BY meeting.id",
        ex,
    ) or col("SELECT id FROM meeting ORDER BY id")
    data = {
        "executing": ex,
        "accepting": acc,
        "retrospective": retro,
        "meeting": meeting[0],
        "codes": col("SELECT code FROM project"),
        "tasks": prefix(col("SELECT title FROM task WHERE project_id = ?", ex)),
        "task_codes": col("SELECT code FROM task WHERE project_id = ?", ex),
        "all_tasks": prefix(col("SELECT title FROM task")),
        "goals": prefix(col("SELECT description FROM goal WHERE project_id = ?", ex)),
        "meetings": prefix(col("SELECT title FROM meeting WHERE project_id = ?", ex)),
        "risks": prefix(col("SELECT title FROM riskwarning WHERE project_id = ?", ex)),
        "all_risks": prefix(col("SELECT title FROM riskwarning")),
        "departments": col("SELECT name FROM department"),
        "people": col("SELECT name FROM person"),
        "resources": prefix(
            col("SELECT description FROM resourcerequest WHERE project_id = ?", ex)
        ),
        "acceptance": prefix(
            col("SELECT deliverable FROM acceptanceitem WHERE project_id = ?", acc)
        ),
        "retro": prefix(col("SELECT text FROM retroitem WHERE project_id = ?", retro)),
        "practices": prefix(col("SELECT title FROM bestpractice")),
        "decisions": prefix(col("SELECT text FROM decision")),
        "minutes": prefix(col("SELECT title FROM agendaitem WHERE meeting_id = ?", meeting[0]))
        + prefix(col("SELECT text FROM decision WHERE meeting_id = ?", meeting[0])),
    }
    con.close()
    return data


def specs(d: dict) -> list[Spec]:
    from collabtui.screens.acceptance import AcceptanceScreen
    from collabtui.screens.board import BoardScreen
    from collabtui.screens.dashboard import DashboardScreen
    from collabtui.screens.directory import DirectoryScreen
    from collabtui.screens.handbook import HandbookScreen
    from collabtui.screens.minutes import DecisionsScreen, MinutesScreen
    from collabtui.screens.progress import ProgressScreen
    from collabtui.screens.project import ProjectScreen
    from collabtui.screens.resources import ResourcesScreen
    from collabtui.screens.retro import RetroScreen
    from collabtui.screens.risks import RiskRegisterScreen
    from collabtui.screens.standup import StandupScreen

    ex = d["executing"]
    cursor = Key("cursor (down)", "down", after=("up",))  # up again: short lists too
    typed = Key("filter keystroke", "a", "a", before=("slash",), after=("backspace",))
    typed.done = ("enter",)
    board_keys = [
        cursor,
        typed,
        Key(
            "status change (])", "right_square_bracket", saves=True, after=("left_square_bracket",)
        ),
    ]
    return [
        Spec("dashboard", DashboardScreen, d["codes"], [cursor]),
        Spec("project: overview", lambda: ProjectScreen(ex, "overview"), d["goals"]),
        Spec("project: meetings", lambda: ProjectScreen(ex, "meetings"), d["meetings"], [cursor]),
        Spec("project: tasks", lambda: ProjectScreen(ex, "tasks"), d["task_codes"], [cursor]),
        Spec("project: risks", lambda: ProjectScreen(ex, "risks"), d["risks"], [cursor]),
        Spec("board, no cards (floor)", empty_board, ["(0)"]),
        Spec("board (all projects)", lambda: BoardScreen(None), d["all_tasks"], board_keys),
        Spec(
            "board → table (all)",
            lambda: BoardScreen(None),
            d["all_tasks"],
            [cursor, typed],
            then=("t",),
            shown=lambda s: s.showing_table and 0 < s.table.row_count == len(s.cards),
        ),
        Spec(
            "standup",
            lambda: StandupScreen(ex),
            d["tasks"],
            [
                Key("cursor (j)", "j", after=("k",)),
                Key("status change (a)", "a", saves=True, before=("o",), after=("o",)),
            ],
        ),
        Spec("progress lists", lambda: ProgressScreen(ex), d["tasks"] + d["departments"]),
        Spec(
            "risk register (all)",
            lambda: RiskRegisterScreen(None),
            d["all_risks"],
            [
                cursor,
                # Closing asks for a note (issue 16): close and reopen to start from "open",
                # then time open → assessing and go round (mitigating, closed, open) again.
                Key(
                    "status change (a)",
                    "a",
                    saves=True,
                    before=("c", "x", "enter", "o"),
                    after=("m", "c", "x", "enter", "o"),
                ),
            ],
        ),
        Spec("resources", lambda: ResourcesScreen(ex), d["resources"], [cursor]),
        Spec("acceptance", lambda: AcceptanceScreen(d["accepting"]), d["acceptance"], [cursor]),
        Spec("retrospective", lambda: RetroScreen(d["retrospective"]), d["retro"], [cursor]),
        Spec(
            "handbook (search)",
            HandbookScreen,
            d["practices"],
            [
                cursor,
                Key("search keystroke", "e", "e", before=("slash",), after=("backspace",)),
            ],
        ),
        Spec(
            "directory",
            DirectoryScreen,
            d["departments"] + d["people"],
            [Key("cursor (down)", "down", after=("up",))],  # the list of the tab in front has focus
        ),
        Spec("minutes", lambda: MinutesScreen(d["meeting"]), d["minutes"]),  # a document
        Spec(
            "decision list (all)",
            lambda: DecisionsScreen(None),
            d["decisions"],
            # No status key: space cycles open → done → dropped, and the lifecycle refuses
            # done → dropped, so repeated presses stop at "done" (an error each time).
            [cursor],
        ),
    ]


# ---------------------------------------------------------------------- the run


async def measure(db: Path, runs: int, presses: int, only: list[str] | None) -> list[dict]:
    from collabtui.app import CollabApp, steady_collector
    from collabtui.store import Store

    store = Store(f"sqlite:///{db}", user="bench")
    app = CollabApp(url=store.url, store=store, lang="en")
    steady_collector()  # as collabtui/cli/launch.py does for the app a person runs
    screens = [Spec("bare Textual screen", bare_screen, ["bare textual screen"])]
    screens[0].keys = [Key("cursor (down)", "down")]
    screens += specs(_pick(db))
    if only:
        screens = [
            s for s in screens if s.name == screens[0].name or any(o in s.name for o in only)
        ]
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for spec in screens:
            print(f"  {spec.name} …", file=sys.stderr, flush=True)
            opens: list[float] = []
            keys: dict[str, list[float]] = {}
            try:
                for run in range(runs):
                    opens.append(await open_screen(app, pilot, spec))
                    if spec.then:
                        opens[-1] = await switch(app, pilot, spec)
                    if run == runs - 1:
                        await steady_focus(app, pilot)
                        for key in spec.keys:
                            keys[key.label] = await time_keys(app, pilot, spec, key, presses, db)
                    app.pop_screen()
                    await quiet(app, pilot)
            except AssertionError as exc:  # reported, and the run fails; the others go on
                print(f"screens: FAILED: {exc}", file=sys.stderr)
                results.append({"screen": spec.name, "error": str(exc).splitlines()[0]})
                while len(app.screen_stack) > 2:
                    app.pop_screen()
                await quiet(app, pilot)
                continue
            idle = {label: IDLE.get((spec.name, label), 0) for label in keys}
            results.append(
                {"screen": spec.name, "open_ms": opens, "keys_ms": keys, "idle_presses": idle}
            )
    store.close()
    return results


def report(results: list[dict], load: tuple[float, float]) -> str:
    bare = results[0]
    floor_open = statistics.median(bare["open_ms"])
    floor_key = statistics.median(bare["keys_ms"].get("cursor (down)", [0.0])) or 1.0
    lines = [
        f"screens on the store, {SIZE[0]}x{SIZE[1]}, load average {load[0]:.2f} → {load[1]:.2f}",
        f"{'screen':<24} {'open med':>9} {'p95':>7} {'×bare':>6}   keys (median / p95 ms, ×bare)",
    ]
    for r in results:
        if "error" in r:
            lines.append(f"{r['screen']:<24} FAILED: {r['error']}")
            continue
        med = statistics.median(r["open_ms"])
        keys = "; ".join(
            f"{label} {statistics.median(v):.1f} / {p95(v):.1f} (×{statistics.median(v) / floor_key:.1f})"
            for label, v in r["keys_ms"].items()
        )
        lines.append(
            f"{r['screen']:<24} {med:9.1f} {p95(r['open_ms']):7.1f} {med / floor_open:6.2f}   {keys}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="(default: out/large.sqlite3)")
    parser.add_argument("--runs", type=int, default=5, help="opens per screen (5)")
    parser.add_argument("--keys", type=int, default=20, help="presses per key (20)")
    parser.add_argument("--only", action="append", help="screens whose name holds this text")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--quick", action="store_true", help="a small fresh store, 1 open, 2 presses"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.keys = 1, 2
    load_before = os.getloadavg()[0]
    with store_for(args.store, args.quick) as path, tempfile.TemporaryDirectory() as tmp:
        if not path.exists():
            print(f"{path} is missing: run benchmarks/make_store.py first", file=sys.stderr)
            return 1
        copy = Path(tmp) / "screens.sqlite3"
        shutil.copy(path, copy)  # keys save: the shared store must not change
        try:
            results = asyncio.run(measure(copy, args.runs, args.keys, args.only))
        except AssertionError as exc:
            print(f"screens: FAILED: {exc}", file=sys.stderr)
            return 1
    load = (load_before, os.getloadavg()[0])
    if args.json:
        print(json.dumps({"load": load, "results": results}, indent=2, ensure_ascii=False))
    else:
        print(report(results, load))
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
