"""Two copies on one store: the watcher sees the other's commits, and a conflict the
user resolved saves against the version they saw (never over a newer one)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabtui.domain.conflicts import as_text, differing, moment_of, same
from collabtui.store import ConflictError, Store
from tests.unit.test_outbox_store import draft


def seen_within(watcher, seconds: float = 2.0) -> bool:
    """Whether ``changed()`` says yes before the deadline (PostgreSQL's NOTIFY is async)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if watcher.changed():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def other(db_url, store):
    """A second copy of collab on the same database, as another user."""
    s = Store(db_url, user="other")
    yield s
    s.close()


def test_another_copys_commit_is_seen_once(store, other):
    watcher = store.watcher()
    assert watcher.changed() is False
    other.add_department("Sales")
    assert seen_within(watcher)
    assert watcher.changed() is False, "one commit is reported once"


def test_a_burst_of_commits_is_one_change_and_reads_are_none(store, other):
    watcher = store.watcher()
    for name in ("A", "B", "C"):
        other.add_department(name)
    assert seen_within(watcher)
    time.sleep(0.05)
    watcher.changed()  # PostgreSQL may deliver the burst in two packets
    other.departments()
    other.people()
    assert watcher.changed() is False, "reading changes nothing"


def test_own_writes_are_not_reported(store):
    """The screen that wrote shows what it wrote: reading everything again after each of
    one's own keys was the slowest part of a key on a large register (issue 20)."""
    watcher = store.watcher()
    dept = store.add_department("Sales")
    store.edit_department(dept.id, dept.version, note="mine")
    time.sleep(0.2)  # PostgreSQL's NOTIFY is asynchronous: give it time to arrive
    assert watcher.changed() is False


def test_another_copys_commit_among_own_ones_is_reported(store, other):
    watcher = store.watcher()
    store.add_department("Sales")
    other.add_department("Support")
    store.add_department("Legal")
    assert seen_within(watcher)
    assert watcher.changed() is False, "reported once"


def test_a_write_the_log_does_not_record_is_reported(store, other):
    """The outbox is not in the change log: on SQLite a watcher cannot tell whose such a
    commit was, so it says yes; on PostgreSQL the transaction names itself."""
    watcher = store.watcher()
    other.enqueue([draft()])
    assert seen_within(watcher)


def test_closing_the_store_closes_its_watchers(store, other):
    watcher = store.watcher()
    store.close()
    other.add_department("Sales")
    assert watcher.changed() is False  # closed: no error, no answer


def clash(store, other):
    """A department the other copy changed while this one was editing it: the conflict."""
    dept = store.add_department("Sales")
    other.edit_department(dept.id, dept.version, note="theirs")
    with pytest.raises(ConflictError) as caught:
        store.edit_department(dept.id, dept.version, note="mine")
    return dept, caught.value


def test_a_stale_edit_is_a_conflict_with_their_values(store, other):
    dept, exc = clash(store, other)
    assert (exc.entity, exc.entity_id, exc.expected) == ("department", dept.id, dept.version)
    assert exc.theirs["note"] == "theirs"


def test_keep_mine_saves_over_the_version_the_user_saw(store, other):
    dept, exc = clash(store, other)
    with store.accepting([exc]):
        store.edit_department(dept.id, dept.version, note="mine")
    assert store.departments()[0].note == "mine"
    changes = store.history("department", dept.id)
    assert [c.actor for c in changes][-2:] == ["other", "tester"], "both edits are logged"


def test_a_third_change_after_the_dialog_is_a_conflict_again(store, other):
    dept, first = clash(store, other)
    now = other.departments()[0]
    other.edit_department(dept.id, now.version, note="theirs again")
    with store.accepting([first]), pytest.raises(ConflictError) as second:
        store.edit_department(dept.id, dept.version, note="mine")
    assert second.value.theirs["note"] == "theirs again"
    with store.accepting([first, second.value]):  # seen that one too
        store.edit_department(dept.id, dept.version, note="mine")
    assert store.departments()[0].note == "mine"


def test_accepting_ends_with_its_block(store, other):
    dept, exc = clash(store, other)
    with store.accepting([exc]):
        pass
    with pytest.raises(ConflictError):
        store.edit_department(dept.id, dept.version, note="mine")


# ---------------------------------------------------------------------- what differs


def test_only_fields_that_really_differ_are_shown():
    theirs = {"title": "Plan", "progress": 30, "due_on": "2026-12-01", "owner_id": 3, "x": 1}
    mine = {"title": "Plan ", "progress": "30", "due_on": "2026-12-02", "owner_id": 4}
    assert differing(theirs, mine) == ["due_on", "owner_id"]
    assert same(1200.0, "1,200") and same(None, "") and same(True, 1)
    assert not same("[bold]x[/]", "x")


@given(st.dictionaries(st.sampled_from("abcdef"), st.one_of(st.none(), st.text(), st.integers())))
def test_a_record_never_differs_from_itself(values):
    assert differing(values, values) == []
    assert differing(values, {k: as_text(v) for k, v in values.items()}) == []


@given(
    st.dictionaries(st.sampled_from("abcdef"), st.text(min_size=1)),
    st.dictionaries(st.sampled_from("abcdef"), st.text(min_size=1)),
)
def test_what_differs_is_what_mine_changed_among_their_fields(theirs, mine):
    shown = differing(theirs, mine)
    assert shown == [k for k in mine if k in theirs and k in shown]
    for k in mine:
        if k in theirs and theirs[k].strip() != mine[k].strip() and k not in shown:
            assert same(theirs[k], mine[k])  # equal as numbers only


def test_stored_moments_are_recognised_and_other_text_is_not():
    assert moment_of("2026-11-27T09:30:00+00:00").utcoffset() is not None
    assert moment_of("2026-11-27") is None  # a date stays a date
    assert moment_of("2026-11-27T09:30:00") is None  # no zone: not a stored moment
    assert moment_of("Tea at 5") is None and moment_of(3) is None
