"""Shared fixtures: an isolated environment, real stores, a fixed clock.

Every test that touches a store runs twice: on a SQLite file and on a real
PostgreSQL server. The server's URL comes from ``COLLAB_TEST_PG`` (``.ci/run`` starts
a throwaway one with ``.ci/postgres``); without it the PostgreSQL half is skipped with
the reason shown in the summary. Each test gets its own database: a copy of a
template that is migrated (``store``) or holds the demo (``demo_store``), made once
per test process, so no test pays for migrations or the demo load.
"""

from __future__ import annotations

import itertools
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from collabtui import i18n
from collabtui.domain.clock import FixedClock

#: The moment tests and snapshots live in: a Friday morning, 09:30 UTC.
FIXED_NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)

#: The environment variable naming the PostgreSQL server of the suite's second half.
PG_ENV = "COLLAB_TEST_PG"

_names = itertools.count()


@pytest.fixture(autouse=True, scope="session")
def fast_typing():
    """Pilot types runs of characters into text fields in one burst (tests/support/pilot.py);
    every app remembers the notifications it showed (tests/support/internals.py)."""
    from textual.pilot import Pilot

    from tests.support.internals import record_notifications
    from tests.support.pilot import pause, press

    Pilot.press = press
    Pilot.pause = pause
    record_notifications()
    yield


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
def fixed_cli_clock(monkeypatch):
    """The in-process CLI reads the clock at FIXED_NOW, in the zone its config names.

    Only the moment is fixed: the zone is found as the real clock finds it.
    """
    from collabtui.config import Config
    from collabtui.domain.clock import Clock

    monkeypatch.setattr(
        Config, "clock", lambda self: FixedClock(FIXED_NOW, Clock(self.timezone).tz)
    )


#: Set to run the app's Pilot and snapshot tests on PostgreSQL too (see backend()).
PG_UI_ENV = "COLLAB_TEST_PG_UI"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only(reason): about SQLite files themselves; no PostgreSQL run"
    )
    config.addinivalue_line("markers", "postgres_only: about a PostgreSQL server; no SQLite run")
    config.addinivalue_line(
        "markers",
        "both_backends: a test of the app that always runs on PostgreSQL too "
        "(live refresh: the server's LISTEN/NOTIFY shows on screen)",
    )


def pytest_generate_tests(metafunc):
    """Run every test that uses a database once per backend."""
    if "backend" not in metafunc.fixturenames:
        return
    marked = metafunc.definition.get_closest_marker
    backends = [
        name
        for name, other_only in (("sqlite", "postgres_only"), ("postgresql", "sqlite_only"))
        if marked(other_only) is None
    ]
    ids = ["pg" if b == "postgresql" else b for b in backends]
    metafunc.parametrize("backend", backends, ids=ids, indirect=True)


@pytest.fixture
def backend(request) -> str:
    """Which database the test runs on.

    The PostgreSQL half skips, with its reason in the summary, when no server is
    configured. It also skips the app's Pilot and snapshot tests (those using
    ``make_app``) unless ``COLLAB_TEST_PG_UI`` is set or the test is marked
    ``both_backends``: screens reach the database only through the store, whose every
    method the PostgreSQL half runs (conflicts, undo and history included), and the
    app tests on both backends take about 15 minutes on two cores against a
    10-minute budget for the suite.
    """
    if request.param != "postgresql":
        return request.param
    if not os.environ.get(PG_ENV):
        pytest.skip(f"PostgreSQL half: {PG_ENV} is not set (`.ci/postgres start` prints one)")
    app_test = "make_app" in request.fixturenames
    if (
        app_test
        and not os.environ.get(PG_UI_ENV)
        and request.node.get_closest_marker("both_backends") is None
    ):
        pytest.skip(f"app test on PostgreSQL: set {PG_UI_ENV}=1 to run the app's tests there too")
    return request.param


def _template_kind(request) -> str:
    """What the test's database starts as: empty, migrated or holding the demo."""
    names = request.fixturenames
    if "demo_store" in names:
        return "demo"
    if "store" in names:
        return "migrated"
    return "empty"


def _build_template(url: str, kind: str) -> None:
    from collabtui.store import Store

    s = Store(url, user="tester")
    try:
        if kind == "demo":
            s.load_demo(clock=FixedClock(FIXED_NOW))
    finally:
        s.close()


class _SqliteTemplates:
    """Migrated and demo SQLite files, built on first use, copied per test."""

    def __init__(self, root: Path):
        self.root = root
        self.files: dict[str, Path] = {}

    def copy_to(self, kind: str, dest: Path) -> None:
        if kind not in self.files:
            path = self.root / f"{kind}.sqlite3"
            _build_template(f"sqlite:///{path}", kind)
            self.files[kind] = path
        shutil.copyfile(self.files[kind], dest)
        dest.chmod(0o600)


class _PgServer:
    """Databases on the test server: templates once, one fresh database per test."""

    def __init__(self, url: str, tag: str):
        import psycopg
        from sqlalchemy.engine import make_url

        self.base = make_url(url)
        self.tag = tag
        self.admin = psycopg.connect(
            self.base.set(drivername="postgresql").render_as_string(hide_password=False),
            autocommit=True,
        )
        self.templates: dict[str, str] = {}

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def create(self, kind: str) -> str:
        from psycopg import sql

        template = "template0"
        if kind != "empty":
            template = self.templates.get(kind) or self._template(kind)
        name = f"t_{self.tag}_{os.getpid()}_{next(_names)}"
        self.admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
        return name

    def _template(self, kind: str) -> str:
        from psycopg import sql

        name = f"tpl_{self.tag}_{os.getpid()}_{kind}"
        self.admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        self.admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name))
        )
        _build_template(self.url(name), kind)
        self.templates[kind] = name
        return name

    def drop(self, name: str) -> None:
        from psycopg import sql

        self.admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )

    def close(self) -> None:
        for name in self.templates.values():
            self.drop(name)
        self.admin.close()


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory) -> _SqliteTemplates:
    return _SqliteTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture(scope="session")
def pg_server(worker_id):
    """The PostgreSQL test server (session-wide admin connection), if configured."""
    url = os.environ.get(PG_ENV)
    if not url:
        yield None
        return
    server = _PgServer(url, worker_id)
    yield server
    server.close()


@pytest.fixture
def db_url(request, backend, tmp_path: Path, sqlite_templates, pg_server) -> str:
    """The URL of the test's own database (SQLite file or PostgreSQL database).

    It holds what the test's other fixtures ask for: nothing (a SQLite file that does
    not exist yet, an empty PostgreSQL database), the current schema (``store``) or
    the demo (``demo_store``).
    """
    kind = _template_kind(request)
    if backend == "sqlite":
        path = tmp_path / "collab.sqlite3"
        if kind != "empty":
            sqlite_templates.copy_to(kind, path)
        yield f"sqlite:///{path}"
        return
    name = pg_server.create(kind)
    yield pg_server.url(name)
    pg_server.drop(name)


@pytest.fixture
def store(db_url):
    """A store on the test's database (see :func:`db_url`)."""
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
    return store
