"""Who may do what on a shared PostgreSQL server (issue 17): one login role per person,
group roles, row-level security, an append-only change log written by the server.

Runs on the real test server: the ``collab`` role owns the tables (the administrator),
the superuser only creates the login and group roles, as a DBA would.
"""

from __future__ import annotations

import itertools
import os
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from collabtui.domain.errors import StoreError
from collabtui.i18n import translator
from collabtui.store import Store
from tests.unit.test_cli import collab

GROUPS = ("collab_lead", "collab_member", "collab_viewer")
#: Login role → (person id in the demo, group): 李娜 leads Q4-LAUNCH (市场部), 王芳 is in
#: 市场部, 林涛 in 技术部 (a partner of Q4-LAUNCH), 何军 only reads, Marcus Lee's IT
#: takes part in CX-FIX only.
PEOPLE = {
    "lead": ("2", "collab_lead"),
    "mkt": ("1", "collab_member"),
    "tech": ("13", "collab_member"),
    "viewer": ("12", "collab_viewer"),
    "it": ("25", "collab_member"),
}
TODAY = date(2026, 11, 27)
#: A change-log entry in someone else's name, written with SQL.
FORGED = (
    "INSERT INTO change (at, actor, txn, intent, entity, entity_id, action, changes, note)"
    " VALUES (now(), '李娜', 'forged', '', 'task', 1, 'update', '{}', '')"
)


def _superuser(server):
    import psycopg

    url = server.base.set(drivername="postgresql", username="postgres", database="postgres")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


@pytest.fixture(scope="module")
def secured(pg_server):
    """The login roles and a secured demo database to copy, made once per module (the
    CLI's ``db secure`` and five ``db grant`` runs take seconds): ``(template, roles)``."""
    if pg_server is None:  # no server: every test here skips
        yield None
        return
    name = pg_server.create("demo")
    admin_url = pg_server.url(name)
    owner = make_url(admin_url).username
    tag = f"t17_{os.getpid()}_{name[-6:]}".lower()
    roles = {who: f"{tag}_{who}" for who in PEOPLE}
    su = _superuser(pg_server)
    try:
        for group in GROUPS:
            if not su.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)).fetchone():
                su.execute(f"CREATE ROLE {group} NOLOGIN")
            su.execute(f"GRANT {group} TO {owner} WITH ADMIN OPTION")
        for role in roles.values():
            su.execute(f"CREATE ROLE {role} LOGIN")
        result = collab("--db", admin_url, "db", "secure")
        assert result.returncode == 0, result.stderr
        for who, (person, group) in PEOPLE.items():
            result = collab(
                "--db", admin_url, "db", "grant", roles[who], "--person", person, "--as", group
            )
            assert result.returncode == 0, result.stderr
        yield name, roles, su
    finally:
        pg_server.drop(name)
        for role in roles.values():
            su.execute(f"DROP ROLE IF EXISTS {role}")
        su.close()


@pytest.fixture
def team(backend, pg_server, secured):
    """A secured demo database and a store per person: ``{name: Store}`` plus ``admin``.

    A copy of the module's secured database; each role is put back in its group first
    (a test may have revoked it: membership belongs to the server, not the database).
    """
    from psycopg import sql

    template, roles, su = secured
    for who, (_, group) in PEOPLE.items():
        for other in GROUPS:
            if other != group:
                su.execute(f"REVOKE {other} FROM {roles[who]}")
        su.execute(f"GRANT {group} TO {roles[who]}")
    name = f"{template}_{next(_copies)}"
    pg_server.admin.execute(
        sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    )
    admin_url = pg_server.url(name)
    stores: dict[str, Store] = {}
    try:
        for who, role in roles.items():
            url = make_url(admin_url).set(username=role).render_as_string(hide_password=False)
            stores[who] = Store(url, user="someone-else")  # the config name counts for nothing
        stores["admin"] = Store(admin_url, user="admin")
        yield stores, roles, admin_url
    finally:
        for store in stores.values():
            store.close()
        pg_server.drop(name)


_copies = itertools.count()


def _refused(excinfo, user: str, table: str) -> None:
    err = excinfo.value
    assert isinstance(err, StoreError)
    assert err.message(translator("en")).startswith(f"{user} may not change this in {table}:")
    assert err.message(translator("zh-CN")).startswith(f"{user} 无权修改 {table} 中的这条记录")


def _set_target(store, project_id: int, target: float):
    draft = store.request_draft(project_id)
    draft.goals[0].target = target
    return store.save_request(draft, TODAY)


@pytest.mark.postgres_only
def test_each_person_is_who_the_server_says(team):
    stores, roles, _ = team
    assert stores["mkt"].user == roles["mkt"]
    assert stores["admin"].user == make_url(stores["admin"].url).username


@pytest.mark.postgres_only
def test_members_write_their_projects_only(team):
    stores, roles, _ = team
    _set_target(stores["mkt"], 1, 7)  # 市场部 requests Q4-LAUNCH
    assert stores["admin"].request_draft(1).goals[0].target == 7
    with pytest.raises(StoreError) as caught:
        _set_target(stores["mkt"], 2, 9)  # CX-FIX is not theirs
    _refused(caught, roles["mkt"], "project")
    _set_target(stores["it"], 2, 9)  # IT takes part in CX-FIX
    assert stores["admin"].request_draft(2).goals[0].target == 9


@pytest.mark.postgres_only
def test_a_department_signs_off_only_for_itself(team):
    stores, roles, _ = team
    with pytest.raises(StoreError) as caught:  # 林涛 signing in 王芳's name for 市场部
        stores["tech"].sign_off(1, 1, person_id=1, verdict="accepted")
    _refused(caught, roles["tech"], "signoff")
    stores["tech"].sign_off(1, 6, person_id=13, verdict="accepted")
    stores["lead"].sign_off(1, 2, person_id=4, verdict="accepted")  # the lead may
    assert stores["admin"].acceptance_report(1) is not None


@pytest.mark.postgres_only
def test_a_department_confirms_only_its_own_one_to_one(team):
    stores, roles, _ = team
    rows = {r.department_id: r for r in stores["tech"].consultations(1)}
    with pytest.raises(StoreError) as caught:
        stores["tech"].record_consultation(rows[2].id, rows[2].version, feedback="yes")
    _refused(caught, roles["tech"], "consultation")
    stores["tech"].record_consultation(rows[6].id, rows[6].version, feedback="we can")
    stores["lead"].record_consultation(rows[2].id, rows[2].version, feedback="by the lead")


@pytest.mark.postgres_only
def test_a_viewer_reads_and_writes_nothing(team):
    stores, roles, _ = team
    assert stores["viewer"].dashboard(TODAY)
    with pytest.raises(StoreError) as caught:
        _set_target(stores["viewer"], 1, 3)
    _refused(caught, roles["viewer"], "project")


@pytest.mark.postgres_only
def test_only_leads_start_projects(team):
    stores, roles, _ = team
    draft = stores["mkt"].request_draft(1)
    draft.project_id, draft.version, draft.code = None, None, "NEW-1"
    for goal in draft.goals:
        goal.id = None
    for milestone in draft.milestones:
        milestone.id = None
        milestone.due_on = date(2027, 6, 1)
    for deliverable in draft.deliverables:
        deliverable.id = None
    with pytest.raises(StoreError) as caught:
        stores["mkt"].save_request(draft, TODAY)
    _refused(caught, roles["mkt"], "project")
    project = stores["lead"].save_request(draft, TODAY)
    assert project.code == "NEW-1"


@pytest.mark.postgres_only
def test_the_change_log_is_written_by_the_server_and_cannot_be_rewritten(team):
    stores, roles, _ = team
    _set_target(stores["mkt"], 1, 11)
    with stores["admin"].engine.connect() as conn:
        actors = {r[0] for r in conn.execute(text("SELECT actor FROM change WHERE id > 0"))}
        last = conn.execute(text("SELECT actor FROM change ORDER BY id DESC LIMIT 1")).scalar()
    assert last == roles["mkt"] and "someone-else" not in actors
    for who in ("mkt", "lead", "viewer"):
        for sql in ("UPDATE change SET actor = 'nobody'", "DELETE FROM change"):
            with (
                pytest.raises(ProgrammingError, match="permission denied"),
                stores[who].engine.begin() as conn,
            ):
                conn.execute(text(sql))
    with (
        pytest.raises(ProgrammingError, match="permission denied"),
        stores["viewer"].engine.begin() as conn,
    ):
        conn.execute(text(FORGED.replace("forged", "viewer")))
    with stores["admin"].engine.begin() as conn:  # the administrator may
        conn.execute(text("UPDATE change SET note = note WHERE id = 1"))


@pytest.mark.postgres_only
def test_a_member_cannot_forge_the_author(team):
    stores, roles, _ = team
    with stores["mkt"].engine.begin() as conn:
        conn.execute(text(FORGED))
    with stores["admin"].engine.connect() as conn:
        actor = conn.execute(text("SELECT actor FROM change WHERE txn = 'forged'")).scalar()
    assert actor == roles["mkt"]


@pytest.mark.postgres_only
def test_revoke_takes_the_rights_away(team):
    stores, roles, admin_url = team
    result = collab("--db", admin_url, "db", "revoke", roles["mkt"])
    assert result.returncode == 0, result.stderr
    stores["mkt"].close()
    url = make_url(admin_url).set(username=roles["mkt"]).render_as_string(hide_password=False)
    result = collab("--db", url, "projects")  # no group: not even reading
    assert result.returncode == 2
    assert "permission denied" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with stores["admin"].engine.connect() as conn:
        linked = conn.execute(
            text("SELECT count(*) FROM collab_identity WHERE role_name = :r"), {"r": roles["mkt"]}
        ).scalar()
    assert linked == 0


@pytest.mark.postgres_only
def test_grant_refuses_unknown_roles_people_and_groups(team):
    _, roles, admin_url = team
    for args, words in (
        (["grant", "no_such_role_17", "--person", "1"], "no database role named"),
        (["grant", roles["mkt"], "--person", "nobody at all"], "no single person"),
        (["grant", roles["mkt"], "--person", "1", "--as", "root"], "is not a collab group"),
    ):
        result = collab("--db", admin_url, "db", *args)
        assert result.returncode == 2, result.stderr
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.sqlite_only("SQLite says it is single-user")
def test_sqlite_is_single_user(db_url):
    result = collab("--db", db_url, "db", "grant", "wang", "--person", "1")
    assert result.returncode == 2
    assert "a SQLite store is one person's" in result.stderr


@pytest.mark.postgres_only
def test_a_department_answers_only_its_own_progress(team):
    stores, roles, _ = team
    tasks = stores["admin"].task_rows("Q4-LAUNCH")
    ours = next(t for t in tasks if t.owner_id in (13, 14, 15))  # 技术部's task
    theirs = next(t for t in tasks if t.owner_id in (4, 5))  # 产品部's task
    with pytest.raises(StoreError) as caught:
        stores["tech"].record_progress("Q4-LAUNCH", "2026-W48", theirs.id, completion=40)
    _refused(caught, roles["tech"], "progressentry")
    stores["tech"].record_progress("Q4-LAUNCH", "2026-W48", ours.id, completion=40)
    stores["lead"].record_progress("Q4-LAUNCH", "2026-W48", theirs.id, completion=30)
    rows = {r.task_id: r for r in stores["admin"].progress_list("Q4-LAUNCH", "2026-W48")}
    assert rows[ours.id].completion == 40 and rows[theirs.id].completion == 30
