"""Joint acceptance (《成果验收报告》): items, verdicts, merges, drops, sign-offs, the gate."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from collabtui import i18n
from collabtui.domain.acceptance import (
    AcceptanceItemRow,
    AcceptanceReport,
    SignOffRow,
    acceptance_problems,
    unaccepted_departments,
)
from collabtui.domain.enums import Phase
from collabtui.store import ConflictError, NotFound, ValidationError
from collabtui.store.models import AcceptanceItem, SignOff

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


@pytest.fixture
def q4(demo_store):
    """The demo store with Q4-LAUNCH's acceptance items generated."""
    demo_store.generate_acceptance_items("Q4-LAUNCH")
    return demo_store


def report(store, code="Q4-LAUNCH") -> AcceptanceReport:
    return store.acceptance_report(code)


def member(store, department: str):
    """The first current member of the department called ``department``."""
    dept = next(d for d in store.departments() if d.name == department)
    return dept, next(p for p in store.people() if p.department_id == dept.id)


def sign_all(store, code="Q4-LAUNCH", verdict="accepted") -> None:
    """Every collaborating department of ``code`` signs with ``verdict``."""
    for row in report(store, code).required:
        person = next(p for p in store.people() if p.department_id == row.department_id)
        store.sign_off(
            code,
            row.department_id,
            person_id=person.id,
            verdict=verdict,
            comment="ok",
            signed_at=NOW,
        )


def judge_all(store, code="Q4-LAUNCH", verdict="pass") -> None:
    for item in report(store, code).items:
        store.set_verdict(item.id, item.version, verdict, "checked")


def to_accepting(store, code="Q4-LAUNCH"):
    project = store.project(code)
    return store.edit_project(project.id, project.version, phase=Phase.ACCEPTING)


# ---------------------------------------------------------------------- generation


def test_generation_makes_one_item_per_thing_tasks_standing_for_the_deliverables_they_deliver(
    demo_store,
):
    """Issue 16: no two items for the same thing. A task that delivers a request
    deliverable gets the item (in the deliverable's place, with its agreed standard when
    the task has none); a deliverable no task delivers keeps its own item; the other
    tasks follow by code."""
    added = demo_store.generate_acceptance_items("Q4-LAUNCH")
    tasks = {k.code: k for k in demo_store.task_rows("Q4-LAUNCH") if k.deliverable.strip()}
    deliverables = {d.name: d for d in demo_store.deliverables(demo_store.project_id("Q4-LAUNCH"))}
    items = report(demo_store).items
    assert len(added) == len(items) == len(tasks) + 1  # 14 tasks + the one nobody delivers
    assert [i.task_code or i.deliverable for i in items] == [
        "T-08",  # 上市发布会
        "T-03",  # 线上线下推广物料
        "T-04",  # 电商详情页与预售活动 …
        "T-05",  # … delivered by two tasks
        "T-09",  # 经销商培训
        "T-11",  # 客服话术与 FAQ
        "首月销售复盘报告",  # no task delivers it: its own item
        "T-01",
        "T-02",
        "T-06",
        "T-07",
        "T-10",
        "T-12",
        "T-13",
        "T-14",
    ]
    own = next(i for i in items if i.task_id is None)
    assert own.quality_standard == deliverables["首月销售复盘报告"].quality_standard
    t09 = next(i for i in items if i.task_code == "T-09")
    assert tasks["T-09"].quality_standard == ""  # the task has none: the agreed one is used
    assert t09.quality_standard == deliverables["经销商培训"].quality_standard
    assert t09.deliverable == tasks["T-09"].deliverable
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    assert {i.verdict for i in items} == {"pending"}


@pytest.mark.parametrize(
    ("name", "texts", "same"),
    [
        ("上市发布会", ["新品发布会策划与执行"], True),  # 发布会 in common
        ("线上线下推广物料", ["线上媒体投放计划与执行", "投放排期表与周报"], False),  # only 线上
        ("CRM routing rules", ["CRM ticket routing rules"], True),  # every word
        ("Complaint taxonomy", ["Routing rules for the 12 complaint categories"], False),
        ("客服话术与 FAQ", ["客服话术手册与 ＦＡＱ 60 条"], True),  # width folded
        ("客服话术与 FAQ", ["客服话术手册"], False),  # FAQ missing
        ("积分", ["积分商城"], False),  # too short to tell: its own item
    ],
)
def test_the_rule_of_what_a_task_delivers(name, texts, same):
    from collabtui.domain.acceptance import delivers

    assert delivers(name, texts) is same


def test_generation_is_idempotent_and_respects_dropped_and_merged_items(q4):
    before = report(q4)
    assert q4.generate_acceptance_items("Q4-LAUNCH") == []
    first, second, third = before.items[:3]
    q4.drop_acceptance_item(first.id, first.version, "covered by the launch review")
    q4.merge_acceptance_items(second.id, [third.id])
    assert q4.generate_acceptance_items("Q4-LAUNCH") == []
    after = report(q4)
    assert len(after.items) == len(before.items) - 2
    assert len(after.dropped) == 2


def test_generation_matches_texts_loosely_and_tasks_by_link(demo_store):
    deliverable = demo_store.deliverables(demo_store.project_id("Q4-LAUNCH"))[0]
    task = demo_store.task_rows("Q4-LAUNCH")[0]
    demo_store.add_acceptance_item(
        "Q4-LAUNCH", deliverable=f"  {deliverable.name.upper()}  ", quality_standard="x"
    )
    demo_store.add_acceptance_item("Q4-LAUNCH", deliverable="renamed", task_id=task.id)
    added = demo_store.generate_acceptance_items("Q4-LAUNCH")
    assert deliverable.name not in [a.deliverable for a in added]
    assert task.id not in [a.task_id for a in added]


def test_generation_of_an_unknown_project(store):
    with pytest.raises(NotFound):
        store.generate_acceptance_items("NOPE")


# ---------------------------------------------------------------------- items


def test_add_and_edit_an_item(q4):
    task = q4.task_rows("Q4-LAUNCH")[2]
    item = q4.add_acceptance_item(
        "Q4-LAUNCH", deliverable="  [bold]x[/] 海报 ", quality_standard=" A4 ", task_id=task.id
    )
    assert (item.deliverable, item.quality_standard) == ("[bold]x[/] 海报", "A4")
    assert item.position == max(i.position for i in report(q4).items)
    edited = q4.edit_acceptance_item(item.id, item.version, note=" printed ", task_id=None)
    row = next(i for i in report(q4).items if i.id == item.id)
    assert (row.note, row.task_id, row.task_code) == ("printed", None, "")
    with pytest.raises(ConflictError):
        q4.edit_acceptance_item(item.id, item.version, note="stale")
    with pytest.raises(ValidationError) as err:
        q4.edit_acceptance_item(item.id, edited.version, deliverable="  ")
    assert err.value.field == "deliverable"
    with pytest.raises(TypeError):
        q4.edit_acceptance_item(item.id, edited.version, verdict="pass")


def test_an_item_cannot_link_a_task_of_another_project(q4):
    other = q4.task_rows("VIP-PTS")[0]
    with pytest.raises(ValidationError) as err:
        q4.add_acceptance_item("Q4-LAUNCH", deliverable="x", task_id=other.id)
    assert err.value.field == "task_id"
    with pytest.raises(ValidationError) as err:
        q4.add_acceptance_item("Q4-LAUNCH", deliverable="")
    assert err.value.field == "deliverable"


@pytest.mark.parametrize("verdict", ["pass", "fail", "waived", "pending"])
def test_verdicts(q4, verdict):
    item = report(q4).items[0]
    q4.set_verdict(item.id, item.version, verdict, "  why  ")
    row = report(q4).items[0]
    assert (row.verdict, row.note) == (verdict, "why")


@pytest.mark.parametrize("verdict", ["fail", "waived"])
def test_fail_and_waive_need_a_note(q4, verdict):
    item = report(q4).items[0]
    with pytest.raises(ValidationError) as err:
        q4.set_verdict(item.id, item.version, verdict, "   ")
    assert err.value.field == "note"
    assert report(q4).items[0].verdict == "pending"


def test_a_bad_verdict_and_a_stale_one(q4):
    item = report(q4).items[0]
    with pytest.raises(ValidationError) as err:
        q4.set_verdict(item.id, item.version, "maybe")
    assert err.value.field == "verdict"
    q4.set_verdict(item.id, item.version, "pass")
    with pytest.raises(ConflictError):
        q4.set_verdict(item.id, item.version, "fail", "late")


def test_drop_needs_a_reason_and_keeps_it(q4):
    item = report(q4).items[0]
    with pytest.raises(ValidationError) as err:
        q4.drop_acceptance_item(item.id, item.version, "  ")
    assert err.value.field == "reason"
    q4.drop_acceptance_item(item.id, item.version, " 与 T-08 重复 ", now=NOW)
    after = report(q4)
    assert item.id not in [i.id for i in after.items]
    (dropped,) = after.dropped
    assert (dropped.dropped_reason, dropped.dropped_at) == ("与 T-08 重复", NOW)
    with pytest.raises(ValidationError):
        q4.set_verdict(dropped.id, dropped.version, "pass")
    with pytest.raises(ValidationError):
        q4.drop_acceptance_item(dropped.id, dropped.version, "again")
    (change,) = [c for c in q4.history("acceptanceitem", item.id) if c.intent == "acceptance.drop"]
    assert change.note == "与 T-08 重复"


def test_merge_joins_texts_and_drops_the_others(q4):
    keep, a, b = report(q4).items[:3]
    q4.set_verdict(keep.id, keep.version, "pass", "looks good")
    keep = report(q4).items[0]
    merged = q4.merge_acceptance_items(
        keep.id, [a.id, b.id, keep.id, a.id], versions={keep.id: keep.version}, now=NOW
    )
    assert merged.deliverable == "; ".join([keep.deliverable, a.deliverable, b.deliverable])
    assert merged.quality_standard == "; ".join(
        [keep.quality_standard, a.quality_standard, b.quality_standard]
    )
    assert merged.note == "looks good"
    assert merged.verdict.value == "pending"  # the verdicts differed
    after = report(q4)
    assert [d.id for d in after.dropped] == [a.id, b.id]
    assert {d.dropped_reason for d in after.dropped} == {f"merged into “{keep.deliverable}”"}
    with pytest.raises(ValidationError):
        q4.merge_acceptance_items(keep.id, [a.id])  # a is dropped now


def test_merge_keeps_a_shared_verdict_and_takes_a_task(demo_store):
    tasks = demo_store.task_rows("Q4-LAUNCH")
    keep = demo_store.add_acceptance_item("Q4-LAUNCH", deliverable="Poster", quality_standard="A4")
    other = demo_store.add_acceptance_item(
        "Q4-LAUNCH", deliverable="poster", quality_standard="Print", task_id=tasks[0].id
    )
    keep = demo_store.set_verdict(keep.id, keep.version, "waived", "late")
    demo_store.set_verdict(other.id, other.version, "waived", "late")
    i18n.set_language("zh-CN")
    merged = demo_store.merge_acceptance_items(keep.id, [other.id])
    assert (merged.deliverable, merged.quality_standard) == ("Poster", "A4；Print")
    assert (merged.verdict.value, merged.note, merged.task_id) == ("waived", "late", tasks[0].id)
    assert report(demo_store).dropped[0].dropped_reason == "已合并到“Poster”"


def test_merge_refuses_nothing_other_projects_and_stale_versions(q4):
    keep, other = report(q4).items[:2]
    with pytest.raises(ValidationError):
        q4.merge_acceptance_items(keep.id, [keep.id])
    foreign = q4.add_acceptance_item("VIP-PTS", deliverable="x")
    with pytest.raises(ValidationError):
        q4.merge_acceptance_items(keep.id, [foreign.id])
    with pytest.raises(ConflictError):
        q4.merge_acceptance_items(keep.id, [other.id], versions={other.id: other.version - 1})
    assert len(report(q4).dropped) == 0  # nothing half-done


# ---------------------------------------------------------------------- sign-offs


def test_the_report_lists_every_department_taking_part(demo_store):
    rows = report(demo_store).signoffs
    assert [(r.department, r.role) for r in rows] == [
        ("产品部", "collaborating"),
        ("销售部", "collaborating"),
        ("设计部", "collaborating"),
        ("客服部", "collaborating"),
        ("技术部", "collaborating"),
        ("市场部", "requesting"),
        ("星辰广告公司", "external"),
    ]
    assert not any(r.signed for r in rows)
    closed = report(demo_store, "VIP-PTS")
    assert closed.can_close and closed.signed_count == 3
    assert [r.role for r in closed.signoffs] == ["collaborating"] * 3 + ["requesting"]


def test_sign_off_then_sign_again_updates(demo_store):
    dept, person = member(demo_store, "设计部")
    first = demo_store.sign_off(
        "Q4-LAUNCH", dept.id, person_id=person.id, verdict="accepted", signed_at=NOW
    )
    row = next(r for r in report(demo_store).signoffs if r.department_id == dept.id)
    assert (row.person, row.verdict, row.signed_at, row.accepts) == (
        person.name,
        "accepted",
        NOW,
        True,
    )
    later = NOW + timedelta(hours=2)
    again = demo_store.sign_off(
        "Q4-LAUNCH",
        dept.id,
        person_id=person.id,
        verdict="rejected",
        comment="  颜色偏差 ",
        signed_at=later,
        version=first.version,
    )
    assert again.id == first.id and demo_store.count(SignOff) == 5  # VIP-PTS's 4 + this one
    row = next(r for r in report(demo_store).signoffs if r.department_id == dept.id)
    assert (row.verdict, row.comment, row.signed_at, row.accepts) == (
        "rejected",
        "颜色偏差",
        later,
        False,
    )


def test_sign_off_conflicts(demo_store):
    dept, person = member(demo_store, "设计部")
    first = demo_store.sign_off("Q4-LAUNCH", dept.id, person_id=person.id, verdict="accepted")
    with pytest.raises(ConflictError):  # the screen showed no sign-off
        demo_store.sign_off(
            "Q4-LAUNCH", dept.id, person_id=person.id, verdict="accepted", version=0
        )
    with pytest.raises(ConflictError):
        demo_store.sign_off(
            "Q4-LAUNCH", dept.id, person_id=person.id, verdict="accepted", version=first.version + 1
        )
    with pytest.raises(ConflictError):
        demo_store.withdraw_sign_off(first.id, first.version + 1)
    demo_store.withdraw_sign_off(first.id, first.version)
    assert not next(r for r in report(demo_store).signoffs if r.department_id == dept.id).signed


def test_the_person_must_belong_to_the_department(demo_store):
    dept, _ = member(demo_store, "设计部")
    _, outsider = member(demo_store, "技术部")
    with pytest.raises(ValidationError) as err:
        demo_store.sign_off("Q4-LAUNCH", dept.id, person_id=outsider.id, verdict="accepted")
    assert err.value.field == "person_id" and outsider.name in str(err.value)
    with pytest.raises(ValidationError) as err:
        demo_store.sign_off("Q4-LAUNCH", dept.id, person_id=None, verdict="accepted")
    assert err.value.field == "person_id"
    _, designer = member(demo_store, "设计部")
    demo_store.retire_person(designer.id, designer.version)
    with pytest.raises(ValidationError) as err:
        demo_store.sign_off("Q4-LAUNCH", dept.id, person_id=designer.id, verdict="accepted")
    assert err.value.field == "person_id"


def test_only_departments_taking_part_sign(demo_store):
    dept, person = member(demo_store, "Quality")
    with pytest.raises(ValidationError) as err:
        demo_store.sign_off("Q4-LAUNCH", dept.id, person_id=person.id, verdict="accepted")
    assert err.value.field == "department_id"
    lead, lead_person = member(demo_store, "市场部")
    demo_store.sign_off("Q4-LAUNCH", lead.id, person_id=lead_person.id, verdict="accepted")
    partner, partner_person = member(demo_store, "星辰广告公司")
    demo_store.sign_off("Q4-LAUNCH", partner.id, person_id=partner_person.id, verdict="accepted")
    assert report(demo_store).signed_count == 0  # neither is a collaborating department


@pytest.mark.parametrize("verdict", ["accepted_with_reservations", "rejected"])
def test_reservations_and_rejections_need_a_comment(demo_store, verdict):
    dept, person = member(demo_store, "设计部")
    with pytest.raises(ValidationError) as err:
        demo_store.sign_off("Q4-LAUNCH", dept.id, person_id=person.id, verdict=verdict)
    assert err.value.field == "comment"
    with pytest.raises(ValidationError) as err:
        demo_store.sign_off("Q4-LAUNCH", dept.id, person_id=person.id, verdict="fine")
    assert err.value.field == "verdict"


# ---------------------------------------------------------------------- the rule


def _report(verdicts: list[str], signoffs: list[tuple[str, str]]) -> AcceptanceReport:
    items = tuple(
        AcceptanceItemRow(n, 1, n, f"d{n}", "", None, "", v, "") for n, v in enumerate(verdicts)
    )
    rows = tuple(
        SignOffRow(n, f"D{n}", role, n if verdict else None, 1, 1, "p", NOW, verdict)
        for n, (role, verdict) in enumerate(signoffs)
    )
    return AcceptanceReport(1, "X", "x", "accepting", items, (), rows)


def test_acceptance_problems_pure():
    done = _report(["pass", "waived"], [("collaborating", "accepted"), ("requesting", "")])
    assert done.all_signed and done.can_close and acceptance_problems(done) == []
    open_ = _report(
        ["fail", "pending", "pass"],
        [
            ("collaborating", ""),
            ("collaborating", "rejected"),
            ("collaborating", "accepted_with_reservations"),
        ],
    )
    assert (open_.signed_count, len(open_.required), open_.can_close) == (1, 3, False)
    assert [(p.key, p.params, p.hint) for p in acceptance_problems(open_)] == [
        ("gap.not_signed", {"department": "D0"}, False),
        ("acceptance.gap.rejected", {"department": "D1"}, False),
        ("gap.acceptance_failed", {"n": 1}, False),
        ("acceptance.hint.pending", {"n": 1}, True),
    ]
    assert unaccepted_departments(open_, lambda n: f"{n}!") == ("D0", "D1!")
    empty = _report([], [("collaborating", "accepted")])
    assert [p.key for p in acceptance_problems(empty)] == ["acceptance.hint.no_items"]


def test_the_gate_all_signed_and_nothing_failed_has_no_gaps(q4):
    project = to_accepting(q4)
    judge_all(q4)
    sign_all(q4)
    assert q4.phase_gaps(project.id, TODAY) == []
    moved = q4.advance_phase(project.id, project.version, TODAY)
    assert moved.phase is Phase.RETROSPECTIVE
    assert q4.phase_overrides(project.id) == []


def test_the_gate_lists_missing_and_rejecting_departments(q4):
    project = to_accepting(q4)
    gaps = [g for g in q4.phase_gaps(project.id, TODAY) if g.key == "gap.not_signed"]
    assert [g.params["department"] for g in gaps] == [r.department for r in report(q4).required]
    dept, person = member(q4, "设计部")
    q4.sign_off("Q4-LAUNCH", dept.id, person_id=person.id, verdict="rejected", comment="no")
    names = [g.message(i18n.t) for g in q4.phase_gaps(project.id, TODAY)]
    assert "设计部 (rejected) has not signed off" in names


def test_the_gate_one_failed_item_blocks_and_a_typed_reason_overrides(q4):
    project = to_accepting(q4)
    judge_all(q4)
    sign_all(q4)
    item = report(q4).items[0]
    q4.set_verdict(item.id, item.version, "fail", "media count 28 < 30")
    gaps = q4.phase_gaps(project.id, TODAY)
    assert [(g.key, g.params) for g in gaps] == [("gap.acceptance_failed", {"n": 1})]
    with pytest.raises(ValidationError):
        q4.advance_phase(project.id, project.version, TODAY)
    moved = q4.advance_phase(project.id, project.version, TODAY, "  客户已书面接受，下季度补齐  ")
    assert moved.phase is Phase.RETROSPECTIVE
    assert [c.note for c in q4.phase_overrides(project.id)] == ["客户已书面接受，下季度补齐"]


def test_a_dropped_failed_item_no_longer_blocks(q4):
    project = to_accepting(q4)
    judge_all(q4)  # an item never judged blocks too (issue 16)
    sign_all(q4)
    item = report(q4).items[0]
    failed = q4.set_verdict(item.id, item.version, "fail", "x")
    assert q4.phase_gaps(project.id, TODAY)
    q4.drop_acceptance_item(item.id, failed.version, "out of scope after the review")
    assert q4.phase_gaps(project.id, TODAY) == []


def test_items_and_sign_offs_go_with_their_project(q4):
    dept, person = member(q4, "设计部")
    q4.sign_off("Q4-LAUNCH", dept.id, person_id=person.id, verdict="accepted")
    assert q4.count(AcceptanceItem) > 0
    assert q4.history("acceptanceitem", report(q4).items[0].id)[0].project_id == q4.project_id(
        "Q4-LAUNCH"
    )
