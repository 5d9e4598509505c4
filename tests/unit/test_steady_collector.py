"""The app a person runs keeps the garbage collector from stalling the screen (issue 20):
what is loaded at launch is frozen out of collections, the old generations are
collected less often. Checked in a fresh interpreter: a test process must not freeze."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import gc
from collabtui.app import steady_collector
before = gc.get_freeze_count()
steady_collector()
print(before, gc.get_freeze_count(), *gc.get_threshold())
"""


def test_launch_freezes_what_is_loaded_and_collects_old_objects_less_often():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    before, frozen, young, middle, old = map(int, done.stdout.split())
    assert before == 0 and frozen > 10_000, "the modules loaded so far are frozen"
    assert (young, middle, old) == (10_000, 50, 50)


def test_the_launch_path_calls_it():
    import inspect

    from collabtui.cli import launch

    source = inspect.getsource(launch.launch)
    assert source.index("steady_collector()") < source.index("app.run()")
