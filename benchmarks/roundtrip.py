"""Time the whole-store JSON round trip on the large store.

    .venv/bin/python benchmarks/roundtrip.py [--store PATH] [--json]

Copies the large store (``make_store.py``) to a temporary folder (so an upgrade or a
stray write never touches it), then times each step the commands take:
``collab export all`` (read every table in one snapshot, render the document),
``collab import`` (parse, check everything, load an empty store in one transaction)
and the second export, and checks that both exports are byte-identical.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_STORE = ROOT / "benchmarks" / "out" / "large.sqlite3"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not args.store.is_file():
        print(f"{args.store} is missing: run benchmarks/make_store.py first", file=sys.stderr)
        return 2

    from collabtui.exchange.format import decode_tables
    from collabtui.exchange.validate import check_document, parse_document
    from collabtui.store import Store
    from collabtui.store.engine import backup_sqlite
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
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>16}  {value}")
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
