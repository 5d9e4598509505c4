"""SQL is always parameterised: hostile strings in searches, filters and code lookups
are literal text, never SQL and never wildcards."""

from __future__ import annotations

import pytest

from collabtui.domain.board import TaskFilter
from collabtui.store import NotFound
from collabtui.store.models import Task
from tests.conftest import FIXED_NOW

INJECTION = "'; DROP TABLE task; --"
#: Each is only ever found in the record named after it.
LITERALS = [INJECTION, "100%", "a_b", "back\\slash", '"quoted"', "[/]"]


@pytest.fixture
def named(demo_store):
    """One project, task, person and practice per hostile literal."""
    owner = demo_store.add_person("Owner 负责人")
    for i, text in enumerate(LITERALS):
        project = demo_store.create_project(f"P{i}{text}", f"topic {text}")
        demo_store.create_task(project.id, code=f"K{i}", title=f"task {text}", owner_id=owner.id)
        demo_store.add_person(f"person {text}")
    for row, text in zip(demo_store.practices(), LITERALS, strict=False):
        demo_store.edit_practice(row.id, row.version, title=f"practice {text}")
    return demo_store


def test_the_demo_holds_none_of_the_hostile_strings(demo_store):
    found = {text: demo_store.search(text) for text in LITERALS}
    assert found == {text: [] for text in LITERALS}


@pytest.mark.parametrize("text", LITERALS)
def test_search_finds_exactly_the_records_that_contain_the_text(named, text):
    hits = named.search(text)
    assert {(h.kind, h.label) for h in hits} >= {("person", f"person {text}")}
    assert all(text in f"{h.label} {h.detail}" for h in hits), hits
    assert named.count(Task) > len(LITERALS)  # nothing was dropped


@pytest.mark.parametrize("text", LITERALS)
def test_handbook_search_is_literal(named, text):
    found = [p.title for p in named.practices(text)]
    if any(p.title == f"practice {text}" for p in named.practices()):
        assert found == [f"practice {text}"]
    else:
        assert found == []


@pytest.mark.parametrize(("i", "text"), list(enumerate(LITERALS)))
def test_project_codes_are_looked_up_literally(named, i, text):
    assert named.project(f"P{i}{text}").topic == f"topic {text}"
    with pytest.raises(NotFound):
        named.project(text)
    [card] = [c for col in [named.task_cards(f"P{i}{text}", today=FIXED_NOW.date())] for c in col]
    assert card.title == f"task {text}"


@pytest.mark.parametrize("text", LITERALS)
def test_the_board_filter_is_literal(named, text):
    cards = named.task_cards(None, TaskFilter(text=text), FIXED_NOW.date())
    assert [c.title for c in cards] == [f"task {text}"]
