"""Time collab's start-up against the bare Textual floor.

    .venv/bin/python benchmarks/make_store.py        # once: the large store
    .venv/bin/python benchmarks/startup.py [--runs 7] [--store PATH] [--json] [--check]

Each app runs in its own pseudo-terminal (120x36, ``TERM=xterm-256color``) with
``COLLAB_EXIT_AFTER_FIRST_FRAME=1``, so it exits right after the first frame is drawn;
the time is from spawning the process to its exit (``time.perf_counter``), the memory
is the child's peak RSS (``os.wait4``). The two apps' runs are interleaved after one
uncounted warm-up run of each. Also timed: ``collab --version`` against
``python -c "import typer"`` (the CLI floor) and ``collab --db STORE projects --json``.

A child that exits non-zero, takes longer than the timeout or does not draw what it
should stops the benchmark with exit status 1 and the tail of its output.
``--check`` also exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import pty
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import version as version_of
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from quick import store_for  # noqa: E402

DEFAULT_STORE = ROOT / "benchmarks" / "out" / "large.sqlite3"
BARE_APP = ROOT / "benchmarks" / "bare_app.py"
COLUMNS, LINES = 120, 36
TIMEOUT_S = 30.0
KEEP_OUTPUT = 256 * 1024  # bytes of a child's output kept for error reports

#: Targets: (key, label, limit, aim or None).
TARGETS = {
    "startup_ratio": ("start-up ratio collab/bare", 2.5, 1.5),
    "collab_peak_rss_mb": ("collab peak memory (MB)", 100.0, None),
    "version_ratio": ("ratio collab --version / import typer", 1.5, None),
}

_ANSI = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])"
)


class BenchError(Exception):
    """A child failed; the message holds its command and output tail."""


@dataclass
class Run:
    """One child: seconds from spawn to exit, peak RSS, exit code, output.

    ``drawn`` is the seconds from spawn until the expected text first reached the
    terminal (``None`` when it never did, or nothing was expected).
    """

    seconds: float
    rss_kib: int
    code: int
    output: bytes
    drawn: float | None = None

    @property
    def text(self) -> str:
        """The output without escape sequences."""
        return _ANSI.sub(b"", self.output).decode("utf-8", "replace")


@dataclass
class Series:
    """Repeated runs of one command; ``expect`` must appear in each run's output."""

    name: str
    argv: list[str]
    expect: str | None = None
    runs: list[Run] = field(default_factory=list)

    def ms(self) -> list[float]:
        return [r.seconds * 1000 for r in self.runs]

    def summary(self) -> dict:
        ms, rss = self.ms(), [r.rss_kib / 1024 for r in self.runs]
        out = {
            "command": self.argv,
            "runs": len(ms),
            "median_ms": round(statistics.median(ms), 1),
            "min_ms": round(min(ms), 1),
            "max_ms": round(max(ms), 1),
            "all_ms": [round(x, 1) for x in ms],
            "peak_rss_mb_median": round(statistics.median(rss), 1),
            "peak_rss_mb_max": round(max(rss), 1),
        }
        drawn = [r.drawn * 1000 for r in self.runs if r.drawn is not None]
        if drawn:
            out["drawn_median_ms"] = round(statistics.median(drawn), 1)
            out["drawn_min_ms"] = round(min(drawn), 1)
            out["drawn_max_ms"] = round(max(drawn), 1)
        return out


# --------------------------------------------------------------------------- running


def _child_env(bytecode_cache: Path | None, **extra: str) -> dict[str, str]:
    """The children's environment.

    With ``bytecode_cache`` the children may write ``.pyc`` files, under that folder
    (``PYTHONPYCACHEPREFIX``), so that after the warm-up run nothing is compiled, as
    for an installed app; without it ``PYTHONDONTWRITEBYTECODE`` is left as it is.
    """
    env = dict(os.environ)
    # The pty's window size must decide the size (shutil reads these first).
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.pop("PYTHONUNBUFFERED", None)
    env["TERM"] = "xterm-256color"
    if bytecode_cache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode_cache)
    env.update(extra)
    return env


def _shown(argv: list[str]) -> str:
    return " ".join(str(a) for a in argv)


def _tail(run_output: bytes, lines: int = 25) -> str:
    text = _ANSI.sub(b"", run_output).decode("utf-8", "replace")
    kept = [line.rstrip() for line in text.replace("\r", "\n").splitlines() if line.strip()]
    return "\n".join(kept[-lines:]) or "(no output)"


def _wait(proc: subprocess.Popen, timeout: float) -> tuple[int, int, bool]:
    """Reap ``proc`` with ``os.wait4``: (exit code, peak RSS KiB, timed out)."""
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        proc.kill()

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # reaped here; keep Popen from waiting again
    return code, usage.ru_maxrss, timed_out.is_set()


def run_in_pty(
    argv: list[str], env: dict[str, str], timeout: float = TIMEOUT_S, expect: str | None = None
) -> Run:
    """Run ``argv`` on a fresh 120x36 pseudo-terminal, draining its output.

    The drain thread also notes when ``expect`` first shows up in the output
    (escape sequences removed).
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    chunks: list[bytes] = []
    size = 0
    wanted = expect.encode() if expect else None
    seen: list[float] = []
    start = 0.0

    def drain() -> None:
        nonlocal size
        tail = b""
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every slave end is closed
                return
            if not data:
                return
            now = time.perf_counter()
            chunks.append(data)
            size += len(data)
            while size > KEEP_OUTPUT and len(chunks) > 1:
                size -= len(chunks.pop(0))
            if wanted and not seen:
                tail = _ANSI.sub(b"", tail + data)
                if wanted in tail:
                    seen.append(now - start)
                tail = tail[-4 * len(wanted) :]

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        try:
            code, rss, timed_out = _wait(proc, timeout)
        finally:
            elapsed = time.perf_counter() - start
            os.close(slave)
            slave = -1
        reader.join(timeout=5)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    output = b"".join(chunks)
    if timed_out:
        raise BenchError(f"{_shown(argv)}: no exit after {timeout:.0f} s\n{_tail(output)}")
    return Run(elapsed, rss, code, output, seen[0] if seen else None)


def run_piped(
    argv: list[str], env: dict[str, str], timeout: float = TIMEOUT_S, expect: str | None = None
) -> Run:
    """Run ``argv`` with its output going to a temporary file (no terminal)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env)
        code, rss, timed_out = _wait(proc, timeout)
        elapsed = time.perf_counter() - start
        out.seek(0)
        output = out.read()
    if timed_out:
        raise BenchError(f"{_shown(argv)}: no exit after {timeout:.0f} s\n{_tail(output)}")
    return Run(elapsed, rss, code, output)


def checked(series: Series, run: Run) -> Run:
    """Fail on a non-zero exit, or when the expected text is not in the output."""
    if run.code != 0:
        raise BenchError(
            f"{_shown(series.argv)}: exit status {run.code}\n--- output tail ---\n"
            f"{_tail(run.output)}"
        )
    if series.expect is not None and series.expect not in run.text:
        raise BenchError(
            f"{_shown(series.argv)}: exited (status 0, {run.seconds * 1000:.0f} ms) but "
            f"{series.expect!r} never appeared in its output (an app that quits before "
            f"drawing its first frame does this)\n--- output tail ---\n{_tail(run.output)}"
        )
    return run


def interleave(series: list[Series], runs: int, runner, log, warm_up: bool = True) -> None:
    """One uncounted warm-up of each, then ``runs`` rounds, alternating who goes first."""
    for s in series if warm_up else ():
        checked(s, runner(s.argv, s.expect))
    for i in range(runs):
        for s in series if i % 2 == 0 else reversed(series):
            s.runs.append(checked(s, runner(s.argv, s.expect)))
        log(
            f"  round {i + 1}/{runs}: "
            + ", ".join(f"{s.name} {s.runs[-1].seconds * 1000:.0f} ms" for s in series)
        )


# --------------------------------------------------------------------------- report


def _project_count(store: Path) -> int:
    """How many projects the dashboard must list."""
    import sqlite3

    con = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT COUNT(*) FROM project").fetchone()[0]
    finally:
        con.close()


def _verdict(key: str, value: float) -> dict:
    label, limit, aim = TARGETS[key]
    return {
        "label": label,
        "value": round(value, 2),
        "limit": limit,
        "aim": aim,
        "ok": value <= limit if "ratio" in key else value < limit,
        "aimed": None if aim is None else value <= aim,
    }


def print_report(result: dict) -> None:
    s, c = result["startup"], result["cli"]
    env = result["environment"]
    print()
    print(f"collab start-up benchmark — {result['runs']} runs each, after 1 warm-up")
    print(
        f"python {env['python']}, textual {env['textual']}, {env['cpus']} CPUs, "
        f"{env['machine']}, load average {env['load_before']} → {env['load_after']}"
    )
    print(f"store {result['store']} ({result['store_mb']} MB); bytecode: {env['bytecode']}")
    print()
    head = f"{'spawn → exit':<38} {'median':>8} {'min':>8} {'max':>8} {'peak RSS':>9}"
    head += f"  {'data on screen':>14}"
    print(head)
    print("-" * len(head))
    rows = [
        ("collab --db STORE (dashboard)", s["collab"]),
        ("bare Textual app (one line)", s["bare"]),
        ("collab --version", c["version"]),
        ('python -c "import typer"', c["import_typer"]),
        ("collab --db STORE projects --json", c["projects_json"]),
    ]
    for label, r in rows:
        drawn = f"{r['drawn_median_ms']:>8.0f} ms" if "drawn_median_ms" in r else ""
        print(
            f"{label:<38} {r['median_ms']:>5.0f} ms {r['min_ms']:>5.0f} ms {r['max_ms']:>5.0f} ms"
            f" {r['peak_rss_mb_max']:>6.1f} MB  {drawn:>14}"
        )
    print()
    for v in result["targets"].values():
        limit = f"≤ {v['limit']}" if "ratio" in v["label"] else f"< {v['limit']}"
        aim = f", aim ≤ {v['aim']}" if v["aim"] is not None else ""
        mark = "OK  " if v["ok"] else "MISS"
        extra = "" if v["aimed"] is None else (" (aim met)" if v["aimed"] else " (aim not met)")
        print(f"  [{mark}] {v['label']}: {v['value']:.2f} (target {limit}{aim}){extra}")
    print()
    print("Times are medians from spawn to exit; 'data on screen' is the median time until")
    print("the expected text (the dashboard's summary line) first reached the terminal.")
    print("Peak RSS is the largest ru_maxrss of the counted runs; MB = 2^20 bytes.")


# --------------------------------------------------------------------------- main


def _venv_bin() -> Path:
    here = Path(sys.executable).parent
    return here if (here / "collab").exists() else ROOT / ".venv" / "bin"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs per command (7)")
    parser.add_argument("--store", type=Path, help=f"({DEFAULT_STORE})")
    parser.add_argument("--quick", action="store_true", help="a small fresh store, 1 run each")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="per child (30 s)")
    parser.add_argument(
        "--collab", type=Path, help="the collab command to time (default: the venv's)"
    )
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="leave PYTHONDONTWRITEBYTECODE as it is (default: cache .pyc under benchmarks/out)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.quick:
        args.runs = 1
    with store_for(args.store, args.quick) as store:
        if not store.exists():
            print(
                f"startup: {store} does not exist; create it first with\n"
                f"  .venv/bin/python benchmarks/make_store.py"
                + ("" if args.store is None else f" --out {args.store}"),
                file=sys.stderr,
            )
            return 2
        return _run(args, store.resolve())


def _run(args, store: Path) -> int:

    def log(message: str) -> None:
        print(message, file=sys.stderr if args.json else sys.stdout, flush=True)

    bindir = _venv_bin()
    python = str(bindir / "python")
    collab = str(args.collab) if args.collab else str(bindir / "collab")
    cache = None if args.no_bytecode_cache else ROOT / "benchmarks" / "out" / "pycache"
    env = _child_env(cache, COLLAB_EXIT_AFTER_FIRST_FRAME="1")
    load_before = os.getloadavg()[0]
    # Keep the user's config and data out of it (no config file) and speak English,
    # so the text the dashboard must draw is known.
    scratch = tempfile.TemporaryDirectory(prefix="collab-bench-")
    env |= {"XDG_CONFIG_HOME": scratch.name, "XDG_DATA_HOME": scratch.name}
    env |= {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    env.pop("COLLAB_DB", None)

    def in_pty(argv: list[str], expect: str | None) -> Run:
        return run_in_pty(argv, env, args.timeout, expect)

    def piped(argv: list[str], expect: str | None) -> Run:
        return run_piped(argv, env, args.timeout, expect)

    n_projects = _project_count(store)
    # The dashboard's summary line ("50 projects · 43 active · …") holds data.
    drawn = f"{n_projects} projects"
    app = Series("collab", [collab, "--db", str(store)], drawn)
    bare = Series("bare", [python, str(BARE_APP)], "bare textual app")
    version = Series("collab --version", [collab, "--version"], "collab ")
    typer_ = Series("import typer", [python, "-c", "import typer"])
    projects = Series("projects --json", [collab, "--db", str(store), "projects", "--json"])
    try:
        log(f"start-up to first frame, {args.runs} runs each (pty {COLUMNS}x{LINES}) …")
        interleave([app, bare], args.runs, in_pty, log, not args.quick)
        log(f"collab --version vs import typer, {args.runs} runs each …")
        interleave([version, typer_], args.runs, piped, log, not args.quick)
        log(f"collab projects --json, {args.runs} runs …")
        interleave([projects], args.runs, piped, log, not args.quick)
        try:
            listed = json.loads(projects.runs[-1].output)
        except ValueError:
            listed = None
        if not isinstance(listed, list) or len(listed) != n_projects:
            raise BenchError(
                f"{_shown(projects.argv)}: expected a JSON list of {n_projects} projects\n"
                f"{_tail(projects.runs[-1].output)}"
            )
    except BenchError as exc:
        print(f"startup: FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        scratch.cleanup()

    s_app, s_bare = app.summary(), bare.summary()
    s_ver, s_typer = version.summary(), typer_.summary()
    result = {
        "runs": args.runs,
        "store": str(store),
        "store_mb": round(store.stat().st_size / 2**20, 1),
        "environment": {
            "python": platform.python_version(),
            "textual": version_of("textual"),
            "cpus": os.cpu_count(),
            "machine": f"{platform.system()} {platform.machine()}",
            "pty": f"{COLUMNS}x{LINES}",
            "bytecode": (
                f"cached in {cache}"
                if cache
                else "PYTHONDONTWRITEBYTECODE=" + os.environ.get("PYTHONDONTWRITEBYTECODE", "")
            ),
            "load_before": round(load_before, 2),
            "load_after": round(os.getloadavg()[0], 2),
        },
        "startup": {"collab": s_app, "bare": s_bare},
        "cli": {
            "version": s_ver,
            "import_typer": s_typer,
            "projects_json": projects.summary() | {"projects_listed": n_projects},
        },
        "ratios": {
            "startup_collab_over_bare": round(s_app["median_ms"] / s_bare["median_ms"], 2),
            "version_over_import_typer": round(s_ver["median_ms"] / s_typer["median_ms"], 2),
        },
    }
    result["targets"] = {
        "startup_ratio": _verdict("startup_ratio", result["ratios"]["startup_collab_over_bare"]),
        "collab_peak_rss_mb": _verdict("collab_peak_rss_mb", s_app["peak_rss_mb_max"]),
        "version_ratio": _verdict("version_ratio", result["ratios"]["version_over_import_typer"]),
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_report(result)
    missed = [v["label"] for v in result["targets"].values() if not v["ok"]]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
