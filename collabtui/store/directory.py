"""Departments and people: the directory every owner, attendee and signer comes from."""

from __future__ import annotations

from sqlmodel import col, select

from collabtui.domain.errors import ValidationError
from collabtui.store.base import StoreBase
from collabtui.store.models import Department, Person, utcnow


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
