"""Who may do what on a shared PostgreSQL server: roles, row-level security, the log.

One database role per person (``collab_identity`` links a login role to a person of
the directory), three group roles granted in SQL, and the server's own checks:

``collab_viewer``
    reads everything, writes nothing.
``collab_member``
    writes the records of the projects they are a member of (their department
    requests or collaborates on it, or they lead it); a sign-off, a one-to-one
    confirmation or a weekly progress answer *for a department* only for their own
    department (or as the project's lead).
``collab_lead``
    a member who may also start projects and keep the directory and the handbook.

Row-level security policies check every new or changed row (``WITH CHECK``); a
trigger checks the row as it was before an update or a delete. The change log is
append-only for everyone but the administrator (the tables' owner): no ``UPDATE``
or ``DELETE`` grant, and a trigger writes ``session_user`` as its author. SQLite
has none of this: a SQLite store is one person's.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from collabtui.domain.errors import StoreError

#: The group roles, from most to least rights.
GROUPS = ("collab_lead", "collab_member", "collab_viewer")
#: The table linking login roles to people.
IDENTITY = "collab_identity"

_ME = f"(SELECT person_id FROM {IDENTITY} WHERE role_name = session_user)"

_FUNCTIONS = f"""
CREATE TABLE IF NOT EXISTS {IDENTITY} (
    role_name text PRIMARY KEY,
    person_id integer NOT NULL REFERENCES person(id) ON DELETE CASCADE
);
CREATE OR REPLACE FUNCTION collab_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT session_user::text = pg_get_userbyid(c.relowner)::text
        OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
    FROM pg_class c WHERE c.oid = 'change'::regclass
$$;
CREATE OR REPLACE FUNCTION collab_in_group(g text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT collab_is_admin() OR pg_has_role(session_user, g, 'MEMBER')
$$;
CREATE OR REPLACE FUNCTION collab_writer() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT collab_in_group('collab_member') OR collab_in_group('collab_lead')
$$;
CREATE OR REPLACE FUNCTION collab_me() RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT {_ME}
$$;
CREATE OR REPLACE FUNCTION collab_my_department() RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT department_id FROM person WHERE id = {_ME}
$$;
CREATE OR REPLACE FUNCTION collab_leads(p integer) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM project WHERE id = p AND lead_id = collab_me())
$$;
CREATE OR REPLACE FUNCTION collab_may_write(p integer) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT collab_is_admin() OR (
        collab_writer() AND (
            collab_leads(p)
            OR EXISTS (SELECT 1 FROM project
                       WHERE id = p AND requesting_department_id = collab_my_department())
            OR EXISTS (SELECT 1 FROM projectdepartment
                       WHERE project_id = p AND department_id = collab_my_department())))
$$;
CREATE OR REPLACE FUNCTION collab_may_write_any(p integer) RETURNS boolean LANGUAGE sql STABLE
AS $$
    SELECT CASE WHEN p IS NULL THEN collab_writer()
                ELSE collab_may_write(p) END
$$;
CREATE OR REPLACE FUNCTION collab_may_answer(p integer, d integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN d IS NULL THEN collab_may_write(p)
                ELSE collab_is_admin() OR (collab_writer() AND (
                    collab_leads(p) OR d = collab_my_department())) END
$$;
CREATE OR REPLACE FUNCTION collab_change_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT collab_is_admin() THEN
        NEW.actor := session_user;
    END IF;
    RETURN NEW;
END
$$;
"""

#: For each table: who may write a row ``r`` of it (an SQL expression on ``r``'s columns).
RULES: dict[str, str] = {
    "department": "collab_in_group('collab_lead')",
    "person": "collab_in_group('collab_lead')",
    "bestpractice": "collab_in_group('collab_lead')",
    "project": "collab_in_group('collab_lead') OR collab_may_write(r.id)",
    "projectdepartment": "collab_may_write(r.project_id)",
    "goal": "collab_may_write(r.project_id)",
    "deliverable": "collab_may_write(r.project_id)",
    "milestone": "collab_may_write(r.project_id)",
    "consultation": "collab_may_answer(r.project_id, r.department_id)",
    "meeting": "collab_may_write_any(r.project_id)",
    "attendee": "collab_may_write_any((SELECT project_id FROM meeting WHERE id = r.meeting_id))",
    "agendaitem": "collab_may_write_any((SELECT project_id FROM meeting WHERE id = r.meeting_id))",
    "decision": "collab_may_write_any((SELECT project_id FROM meeting WHERE id = r.meeting_id))",
    "openitem": "collab_may_write_any((SELECT project_id FROM meeting WHERE id = r.meeting_id))",
    "task": "collab_may_write(r.project_id)",
    "tasksupport": "collab_may_write((SELECT project_id FROM task WHERE id = r.task_id))",
    "taskupdate": "collab_may_write((SELECT project_id FROM task WHERE id = r.task_id))",
    "resourcerequest": "collab_may_write(r.project_id)",
    "progressentry": "collab_may_answer(r.project_id, r.department_id)",
    "riskwarning": "collab_may_write(r.project_id)",
    "risktask": "collab_may_write((SELECT project_id FROM riskwarning WHERE id = r.risk_id))",
    "riskdepartment": "collab_may_write((SELECT project_id FROM riskwarning WHERE id = r.risk_id))",
    "acceptanceitem": "collab_may_write(r.project_id)",
    "signoff": "collab_may_answer(r.project_id, r.department_id)",
    "retroitem": "collab_may_write(r.project_id)",
}
#: Tables every member may append to or keep, without row rules.
_SHARED = ("outbox",)
#: Tables only read by everyone but the administrator.
_READ_ONLY = ("alembic_version", "store_meta", IDENTITY)


def _rule(table: str, row: str) -> str:
    """The rule of ``table`` on the row called ``row`` (``NEW``, ``OLD`` or the table)."""
    expr = RULES[table]
    if row == "":  # a policy: bare column names
        return re.sub(r"\br\.", "", expr)
    return expr.replace("r.", f"{row}.")


def _table_sql(table: str) -> str:
    """RLS policies and the before-update/delete check of one table."""
    q = f'"{table}"'
    check = _rule(table, "")
    old = _rule(table, "OLD")
    fn = f"collab_check_{table}"
    return f"""
ALTER TABLE {q} ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS collab_read ON {q};
DROP POLICY IF EXISTS collab_insert ON {q};
DROP POLICY IF EXISTS collab_update ON {q};
DROP POLICY IF EXISTS collab_delete ON {q};
CREATE POLICY collab_read ON {q} FOR SELECT USING (true);
CREATE POLICY collab_insert ON {q} FOR INSERT WITH CHECK ({check});
CREATE POLICY collab_update ON {q} FOR UPDATE USING (true) WITH CHECK ({check});
CREATE POLICY collab_delete ON {q} FOR DELETE USING (true);
CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT ({old}) THEN
        RAISE EXCEPTION 'permission denied for table {table}' USING ERRCODE = '42501';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
DROP TRIGGER IF EXISTS collab_check ON {q};
CREATE TRIGGER collab_check BEFORE UPDATE OR DELETE ON {q}
    FOR EACH ROW EXECUTE FUNCTION {fn}();
GRANT SELECT ON {q} TO collab_viewer, collab_member, collab_lead;
GRANT INSERT, UPDATE, DELETE ON {q} TO collab_member, collab_lead;
"""


def _missing_groups(conn: Connection) -> list[str]:
    found = {
        r[0]
        for r in conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(GROUPS)},
        )
    }
    return [g for g in GROUPS if g not in found]


def _require_server(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise StoreError.of("perm.err.sqlite")


def secure(engine: Engine) -> None:
    """Set up (again) the identities, policies, triggers and grants; the tables' owner
    runs it once per release. The group roles must exist (see the README)."""
    _require_server(engine)
    with engine.begin() as conn:
        missing = _missing_groups(conn)
        if missing:
            raise StoreError.of("perm.err.no_groups", groups=", ".join(missing))
        if not _owns_tables(conn):
            raise StoreError.of("perm.err.not_admin")
        conn.exec_driver_sql(_FUNCTIONS)
        for table in RULES:
            conn.exec_driver_sql(_table_sql(table))
        conn.exec_driver_sql(
            """
ALTER TABLE "change" ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS collab_read ON "change";
DROP POLICY IF EXISTS collab_append ON "change";
CREATE POLICY collab_read ON "change" FOR SELECT USING (true);
CREATE POLICY collab_append ON "change" FOR INSERT
    WITH CHECK (collab_writer());
DROP TRIGGER IF EXISTS collab_author ON "change";
CREATE TRIGGER collab_author BEFORE INSERT ON "change"
    FOR EACH ROW EXECUTE FUNCTION collab_change_author();
REVOKE ALL ON "change" FROM PUBLIC, collab_viewer, collab_member, collab_lead;
GRANT SELECT ON "change" TO collab_viewer, collab_member, collab_lead;
GRANT INSERT ON "change" TO collab_member, collab_lead;
"""
        )
        for table in _SHARED:
            conn.exec_driver_sql(
                f'GRANT SELECT ON "{table}" TO collab_viewer, collab_member, collab_lead;'
                f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO collab_member, collab_lead;'
            )
        for table in _READ_ONLY:
            conn.exec_driver_sql(
                f'GRANT SELECT ON "{table}" TO collab_viewer, collab_member, collab_lead;'
            )
        conn.exec_driver_sql(
            "GRANT USAGE ON SCHEMA public TO collab_viewer, collab_member, collab_lead;"
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO collab_member, collab_lead;"
        )


def _owns_tables(conn: Connection) -> bool:
    return bool(
        conn.execute(
            text(
                "SELECT session_user::text = pg_get_userbyid(relowner)::text"
                " OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
                " FROM pg_class WHERE oid = 'change'::regclass"
            )
        ).scalar()
    )


def grant(engine: Engine, role: str, person: str, group: str) -> int:
    """Link the login ``role`` to ``person`` (an id or an exact name of the directory)
    and make it a member of ``group`` only; returns the person's id."""
    _require_server(engine)
    if group not in GROUPS:
        raise StoreError.of("perm.err.group", group=group, groups=", ".join(GROUPS))
    with engine.begin() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
            raise StoreError.of("perm.err.no_role", role=role)
        if person.strip().isdigit():
            found = conn.execute(text("SELECT id FROM person WHERE id = :p"), {"p": int(person)})
        else:
            found = conn.execute(text("SELECT id FROM person WHERE name = :n"), {"n": person})
        ids = [r[0] for r in found]
        if len(ids) != 1:
            raise StoreError.of("perm.err.no_person", person=person)
        person_id = ids[0]
        quoted = conn.dialect.identifier_preparer.quote(role)
        for other in GROUPS:
            conn.exec_driver_sql(f"REVOKE {other} FROM {quoted}")
        conn.exec_driver_sql(f"GRANT {group} TO {quoted}")
        conn.execute(
            text(
                f"INSERT INTO {IDENTITY} (role_name, person_id) VALUES (:r, :p)"
                " ON CONFLICT (role_name) DO UPDATE SET person_id = EXCLUDED.person_id"
            ),
            {"r": role, "p": person_id},
        )
    return person_id


def revoke(engine: Engine, role: str) -> None:
    """Take every collab group from ``role`` and unlink it from its person."""
    _require_server(engine)
    with engine.begin() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
            raise StoreError.of("perm.err.no_role", role=role)
        quoted = conn.dialect.identifier_preparer.quote(role)
        for group in GROUPS:
            conn.exec_driver_sql(f"REVOKE {group} FROM {quoted}")
        conn.execute(text(f"DELETE FROM {IDENTITY} WHERE role_name = :r"), {"r": role})


def server_identity(engine: Engine) -> str | None:
    """Who the server says this connection is (``session_user``) on a server set up
    with :func:`secure`; ``None`` elsewhere (SQLite, or a server with one shared login,
    where the config's ``user`` names the author as before)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        secured = conn.execute(text("SELECT to_regclass(:t)"), {"t": IDENTITY}).scalar()
        return str(conn.execute(text("SELECT session_user")).scalar()) if secured else None


#: ``permission denied for table x`` / ``… row-level security policy for table "x"``.
_TABLE = re.compile(r'for table "?([A-Za-z_][A-Za-z0-9_]*)"?')


def forbidden(exc: BaseException, user: str) -> StoreError | None:
    """The one-line error for a write the server refused (SQLSTATE 42501), else ``None``."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) != "42501":
        return None
    found = _TABLE.search(str(orig))
    table = found[1] if found else ""
    return StoreError.of("perm.err.forbidden", user=user, table=table)


__all__ = ["GROUPS", "RULES", "forbidden", "grant", "revoke", "secure", "server_identity"]
