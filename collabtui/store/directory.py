"""Departments and people: the directory every owner, attendee and signer comes from."""

from __future__ import annotations

from sqlmodel import col, select

from collabtui.domain.errors import ValidationError
from collabtui.domain.pickers import (
    DepartmentChoice,
    PersonChoice,
    order_departments,
    order_people,
)
from collabtui.store.base import StoreBase
from collabtui.store.models import Department, Person, Project, ProjectDepartment, utcnow


def _live(model):
    """Rows of ``model`` (a department or a person) that are not retired."""
    return select(model).where(col(model.retired_at).is_(None))


def _own_departments(session, project_id: int | None) -> list[int]:
    """The project's departments: the requesting one, then the collaborating ones."""
    if project_id is None:
        return []
    project = session.get(Project, project_id)
    if project is None:
        return []
    linked = session.exec(
        select(ProjectDepartment.department_id)
        .where(ProjectDepartment.project_id == project_id)
        .order_by(col(ProjectDepartment.position), col(ProjectDepartment.id))
    ).all()
    own = [project.requesting_department_id] if project.requesting_department_id else []
    return own + [d for d in linked if d not in own]


def _required(value: str, field: str) -> str:
    """``value`` stripped, or a :class:`ValidationError` naming ``field``."""
    value = (value or "").strip()
    if not value:
        raise ValidationError.of("err.required", field)
    return value


class DirectoryOps(StoreBase):
    """Store methods for the directory (mixed into :class:`~collabtui.store.Store`)."""

    def departments(self, *, include_retired: bool = False) -> list[Department]:
        """Departments by name; retired ones only when asked."""
        with self.db.read() as s:
            stmt = select(Department).order_by(Department.name)
            if not include_retired:
                stmt = stmt.where(col(Department.retired_at).is_(None))
            return list(s.exec(stmt).all())

    def people(self, *, include_retired: bool = False) -> list[Person]:
        """People by name; retired ones only when asked."""
        with self.db.read() as s:
            stmt = select(Person).order_by(Person.name)
            if not include_retired:
                stmt = stmt.where(col(Person.retired_at).is_(None))
            return list(s.exec(stmt).all())

    def picker_departments(self, project_id: int | None) -> list[DepartmentChoice]:
        """Departments for a picker: the project's own first (requesting, then the
        collaborating ones in form order), then the rest of the directory by name."""
        with self.db.read() as s:
            rows = [(d.id, d.name) for d in s.exec(_live(Department)).all()]
            own = _own_departments(s, project_id)
        return order_departments(((i, n) for i, n in rows if i is not None), own)

    def picker_people(self, project_id: int | None) -> list[PersonChoice]:
        """People for an owner picker: the project's (its departments' people and its
        lead) first, each with their department; then everyone else by name."""
        with self.db.read() as s:
            departments = [(d.id, d.name) for d in s.exec(select(Department)).all()]
            people = [(p.id, p.name, p.department_id) for p in s.exec(_live(Person)).all()]
            own = _own_departments(s, project_id)
            project = s.get(Project, project_id) if project_id is not None else None
            lead = [project.lead_id] if project is not None and project.lead_id else []
        return order_people(
            ((i, n, d) for i, n, d in people if i is not None),
            ((i, n) for i, n in departments if i is not None),
            own,
            lead,
        )

    def add_department(
        self, name: str, *, external: bool = False, head_id: int | None = None, note: str = ""
    ) -> Department:
        """Add a department or external partner."""
        name = _required(name, "name")
        with self.db.write("department.add") as u:
            if u.first(select(Department).where(Department.name == name)):
                raise ValidationError.of("err.department_exists", "name", name=name)
            return u.add(Department(name=name, external=external, head_id=head_id, note=note))

    def edit_department(self, department_id: int, version: int, **fields) -> Department:
        """Change a department's name, head, external flag or note."""
        if "name" in fields:
            fields["name"] = _required(fields["name"], "name")
        with self.db.write("department.edit") as u:
            if "name" in fields:
                clash = u.first(
                    select(Department).where(
                        Department.name == fields["name"], Department.id != department_id
                    )
                )
                if clash:
                    raise ValidationError.of("err.department_exists", "name", name=fields["name"])
            return u.edit(Department, department_id, version, **fields)

    def retire_department(self, department_id: int, version: int, *, retired: bool = True):
        """Retire (hide from pickers) or bring back a department; history keeps it."""
        with self.db.write("department.retire" if retired else "department.restore") as u:
            return u.edit(
                Department, department_id, version, retired_at=utcnow() if retired else None
            )

    def add_person(
        self,
        name: str,
        *,
        department_id: int | None = None,
        role: str = "",
        email: str = "",
        chat: str = "",
    ) -> Person:
        """Add a person to the directory."""
        name = _required(name, "name")
        email = email.strip()
        if email and "@" not in email:
            raise ValidationError.of("err.bad_email", "email", email=email)
        with self.db.write("person.add") as u:
            return u.add(
                Person(name=name, department_id=department_id, role=role, email=email, chat=chat)
            )

    def edit_person(self, person_id: int, version: int, **fields) -> Person:
        """Change a person's name, department, role or contact details."""
        if "name" in fields:
            fields["name"] = _required(fields["name"], "name")
        if fields.get("email") and "@" not in fields["email"]:
            raise ValidationError.of("err.bad_email", "email", email=fields["email"])
        with self.db.write("person.edit") as u:
            return u.edit(Person, person_id, version, **fields)

    def retire_person(self, person_id: int, version: int, *, retired: bool = True) -> Person:
        """Retire (hide from pickers) or bring back a person; history keeps them."""
        with self.db.write("person.retire" if retired else "person.restore") as u:
            return u.edit(Person, person_id, version, retired_at=utcnow() if retired else None)
