"""What every benchmark's ``--quick`` mode shares: a small fresh store, built the same way.

``--quick`` runs a benchmark in seconds on a store of two projects built here by
``make_store.py`` (the same dataset format and loader as the large store and the demo),
so CI (``benchmarks/quick_all.py``) notices when a benchmark stops working. A quick run
checks what it timed happened, like a full one; its figures mean little.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_STORE = HERE / "out" / "large.sqlite3"


def build_small_store(path: Path) -> Path:
    """A fresh small store at ``path`` (replaced if there): ``make_store.QUICK_SIZE``."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import make_store

    with contextlib.redirect_stdout(sys.stderr):
        code = make_store.main(["--out", str(path), "--force", *make_store.QUICK_SIZE])
    if code != 0 or not path.is_file():
        raise SystemExit(f"quick: make_store.py could not build {path}")
    return path


@contextlib.contextmanager
def store_for(store: Path | None, quick: bool) -> Iterator[Path]:
    """The store to measure: ``store`` if given, a small fresh one for ``quick``,
    else the large store (which must exist)."""
    if store is not None:
        yield store
        return
    if not quick:
        yield DEFAULT_STORE
        return
    with tempfile.TemporaryDirectory(prefix="collab-quick-") as folder:
        yield build_small_store(Path(folder) / "quick.sqlite3")


def screen_text(app) -> str:
    """The text of the app's screen as it would be drawn now (one full render)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def screen_look(app) -> list[tuple]:
    """What the app's screen shows now, text and styles (one full render): two looks
    differ when a key moved a highlight, not only when it changed text."""
    strips = app.screen._compositor.render_strips()
    return [tuple((seg.text, seg.style) for seg in strip) for strip in strips]
