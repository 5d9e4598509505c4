"""Fixtures for the fault tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def sqlite_store(store):
    """The ``store`` fixture, SQLite only: these faults are injected into SQLite files."""
    if store.path is None:
        pytest.skip("SQLite fault injection (full disk, read-only file, file lock)")
    return store
