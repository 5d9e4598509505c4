"""The store on a real SQLite file: writes, the change log, conflicts, settings."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlmodel import SQLModel

from collabtui.domain.enums import MeetingKind
from collabtui.store import ConflictError, NotFound, Store, StoreError, ValidationError
from collabtui.store import engine as engine_mod
from collabtui.store.models import Change, Department, Meeting, Person, Project
from collabtui.store.queries import SCHEMA_HEAD


@pytest.mark.sqlite_only("file mode, WAL and application id of the SQLite file")
def test_new_file_is_private_wal_and_current(store, db_url):
    path = store.path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x436F6C62
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD


@pytest.mark.sqlite_only("SQLite connection pragmas")
def test_connections_have_foreign_keys_and_busy_timeout(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_migrations_match_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []


def test_schema_head_constant_is_alembics_head():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(engine_mod._alembic_config(None))
    assert script.get_current_head() == SCHEMA_HEAD


def test_every_write_is_logged_with_actor_fields_and_values(store):
    dept = store.add_department("市场部")
    store.edit_department(dept.id, dept.version, name="市场与品牌部", note="负责 Q4")
    log = store.history("department", dept.id)
    assert [c.action.value for c in log] == ["create", "update"]
    assert {c.actor for c in log} == {"tester"}
    assert log[1].intent == "department.edit"
    assert json.loads(log[1].changes) == {
        "name": ["市场部", "市场与品牌部"],
        "note": ["", "负责 Q4"],
    }
    assert all(c.at.tzinfo is not None for c in log)


def test_edit_bumps_version_and_stale_edit_conflicts_without_overwriting(store):
    dept = store.add_department("Sales")
    assert dept.version == 1
    mine = store.edit_department(dept.id, 1, note="first")
    assert mine.version == 2
    with pytest.raises(ConflictError) as info:
        store.edit_department(dept.id, 1, note="stale")
    err = info.value
    assert (err.expected, err.actual) == (1, 2)
    assert err.theirs["note"] == "first"
    assert "changed by someone else" in str(err)
    assert store.departments()[0].note == "first"


def test_edit_with_no_real_change_keeps_version_and_logs_nothing(store):
    dept = store.add_department("Sales", note="x")
    again = store.edit_department(dept.id, dept.version, note="x")
    assert again.version == dept.version
    assert len(store.history("department", dept.id)) == 1


def test_validation_errors_name_the_field(store):
    with pytest.raises(ValidationError) as info:
        store.add_department("   ")
    assert info.value.field == "name"
    store.add_department("IT")
    with pytest.raises(ValidationError, match="exists already"):
        store.add_department("IT")
    with pytest.raises(ValidationError) as info:
        store.add_person("Ann", email="not-an-address")
    assert info.value.field == "email"


def test_retire_hides_from_pickers_and_restore_brings_back(store):
    dept = store.add_department("Logistics")
    retired = store.retire_department(dept.id, dept.version)
    assert store.departments() == []
    assert [d.name for d in store.departments(include_retired=True)] == ["Logistics"]
    store.retire_department(dept.id, retired.version, retired=False)
    assert [d.name for d in store.departments()] == ["Logistics"]


def test_foreign_keys_are_enforced_on_delete(store):
    dept = store.add_department("QA")
    store.add_person("Bo", department_id=dept.id)
    with pytest.raises(ValidationError, match="referenced"), store.db.write("test.delete") as u:
        u.delete(u.get(Department, dept.id))
    assert store.count(Department) == 1


def test_deleting_a_project_cascades_to_its_meetings(store):
    project = store.create_project("P1", "Launch")
    with store.db.write("test.meeting") as u:
        u.add(
            Meeting(
                project_id=project.id,
                kind=MeetingKind.COORDINATION,
                title="Kick-off",
                start_at=datetime(2026, 12, 1, 2, 0, tzinfo=UTC),
            )
        )
    with store.db.write("test.delete") as u:
        u.delete(u.get(Project, project.id))
    assert store.count(Meeting) == 0
    deleted = [c for c in store.history("project", project.id) if c.action.value == "delete"]
    assert deleted and json.loads(deleted[0].changes)["topic"] == ["Launch", None]


def test_timestamps_come_back_aware_in_utc(store):
    shanghai = timezone(timedelta(hours=8))
    project = store.create_project("TZ", "Zones")
    start = datetime(2026, 12, 1, 10, 0, tzinfo=shanghai)
    with store.db.write("test.meeting") as u:
        meeting = u.add(Meeting(project_id=project.id, title="m", start_at=start))
    with store.db.read() as s:
        loaded = s.get(Meeting, meeting.id)
    assert loaded.start_at == start
    assert loaded.start_at.tzinfo is not None
    assert loaded.start_at.utcoffset() == timedelta(0)


def test_naive_timestamps_are_refused(store):
    project = store.create_project("NV", "Naive")
    with pytest.raises(ValidationError, match="timezone-aware"), store.db.write("t") as u:
        u.add(Meeting(project_id=project.id, title="m", start_at=datetime(2026, 12, 1, 10)))


def test_project_lookup_by_id_or_code(store):
    project = store.create_project("Q4-LAUNCH", "新品上市")
    assert store.project(project.id).code == "Q4-LAUNCH"
    assert store.project(str(project.id)).code == "Q4-LAUNCH"
    assert store.project("q4-launch").id == project.id
    with pytest.raises(NotFound):
        store.project("nope")


def test_search_finds_chinese_and_escapes_wildcards(store):
    dept = store.add_department("市场部")
    store.add_person("李娜", department_id=dept.id)
    store.create_project("Q4", "智能手表新品上市")
    store.create_project("P100", "100% done")
    assert [h.kind for h in store.search("新品")] == ["project"]
    assert [h.label for h in store.search("李")] == ["李娜"]
    assert [h.label for h in store.search("%")] == ["P100 100% done"]
    assert store.search("   ") == []


@pytest.mark.sqlite_only("the quick reader reads SQLite files without the ORM")
def test_dashboard_matches_the_quick_reader(store):
    from datetime import date

    from collabtui.store.quick import dashboard_rows

    dept = store.add_department("IT")
    store.create_project("A", "Alpha", requesting_department_id=dept.id)
    store.create_project("B", "Beta")
    today = date(2026, 11, 27)
    assert store.dashboard(today) == dashboard_rows(store.path, today)
    assert [r.requesting_department for r in store.dashboard(today)] == ["IT", ""]


def test_older_file_is_backed_up_then_upgraded(tmp_path):
    path = tmp_path / "old.sqlite3"
    path.touch(mode=0o600)
    old = engine_mod.make_engine(f"sqlite:///{path}")
    engine_mod.upgrade(old, "0001_initial")
    with old.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO department (created_at, updated_at, version, name, external, note) "
            "VALUES ('2026-01-01', '2026-01-01', 1, 'Kept', 0, '')"
        )
    old.dispose()
    store = Store(f"sqlite:///{path}", user="tester")
    try:
        assert engine_mod.current_revision(store.engine) == SCHEMA_HEAD
        assert [d.name for d in store.departments()] == ["Kept"]
    finally:
        store.close()
    backups = list(tmp_path.glob("old.sqlite3.0001_initial.*.bak"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"


@pytest.mark.sqlite_only("edits the SQLite file directly; PostgreSQL: test_postgres.py")
def test_newer_schema_is_refused_untouched(tmp_path, store):
    path = store.path
    store.close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer collab"):
        Store(f"sqlite:///{path}")
    assert path.read_bytes() == before


@pytest.mark.sqlite_only("SQLite's file lock; PostgreSQL: test_postgres.py")
def test_locked_database_gives_a_clear_error(store, monkeypatch):
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(store.path, timeout=0.1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        fast = Store(store.url, user="other")
        with pytest.raises(StoreError, match="locked"):
            fast.add_department("Blocked")
        fast.close()
    finally:
        holder.rollback()
        holder.close()
    assert store.departments() == []


def test_change_rows_share_a_transaction_id(store):
    dept = store.add_department("Ops")
    with store.db.write("test.two") as u:
        u.add(Person(name="A", department_id=dept.id))
        u.add(Person(name="B", department_id=dept.id))
    with store.db.read() as s:
        from sqlmodel import select

        rows = s.exec(select(Change).where(Change.intent == "test.two")).all()
    assert len(rows) == 2 and len({r.txn for r in rows}) == 1


def test_phase_one_migration_moves_deliverables_and_back(tmp_path):
    """0002 → head turns the free-text deliverables into rows; downgrading restores them."""
    path = tmp_path / "old.sqlite3"
    path.touch(mode=0o600)
    engine = engine_mod.make_engine(f"sqlite:///{path}")
    engine_mod.upgrade(engine, "0002_indexes")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO project (created_at, updated_at, version, code, topic, scenario, "
            "background, business_value, deliverables, phase) VALUES "
            "('2026-01-01', '2026-01-01', 1, 'P', 'T', 'joint_project', '', '', "
            "'发布会；推广物料\nFAQ', 'draft')"
        )
        conn.exec_driver_sql(
            "INSERT INTO goal (created_at, updated_at, version, project_id, position, "
            "description, metric, unit, priority) VALUES "
            "('2026-01-01', '2026-01-01', 1, 1, 0, '销售额 +30%', '', '%', 'normal')"
        )
    engine_mod.upgrade(engine)
    with engine.connect() as conn:  # rebuilding the project table must not cascade
        assert conn.exec_driver_sql("SELECT description FROM goal").scalar() == "销售额 +30%"
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name, position FROM deliverable ORDER BY position"
        ).all()
    assert [tuple(r) for r in rows] == [("发布会", 0), ("推广物料", 1), ("FAQ", 2)]
    engine_mod.downgrade(engine, "0002_indexes")
    with engine.connect() as conn:
        text = conn.exec_driver_sql("SELECT deliverables FROM project").scalar()
    assert text == "发布会\n推广物料\nFAQ"
    engine_mod.upgrade(engine)
    assert engine_mod.current_revision(engine) == SCHEMA_HEAD
    engine.dispose()


def test_text_with_nul_is_refused_the_same_on_both_backends(store):
    dept = store.add_department("Ops")
    with pytest.raises(ValidationError, match="NUL"):
        store.add_department("Bad\x00name")
    with pytest.raises(ValidationError, match="NUL"):
        store.edit_department(dept.id, dept.version, name="O\x00ps")
    assert [d.name for d in store.departments()] == ["Ops"]
    assert [c.action.value for c in store.history("department", dept.id)] == ["create"]


def test_a_lone_surrogate_is_refused_the_same_on_both_backends(store):
    """Half of a UTF-16 pair is no character: no UTF-8 database stores it (SQLite raised
    a raw encoding error); the store refuses it like NUL, with a translated reason."""
    dept = store.add_department("Ops")
    with pytest.raises(ValidationError, match="surrogate"):
        store.add_department("Bad\ud800name")
    with pytest.raises(ValidationError, match="surrogate"):
        store.edit_department(dept.id, dept.version, note="n\udfffote")
    assert [d.name for d in store.departments()] == ["Ops"]
    store.add_department("表情 🙂 ok")  # a real pair (an emoji) is a character
