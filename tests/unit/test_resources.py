"""Resource requests (《资源申请表》): the store's lifecycle and checks, and the rules."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from collabtui import i18n
from collabtui.domain.playbook import resource_problems
from collabtui.domain.views import ResourceRow
from collabtui.store import ConflictError, NotFound, ValidationError

TODAY = date(2026, 11, 27)  # the day of FIXED_NOW


@pytest.fixture
def small(store):
    """A store with two projects (CX-FIX, OTHER), a department, and a task in each."""
    dept = store.add_department("IT")
    owner = store.add_person("Ann", department_id=dept.id)
    for code in ("CX-FIX", "OTHER"):
        store.create_project(code, f"Project {code}")
        store.create_task(code, code=f"{code[0]}-01", title="Routing", owner_id=owner.id)
    return store


@pytest.fixture
def filed(small):
    """``(store, request)``: a fresh people request of CX-FIX, still ``requested``."""
    request = small.create_resource(
        "CX-FIX",
        kind="people",
        description="  QA tester ",
        quantity=2,
        unit="persons",
        department_id=small.departments()[0].id,
        purpose="Regression tests of the new routing",
        needed_by=TODAY + timedelta(days=10),
    )
    return small, request


def fields(store, **changes) -> dict:
    """Valid fields for a new request, with ``changes``."""
    base = {
        "kind": "equipment",
        "description": "Laptop",
        "quantity": 1.0,
        "unit": "units",
        "department_id": store.departments()[0].id,
        "purpose": "Field tests",
    }
    return {**base, **changes}


def row_of(store, request_id: int) -> ResourceRow:
    return next(r for r in store.resource_rows() if r.id == request_id)


# --------------------------------------------------------------------------- reads


def test_rows_are_ordered_by_needed_by_with_undated_last(demo_store):
    undated = demo_store.create_resource("Q4-LAUNCH", **fields(demo_store))
    rows = demo_store.resource_rows("Q4-LAUNCH")
    assert len(rows) == 8
    dated = [r.needed_by for r in rows if r.needed_by is not None]
    assert dated == sorted(dated)
    assert rows[-1].id == undated.id
    assert {r.project_code for r in rows} == {"Q4-LAUNCH"}
    assert len(demo_store.resource_rows("CX-FIX")) == 3
    assert len(demo_store.resource_rows()) == 11


def test_rows_carry_names_of_department_and_task(demo_store):
    budget = next(r for r in demo_store.resource_rows("CX-FIX") if r.kind == "budget")
    assert (budget.currency, budget.unit, budget.quantity) == ("USD", "per year", 4800)
    assert budget.department == "IT" and budget.task_code == "C-05"
    unlinked = next(r for r in demo_store.resource_rows("Q4-LAUNCH") if r.status == "rejected")
    assert (unlinked.task_id, unlinked.task_code) == (None, "")


def test_rows_of_an_unknown_project(demo_store):
    with pytest.raises(NotFound):
        demo_store.resource_rows("NOPE")


# --------------------------------------------------------------------------- writes


def test_create_tidies_and_starts_as_requested(filed):
    store, request = filed
    row = row_of(store, request.id)
    assert row.status == "requested" and row.in_place_on is None
    assert row.description == "QA tester" and row.quantity == 2.0
    change = store.history("resourcerequest", request.id)[-1]
    assert change.intent == "resource.create"


def test_budget_currency_is_uppercased_and_other_kinds_drop_it(small):
    budget = small.create_resource(
        "CX-FIX", **fields(small, kind="budget", quantity="１２,000", currency=" cny ")
    )
    assert (budget.currency, budget.quantity) == ("CNY", 12000.0)
    people = small.create_resource("CX-FIX", **fields(small, currency="USD"))
    assert people.currency == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": -1}, "quantity"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": math.inf}, "quantity"),
        ({"quantity": math.nan}, "quantity"),
        ({"quantity": "1e309"}, "quantity"),
        ({"quantity": "三"}, "quantity"),
        ({"quantity": ""}, "quantity"),
        ({"purpose": "   "}, "purpose"),
        ({"department_id": None}, "department_id"),
        ({"department_id": 999_999}, "department_id"),
        ({"kind": "budget"}, "currency"),
        ({"kind": "budget", "currency": "元"}, "currency"),
        ({"kind": "budget", "currency": "US"}, "currency"),
        ({"kind": "money"}, "kind"),
        ({"needed_by": "next week"}, "needed_by"),
        ({"in_place_on": TODAY}, "in_place_on"),
        ({"task_id": 999_999}, "task_id"),
    ],
)
def test_create_refuses_what_the_rules_forbid(small, changes, field):
    before = len(small.resource_rows())
    with pytest.raises(ValidationError) as err:
        small.create_resource("CX-FIX", **fields(small, **changes))
    assert err.value.field == field
    assert str(err.value)
    assert len(small.resource_rows()) == before


def test_a_linked_task_must_be_of_the_same_project(small):
    other = small.task_rows("OTHER")[0]
    with pytest.raises(ValidationError, match=other.code) as err:
        small.create_resource("CX-FIX", **fields(small, task_id=other.id))
    assert err.value.field == "task_id"
    own = small.task_rows("CX-FIX")[0]
    made = small.create_resource("CX-FIX", **fields(small, task_id=own.id))
    assert row_of(small, made.id).task_code == own.code


def test_unknown_fields_and_the_status_are_not_edited_as_fields(filed):
    store, request = filed
    with pytest.raises(TypeError):
        store.create_resource("CX-FIX", **fields(store), status="approved")
    with pytest.raises(TypeError):
        store.edit_resource(request.id, request.version, status="approved")


def test_edit_saves_and_a_stale_edit_conflicts(filed):
    store, request = filed
    edited = store.edit_resource(request.id, request.version, quantity=3, purpose="More tests")
    assert (edited.quantity, edited.version) == (3.0, request.version + 1)
    with pytest.raises(ConflictError) as err:
        store.edit_resource(request.id, request.version, quantity=9)
    assert err.value.theirs["quantity"] == 3.0
    assert row_of(store, request.id).quantity == 3.0


def test_edit_checks_like_create(filed):
    store, request = filed
    with pytest.raises(ValidationError) as err:
        store.edit_resource(request.id, request.version, quantity=-2)
    assert err.value.field == "quantity"
    assert row_of(store, request.id).version == request.version


# --------------------------------------------------------------------------- lifecycle


def test_requested_approved_in_place(filed):
    store, request = filed
    approved = store.set_resource_status(request.id, request.version, "approved")
    assert approved.status.value == "approved" and approved.in_place_on is None
    confirmed = store.edit_resource(approved.id, approved.version, in_place_on=TODAY)
    assert confirmed.in_place_on == TODAY
    arrived = store.set_resource_status(
        confirmed.id, confirmed.version, "in_place", TODAY + timedelta(days=1)
    )
    assert arrived.status.value == "in_place"
    assert arrived.in_place_on == TODAY + timedelta(days=1)
    intents = [c.intent for c in store.history("resourcerequest", request.id)]
    assert intents == ["resource.create", "resource.approve", "resource.edit", "resource.in_place"]


def test_approve_may_carry_the_confirmed_date_and_undo_clears_it(filed):
    store, request = filed
    approved = store.set_resource_status(request.id, request.version, "approved", TODAY)
    assert approved.in_place_on == TODAY
    undone = store.set_resource_status(approved.id, approved.version, "requested")
    assert (undone.status.value, undone.in_place_on) == ("requested", None)


def test_rejected_can_be_requested_again(filed):
    store, request = filed
    rejected = store.set_resource_status(request.id, request.version, "rejected")
    again = store.set_resource_status(rejected.id, rejected.version, "requested")
    assert again.status.value == "requested"
    assert store.set_resource_status(again.id, again.version, "approved").status == "approved"


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ((), "in_place"),
        ((), "requested"),
        (("approved",), "approved"),
        (("approved",), "rejected"),
        (("rejected",), "approved"),
        (("rejected",), "in_place"),
        (("approved", "in_place"), "approved"),
        (("approved", "in_place"), "requested"),
        (("approved", "in_place"), "rejected"),
    ],
)
def test_illegal_transitions_are_refused(filed, path, illegal):
    store, request = filed
    current = request
    for status in path:
        day = TODAY if status == "in_place" else None
        current = store.set_resource_status(current.id, current.version, status, day)
    day = TODAY if illegal == "in_place" else None
    with pytest.raises(ValidationError) as err:
        store.set_resource_status(current.id, current.version, illegal, day)
    assert err.value.field == "status"
    assert row_of(store, request.id).version == current.version


def test_transition_message_names_both_statuses_in_chinese(filed):
    store, request = filed
    i18n.set_language("zh-CN")
    with pytest.raises(ValidationError, match=r"已申请.*已到位"):
        store.set_resource_status(request.id, request.version, "in_place", TODAY)


def test_in_place_needs_its_date_and_only_dated_statuses_have_one(filed):
    store, request = filed
    approved = store.set_resource_status(request.id, request.version, "approved")
    with pytest.raises(ValidationError) as err:
        store.set_resource_status(approved.id, approved.version, "in_place")
    assert err.value.field == "in_place_on"
    with pytest.raises(ValidationError) as err:
        store.set_resource_status(approved.id, approved.version, "requested", TODAY)
    assert err.value.field == "in_place_on"
    arrived = store.set_resource_status(approved.id, approved.version, "in_place", TODAY)
    with pytest.raises(ValidationError) as err:
        store.edit_resource(arrived.id, arrived.version, in_place_on=None)
    assert err.value.field == "in_place_on"
    with pytest.raises(ValidationError):
        store.set_resource_status(arrived.id, arrived.version, "lost")


def test_status_change_and_delete_on_a_stale_version_conflict(filed):
    store, request = filed
    store.edit_resource(request.id, request.version, unit="people")
    with pytest.raises(ConflictError):
        store.set_resource_status(request.id, request.version, "approved")
    with pytest.raises(ConflictError):
        store.delete_resource(request.id, request.version)
    assert row_of(store, request.id).status == "requested"


def test_delete(filed):
    store, request = filed
    store.delete_resource(request.id, request.version)
    assert all(r.id != request.id for r in store.resource_rows())
    with pytest.raises(NotFound):
        store.delete_resource(request.id, request.version)


def test_demo_requests_pass_the_store_checks(demo_store):
    """Every demo request can be saved unchanged (the loader does not go through them)."""
    for row in demo_store.resource_rows():
        demo_store.edit_resource(row.id, row.version, purpose=row.purpose + " ")


# --------------------------------------------------------------------------- rules


def _row(status: str, needed_by: date | None, in_place_on: date | None) -> ResourceRow:
    return ResourceRow(
        id=1,
        version=1,
        project_id=1,
        project_code="P",
        kind="equipment",
        description="Servers",
        quantity=4,
        unit="units",
        currency="",
        department_id=1,
        department="IT",
        purpose="Load tests",
        needed_by=needed_by,
        task_id=None,
        task_code="",
        status=status,
        in_place_on=in_place_on,
    )


NEED = date(2026, 12, 1)


@pytest.mark.parametrize("status", ["approved", "in_place"])
def test_in_place_on_the_needed_by_date_is_in_time_a_day_later_is_flagged(status):
    assert resource_problems(_row(status, NEED, NEED), TODAY) == []
    assert resource_problems(_row(status, NEED, NEED - timedelta(days=1)), TODAY) == []
    late = resource_problems(_row(status, NEED, NEED + timedelta(days=1)), TODAY)
    assert [p.key for p in late] == ["resource.in_place_late"]
    assert (
        late[0].message(i18n.translator("en")) == "in place 2026-12-02, after needed-by 2026-12-01"
    )
    assert "晚于" in late[0].message(i18n.translator("zh-CN"))


def test_approved_without_an_in_place_date_is_flagged():
    problems = resource_problems(_row("approved", NEED, None), TODAY)
    assert [(p.field, p.key) for p in problems] == [("in_place_on", "resource.no_in_place_date")]
    assert resource_problems(_row("approved", None, None), TODAY) == problems


@pytest.mark.parametrize("status", ["requested", "rejected"])
def test_open_or_rejected_requests_are_not_flagged(status):
    assert resource_problems(_row(status, NEED, None), TODAY) == []


def test_no_needed_by_date_cannot_be_late():
    assert resource_problems(_row("in_place", None, NEED), TODAY) == []


def test_the_demo_flags_what_its_notes_say(demo_store):
    flagged = {
        r.description: [p.key for p in resource_problems(r, TODAY)]
        for r in demo_store.resource_rows()
        if resource_problems(r, TODAY)
    }
    assert flagged == {
        "发布会场地与搭建费用": ["resource.no_in_place_date"],
        "X3 样机": ["resource.in_place_late"],
    }
