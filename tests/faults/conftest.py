"""Fixtures for the fault tests."""

from __future__ import annotations

import pytest

from tests.tui.conftest import make_app  # noqa: F401 (the Pilot tests' app fixture)

SQLITE_ONLY = "SQLite fault injection (full disk, read-only file, file lock)"


@pytest.fixture
def sqlite_store(store):
    """The ``store`` fixture, SQLite only: these faults are injected into SQLite files."""
    if store.path is None:
        pytest.skip(SQLITE_ONLY)
    return store


@pytest.fixture
def sqlite_demo(demo_store):
    """The ``demo_store`` fixture, SQLite only."""
    if demo_store.path is None:
        pytest.skip(SQLITE_ONLY)
    return demo_store
