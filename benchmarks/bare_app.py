"""The framework floor: the smallest Textual app, drawing one static line.

    .venv/bin/python benchmarks/bare_app.py

With ``COLLAB_EXIT_AFTER_FIRST_FRAME`` set it exits right after its first frame, the
same way ``collab`` does, so ``benchmarks/startup.py`` can compare the two.
"""

from __future__ import annotations

import os

from textual.app import App, ComposeResult
from textual.widgets import Static

#: What the app draws; startup.py looks for it in the output.
LINE = "bare textual app: first frame"


class BareApp(App):
    """One static line, nothing else."""

    def compose(self) -> ComposeResult:
        yield Static(LINE)

    def on_mount(self) -> None:
        if os.environ.get("COLLAB_EXIT_AFTER_FIRST_FRAME"):
            self.call_after_refresh(self.exit)


if __name__ == "__main__":
    BareApp().run()
