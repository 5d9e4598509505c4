"""What owner and department pickers list, and in which order (issue 18).

A project's own departments (its requesting department, then the collaborating ones in
form order) and their people come first, so the Chinese project's 产品部 and 张伟 are
not below the English demo's departments; the rest of the directory follows by name.
Each person is shown with their department, so two 张伟 are told apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from collabtui.i18n import t


@dataclass(frozen=True)
class DepartmentChoice:
    """A department a picker offers."""

    id: int
    name: str
    own: bool  # one of the project's departments


@dataclass(frozen=True)
class PersonChoice:
    """A person a picker offers, with their department's name ("" for none)."""

    id: int
    name: str
    department: str
    own: bool  # belongs to one of the project's departments, or leads the project


def order_departments(
    departments: Iterable[tuple[int, str]], own_ids: Sequence[int]
) -> list[DepartmentChoice]:
    """The project's departments first (in ``own_ids``' order), then the others by name."""
    rank = {dept_id: n for n, dept_id in enumerate(own_ids)}
    found = [DepartmentChoice(i, name, i in rank) for i, name in departments]
    return sorted(found, key=lambda d: (rank.get(d.id, len(rank)), d.name.casefold(), d.id))


def order_people(
    people: Iterable[tuple[int, str, int | None]],
    departments: Iterable[tuple[int, str]],
    own_department_ids: Sequence[int],
    own_people_ids: Iterable[int] = (),
) -> list[PersonChoice]:
    """``(id, name, department id)`` people for a picker: the project's own first
    (grouped in its departments' order), then everyone else by name."""
    names = dict(departments)
    rank = {dept_id: n for n, dept_id in enumerate(own_department_ids)}
    extra = set(own_people_ids)
    ranked = []
    for person_id, name, dept_id in people:
        own = dept_id in rank or person_id in extra
        group = rank.get(dept_id, len(rank)) if own and dept_id is not None else len(rank)
        department = names.get(dept_id, "") if dept_id is not None else ""
        choice = PersonChoice(person_id, name, department, own)
        ranked.append(((not own, group, name.casefold(), person_id), choice))
    return [choice for _, choice in sorted(ranked, key=lambda pair: pair[0])]


def person_label(choice: PersonChoice) -> str:
    """ "张伟（产品部）" / "Zhang Wei · Product": a person as a picker lists them."""
    if not choice.department:
        return choice.name
    return t("picker.person", name=choice.name, department=choice.department)
