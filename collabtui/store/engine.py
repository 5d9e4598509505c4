"""Engines, connection settings and schema migrations.

SQLite runs in WAL mode with foreign keys on and a busy timeout; write transactions
start with ``BEGIN IMMEDIATE`` so a read-check-write is never interleaved with
another copy's write. Migrations are Alembic's; an older file is copied to a backup
beside it before it is upgraded.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from collabtui.domain.errors import BadDatabase, StoreError
from collabtui.i18n import t
from collabtui.store.location import describe, sqlite_path
from collabtui.store.queries import SCHEMA_HEAD
from collabtui.store.quick import preflight
from collabtui.store.restore_copy import install_limit

BUSY_TIMEOUT_MS = 5000


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with collab's connection settings."""
    if url.startswith("sqlite"):
        # SQL parameters are user data: never in an error message (as on a server).
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    import importlib.util

    if importlib.util.find_spec("psycopg") is None:  # the optional [postgres] extra
        raise BadDatabase(describe(url), t("err.db.no_driver"))
    # A server database: the password comes from the URL, PGPASSWORD or ~/.pgpass (libpq
    # reads the last two itself); SQL parameters are kept out of error messages; a row
    # another copy holds locked gives up after the same wait as SQLite's busy timeout.
    return create_engine(
        url,
        pool_pre_ping=True,
        hide_parameters=True,
        connect_args={
            "application_name": "collab",
            "options": f"-c lock_timeout={BUSY_TIMEOUT_MS}",
        },
    )


def _sqlite_connect(dbapi_conn, _record) -> None:
    """Per-connection SQLite settings; we issue BEGIN ourselves (see _sqlite_begin)."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()
    install_limit(dbapi_conn)  # a restore's time limit (store/restore_copy.py), else nothing


def _sqlite_begin(conn) -> None:
    """Start a transaction: IMMEDIATE for writes (takes the write lock now)."""
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, or ``None`` when it has none."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _alembic_config(connection):
    """An Alembic config pointing at our migrations, bound to ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision``, in one transaction."""
    from alembic import command

    _migrate(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Undo migrations down to ``revision``, in one transaction."""
    from alembic import command

    _migrate(engine, command.downgrade, revision)


def _migrate(engine: Engine, step, revision: str) -> None:
    """Run an Alembic command on one connection, in one transaction.

    On SQLite, foreign keys are switched off meanwhile: Alembic's batch mode rebuilds
    a table by dropping it, and a drop with foreign keys on would cascade into every
    child row. The keys are checked before the transaction commits.
    """
    with engine.connect() as conn:
        raw = conn.connection.driver_connection if engine.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # only works outside a transaction
        try:
            with conn.begin():
                step(_alembic_config(conn), revision)
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise StoreError.of("err.db.migration_broke_keys", n=len(broken))
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def known_revisions() -> set[str]:
    """Every revision our migrations know."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    return {rev.revision for rev in script.walk_revisions()}


def backup_sqlite(path: Path, dest: Path) -> Path:
    """A consistent copy of a SQLite file (online backup API) at a new owner-only ``dest``.

    Written beside ``dest`` and published whole (:func:`collabtui.files.write_file`);
    an existing ``dest`` is never replaced (``FileExistsError``).
    """
    from collabtui.files import write_file

    return write_file(dest, lambda tmp: copy_sqlite_into(path, tmp), private=True, overwrite=False)


def copy_sqlite_into(path: Path, dest: Path) -> None:
    """Copy the SQLite file ``path`` into the (empty or missing) file ``dest``."""
    src = sqlite3.connect(path)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()


def _create_private(path: Path) -> None:
    """Create an empty database file readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)


def open_database(url: str, *, create_parent: bool = False) -> Engine:
    """Check, create or upgrade the database at ``url`` and return its engine.

    A missing SQLite file is created (owner-only). An older schema is backed up
    beside the file, then upgraded. A file of another program, a newer schema or a
    damaged file is refused and left untouched.
    """
    path = sqlite_path(url)
    where = describe(url)
    if path is not None:
        if create_parent:
            path.parent.mkdir(parents=True, exist_ok=True)
        state = preflight(path)
        if not state.exists:
            _create_private(path)
        elif state.revision != SCHEMA_HEAD:
            if state.revision is not None and state.revision not in known_revisions():
                raise BadDatabase(where, t("err.db.newer", revision=state.revision))
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            backup_sqlite(path, path.with_name(f"{path.name}.{state.revision}.{stamp}.bak"))
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
        if revision != SCHEMA_HEAD:
            if path is None and revision is None and _has_tables(engine):
                raise BadDatabase(where, t("err.db.foreign_tables"))
            if revision is not None and revision not in known_revisions():
                raise BadDatabase(where, t("err.db.newer", revision=revision))
            upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"{where}: {friendly_reason(exc)}") from None
    except SQLAlchemyError as exc:
        engine.dispose()
        raise BadDatabase(where, friendly_reason(exc)) from None
    return engine


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def friendly_reason(exc: BaseException) -> str:
    """A one-line reason from a database error, without SQL or parameters."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered or "lock timeout" in lowered:
        return t("err.db.locked")
    if "readonly" in lowered or "read-only" in lowered:
        return t("err.db.read_only")
    if "disk" in lowered and "full" in lowered:
        return t("err.db.disk_full")
    return text
