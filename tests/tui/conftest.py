"""Building the real app on a real store, for Pilot and snapshot tests."""

from __future__ import annotations

import pytest

from collabtui.app import CollabApp
from collabtui.config import Config

SIZE = (120, 36)
TALL = (120, 60)


@pytest.fixture
def make_app(clock, isolated):
    """``make_app(store, lang=..., keys=...)`` → a CollabApp with a fixed clock."""

    def build(store, *, lang: str = "en", keys: dict | None = None) -> CollabApp:
        config = Config(path=isolated / "config" / "config.toml", keys=keys or {})
        return CollabApp(url=store.url, config=config, lang=lang, clock=clock, store=store)

    return build


@pytest.fixture
def other(db_url, demo_store):
    """Another copy of collab: a second store on the test's database, another user."""
    from collabtui.store import Store

    s = Store(db_url, user="other")
    yield s
    s.close()
