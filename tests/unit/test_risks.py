"""Risk warnings (《风险预警表》): the store's lifecycle, checks, conflicts and the
24-hour rule read through the store in a time zone that is not UTC."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from collabtui.domain.clock import Clock
from collabtui.domain.lifecycle import RISK
from collabtui.domain.views import RiskRow
from collabtui.store import ConflictError, NotFound, ValidationError
from collabtui.store.models import RiskDepartment, RiskTask

SHANGHAI = timezone(timedelta(hours=8))
DUE = date(2026, 12, 1)
#: The start of the threatened day in Shanghai: 2026-11-30 16:00 UTC.
DAY_START = datetime(2026, 12, 1, tzinfo=SHANGHAI)


@pytest.fixture
def small(store):
    """Two projects (CX-FIX, OTHER), two departments, a person, a task in each project."""
    it = store.add_department("IT")
    store.add_department("Customer Service")
    owner = store.add_person("Ann", department_id=it.id)
    for code in ("CX-FIX", "OTHER"):
        store.create_project(code, f"Project {code}")
        store.create_task(
            code, code=f"{code[0]}-01", title="Routing", owner_id=owner.id, due_on=DUE
        )
    return store


def ids(store):
    """``(task of CX-FIX, task of OTHER, IT, Customer Service, Ann)`` ids."""
    cx, other = store.task_rows("CX-FIX")[0], store.task_rows("OTHER")[0]
    depts = {d.name: d.id for d in store.departments()}
    return cx.id, other.id, depts["IT"], depts["Customer Service"], store.people()[0].id


def raise_one(store, **changes):
    """A valid warning on CX-FIX, with ``changes``."""
    task, _, it, _, ann = ids(store)
    values = dict(
        title="  Licence not approved ",
        type="dependency",
        level="high",
        impact="Routing cannot go live",
        solution="Escalate to the CFO",
        threatened_on=DUE,
        raised_by_id=ann,
        raised_at=DAY_START - timedelta(days=3),
        task_ids=[task],
        department_ids=[it],
    )
    values.update(changes)
    return store.raise_risk("CX-FIX", **values)


def row_of(store, risk_id: int, tz=UTC) -> RiskRow:
    return next(r for r in store.risk_rows(tz=tz) if r.id == risk_id)


# --------------------------------------------------------------------------- reads


def test_demo_register_lists_active_warnings_first_by_threatened_date(demo_store):
    rows = demo_store.risk_rows("Q4-LAUNCH", tz=UTC)
    assert len(rows) == 6
    assert len(demo_store.risk_rows("CX-FIX", tz=UTC)) == 2
    assert len(demo_store.risk_rows(tz=UTC)) == 8
    active = [r for r in rows if r.active]
    assert rows[: len(active)] == active
    assert [r.threatened_on for r in active] == sorted(r.threatened_on for r in active)
    assert [r.status for r in rows[len(active) :]] == ["closed", "materialized"]
    everyone = demo_store.risk_rows(tz=UTC)
    assert {r.project_code for r in everyone} == {"Q4-LAUNCH", "CX-FIX"}
    assert [r.active for r in everyone] == sorted((r.active for r in everyone), reverse=True)


def test_demo_rows_carry_names_codes_and_the_computed_rule(demo_store):
    rows = {r.title: r for r in demo_store.risk_rows("Q4-LAUNCH", tz=UTC)}
    payment = rows["支付平台接口审批延迟"]
    assert payment.task_codes == ("T-05", "T-06")
    assert payment.departments == ("市场部", "技术部")
    assert (payment.raised_by, payment.type, payment.level) == ("马超", "dependency", "high")
    assert payment.lead_time == timedelta(days=7, hours=13) and not payment.late
    # raised at 09:30 on the very day it threatens
    late = rows["电商详情页开发延期"]
    assert late.lead_time == -timedelta(hours=9, minutes=30) and late.late
    assert [r.title for r in rows.values() if r.late] == ["电商详情页开发延期"]
    assert rows["竞品可能提前发布同类产品"].task_codes == ()


def test_unknown_project(demo_store):
    with pytest.raises(NotFound):
        demo_store.risk_rows("NOPE", tz=UTC)
    with pytest.raises(NotFound):
        demo_store.raise_risk("NOPE", title="x", type="other", level="low", threatened_on=DUE)


# --------------------------------------------------------------------------- the 24-hour rule


@pytest.mark.parametrize(
    ("before", "late"),
    [
        (timedelta(hours=24), False),  # exactly 24 h: in time
        (timedelta(hours=23, minutes=59), True),
        (timedelta(hours=24, minutes=1), False),
        (timedelta(0), True),
        (-timedelta(hours=2), True),  # raised after the day began
    ],
)
def test_lead_time_and_late_at_the_boundary_in_shanghai(small, before, late):
    risk = raise_one(small, raised_at=DAY_START - before)
    row = row_of(small, risk.id, tz=SHANGHAI)
    assert row.lead_time == before
    assert row.late is late


def test_the_same_warning_measured_in_utc_is_eight_hours_longer(small):
    risk = raise_one(small, raised_at=DAY_START - timedelta(hours=23, minutes=59))
    assert row_of(small, risk.id, tz=SHANGHAI).late
    in_utc = row_of(small, risk.id, tz=UTC)
    assert in_utc.lead_time == timedelta(hours=31, minutes=59)
    assert not in_utc.late


def test_the_real_clock_measures_in_the_machines_zone(small, monkeypatch):
    risk = raise_one(small, raised_at=DAY_START - timedelta(hours=24))
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert row_of(small, risk.id, tz=Clock().tz).lead_time == timedelta(hours=24)
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
        assert row_of(small, risk.id, tz=Clock().tz).lead_time == timedelta(hours=32)
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()


# --------------------------------------------------------------------------- raising


def test_raise_stores_every_field_and_the_links(small):
    task, _, it, cs, ann = ids(small)
    risk = raise_one(small, department_ids=[cs, it, cs])
    assert risk.status == "open" and risk.version == 1
    row = row_of(small, risk.id)
    assert row.title == "Licence not approved"
    assert (row.type, row.level, row.project_code) == ("dependency", "high", "CX-FIX")
    assert (row.impact, row.solution) == ("Routing cannot go live", "Escalate to the CFO")
    assert (row.threatened_on, row.raised_by_id, row.raised_by) == (DUE, ann, "Ann")
    assert row.task_ids == (task,) and row.task_codes == ("C-01",)
    assert row.departments == ("Customer Service", "IT")  # by name, each once
    assert small.count(RiskDepartment) == 2


def test_raised_at_defaults_to_now_and_the_raiser_is_optional(small):
    before = datetime.now(UTC)
    risk = small.raise_risk(
        "CX-FIX", title="Vendor late", type="external", level="low", threatened_on=DUE
    )
    row = row_of(small, risk.id)
    assert before <= row.raised_at <= datetime.now(UTC)
    assert (row.raised_by_id, row.raised_by, row.task_ids, row.departments) == (None, "", (), ())


def test_threatened_date_may_be_typed(small):
    risk = raise_one(small, threatened_on="２０２６－１２－０３")
    assert row_of(small, risk.id).threatened_on == date(2026, 12, 3)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, "title"),
        ({"type": "weather"}, "type"),
        ({"type": None}, "type"),
        ({"level": "extreme"}, "level"),
        ({"threatened_on": None}, "threatened_on"),
        ({"threatened_on": "next monday"}, "threatened_on"),
        ({"raised_by_id": 999}, "raised_by_id"),
        ({"raised_at": datetime(2026, 11, 20, 9, 0)}, "raised_at"),  # naive
        ({"department_ids": [999]}, "department_ids"),
    ],
)
def test_raise_refuses_what_breaks_a_rule(small, changes, field):
    with pytest.raises(ValidationError) as err:
        raise_one(small, **changes)
    assert err.value.field == field
    assert small.risk_rows(tz=UTC) == []
    assert small.count(RiskTask) == 0


def test_a_task_of_another_project_is_refused(small):
    _, other, *_ = ids(small)
    with pytest.raises(ValidationError, match="O-01") as err:
        raise_one(small, task_ids=[other])
    assert err.value.field == "task_ids"
    assert small.risk_rows(tz=UTC) == []


def test_the_change_log_records_the_intent(small):
    risk = raise_one(small)
    (change,) = small.history("riskwarning", risk.id)
    assert change.intent == "risk.raise"
    assert small.changed_fields(change)["title"] == [None, "Licence not approved"]


# --------------------------------------------------------------------------- editing


def test_edit_changes_fields_and_replaces_links_only_when_given(small):
    task, _, it, cs, _ = ids(small)
    risk = raise_one(small)
    edited = small.edit_risk(risk.id, risk.version, level="critical", solution=" Manual triage ")
    row = row_of(small, risk.id)
    assert (row.level, row.solution, row.version) == ("critical", "Manual triage", edited.version)
    assert row.task_ids == (task,) and row.department_ids == (it,)
    again = small.edit_risk(risk.id, row.version, task_ids=[], department_ids=[cs])
    row = row_of(small, risk.id)
    assert row.task_ids == () and row.departments == ("Customer Service",)
    assert again.version == row.version == edited.version + 1  # links alone: a new version


def test_edit_refuses_unknown_fields_and_broken_rules(small):
    risk = raise_one(small)
    with pytest.raises(TypeError):
        small.edit_risk(risk.id, risk.version, status="closed")
    with pytest.raises(TypeError):
        small.edit_risk(risk.id, risk.version, project_id=2)
    with pytest.raises(ValidationError) as err:
        small.edit_risk(risk.id, risk.version, threatened_on=None)
    assert err.value.field == "threatened_on"
    _, other, *_ = ids(small)
    with pytest.raises(ValidationError):
        small.edit_risk(risk.id, risk.version, task_ids=[other])
    row = row_of(small, risk.id)
    assert (row.version, row.threatened_on, len(row.task_ids)) == (1, DUE, 1)


def test_a_stale_edit_is_a_conflict_even_after_a_links_only_change(small):
    _, _, it, cs, _ = ids(small)
    risk = raise_one(small)
    small.edit_risk(risk.id, risk.version, department_ids=[it, cs])  # another copy
    with pytest.raises(ConflictError):
        small.edit_risk(risk.id, risk.version, title="mine")
    with pytest.raises(ConflictError):
        small.set_risk_status(risk.id, risk.version, "assessing")
    with pytest.raises(ConflictError):
        small.delete_risk(risk.id, risk.version)
    row = row_of(small, risk.id)
    assert (row.title, row.status) == ("Licence not approved", "open")


# --------------------------------------------------------------------------- lifecycle


def test_the_whole_lifecycle_and_a_reopen(small):
    risk = raise_one(small)
    version = risk.version
    for status in ("assessing", "mitigating", "closed", "open", "materialized", "open"):
        version = small.set_risk_status(risk.id, version, status, note="handled").version
        assert row_of(small, risk.id).status == status
    intents = [c.intent for c in small.history("riskwarning", risk.id)]
    assert intents == [
        "risk.raise",
        "risk.assess",
        "risk.mitigate",
        "risk.close",
        "risk.reopen",
        "risk.materialize",
        "risk.reopen",
    ]


ALL = ("open", "assessing", "mitigating", "closed", "materialized")
ALLOWED = {
    ("open", "assessing"),
    ("open", "mitigating"),
    ("open", "closed"),
    ("open", "materialized"),
    ("assessing", "mitigating"),
    ("assessing", "closed"),
    ("assessing", "materialized"),
    ("mitigating", "closed"),
    ("mitigating", "materialized"),
    ("closed", "open"),
    ("materialized", "open"),
}


def test_the_transition_table_is_the_documented_one():
    assert {(a.value, b.value) for a, targets in RISK.moves.items() for b in targets} == ALLOWED


#: A path from ``open`` to each status.
PATH = {
    "open": [],
    "assessing": ["assessing"],
    "mitigating": ["mitigating"],
    "closed": ["closed"],
    "materialized": ["materialized"],
}


@pytest.mark.parametrize(
    ("old", "new"), [(a, b) for a in ALL for b in ALL if (a, b) not in ALLOWED]
)
def test_illegal_transitions_are_refused(small, old, new):
    risk = raise_one(small)
    version = risk.version
    for step in PATH[old]:
        version = small.set_risk_status(risk.id, version, step, note="handled").version
    with pytest.raises(ValidationError) as err:
        small.set_risk_status(risk.id, version, new, note="handled")
    assert err.value.field == "status"
    row = row_of(small, risk.id)
    assert (row.status, row.version) == (old, version)


def test_an_unknown_status_is_refused(small):
    risk = raise_one(small)
    with pytest.raises(ValidationError, match="status"):
        small.set_risk_status(risk.id, risk.version, "solved")


def test_transition_messages_name_both_statuses_in_chinese(small):
    from collabtui import i18n

    risk = raise_one(small)
    closed = small.set_risk_status(risk.id, risk.version, "closed", note="handled")
    i18n.set_language("zh-CN")
    with pytest.raises(ValidationError, match=r"已关闭.*评估中"):
        small.set_risk_status(risk.id, closed.version, "assessing")


@pytest.mark.parametrize("note", ["", "   "])
def test_closing_needs_a_closing_note(small, note):
    """Issue 16: closing a risk records why; without a note it is refused, nothing written."""
    risk = raise_one(small)
    with pytest.raises(ValidationError, match="closing note") as err:
        small.set_risk_status(risk.id, risk.version, "closed", note=note)
    assert err.value.field == "note"
    row = row_of(small, risk.id)
    assert (row.status, row.version, row.closing_note) == ("open", risk.version, "")


def test_the_closing_note_is_kept_and_shown_until_reopened(small):
    risk = raise_one(small)
    closed = small.set_risk_status(risk.id, risk.version, "closed", note="vendor signed on 12-01")
    assert row_of(small, risk.id).closing_note == "vendor signed on 12-01"
    assert [c.note for c in small.history("riskwarning", risk.id)][-1] == "vendor signed on 12-01"
    reopened = small.set_risk_status(risk.id, closed.version, "open")
    assert row_of(small, risk.id).closing_note == ""  # open again: no closing note shown
    small.set_risk_status(risk.id, reopened.version, "closed", note="second time: gone for good")
    assert row_of(small, risk.id).closing_note == "second time: gone for good"


# --------------------------------------------------------------------------- deleting


def test_delete_removes_the_warning_and_its_links(small):
    risk = raise_one(small)
    small.delete_risk(risk.id, risk.version)
    assert small.risk_rows(tz=UTC) == []
    assert small.count(RiskTask) == small.count(RiskDepartment) == 0
    with pytest.raises(NotFound):
        small.delete_risk(risk.id, risk.version)


def test_deleting_a_task_drops_it_from_the_warning(small):
    task, *_ = ids(small)
    risk = raise_one(small)
    small.delete_task(task, small.task_row(task).version)
    assert row_of(small, risk.id).task_ids == ()
