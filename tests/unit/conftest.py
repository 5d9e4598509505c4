"""Fixtures of the unit tests that need more than one database."""

from __future__ import annotations

import pytest


@pytest.fixture
def other_url(db_url, request, tmp_path):
    """A second, empty database on the same backend as ``db_url``."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.sqlite3'}"
        return
    server = request.getfixturevalue("pg_server")
    name = server.create("empty")
    yield server.url(name)
    server.drop(name)
