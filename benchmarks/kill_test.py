"""The kill test at length: SIGKILL a writer mid-burst many times, check after each.

    .venv/bin/python benchmarks/kill_test.py [--trials 200] [--seed N] [--db URL] [--quick]

Prints ``trials N, failures F`` (exit status 1 on any failure). Each trial forks a
writer that creates tasks and task updates through the store, printing each id as
its transaction commits; it is killed a random 0–250 ms after it opened the store
(one trial in five: after it started opening it); then the file must
pass ``PRAGMA integrity_check`` and hold every reported write. The harness is
``tests/faults/killing.py``, the one the test suite runs 25 trials of.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.faults.killing import run_trials


def main() -> int:
    """Run the trials and print the figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int.from_bytes(os.urandom(4), "big"))
    parser.add_argument("--db", help="a store URL (default: a new SQLite file in a temp dir)")
    parser.add_argument("--quick", action="store_true", help="5 trials")
    args = parser.parse_args()
    if args.quick:
        args.trials = min(args.trials, 5)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'kill.sqlite3'}"
        started = time.monotonic()
        report = run_trials(url, args.trials, seed=args.seed, budget_s=float("inf"))
        elapsed = time.monotonic() - started
    print(f"seed {args.seed}, {elapsed:.1f} s")
    print(report.summary())
    for failure in report.failures:
        print(f"  {failure}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
