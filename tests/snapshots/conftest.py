"""Snapshot fixtures: the demo dataset at a fixed moment, a fixed clock and size."""

from __future__ import annotations

from tests.tui.conftest import make_app  # noqa: F401  (re-exported fixture)
