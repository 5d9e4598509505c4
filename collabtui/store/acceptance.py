"""Joint acceptance (《成果验收报告》): the items checked and the departments' sign-offs.

Items come from the request form's expected deliverables, with the quality standards
agreed in the requirement confirmation (``Deliverable.quality_standard``), and from the
tasks' deliverables and quality standards not covered by those. Items can be added,
edited, merged and dropped (never deleted: a dropped item keeps its reason). Each gets
a verdict — pass, fail (a note says what failed) or waived (a note says why) — and
every department taking part may sign off once; signing again replaces its sign-off.
The person signing must belong to the department they sign for.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, cast

from sqlalchemy import func
from sqlmodel import col, select

from collabtui.domain.acceptance import (
    SIGNOFFS_WITH_COMMENT,
    VERDICTS_WITH_NOTE,
    AcceptanceItemRow,
    AcceptanceReport,
    SignOffRow,
    delivers,
)
from collabtui.domain.enums import DepartmentRole, SignOffVerdict, Verdict
from collabtui.domain.errors import ConflictError, ValidationError
from collabtui.i18n import label_value, t
from collabtui.store.base import StoreBase
from collabtui.store.models import (
    AcceptanceItem,
    Deliverable,
    Department,
    Person,
    SignOff,
    Task,
    utcnow,
)
from collabtui.store.projects import _find_project, department_links
from collabtui.store.unit import record_dict

#: Item fields a form may set (the verdict and dropping have their own methods).
ITEM_FIELDS = ("deliverable", "quality_standard", "task_id", "note")

#: What separates merged texts (and what coverage splits them at again).
_PARTS = re.compile(r"\s*[;；]\s*")


def _key(text: str) -> str:
    """A text compared loosely: case and runs of whitespace do not matter."""
    return " ".join(text.split()).casefold()


def _value(x) -> str:
    return str(getattr(x, "value", x) or "")


class AcceptanceOps(StoreBase):
    """Store methods for the acceptance (mixed into :class:`~collabtui.store.Store`)."""

    # ------------------------------------------------------------------ reads

    def acceptance_report(self, project: int | str) -> AcceptanceReport:
        """The project's items (kept by position, then dropped ones) and its sign-offs.

        Sign-offs: every collaborating department in the request form's order (signed
        or not), then the requesting department and external partners, then any other
        department that signed.
        """
        with self.db.read() as s:
            p = _find_project(s, project)
            rows = s.exec(
                select(AcceptanceItem, func.coalesce(Task.code, ""), Task.status)
                .join(Task, col(Task.id) == AcceptanceItem.task_id, isouter=True)
                .where(AcceptanceItem.project_id == p.id)
                .order_by(col(AcceptanceItem.position), col(AcceptanceItem.id))
            ).all()
            links = department_links(s, p.id)
            requesting = (
                s.get(Department, p.requesting_department_id)
                if p.requesting_department_id is not None
                else None
            )
            signed = s.exec(
                select(SignOff, func.coalesce(Person.name, ""), Department.name)
                .join(Person, col(Person.id) == SignOff.person_id, isouter=True)
                .join(Department, col(Department.id) == SignOff.department_id)
                .where(SignOff.project_id == p.id)
                .order_by(col(SignOff.signed_at))
            ).all()
        items = [_item_row(item, code, status) for item, code, status in rows]
        kept = tuple(i for i in items if not i.dropped)
        dropped = tuple(  # a dropped item has its dropped_at
            sorted((i for i in items if i.dropped), key=lambda i: cast(datetime, i.dropped_at))
        )
        parts: dict[int, tuple[str, str]] = {}
        for link, d in links:
            if link.role == DepartmentRole.COLLABORATING:
                parts.setdefault(d.id, (d.name, "collaborating"))
        if requesting is not None:
            parts.setdefault(requesting.id, (requesting.name, "requesting"))
        for _link, d in links:
            parts.setdefault(d.id, (d.name, "external"))
        by_department = {so.department_id: (so, person, name) for so, person, name in signed}
        for dept, (_signoff, _person, name) in by_department.items():
            parts.setdefault(dept, (name, "other"))
        signoffs = tuple(
            _signoff_row(dept, name, role, by_department.get(dept))
            for dept, (name, role) in parts.items()
        )
        return AcceptanceReport(
            project_id=p.id,
            code=p.code,
            topic=p.topic,
            phase=_value(p.phase),
            items=kept,
            dropped=dropped,
            signoffs=signoffs,
        )

    # ------------------------------------------------------------------ items

    def generate_acceptance_items(self, project: int | str) -> list[AcceptanceItem]:
        """Add an item for every deliverable not yet covered, none twice for one thing.

        The rule (issue 16): a task with a deliverable gets one item, linked to it (passing
        it lets the task be accepted). A request deliverable (with the quality standard
        agreed in the confirmation) gets an item of its own only when no task delivers
        it (:func:`~collabtui.domain.acceptance.delivers`); otherwise the items of the
        tasks that deliver it stand for it, placed where it is in the form's order and
        taking its agreed standard when the task has none. The tasks left follow by code.

        A text is covered when an item (kept or dropped, or one part of a merged item)
        has the same text, ignoring case and spacing; a task is covered when an item links
        it. Running it twice adds nothing the second time. Returns the items added.
        """
        with self.db.write("acceptance.generate") as u:
            p = _find_project(u.session, project)
            existing = u.scalars(select(AcceptanceItem).where(AcceptanceItem.project_id == p.id))
            texts = {_key(part) for i in existing for part in _PARTS.split(i.deliverable)}
            texts |= {_key(i.deliverable) for i in existing}
            tasks = {i.task_id for i in existing if i.task_id is not None}
            position = max((i.position for i in existing), default=0)
            project_tasks = [
                k
                for k in u.scalars(
                    select(Task).where(Task.project_id == p.id).order_by(col(Task.code))
                )
                if k.deliverable.strip()
            ]
            candidates: list[tuple[str, str, int | None]] = []
            for d in u.scalars(
                select(Deliverable)
                .where(Deliverable.project_id == p.id)
                .order_by(col(Deliverable.position), col(Deliverable.id))
            ):
                by = [k for k in project_tasks if delivers(d.name, (k.title, k.deliverable))]
                if not by:
                    candidates.append((d.name, d.quality_standard, None))
                candidates += [
                    (k.deliverable, k.quality_standard or d.quality_standard, k.id) for k in by
                ]
            candidates += [(k.deliverable, k.quality_standard, k.id) for k in project_tasks]
            added = []
            for text, standard, task_id in candidates:
                key = _key(text)
                if not key or key in texts or (task_id is not None and task_id in tasks):
                    continue
                texts.add(key)
                if task_id is not None:
                    tasks.add(task_id)
                position += 1
                added.append(
                    u.add(
                        AcceptanceItem(
                            project_id=p.id,
                            position=position,
                            deliverable=text.strip(),
                            quality_standard=standard.strip(),
                            task_id=task_id,
                        )
                    )
                )
            return added

    def add_acceptance_item(
        self,
        project: int | str,
        *,
        deliverable: str,
        quality_standard: str = "",
        task_id: int | None = None,
        note: str = "",
    ) -> AcceptanceItem:
        """Add an item at the end of the list (verdict pending)."""
        with self.db.write("acceptance.add") as u:
            p = _find_project(u.session, project)
            last = u.first(
                select(func.max(AcceptanceItem.position)).where(AcceptanceItem.project_id == p.id)
            )
            item = AcceptanceItem(
                project_id=p.id,
                position=(last or 0) + 1,
                deliverable=(deliverable or "").strip(),
                quality_standard=(quality_standard or "").strip(),
                task_id=task_id,
                note=(note or "").strip(),
            )
            _check_item(u.session, item)
            return u.add(item)

    def edit_acceptance_item(self, item_id: int, version: int, **fields) -> AcceptanceItem:
        """Change an item's deliverable, quality standard, task or note (not a dropped one)."""
        unknown = set(fields) - set(ITEM_FIELDS)
        if unknown:
            raise TypeError(f"not acceptance item fields: {sorted(unknown)}")
        clean = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
        with self.db.write("acceptance.edit") as u:
            _not_dropped(u.get(AcceptanceItem, item_id))
            item = u.edit(AcceptanceItem, item_id, version, **clean)
            _check_item(u.session, item)
            return item

    def set_verdict(
        self, item_id: int, version: int, verdict: Verdict | str, note: str = ""
    ) -> AcceptanceItem:
        """Give an item its verdict and note; *fail* and *waived* need a note saying why.

        The note replaces the item's note (pass the old one to keep it).
        """
        try:
            verdict = Verdict(verdict)
        except ValueError:
            raise ValidationError.of("acceptance.err.verdict", "verdict") from None
        note = (note or "").strip()
        if verdict.value in VERDICTS_WITH_NOTE and not note:
            key = (
                "acceptance.err.note_fail"
                if verdict is Verdict.FAIL
                else "acceptance.err.note_waive"
            )
            raise ValidationError.of(key, "note")
        with self.db.write(f"acceptance.{verdict.value}") as u:
            _not_dropped(u.get(AcceptanceItem, item_id))
            return u.edit(AcceptanceItem, item_id, version, verdict=verdict, note=note)

    def merge_acceptance_items(
        self,
        keep_id: int,
        other_ids: list[int],
        *,
        versions: dict[int, int] | None = None,
        now: datetime | None = None,
    ) -> AcceptanceItem:
        """Merge ``other_ids`` into ``keep_id``: texts joined, the others dropped.

        Deliverables, quality standards and notes are joined (each text once); the
        verdict stays when all agree and is *pending* otherwise; the kept item takes the
        first linked task when it has none. Each other item is dropped with the reason
        "merged into …". ``versions`` (id → version shown) makes a stale merge a conflict.
        """
        others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
        if not others:
            raise ValidationError.of("acceptance.err.merge_nothing")
        versions = versions or {}
        moment = now or utcnow()
        with self.db.write("acceptance.merge") as u:
            keep = u.get(AcceptanceItem, keep_id)
            rows = [u.get(AcceptanceItem, i) for i in others]
            for row in (keep, *rows):
                _not_dropped(row)
                if row.project_id != keep.project_id:
                    raise ValidationError.of("acceptance.err.merge_project")
                seen = versions.get(row.id)
                if seen is not None and seen != row.version:
                    u.edit(AcceptanceItem, row.id, seen)  # raises the conflict
            group = (keep, *rows)
            sep = t("acceptance.join_sep")
            verdicts = {_value(r.verdict) for r in group}
            reason = t("acceptance.merged_into", deliverable=keep.deliverable)
            merged = {
                "deliverable": _join((r.deliverable for r in group), sep),
                "quality_standard": _join((r.quality_standard for r in group), sep),
                "note": _join((r.note for r in group), sep),
                "verdict": Verdict(verdicts.pop()) if len(verdicts) == 1 else Verdict.PENDING,
                "task_id": keep.task_id
                if keep.task_id is not None
                else next((r.task_id for r in rows if r.task_id is not None), None),
            }
            for row in rows:
                u.edit(
                    AcceptanceItem, row.id, row.version, dropped_at=moment, dropped_reason=reason
                )
            return u.edit(AcceptanceItem, keep.id, keep.version, **merged)

    def drop_acceptance_item(
        self, item_id: int, version: int, reason: str, *, now: datetime | None = None
    ) -> AcceptanceItem:
        """Take an item off the list; the reason is required and kept with it."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError.of("acceptance.err.reason", "reason")
        with self.db.write("acceptance.drop", note=reason) as u:
            _not_dropped(u.get(AcceptanceItem, item_id))
            return u.edit(
                AcceptanceItem,
                item_id,
                version,
                dropped_at=now or utcnow(),
                dropped_reason=reason,
            )

    # ------------------------------------------------------------------ sign-offs

    def sign_off(
        self,
        project: int | str,
        department_id: int,
        *,
        person_id: int | None,
        verdict: SignOffVerdict | str,
        comment: str = "",
        signed_at: datetime | None = None,
        version: int | None = None,
    ) -> SignOff:
        """Record a department's sign-off; signing again replaces the earlier one.

        The department must take part in the project (collaborating, requesting or
        external partner); the person must be a current member of that department;
        *accepted with reservations* and *rejected* need a comment. ``version`` is the
        version of the sign-off the user saw (``0``: none), so a sign-off someone else
        made meanwhile is a conflict, never silently replaced; ``None`` skips the check.
        """
        try:
            verdict = SignOffVerdict(verdict)
        except ValueError:
            raise ValidationError.of("acceptance.err.signoff_verdict", "verdict") from None
        comment = (comment or "").strip()
        with self.db.write("acceptance.sign") as u:
            p = _find_project(u.session, project)
            taking_part: set[int | None] = {d.id for _, d in department_links(u.session, p.id)}
            taking_part.add(p.requesting_department_id)
            if department_id is None or department_id not in taking_part:
                raise ValidationError.of("acceptance.err.department", "department_id")
            person = u.session.get(Person, person_id) if person_id is not None else None
            if person is None:
                raise ValidationError.of("acceptance.err.person", "person_id")
            if person.department_id != department_id or person.retired_at is not None:
                department = u.session.get(Department, department_id)
                assert department is not None  # one of the project's departments
                raise ValidationError.of(
                    "acceptance.err.person_department",
                    "person_id",
                    person=person.name,
                    department=department.name,
                )
            if verdict.value in SIGNOFFS_WITH_COMMENT and not comment:
                raise ValidationError.of(
                    "acceptance.err.comment",
                    "comment",
                    verdict=label_value("SignOffVerdict", verdict.value),
                )
            fields: dict[str, Any] = {
                "person_id": person_id,
                "verdict": verdict,
                "comment": comment,
                "signed_at": signed_at or utcnow(),
            }
            existing = u.first(
                select(SignOff).where(
                    SignOff.project_id == p.id, SignOff.department_id == department_id
                )
            )
            if existing is None:
                return u.add(SignOff(project_id=p.id, department_id=department_id, **fields))
            if version == 0:
                raise ConflictError(
                    "signoff", existing.id, 0, existing.version, record_dict(existing)
                )
            return u.edit(SignOff, existing.id, version, **fields)

    def withdraw_sign_off(self, signoff_id: int, version: int) -> None:
        """Remove a department's sign-off (it has to sign again)."""
        with self.db.write("acceptance.withdraw") as u:
            signoff = u.get(SignOff, signoff_id)
            if signoff.version != version:
                u.edit(SignOff, signoff_id, version)  # raises the conflict
            u.delete(signoff)


# ---------------------------------------------------------------------- rules


def _check_item(session, item: AcceptanceItem) -> None:
    """An item names its deliverable; a linked task belongs to the same project."""
    if not (item.deliverable or "").strip():
        raise ValidationError.of("acceptance.err.deliverable", "deliverable")
    if item.task_id is not None:
        task = session.get(Task, item.task_id)
        if task is None or task.project_id != item.project_id:
            raise ValidationError.of("acceptance.err.task", "task_id")


def _not_dropped(item: AcceptanceItem) -> None:
    if item.dropped_at is not None:
        raise ValidationError.of("acceptance.err.dropped", deliverable=item.deliverable)


# ---------------------------------------------------------------------- helpers


def _join(texts, sep: str) -> str:
    """Non-empty texts, each once (compared loosely), joined by ``sep``."""
    out: dict[str, str] = {}
    for text in texts:
        text = (text or "").strip()
        if text and _key(text) not in out:
            out[_key(text)] = text
    return sep.join(out.values())


def _item_row(item: AcceptanceItem, task_code: str, task_status=None) -> AcceptanceItemRow:
    return AcceptanceItemRow(
        id=item.id,
        version=item.version,
        position=item.position,
        deliverable=item.deliverable,
        quality_standard=item.quality_standard,
        task_id=item.task_id,
        task_code=task_code,
        verdict=_value(item.verdict),
        note=item.note,
        dropped_reason=item.dropped_reason,
        dropped_at=item.dropped_at,
        task_status="" if task_status is None else _value(task_status),
    )


def _signoff_row(department_id: int, name: str, role: str, found) -> SignOffRow:
    if found is None:
        return SignOffRow(department_id=department_id, department=name, role=role)
    signoff, person, _ = found
    return SignOffRow(
        department_id=department_id,
        department=name,
        role=role,
        signoff_id=signoff.id,
        version=signoff.version,
        person_id=signoff.person_id,
        person=person,
        signed_at=signoff.signed_at,
        verdict=_value(signoff.verdict),
        comment=signoff.comment,
    )
