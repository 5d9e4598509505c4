"""Owner and department pickers: the project's own first, each person with their
department (issue 18: the English demo's people came first in the Chinese project)."""

from __future__ import annotations

from collabtui import i18n
from collabtui.domain.pickers import (
    DepartmentChoice,
    PersonChoice,
    order_departments,
    order_people,
    person_label,
)

DEPARTMENTS = [(1, "Customer Service"), (2, "IT"), (3, "市场部"), (4, "产品部")]
PEOPLE = [
    (10, "Ann Lee", 1),
    (11, "Bob", 2),
    (12, "张伟", 4),
    (13, "孙丽", 3),
    (14, "无部门", None),
]


def test_the_projects_departments_come_first_in_its_order():
    ordered = order_departments(DEPARTMENTS, own_ids=[3, 4])
    assert [d.name for d in ordered] == ["市场部", "产品部", "Customer Service", "IT"]
    assert [d.own for d in ordered] == [True, True, False, False]


def test_the_projects_people_come_first_grouped_by_its_departments():
    ordered = order_people(PEOPLE, DEPARTMENTS, own_department_ids=[3, 4])
    assert [p.name for p in ordered] == ["孙丽", "张伟", "Ann Lee", "Bob", "无部门"]
    assert ordered[0] == PersonChoice(13, "孙丽", "市场部", True)


def test_the_lead_counts_as_the_projects_own():
    ordered = order_people(PEOPLE, DEPARTMENTS, own_department_ids=[4], own_people_ids=[11])
    assert [p.name for p in ordered][:2] == ["张伟", "Bob"]


def test_without_a_project_everyone_by_name():
    ordered = order_people(PEOPLE, DEPARTMENTS, own_department_ids=[])
    assert [p.name for p in ordered] == sorted((p[1] for p in PEOPLE), key=str.casefold)
    assert order_departments(DEPARTMENTS, [])[0] == DepartmentChoice(1, "Customer Service", False)


def test_a_person_is_shown_with_their_department():
    i18n.set_language("zh-CN")
    assert person_label(PersonChoice(12, "张伟", "产品部", True)) == "张伟（产品部）"
    assert person_label(PersonChoice(14, "无部门", "", False)) == "无部门"
    i18n.set_language("en")
    assert person_label(PersonChoice(10, "Ann Lee", "IT", False)) == "Ann Lee · IT"


def test_the_chinese_projects_pickers_list_its_own_before_the_english_demo(demo_store):
    project = demo_store.project("Q4-LAUNCH")
    departments = demo_store.picker_departments(project.id)
    names = [d.name for d in departments]
    assert names[0] == "市场部"  # the requesting department
    own = [d for d in departments if d.own]
    assert {d.name for d in own} == {
        "市场部",
        "产品部",
        "销售部",
        "设计部",
        "客服部",
        "技术部",
        "星辰广告公司",
    }
    assert departments[: len(own)] == own
    assert set(names[len(own) :]) == {"Customer Service", "Quality", "Logistics", "IT"}
    people = demo_store.picker_people(project.id)
    firsts = [p for p in people if p.own]
    assert firsts and people[: len(firsts)] == firsts
    english = {
        p.name
        for p in demo_store.people()
        if p.department_id in {d.id for d in departments if not d.own}
    }
    assert english and not english & {p.name for p in firsts}
    assert all(p.department for p in firsts)
    lead = next(p for p in demo_store.people() if p.id == project.lead_id)
    assert lead.name in {p.name for p in firsts}


def test_the_english_project_lists_its_own_first_too(demo_store):
    project = demo_store.project("CX-FIX")
    departments = demo_store.picker_departments(project.id)
    assert [d.name for d in departments][:4] == ["Customer Service", "Quality", "Logistics", "IT"]
    people = demo_store.picker_people(project.id)
    assert people[0].department == "Customer Service"
