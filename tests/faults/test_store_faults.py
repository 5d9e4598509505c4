"""A full disk, a read-only file and a locked database: a clear message, nothing lost."""

from __future__ import annotations

import pytest

from collabtui import i18n
from collabtui.i18n import t
from collabtui.store import StoreError
from collabtui.store.models import Change, Task

from .inject import FAULTS, READ_ONLY_HOW

REASON = {
    "disk_full": "err.db.disk_full",
    "read_only": "err.db.read_only",
    "locked": "err.db.locked",
}


@pytest.fixture
def seeded(sqlite_store):
    person = sqlite_store.add_person("王芳")
    project = sqlite_store.create_project("F-1", "故障 faults")
    return sqlite_store, project.id, person.id


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failed_write_says_why_changes_nothing_and_works_once_fixed(seeded, fault, lang):
    store, project_id, owner_id = seeded
    i18n.set_language(lang)
    first = store.create_task(project_id, title="before", owner_id=owner_id)
    counts = store.count(Task), store.count(Change)
    long_text = "长文本 long text " * 2000  # needs new pages: the full disk refuses it
    with FAULTS[fault](store), pytest.raises(StoreError) as info:
        store.create_task(project_id, title="typed", description=long_text, owner_id=owner_id)
    assert str(info.value) == t(REASON[fault])
    assert (store.count(Task), store.count(Change)) == counts
    task = store.create_task(project_id, title="typed", description=long_text, owner_id=owner_id)
    assert store.task_row(task.id).description == long_text.strip()
    assert store.task_row(first.id).title == "before"
    if fault == "read_only":
        print(f"\nread-only file made by: {', '.join(READ_ONLY_HOW)}")


@pytest.mark.parametrize("fault", list(FAULTS))
def test_an_edit_that_fails_keeps_the_old_values_and_version(seeded, fault):
    store, project_id, owner_id = seeded
    task = store.create_task(project_id, title="old", owner_id=owner_id)
    with FAULTS[fault](store), pytest.raises(StoreError):
        store.edit_task(task.id, task.version, title="new", notes="x" * 50_000)
    row = store.task_row(task.id)
    assert (row.title, row.version) == ("old", task.version)
    store.edit_task(task.id, task.version, title="new", notes="x" * 50_000)
    assert store.task_row(task.id).title == "new"


def test_reads_still_work_while_the_database_is_locked_or_full(seeded):
    store, project_id, owner_id = seeded
    store.create_task(project_id, title="readable", owner_id=owner_id)
    for fault in ("locked", "disk_full", "read_only"):
        with FAULTS[fault](store):
            assert [r.title for r in store.task_rows(project_id)] == ["readable"]
