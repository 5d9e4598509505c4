"""Run every benchmark under benchmarks/ in its quick mode, on one small fresh store.

    .venv/bin/python benchmarks/quick_all.py          # CI (.ci/run), well under a minute

Builds the large store ``make bench`` measures with ``make_store.py`` (its full size,
~25 s: a change of the dataset format or of a rule the store checks breaks here, not in
the next ``make bench`` — a small store missed an update dated before its task's
start), then a small store, and runs each script with ``--quick`` in its own process
on the small one. Each
script checks that what it timed happened (the card moved, the rows are on screen, the
import holds every row) before it reports; a script that fails, or prints no figures,
fails the run (exit status 1). No timing is asserted: CI machines are noisy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quick import build_small_store  # noqa: E402

#: (script, takes --store): every benchmark script; bare_app.py is the floor startup.py runs.
SCRIPTS = (
    ("board.py", True),
    ("screens.py", True),
    ("startup.py", True),
    ("minutes_bulk.py", True),
    ("roundtrip.py", True),
    ("refresh.py", False),
    ("kill_test.py", False),
)
TIMEOUT_S = 180


def main() -> int:
    started = time.perf_counter()
    listed = {name for name, _ in SCRIPTS} | {"bare_app.py", "quick.py", "quick_all.py"}
    listed.add("bench_all.py")  # make bench: the full runs of the same scripts
    listed.add("make_store.py")
    missing = sorted(p.name for p in HERE.glob("*.py") if p.name not in listed)
    if missing:
        print(f"quick_all: scripts without a quick run here: {missing}", file=sys.stderr)
        return 1
    env = dict(os.environ, LC_ALL="C.UTF-8")
    failed = []
    with tempfile.TemporaryDirectory(prefix="collab-quick-") as folder:
        t0 = time.perf_counter()
        large = Path(folder) / "large.sqlite3"
        done = subprocess.run(
            [sys.executable, str(HERE / "make_store.py"), "--out", str(large), "--force"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            env=env,
            cwd=HERE.parent,
        )
        if done.returncode != 0 or not large.is_file():
            print(f"make_store.py (full size): FAILED (exit {done.returncode})")
            print("\n".join((done.stdout + "\n" + done.stderr).strip().splitlines()[-25:]))
            return 1
        print(f"make_store.py (full size): ok ({time.perf_counter() - t0:.1f} s)", flush=True)
        large.unlink()
        t0 = time.perf_counter()
        store = build_small_store(Path(folder) / "quick.sqlite3")
        print(f"make_store.py --quick: ok ({time.perf_counter() - t0:.1f} s)", flush=True)
        for name, takes_store in SCRIPTS:
            argv = [sys.executable, str(HERE / name), "--quick"]
            if takes_store:
                argv += ["--store", str(store)]
            t0 = time.perf_counter()
            try:
                done = subprocess.run(
                    argv,
                    capture_output=True,
                    text=True,
                    timeout=TIMEOUT_S,
                    env=env,
                    cwd=HERE.parent,
                )
                code, out, err = done.returncode, done.stdout, done.stderr
            except subprocess.TimeoutExpired as exc:
                code, out, err = -1, str(exc.stdout or ""), f"timed out after {TIMEOUT_S} s"
            seconds = time.perf_counter() - t0
            figures = [line for line in out.splitlines() if line.strip()]
            if code != 0 or not figures:
                failed.append(name)
                print(f"{name} --quick: FAILED (exit {code}, {seconds:.1f} s)")
                print("\n".join((out + "\n" + err).strip().splitlines()[-25:]))
                continue
            print(f"{name} --quick: ok ({seconds:.1f} s)")
            for line in figures[-4:]:
                print(f"    {line}")
    print(
        f"quick_all: {len(SCRIPTS) + 1 - len(failed)} of {len(SCRIPTS) + 1} ok "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
