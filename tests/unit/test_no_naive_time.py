"""Nothing in collab builds a naive datetime or falls back on the machine's zone.

The app a person launches runs the real clock in their zone; the tests run a fixed
clock. Both must take the same path, so no code may ask the system for "local" time on
its own (``astimezone()`` without a zone, ``date.today()``, ``datetime.now()``), build a
datetime without a zone, or let a zone parameter default to something. The source is
read as Python (AST), so a new call site fails here the day it is written.

Then every store method that takes a zone is called with the real clock's, on the
demo, under the users' zones: the path the app takes when a person presses the key.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import collabtui
from collabtui.domain.clock import Clock, FixedClock
from collabtui.domain.workdays import WorkCalendar
from collabtui.store import Store

SOURCE = Path(collabtui.__file__).parent
#: Stored timestamps are written naive to SQLite and read back as UTC: that is storage.
STORAGE = {"models.py"}
#: The one module whose job is to ask the machine for its zone (when the config names none).
CLOCK = SOURCE / "domain" / "clock.py"


def sources() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts and p != CLOCK)


def offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def where(node: ast.AST) -> str:
        return f"{path.relative_to(path.parents[1])}:{node.lineno}"

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, owner = node.func.attr, node.func.value
            owner_name = owner.id if isinstance(owner, ast.Name) else ""
            keywords = {k.arg for k in node.keywords}
            if name == "astimezone" and not node.args and not node.keywords:
                found.append(f"{where(node)}: astimezone() reads the machine's zone")
            if owner_name in ("date", "datetime") and name == "today":
                found.append(f"{where(node)}: {owner_name}.today() is the machine's day")
            if (
                owner_name == "datetime"
                and name in ("now", "fromtimestamp")
                and (len(node.args) < (1 if name == "now" else 2) and "tz" not in keywords)
            ):
                found.append(f"{where(node)}: datetime.{name}() without a zone is naive")
            if owner_name == "datetime" and name == "utcnow":
                found.append(f"{where(node)}: datetime.utcnow() is naive")
            if name == "combine" and len(node.args) < 3 and "tzinfo" not in keywords:
                found.append(f"{where(node)}: datetime.combine() without tzinfo is naive")
            if (
                name == "replace"
                and path.name not in STORAGE
                and any(
                    k.arg == "tzinfo"
                    and isinstance(k.value, ast.Constant)
                    and k.value.value is None
                    for k in node.keywords
                )
            ):
                found.append(f"{where(node)}: replace(tzinfo=None) makes a naive datetime")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "datetime"
            and len(node.args) < 8
            and "tzinfo" not in {k.arg for k in node.keywords}
        ):
            found.append(f"{where(node)}: datetime(...) without tzinfo is naive")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            positional = args.posonlyargs + args.args
            defaults = dict(
                zip(
                    [a.arg for a in positional[len(positional) - len(args.defaults) :]],
                    args.defaults,
                    strict=True,
                )
            )
            defaults.update(
                {
                    a.arg: d
                    for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                    if d is not None
                }
            )
            for arg in positional + args.kwonlyargs:
                if arg.arg in ("tz", "zone") and arg.arg in defaults:
                    found.append(f"{where(node)}: {node.name}({arg.arg}=…) has a default zone")
                if arg.arg in ("tz", "zone") and arg.annotation is not None:
                    text = ast.unparse(arg.annotation)
                    if "None" in text and node.name != "__init__":
                        found.append(f"{where(node)}: {node.name}({arg.arg}: {text}) allows None")
    return found


def test_no_code_builds_a_naive_datetime_or_reads_the_machines_zone():
    found = [line for path in sources() for line in offences(path)]
    assert found == [], "\n".join(found)


def test_the_guard_catches_what_it_is_for(tmp_path):
    """The scan itself: each forbidden shape is reported (a guard that cannot fail is none)."""
    bad = tmp_path / "collabtui" / "bad.py"
    bad.parent.mkdir()
    bad.write_text(
        "from datetime import date, datetime, time\n"
        "a = x.astimezone()\n"
        "b = date.today()\n"
        "c = datetime.now()\n"
        "d = datetime.combine(day, time(0))\n"
        "e = datetime(2026, 1, 1)\n"
        "f = m.replace(tzinfo=None)\n"
        "def g(day, tz=None): ...\n"
        "def h(day, *, tz: 'tzinfo | None'): ...\n",
        encoding="utf-8",
    )
    found = offences(bad)
    assert sorted(int(line.split(":")[1]) for line in found) == list(range(2, 10)), found


# --------------------------------------------------------------------------- the real clock


ZONE_TAKERS = sorted(
    name
    for name, member in inspect.getmembers(Store, inspect.isfunction)
    if not name.startswith("_") and "tz" in inspect.signature(member).parameters
)


def test_the_store_methods_that_take_a_zone_are_the_ones_called_below():
    assert ZONE_TAKERS == [
        "finish_standup",
        "promote_to_practice",
        "redo",
        "retro_report",
        "risk_rows",
        "standup_sheet",
        "undo",
    ]


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York", "UTC"])
def test_every_store_method_that_takes_a_zone_works_with_the_real_clocks(
    demo_store, monkeypatch, zone
):
    monkeypatch.setenv("TZ", zone)
    clock = Clock()
    assert clock.tz == ZoneInfo(zone) and not isinstance(clock, FixedClock)
    tz, today = clock.tz, clock.today()
    week = f"{today.isocalendar().year}-W{today.isocalendar().week:02d}"
    sheet = demo_store.standup_sheet("Q4-LAUNCH", week, tz=tz)
    assert sheet.departments
    assert demo_store.risk_rows("Q4-LAUNCH", tz=tz)
    report = demo_store.retro_report("VIP-PTS", calendar=WorkCalendar("CN"), tz=tz, today=today)
    assert report.timing.state
    item = report.items[0]
    practice = demo_store.promote_to_practice(item.id, title="zone check", tz=tz)
    assert practice.source_on is not None
    meeting = demo_store.finish_standup(
        "Q4-LAUNCH", week, started_at=clock.now(), ended_at=clock.now(), title="W", tz=tz
    )
    assert meeting.id
    assert demo_store.undo(tz=tz).kind == "undo"
    assert demo_store.redo(tz=tz).kind == "redo"
