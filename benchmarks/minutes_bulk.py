"""Time the bulk minutes export on the large store.

    .venv/bin/python benchmarks/make_store.py          # once: the large store
    .venv/bin/python benchmarks/minutes_bulk.py [--runs 3] [--store PATH] [--json]

Two commands, each run ``--runs`` times (after one uncounted warm-up) into a fresh
temporary folder, timed from spawn to exit (``time.perf_counter``):

* ``collab --db STORE export minutes --project CODE --all -o DIR`` for the project
  with the most meetings (ties: the first code);
* ``collab --db STORE export minutes --all -o DIR``: every meeting of the store.

Each run must exit 0 and leave exactly one ``.md`` file per meeting. Reported: the
median total seconds, meetings written, and milliseconds per meeting. Then the same
export in-process, split into its stages (importing the ORM and opening the store,
reading the documents, rendering Markdown, writing the files), to show where a
meeting's cost goes.
Target: a few seconds for 1,000 meetings (``--check`` fails above ``--limit``, 5 s).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "benchmarks"))

from quick import store_for  # noqa: E402

DEFAULT_STORE = ROOT / "benchmarks" / "out" / "large.sqlite3"
LIMIT_S = 5.0
TIMEOUT_S = 120.0


def _venv_bin() -> Path:
    here = Path(sys.executable).parent
    return here if (here / "collab").exists() else ROOT / ".venv" / "bin"


def _child_env(config_dir: str) -> dict[str, str]:
    """English messages, an empty config, bytecode cached as an installed app has it."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("COLLAB_DB", None)
    env["PYTHONPYCACHEPREFIX"] = str(ROOT / "benchmarks" / "out" / "pycache")
    env["LC_ALL"] = "C.UTF-8"
    env["COLLAB_CONFIG_DIR"] = config_dir
    return env


def busiest_project(store: Path) -> tuple[str, int, int]:
    """(code, its meetings, all meetings): the project with the most meetings."""
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        code, count = db.execute(
            "SELECT p.code, COUNT(m.id) AS n FROM project p JOIN meeting m "
            "ON m.project_id = p.id GROUP BY p.id ORDER BY n DESC, p.code LIMIT 1"
        ).fetchone()
        (total,) = db.execute("SELECT COUNT(*) FROM meeting").fetchone()
    return code, count, total


def time_command(argv: list[str], expected: int, env: dict[str, str]) -> float:
    """Seconds for one run into a fresh folder; fails unless it wrote ``expected`` files."""
    with tempfile.TemporaryDirectory(prefix="collab-minutes-") as out:
        start = time.perf_counter()
        proc = subprocess.run(
            [*argv, "-o", out],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(
                f"minutes_bulk: {' '.join(argv)} exited {proc.returncode}:\n{proc.stderr}"
            )
        written = len(list(Path(out).glob("*.md")))
        if written != expected:
            raise SystemExit(f"minutes_bulk: wrote {written} files, expected {expected}")
    return seconds


def stages(store: Path, project: str | None) -> dict[str, float]:
    """The export in-process, stage by stage (seconds)."""
    try:
        from collabtui.services.exports import minutes_filename
    except ImportError:  # before the export services moved out of the CLI
        from collabtui.cli.export import minutes_filename
    from collabtui.domain.clock import Clock

    tz = Clock().tz  # the machine's zone, as the app would use
    start = time.perf_counter()
    from collabtui.store import Store

    db = Store(f"sqlite:///{store}")
    opened = time.perf_counter()
    docs = db.minutes_documents(project)
    read = time.perf_counter()
    from collabtui.export.minutes import render_minutes_md

    texts = [render_minutes_md(doc, "en", tz=tz) for doc in docs]
    rendered = time.perf_counter()
    from collabtui.files import write_file

    with tempfile.TemporaryDirectory(prefix="collab-minutes-") as out:
        for doc, text in zip(docs, texts, strict=True):
            write_file(Path(out) / minutes_filename(doc, "md", tz), text)
        written = time.perf_counter()
    db.close()
    return {
        "meetings": len(docs),
        "open_s": opened - start,
        "read_s": read - opened,
        "render_s": rendered - read,
        "write_s": written - rendered,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="counted runs per command (3)")
    parser.add_argument("--store", type=Path, help=f"({DEFAULT_STORE})")
    parser.add_argument("--quick", action="store_true", help="a small fresh store, 1 run each")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 above --limit seconds")
    parser.add_argument("--limit", type=float, default=LIMIT_S, help="for --check (5 s)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.quick:
        args.runs = 1
    with store_for(args.store, args.quick) as store:
        return _run(args, store.resolve())


def _run(args, store: Path) -> int:
    if not store.exists():
        print(
            f"minutes_bulk: {store} does not exist; create it first with\n"
            "  .venv/bin/python benchmarks/make_store.py",
            file=sys.stderr,
        )
        return 2
    code, per_project, total = busiest_project(store)
    collab = str(_venv_bin() / "collab")
    config = tempfile.TemporaryDirectory(prefix="collab-bench-config-")
    env = _child_env(config.name)
    base = [collab, "--db", str(store), "export", "minutes"]
    cases = [
        (f"--project {code} --all", [*base, "--project", code, "--all"], per_project),
        ("--all (every project)", [*base, "--all"], total),
    ]
    results = []
    for label, command, expected in cases:
        if not args.quick:
            time_command(command, expected, env)  # warm-up: bytecode, page cache
        times = [time_command(command, expected, env) for _ in range(args.runs)]
        median = statistics.median(times)
        results.append(
            {
                "command": label,
                "meetings": expected,
                "runs_s": [round(t, 3) for t in times],
                "median_s": round(median, 3),
                "ms_per_meeting": round(median * 1000 / expected, 2),
            }
        )
    config.cleanup()
    inside = stages(store, None)
    report = {"store": str(store), "project": code, "commands": results, "in_process": inside}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"store: {store} ({total} meetings; {code} has {per_project})")
        print(f"{'command':<34} {'meetings':>8} {'median s':>9} {'ms/meeting':>11}   runs")
        for r in results:
            runs = ", ".join(f"{t:.2f}" for t in r["runs_s"])
            print(
                f"{r['command']:<34} {r['meetings']:>8} {r['median_s']:>9.2f} "
                f"{r['ms_per_meeting']:>11.2f}   {runs}"
            )
        n = inside["meetings"]
        print(f"in-process, {n} meetings:")
        for stage in ("open", "read", "render", "write"):
            seconds = inside[f"{stage}_s"]
            name = "import+open" if stage == "open" else stage
            print(f"  {name:<11} {seconds:6.2f} s  {seconds * 1000 / n:6.2f} ms/meeting")
    slow = [r for r in results if r["median_s"] > args.limit]
    if args.check and slow:
        print(
            f"minutes_bulk: above {args.limit} s: {[r['command'] for r in slow]}", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
