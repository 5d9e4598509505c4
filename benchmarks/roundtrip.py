"""Time the whole-store JSON round trip on the large store.

    .venv/bin/python benchmarks/roundtrip.py [--store PATH] [--json] [--quick]

Copies the large store (``make_store.py``) to a temporary folder (so an upgrade or a
stray write never touches it), then times each step the commands take:
``collab export all`` (read every table in one snapshot, render the document),
``collab import`` (parse, check everything, load an empty store in one transaction)
and the second export, and checks that both exports are byte-identical and that the
import holds every row. Then ``collab import`` of the written export runs as its own
process into another empty store, to measure what a user's import takes: its time,
its peak memory (``ru_maxrss`` from ``os.wait4``) and, again, every row.
``--quick``: a small fresh store (``quick.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
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


def _row_counts(path: Path) -> dict[str, int]:
    from collabtui.store.models import TABLES

    with sqlite3.connect(path) as con:
        return {
            name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in TABLES
        }


#: Runs ``collab ARGS…`` and, at exit, prints its peak memory: VmHWM, the high-water
#: mark of this process's own memory (``ru_maxrss`` would count the parent's pages
#: it was forked with).
_CHILD = """
import atexit, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("VmHWM " + line.split()[1] + "\\n")
atexit.register(_peak)
from collabtui.cli import main
sys.argv[0] = "collab"
main()
"""


def import_child(dump: Path, target: Path) -> dict:
    """``collab --db TARGET import DUMP`` in its own process: seconds, peak memory."""
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("COLLAB_DB", None)
    args = ["--db", f"sqlite:///{target}", "import", str(dump)]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - start
    peak = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("VmHWM ")]
    if done.returncode != 0 or not peak:
        raise SystemExit(f"roundtrip: collab {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(int(peak[0]) / 1024)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help=f"(default {DEFAULT_STORE})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="a small fresh store")
    args = parser.parse_args()
    with store_for(args.store, args.quick) as store:
        if not store.is_file():
            print(f"{store} is missing: run benchmarks/make_store.py first", file=sys.stderr)
            return 2
        args.store = store
        return _run(args)


def _run(args) -> int:

    from collabtui.store import Store
    from collabtui.store.engine import backup_sqlite
    from collabtui.store.interchange.format import decode_tables
    from collabtui.store.interchange.validate import check_document, parse_document
    from collabtui.store.location import sqlite_url

    figures: dict[str, float] = {}

    def timed(name: str, step):
        start = time.perf_counter()
        value = step()
        figures[name] = round(time.perf_counter() - start, 2)
        return value

    with tempfile.TemporaryDirectory(prefix="collab-roundtrip-") as folder:
        source_path, target_path = Path(folder) / "source.sqlite3", Path(folder) / "target.sqlite3"
        backup_sqlite(args.store, source_path)
        source = Store(sqlite_url(source_path), user="bench")  # upgrades the copy if needed
        target = Store(sqlite_url(target_path), user="bench")
        try:
            first = timed("export_s", source.export_json)
            dump = Path(folder) / "all.json"
            timed("write_s", lambda: dump.write_text(first, encoding="utf-8"))
            text = timed("read_s", lambda: dump.read_text(encoding="utf-8"))
            data, problems = timed("parse_s", lambda: parse_document(text))
            problems += timed("check_s", lambda: check_document(data))
            assert not problems, problems[:5]
            rows = timed("decode_s", lambda: decode_tables(data["tables"]))
            counts = timed("import_s", lambda: target.import_tables(rows))
            second = timed("export_again_s", target.export_json)
        finally:
            source.close()
            target.close()
        expected = _row_counts(source_path)
        if _row_counts(target_path) != expected:
            print("roundtrip: FAILED: the import does not hold every row", file=sys.stderr)
            return 1
        child_target = Path(folder) / "child.sqlite3"
        child = import_child(dump, child_target)
        if _row_counts(child_target) != expected:
            print("roundtrip: FAILED: collab import does not hold every row", file=sys.stderr)
            return 1
    figures["import_total_s"] = round(
        sum(figures[k] for k in ("read_s", "parse_s", "check_s", "decode_s", "import_s")), 2
    )
    figures["round_trip_s"] = round(
        figures["export_s"] + figures["write_s"] + figures["import_total_s"], 2
    )
    result = {
        "rows": sum(counts.values()),
        "tasks": counts.get("task", 0),
        "change_rows": counts.get("change", 0),
        "json_mib": round(len(first.encode("utf-8")) / 2**20, 1),
        **figures,
        "identical": first == second,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "collab_import_s": child["seconds"],
        "collab_import_peak_rss_mib": child["peak_rss_mib"],
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>16}  {value}")
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
