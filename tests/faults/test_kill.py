"""SIGKILL in the middle of a burst of writes, many times: nothing reported is lost."""

from __future__ import annotations

import os

from tests.faults.killing import run_trials

#: Trials per run, and the time they may take at most (the rest is skipped, not failed).
TRIALS = 25
BUDGET_S = 15.0


def test_sigkill_during_writes_loses_nothing_reported(db_url):
    seed = int.from_bytes(os.urandom(4), "big")
    report = run_trials(db_url, TRIALS, seed=seed, budget_s=BUDGET_S)
    print(f"\nkill test (seed {seed}): {report.summary()}")
    assert report.trials >= 10, report.summary()
    assert report.reported > 0, "no write committed before any kill: the test saw nothing"
    assert report.failures == [], "\n".join(report.failures)
