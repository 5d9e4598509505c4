"""Shared fixtures: an isolated environment, real SQLite stores, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collabtui import i18n
from collabtui.clock import FixedClock

#: The moment tests and snapshots live in: a Friday morning, 09:30 UTC.
FIXED_NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory, monkeypatch):
    """Never read or write the real user's config, data or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COLLAB_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("COLLAB_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("COLLAB_DB", raising=False)
    monkeypatch.delenv("COLLAB_CONFIG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("TZ", "UTC")
    i18n.set_language("en")
    yield home
    i18n.set_language("en")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The URL of a fresh SQLite file."""
    return f"sqlite:///{tmp_path / 'collab.sqlite3'}"


@pytest.fixture
def store(db_url):
    """An empty store on a real SQLite file."""
    from collabtui.store import Store

    s = Store(db_url, user="tester")
    yield s
    s.close()


@pytest.fixture
def clock() -> FixedClock:
    """A clock stopped at :data:`FIXED_NOW`."""
    return FixedClock(FIXED_NOW)


@pytest.fixture
def demo_store(store):
    """A store holding the demo dataset, dated relative to :data:`FIXED_NOW`."""
    store.load_demo(now=FIXED_NOW, tz=UTC)
    return store
