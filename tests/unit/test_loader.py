"""The dataset loader, the relative-date syntax and the bundled demo dataset."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from collabtui import paths
from collabtui.domain.clock import Clock, FixedClock
from collabtui.domain.enums import (
    ChangeAction,
    MeetingKind,
    ResourceStatus,
    RetroDimension,
    TaskStatus,
)
from collabtui.domain.relative import iso_week, local_today, parse_date, parse_datetime, parse_week
from collabtui.store import Store, ValidationError
from collabtui.store.models import (
    BestPractice,
    Change,
    Department,
    Meeting,
    Milestone,
    OpenItem,
    Person,
    ProgressEntry,
    Project,
    ProjectDepartment,
    ResourceRequest,
    RetroItem,
    RiskWarning,
    SignOff,
    Task,
)

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)  # a Friday
LATER = NOW + timedelta(days=10, hours=5)


@pytest.fixture
def store(tmp_path):
    """An empty store in a SQLite file of its own."""
    s = Store(f"sqlite:///{tmp_path}/t.sqlite3", user="tester")
    yield s
    s.close()


@pytest.fixture
def demo_data() -> dict:
    """The bundled demo dataset, as parsed JSON (a fresh copy per test)."""
    return json.loads((paths.bundled_data_dir() / "demo.json").read_text(encoding="utf-8"))


@pytest.fixture
def demo(store):
    """A store holding the demo, loaded at ``NOW`` in UTC."""
    store.load_demo(clock=FixedClock(NOW))
    return store


def rows(store: Store, model) -> list:
    with store.db.read() as s:
        return list(s.exec(select(model)).all())


def tiny() -> dict:
    """The smallest dataset that exercises keys, forward references and children."""
    return {
        "format": "collab-dataset/1",
        "departments": [{"key": "d", "name": "市场部", "head": "p"}],
        "people": [{"key": "p", "name": "王芳", "department": "d", "email": "w@example.com"}],
        "projects": [
            {
                "code": "X",
                "topic": "测试",
                "requesting_department": "d",
                "lead": "p",
                "milestones": [{"name": "上线", "due_on": "+7d"}],
                "meetings": [
                    # m1 names m2 before m2 is read; a follow-up comes after its original
                    {"key": "m1", "title": "A", "start_at": "-1d 10:00", "follow_up_of": "m2"},
                    {"key": "m2", "title": "B", "start_at": "-2d 10:00", "kind": "follow_up"},
                ],
                "tasks": [
                    {"code": "T1", "title": "一", "owner": "p"},
                    {"code": "T2", "title": "二", "owner": "p", "status": "done"},
                    {"code": "T3", "title": "三", "owner": "p"},
                    {"code": "T4", "title": "四", "owner": "p", "due_on": "+3d"},
                ],
                "risks": [{"title": "r", "tasks": ["T1"], "departments": ["d"]}],
            }
        ],
    }


# --------------------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0d", date(2026, 11, 20)),
        ("+14d", date(2026, 12, 4)),
        ("14d", date(2026, 12, 4)),
        ("-3d", date(2026, 11, 17)),
        ("-2w", date(2026, 11, 6)),
        ("+1w", date(2026, 11, 27)),
        (" -1d ", date(2026, 11, 19)),
        ("2026-01-31", date(2026, 1, 31)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, NOW, UTC) == expected


@pytest.mark.parametrize("text", ["tomorrow", "+3", "3x", "2026-02-30", "", "-2d 10:00"])
def test_parse_date_rejects(text):
    with pytest.raises(ValueError, match="not a date"):
        parse_date(text, NOW, UTC)


def test_parse_date_rejects_non_text():
    with pytest.raises(ValueError, match="expected a date"):
        parse_date(14, NOW, UTC)


def test_local_date_follows_the_zone():
    evening = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
    assert local_today(evening, UTC) == date(2026, 11, 20)
    assert local_today(evening, ZoneInfo("Asia/Shanghai")) == date(2026, 11, 21)
    assert parse_date("0d", evening, ZoneInfo("Asia/Shanghai")) == date(2026, 11, 21)


def test_parse_datetime_relative_is_local_wall_time():
    shanghai = ZoneInfo("Asia/Shanghai")
    got = parse_datetime("-1d 10:00", NOW, shanghai)
    assert got == datetime(2026, 11, 19, 2, 0, tzinfo=UTC)
    assert got.tzinfo is UTC
    assert parse_datetime("+2w 09:05", NOW, UTC) == datetime(2026, 12, 4, 9, 5, tzinfo=UTC)


def test_relative_dates_refuse_a_naive_now():
    """No fallback on the machine's zone: a moment without a zone is a bug, said loudly."""
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_datetime("0d 10:00", datetime(2026, 11, 20, 9, 30), UTC)
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_date("+1d", datetime(2026, 11, 20, 9, 30), UTC)


def test_parse_datetime_keeps_daylight_saving_rules():
    berlin = ZoneInfo("Europe/Berlin")
    summer = parse_datetime("2026-07-01T12:00:00+02:00", NOW, berlin)
    assert summer == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    # NOW is in November (UTC+1); 150 days earlier is June (UTC+2).
    assert parse_datetime("-150d 12:00", NOW, berlin).hour == 10
    assert parse_datetime("0d 12:00", NOW, berlin).hour == 11


def test_parse_datetime_absolute():
    got = parse_datetime("2026-01-31T10:00:00+08:00", NOW, UTC)
    assert got == datetime(2026, 1, 31, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-01-31T10:00:00", "needs a UTC offset"),
        ("-2d", "not a date and time"),
        ("-2d 25:00", "not a time of day"),
        ("-2d 10:61", "not a time of day"),
        ("yesterday 10:00", "not a date and time"),
    ],
)
def test_parse_datetime_rejects(text, message):
    with pytest.raises(ValueError, match=message):
        parse_datetime(text, NOW, UTC)


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (NOW, "0w", "2026-W47"),
        (NOW, "-1w", "2026-W46"),
        (NOW, "+2w", "2026-W49"),
        (NOW, "-4d", "2026-W47"),
        (NOW, "-5d", "2026-W46"),
        (NOW, "2026-W03", "2026-W03"),
        (datetime(2026, 1, 2, tzinfo=UTC), "-1w", "2025-W52"),
        (datetime(2026, 12, 31, tzinfo=UTC), "0w", "2026-W53"),
    ],
)
def test_parse_week(now, text, expected):
    assert parse_week(text, now, UTC) == expected


@pytest.mark.parametrize("text", ["2025-W53", "W47", "-1", "2026-47"])
def test_parse_week_rejects(text):
    with pytest.raises(ValueError):
        parse_week(text, NOW, UTC)


@given(n=st.integers(min_value=-3650, max_value=3650), signed=st.booleans())
def test_relative_days_property(n, signed):
    text = f"{n:+d}d" if signed or n < 0 else f"{n}d"
    assert parse_date(text, NOW, UTC) == NOW.date() + timedelta(days=n)


@given(n=st.integers(min_value=-520, max_value=520))
def test_relative_weeks_property(n):
    assert parse_date(f"{n:+d}w", NOW, UTC) == NOW.date() + timedelta(weeks=n)
    assert parse_week(f"{n:+d}w", NOW, UTC) == iso_week(NOW.date() + timedelta(weeks=n))


# --------------------------------------------------------------------------- the demo


def test_demo_counts(demo):
    counts = rows(demo, Project)
    assert len(counts) >= 3
    tasks = rows(demo, Task)
    assert {t.status for t in tasks} == set(TaskStatus)
    assert {m.kind for m in rows(demo, Meeting)} == set(MeetingKind)
    launch = demo.project("Q4-LAUNCH")
    assert 12 <= len([t for t in tasks if t.project_id == launch.id]) <= 16
    today = NOW.date()
    weeks = {e.week for e in rows(demo, ProgressEntry) if e.project_id == launch.id}
    assert weeks == {iso_week(today - timedelta(weeks=n)) for n in (0, 1, 2)}


def test_load_demo_returns_counts_per_table(store):
    counts = store.load_demo(clock=FixedClock(NOW))
    assert counts["project"] == store.count(Project) == 3
    assert counts["task"] == store.count(Task)
    assert counts["meeting"] == store.count(Meeting)
    assert all(counts[t] == store.count(m) for t, m in (("person", Person), ("signoff", SignOff)))


def test_demo_directory(demo):
    people = {p.id: p for p in rows(demo, Person)}
    for dept in rows(demo, Department):
        assert dept.head_id is not None, dept.name
        assert people[dept.head_id].department_id == dept.id, dept.name
        members = [p for p in people.values() if p.department_id == dept.id]
        assert 2 <= len(members) <= 3, dept.name
        assert all("@" in p.email and p.chat and p.role for p in members)
    assert any(d.external for d in rows(demo, Department))


def test_demo_follows_the_playbook_where_it_should(demo):
    today = NOW.date()
    meetings = rows(demo, Meeting)
    rules = {"requirement_review": (30, 60), "weekly_progress": (30, 30), "retrospective": (60, 90)}
    for m in meetings:
        low, high = rules.get(m.kind.value, (1, 1440))
        assert low <= m.duration_min <= high, m.title
    # An open item hands over to a follow-up meeting that records what it follows.
    follow = next(m for m in meetings if m.kind == MeetingKind.FOLLOW_UP)
    assert follow.follow_up_of_id is not None
    assert any(o.follow_up_meeting_id == follow.id for o in rows(demo, OpenItem))
    # One approved resource still lacks its in-place date (a rule the app flags).
    assert any(
        r.status == ResourceStatus.APPROVED and r.in_place_on is None
        for r in rows(demo, ResourceRequest)
    )
    # One risk was raised less than 24 hours before the date it threatens.
    late = [
        r
        for r in rows(demo, RiskWarning)
        if r.threatened_on
        and datetime.combine(r.threatened_on, datetime.min.time(), UTC) - r.raised_at
        < timedelta(hours=24)
    ]
    assert late
    # The closed project: ended about 20 days ago, signed by every department.
    closed = demo.project("VIP-PTS")
    assert closed.phase.value == "closed"
    assert abs((today - closed.ended_at.date()).days - 20) <= 2
    signers = {s.department_id for s in rows(demo, SignOff) if s.project_id == closed.id}
    collaborating = {
        link.department_id for link in rows(demo, ProjectDepartment) if link.project_id == closed.id
    }
    assert collaborating and collaborating <= signers
    retro = next(
        m for m in meetings if m.project_id == closed.id and m.kind == MeetingKind.RETROSPECTIVE
    )
    assert timedelta(0) < retro.start_at - closed.ended_at <= timedelta(days=5)
    dims = {r.dimension for r in rows(demo, RetroItem) if r.project_id == closed.id}
    assert dims == set(RetroDimension)
    practices = rows(demo, BestPractice)
    assert 3 <= len(practices) <= 4
    assert all(p.source_project_id == closed.id and p.source_retro_item_id for p in practices)


def test_demo_dates_follow_the_injected_now(tmp_path):
    first = Store(f"sqlite:///{tmp_path}/a.sqlite3", user="tester")
    second = Store(f"sqlite:///{tmp_path}/b.sqlite3", user="tester")
    try:
        first.load_demo(clock=FixedClock(NOW))
        second.load_demo(clock=FixedClock(LATER))
        shift = LATER.date() - NOW.date()

        def milestones(s):
            return {(m.project_id, m.name): m.due_on for m in rows(s, Milestone)}

        a, b = milestones(first), milestones(second)
        assert a.keys() == b.keys() and a
        assert all(b[k] - a[k] == shift for k in a)
        starts_a = {m.title: m.start_at for m in rows(first, Meeting)}
        starts_b = {m.title: m.start_at for m in rows(second, Meeting)}
        assert all(starts_b[t] - starts_a[t] == shift for t in starts_a)
        assert all(m.start_at.tzinfo is not None for m in rows(first, Meeting))
    finally:
        first.close()
        second.close()


def test_demo_refuses_a_non_empty_store(demo):
    before = demo.count(Task)
    with pytest.raises(ValidationError, match="--force"):
        demo.load_demo(clock=FixedClock(NOW))
    assert demo.count(Task) == before
    assert demo.last_backup is None


def test_demo_force_replaces_and_backs_up(demo, tmp_path):
    demo.create_project("EXTRA", "一个额外的项目")
    counts = demo.load_demo(clock=FixedClock(LATER), force=True)
    backup = demo.last_backup
    assert backup is not None and backup.exists()
    assert backup.parent == tmp_path
    assert backup.name.startswith("t.sqlite3.before-demo.") and backup.name.endswith(".bak")
    assert demo.count(Project) == counts["project"] == 3
    assert {p.code for p in demo.projects()} == {"Q4-LAUNCH", "CX-FIX", "VIP-PTS"}
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT count(*) FROM project").fetchone()[0] == 4
    # A second forced load makes a second backup rather than overwriting the first.
    demo.load_demo(clock=FixedClock(NOW), force=True)
    assert demo.last_backup != backup and demo.last_backup.exists()


def test_demo_force_on_an_empty_store_makes_no_backup(store, tmp_path):
    store.load_demo(clock=FixedClock(NOW), force=True)
    assert store.last_backup is None
    assert not list(tmp_path.glob("*.bak"))


# --------------------------------------------------------------------------- datasets


def test_bad_reference_names_the_path_and_writes_nothing(store, demo_data):
    demo_data["projects"][0]["tasks"][3]["owner"] = "p_x"
    with pytest.raises(ValidationError) as caught:
        store.load_dataset(demo_data, clock=FixedClock(NOW))
    assert str(caught.value) == "projects[0].tasks[3].owner: unknown person key 'p_x'"
    assert caught.value.field == "projects[0].tasks[3].owner"
    assert store.is_empty()
    assert store.count(Task) == store.count(Department) == store.count(Change) == 0


DROP = object()
MILESTONE = {"name": "上线", "due_on": "+7d"}

#: (where in tiny(), fields to set, the start of the expected message)
BAD_VALUES = [
    (
        "projects.0.tasks.1",
        {"status": "finished"},
        "projects[0].tasks[1].status: 'finished' is not one of: todo",
    ),
    ("projects.0.tasks.2", {"due_on": "soon"}, "projects[0].tasks[2].due_on: 'soon' is not a date"),
    (
        "projects.0.tasks.0",
        {"progress": 120},
        "projects[0].tasks[0].progress: 120 is outside 0–100",
    ),
    (
        "projects.0.tasks.0",
        {"progress": "50"},
        "projects[0].tasks[0].progress: expected a whole number",
    ),
    ("projects.0.tasks.0", {"owner": DROP}, "projects[0].tasks[0].owner: required, but missing"),
    ("projects.0.tasks.0", {"owner_id": 1}, "projects[0].tasks[0].owner_id: unknown field"),
    ("projects.0.tasks.0", {"colour": "red"}, "projects[0].tasks[0].colour: unknown field"),
    ("projects.0.tasks.3", {"code": "T1"}, "projects[0].tasks[3]: clashes with another record"),
    (
        "projects.0.meetings.0",
        {"key": "m2"},
        "projects[0].meetings[1].key: duplicate meeting key 'm2'",
    ),
    (
        "projects.0.meetings.0",
        {"follow_up_of": "m9"},
        "projects[0].meetings[0].follow_up_of: unknown meeting key 'm9'",
    ),
    (
        "projects.0.meetings.0",
        {"start_at": "-2d"},
        "projects[0].meetings[0].start_at: '-2d' is not a date and time",
    ),
    (
        "projects.0.risks.0",
        {"tasks": ["T1", "T9"]},
        "projects[0].risks[0].tasks[1]: unknown task key 'T9'",
    ),
    (
        "projects.0",
        {"milestones": [MILESTONE, "x"]},
        "projects[0].milestones[1]: expected an object",
    ),
    ("projects.0", {"goals": {}}, "projects[0].goals: expected a list"),
    ("departments.0", {"head": "nobody"}, "departments[0].head: unknown person key 'nobody'"),
    ("departments.0", {"external": "yes"}, "departments[0].external: expected true or false"),
    ("people.0", {"email": "wang"}, "people[0].email: 'wang' is not an e-mail address"),
    ("", {"format": "collab-dataset/0"}, "format: expected 'collab-dataset/1'"),
    ("", {"tasks": []}, "tasks: unknown section"),
]


@pytest.mark.parametrize(("where", "fields", "message"), BAD_VALUES)
def test_bad_values_name_the_path_and_write_nothing(store, where, fields, message):
    data = tiny()
    target = data
    for step in filter(None, where.split(".")):
        target = target[int(step)] if step.isdigit() else target[step]
    for name, value in fields.items():
        if value is DROP:
            del target[name]
        else:
            target[name] = value
    with pytest.raises(ValidationError) as caught:
        store.load_dataset(data, clock=FixedClock(NOW))
    assert str(caught.value).startswith(message)
    assert store.is_empty()
    assert store.count(Change) == 0


def test_tiny_dataset_resolves_keys(store):
    counts = store.load_dataset(tiny(), clock=FixedClock(NOW))
    assert counts["task"] == 4 and counts["risktask"] == 1 and counts["riskdepartment"] == 1
    assert counts["bestpractice"] == 0
    dept = rows(store, Department)[0]
    person = rows(store, Person)[0]
    assert dept.head_id == person.id and person.department_id == dept.id
    m1, m2 = sorted(rows(store, Meeting), key=lambda m: m.title)
    assert m1.follow_up_of_id == m2.id
    assert m1.start_at == datetime(2026, 11, 19, 10, 0, tzinfo=UTC)
    assert [t.position for t in sorted(rows(store, Task), key=lambda t: t.code)] == [0, 1, 2, 3]


def test_load_is_logged_under_its_intent_and_actor(store):
    counts = store.load_dataset(tiny(), clock=FixedClock(NOW), intent="fixture.load")
    changes = rows(store, Change)
    assert changes
    assert {c.intent for c in changes} == {"fixture.load"}
    assert {c.actor for c in changes} == {"tester"}
    assert len({c.txn for c in changes}) == 1  # one transaction
    creates = [c for c in changes if c.action == ChangeAction.CREATE]
    assert len(creates) == sum(counts.values())


def test_demo_load_is_logged(demo):
    changes = rows(demo, Change)
    assert {c.intent for c in changes} == {"demo.load"}
    assert {c.actor for c in changes} == {"tester"}


def test_loading_twice_clashes_on_names(store):
    store.load_dataset(tiny(), clock=FixedClock(NOW))
    before = store.count(Change)
    with pytest.raises(ValidationError, match=r"departments\[0\]: clashes with another record"):
        store.load_dataset(tiny(), clock=FixedClock(NOW))
    assert store.count(Change) == before


def test_practices_link_to_their_source(store):
    data = tiny()
    data["projects"][0]["retro"] = [{"key": "r1", "text": "好", "dimension": "highlight"}]
    data["practices"] = [
        {"title": "p", "tags": ["会议", " 纪要"], "source_project": "X", "source_retro_item": "r1"}
    ]
    store.load_dataset(data, clock=FixedClock(NOW))
    practice = rows(store, BestPractice)[0]
    assert practice.tags == "会议,纪要"
    assert practice.source_project_id == store.project("X").id
    assert practice.source_retro_item_id == rows(store, RetroItem)[0].id


def test_practice_with_unknown_retro_item(store):
    data = tiny()
    data["practices"] = [{"title": "p", "source_project": "X", "source_retro_item": "r9"}]
    with pytest.raises(ValidationError, match=r"practices\[0\].source_retro_item: unknown retro"):
        store.load_dataset(data, clock=FixedClock(NOW))
    assert store.is_empty()


def test_a_clock_cannot_stand_at_a_naive_moment():
    with pytest.raises(ValueError, match="timezone-aware"):
        FixedClock(datetime(2026, 11, 20, 9, 30))


def test_the_real_clock_dates_the_dataset_in_its_zone(store):
    """The real clock (not a fixed one) in Kiritimati, UTC+14: "+7d" is a week from its today."""
    clock = Clock("Pacific/Kiritimati")
    store.load_dataset(tiny(), clock=clock)
    milestone = rows(store, Milestone)[0]
    assert milestone.due_on == clock.today() + timedelta(days=7)


def test_fixed_offset_zone(store):
    plus8 = timezone(timedelta(hours=8))
    store.load_dataset(tiny(), clock=FixedClock(NOW, plus8))
    m1 = min(rows(store, Meeting), key=lambda m: m.start_at)
    assert m1.start_at == datetime(2026, 11, 18, 2, 0, tzinfo=UTC)
