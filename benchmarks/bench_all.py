"""``make bench``: build the large store afresh, run every benchmark on it, print one table.

    .venv/bin/python benchmarks/bench_all.py [--keep-store] [--out FILE]

Runs ``make_store.py --force`` (10,000 tasks; ``--keep-store`` reuses an existing one),
then each benchmark in its full mode, one after another, each in its own process, and
prints one table of the figures that have targets (and the load average, since the
machine may be shared). Every script's own report is kept in ``benchmarks/out/`` (or
``--out``) for the details; a failing script fails the run (exit status 1).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
STORE = OUT / "large.sqlite3"


FAILED: list[str] = []


def run(name: str, *args: str, log: Path, partial: bool = False) -> str:
    """Run a benchmark script; its stdout (stderr goes to the log too). ``partial``: a
    failure is noted (the run fails at the end) but what it printed is used."""
    argv = [sys.executable, str(HERE / name), *args]
    print(f"… {name} {' '.join(args)}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, cwd=HERE.parent)
    with log.open("a", encoding="utf-8") as f:
        f.write(f"$ {' '.join(argv)}   ({time.perf_counter() - started:.0f} s)\n")
        f.write(done.stdout + done.stderr + "\n")
    if done.returncode != 0 and partial and done.stdout.strip():
        FAILED.append(name)
        return done.stdout
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
        raise SystemExit(f"bench_all: {name} failed (exit {done.returncode}):\n{tail}")
    return done.stdout


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-store", action="store_true", help="reuse out/large.sqlite3")
    parser.add_argument("--out", type=Path, default=OUT / "bench_all.log", help="full reports")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    args.out.write_text("", encoding="utf-8")
    load = [os.getloadavg()[0]]
    rows: list[tuple[str, str, str]] = []  # (what, measured, target)

    run("make_store.py", *([] if args.keep_store else ["--force"]), log=args.out)

    s = json.loads(run("screens.py", "--json", log=args.out, partial=True))
    by_name = {r["screen"]: r for r in s["results"] if "error" not in r}
    for r in s["results"]:
        if "error" in r:
            rows.append((f"open {r['screen']}", f"FAILED: {r['error']}", ""))
    floor = statistics.median(by_name["bare Textual screen"]["open_ms"])
    board = by_name.get("board (all projects)", {"keys_ms": {}})
    table = by_name.get("board → table (all)", {"keys_ms": {}})
    targets = {
        "board (all projects)": "≤ 300 ms",
        "board → table (all)": "≤ 300 ms",
    }
    for name, r in by_name.items():
        med = statistics.median(r["open_ms"])
        rows.append(
            (
                f"open {name} (median / p95)",
                f"{med:,.0f} / {_p95(r['open_ms']):,.0f} ms (×{med / floor:.1f} bare)",
                targets.get(name, ""),
            )
        )
    keys = [
        ("move a card (])", board["keys_ms"].get("status change (])", [])),
        ("filter keystroke, board", board["keys_ms"].get("filter keystroke", [])),
        ("filter keystroke, table", table["keys_ms"].get("filter keystroke", [])),
        ("cursor, board", board["keys_ms"].get("cursor (down)", [])),
    ]
    for label, values in keys:
        if values:
            target = "p95 ≤ 16 ms" if "cursor" not in label else ""
            med, p95 = statistics.median(values), _p95(values)
            rows.append((f"{label} (median / p95)", f"{med:.1f} / {p95:.1f} ms", target))
    for r in by_name.values():
        for label, values in r["keys_ms"].items():
            rows.append(
                (
                    f"  {r['screen']}: {label}",
                    f"{statistics.median(values):.1f} / {_p95(values):.1f} ms",
                    "",
                )
            )
    load.append(os.getloadavg()[0])

    for line in run("board.py", log=args.out).splitlines()[1:]:
        what, _, figures = line.strip().partition("  ")
        rows.append((f"board.py: {what}", " ".join(figures.split()), ""))

    st = json.loads(run("startup.py", "--json", log=args.out))
    ratio = st["startup"]["collab"]["median_ms"] / st["startup"]["bare"]["median_ms"]
    rows.append(
        (
            "dashboard start, spawn → exit, collab / bare Textual",
            f"{st['startup']['collab']['median_ms']:,.0f} / "
            f"{st['startup']['bare']['median_ms']:,.0f} ms = ×{ratio:.2f}",
            "≤ ×1.3",
        )
    )
    drawn_c = st["startup"]["collab"].get("drawn_median_ms")
    drawn_b = st["startup"]["bare"].get("drawn_median_ms")
    if drawn_c and drawn_b:
        rows.append(
            (
                "dashboard start, spawn → data on screen, collab / bare",
                f"{drawn_c:,.0f} / {drawn_b:,.0f} ms = ×{drawn_c / drawn_b:.2f}",
                "≤ ×1.3",
            )
        )
    load.append(os.getloadavg()[0])

    rt = json.loads(run("roundtrip.py", "--json", log=args.out))
    rows.append(
        (
            "collab import of the large export: peak memory",
            f"{rt['collab_import_peak_rss_mib']} MiB ({rt['collab_import_s']} s)",
            "≤ 200 MiB",
        )
    )
    rows.append(
        ("export all / import (in-process)", f"{rt['export_s']} / {rt['import_total_s']} s", "")
    )

    mb = json.loads(run("minutes_bulk.py", "--json", log=args.out))
    for c in mb["commands"]:
        rows.append((f"export minutes {c['command']}", f"{c['median_s']} s", "≤ 5 s"))
    for line in run("refresh.py", log=args.out).splitlines()[1:]:
        rows.append(
            (f"refresh: {line.split('  ')[0].strip()}", line.split("median")[-1].strip(), "≤ 2 s")
        )
    kill = run("kill_test.py", log=args.out).splitlines()
    rows.append(("kill test", kill[-1].strip() if kill else "", "0 failures"))
    load.append(os.getloadavg()[0])

    width = max(len(r[0]) for r in rows)
    print(
        f"collab benchmarks on a freshly built large store; load average {', '.join(f'{x:.1f}' for x in load)}"
    )
    print(f"| {'what':<{width}} | measured | target |")
    print(f"| {'-' * width} | ---: | ---: |")
    for what, measured, target in rows:
        print(f"| {what:<{width}} | {measured} | {target} |")
    print(f"(full reports: {args.out})")
    if FAILED:
        print(f"bench_all: FAILED: {', '.join(FAILED)} (see the table and the log)")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
