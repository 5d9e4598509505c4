"""What only a PostgreSQL server has: schemas of others, row locks, credentials.

These run on the PostgreSQL half only (the SQLite equivalents are in test_store.py).
The credential tests use the role ``collab_pw`` that ``.ci/postgres`` creates with a
password and password authentication.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import psycopg
import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from collabtui.cli import app as cli_app
from collabtui.store import Store, StoreError
from collabtui.store import engine as engine_mod
from collabtui.store.location import mask_url, resolve_url
from collabtui.store.models import Department
from collabtui.store.queries import SCHEMA_HEAD

PW_ROLE = "collab_pw"
PASSWORD = "collab-pw-S3cret"


pytestmark = pytest.mark.postgres_only


@pytest.fixture
def pg_url(db_url):
    return db_url


def _raw(url: str) -> psycopg.Connection:
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(conninfo, autocommit=True)


def _as_role(url: str, password: str | None) -> str:
    return make_url(url).set(username=PW_ROLE, password=password).render_as_string(False)


def test_migrations_run_on_an_empty_server_database(pg_url):
    s = Store(pg_url, user="tester")
    try:
        assert engine_mod.current_revision(s.engine) == SCHEMA_HEAD
        dept = s.add_department("研发部")
        s.edit_department(dept.id, dept.version, name="研发中心")
        assert [d.name for d in s.departments()] == ["研发中心"]
        assert [c.action.value for c in s.history("department", dept.id)] == [
            "create",
            "update",
        ]
    finally:
        s.close()


def test_a_database_of_another_program_is_refused_untouched(pg_url):
    with _raw(pg_url) as conn:
        conn.execute("CREATE TABLE invoices (id int primary key, total numeric)")
        conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    with pytest.raises(StoreError, match="not collab's"):
        Store(pg_url)
    with _raw(pg_url) as conn:
        tables = {
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        }
        assert tables == {"invoices"}
        assert conn.execute("SELECT total FROM invoices").fetchone()[0] == 9.5


def test_a_newer_schema_is_refused_untouched(store):
    store.add_department("Kept")
    store.close()
    with _raw(store.url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StoreError, match="newer collab"):
        Store(store.url)
    with _raw(store.url) as conn:
        assert (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_future"
        )
        assert conn.execute("SELECT name FROM department").fetchall() == [("Kept",)]


def test_a_row_locked_by_another_copy_gives_a_clear_error(store, monkeypatch):
    dept = store.add_department("Ops")
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", 200)
    other = Store(store.url, user="other")
    holder = _raw(store.url)
    holder.autocommit = False
    try:
        holder.execute("SELECT * FROM department WHERE id = %s FOR UPDATE", (dept.id,))
        with pytest.raises(StoreError, match="locked"):
            other.edit_department(dept.id, dept.version, name="Blocked")
    finally:
        holder.rollback()
        holder.close()
        other.close()
    assert [d.name for d in store.departments()] == ["Ops"]


def test_password_from_the_url_works_and_is_never_shown(store, caplog):
    caplog.set_level(logging.DEBUG)
    url = _as_role(store.url, PASSWORD)
    s = Store(url, user="pw")
    try:
        s.add_department("Sales")
        assert PASSWORD not in repr(s)
    finally:
        s.close()
    result = CliRunner().invoke(cli_app, ["--db", url, "locate"])
    assert result.exit_code == 0
    assert PASSWORD not in result.output
    assert f"{PW_ROLE}:***@" in result.output
    assert PASSWORD not in caplog.text


def test_password_from_pgpass_and_from_the_environment(store, tmp_path, monkeypatch):
    bare = _as_role(store.url, None)
    u = make_url(bare)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{u.host}:{u.port}:*:{PW_ROLE}:{PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    s = Store(bare)
    assert s.departments() == []
    s.close()
    pgpass.unlink()
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    s = Store(bare)
    assert s.departments() == []
    s.close()


def test_a_wrong_password_is_a_clear_error_without_the_password(store):
    wrong = "Wr0ng-pa55"
    url = _as_role(store.url, wrong)
    with pytest.raises(StoreError) as info:
        Store(url)
    assert "password authentication failed" in str(info.value)
    assert wrong not in str(info.value)
    done = subprocess.run(
        [sys.executable, "-m", "collabtui", "--db", url, "projects"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "password authentication failed" in done.stderr
    assert wrong not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_collab_db_variable_and_plain_postgresql_scheme(pg_url, monkeypatch):
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    monkeypatch.setenv("COLLAB_DB", plain)
    assert resolve_url() == pg_url
    result = CliRunner().invoke(cli_app, ["demo"])
    assert result.exit_code == 0, result.output
    s = Store(pg_url)
    try:
        assert s.count(Department) > 0
    finally:
        s.close()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://bob:p@ss/w:rd@db.example:5432/collab", "bob:***@db.example"),
        ("postgresql://bob:secret@h/db", "bob:***@h/db"),
        ("postgresql://h/db?sslmode=require&password=secret", "password=***"),
        ("postgresql://bob@h/db", "bob@h/db"),
    ],
)
def test_mask_url_hides_every_form_of_password(url, shown):
    masked = mask_url(url)
    assert shown in masked
    assert "secret" not in masked
    assert "p@ss" not in masked and "w:rd" not in masked
