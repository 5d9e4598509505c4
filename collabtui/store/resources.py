"""Resource requests (《资源申请表》): the rows the screen and the exports show, and the edits.

A request moves ``requested → approved | rejected``, ``approved → in_place``; an
approval can be undone (``approved → requested``) and a rejected request filed again
(``rejected → requested``). The in-place date (到位时间) is the date the leading
department confirmed while the request is approved, and the date it really arrived
once it is in place; a request that is only requested or was rejected has none.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from sqlalchemy import func
from sqlmodel import col, select

from collabtui.domain import lifecycle
from collabtui.domain.enums import ResourceKind, ResourceStatus
from collabtui.domain.errors import ValidationError
from collabtui.domain.inputs import check_quantity, normal, parse_day, parse_quantity
from collabtui.domain.views import ResourceRow
from collabtui.store.base import StoreBase
from collabtui.store.models import Department, Project, ResourceRequest, Task
from collabtui.store.projects import _find_project
from collabtui.store.trail import approvers

#: Resource request fields a form may set (the status has its own method).
RESOURCE_FIELDS = (
    "kind",
    "description",
    "quantity",
    "unit",
    "currency",
    "department_id",
    "purpose",
    "needed_by",
    "task_id",
    "in_place_on",
)

_R = ResourceStatus
_INTENT = {
    _R.APPROVED: "resource.approve",
    _R.REJECTED: "resource.reject",
    _R.IN_PLACE: "resource.in_place",
    _R.REQUESTED: "resource.reopen",
}
#: Statuses that may carry an in-place date (confirmed, then actual).
DATED = frozenset({_R.APPROVED, _R.IN_PLACE})

_CURRENCY = re.compile(r"^[A-Z]{3}$")


class ResourceOps(StoreBase):
    """Store methods for resource requests (mixed into :class:`~collabtui.store.Store`)."""

    # ------------------------------------------------------------------ reads

    def resource_rows(self, project: int | str | None = None) -> list[ResourceRow]:
        """The requests of ``project`` (or of all), by needed-by date (undated last), then id."""
        with self.db.read() as s:
            stmt = (
                select(
                    ResourceRequest,
                    Project.code,
                    func.coalesce(Department.name, ""),
                    func.coalesce(Task.code, ""),
                )
                .join(Project, col(Project.id) == ResourceRequest.project_id)
                .join(Department, col(Department.id) == ResourceRequest.department_id, isouter=True)
                .join(Task, col(Task.id) == ResourceRequest.task_id, isouter=True)
            )
            if project is not None:
                stmt = stmt.where(ResourceRequest.project_id == _find_project(s, project).id)
            stmt = stmt.order_by(
                col(ResourceRequest.needed_by).is_(None),
                col(ResourceRequest.needed_by),
                col(ResourceRequest.id),
            )
            rows = s.exec(stmt).all()
            approved = approvers(s, [req.id for req, *_ in rows if req.status != "requested"])
        return [
            replace(_row(req, code, dept, task), approved_by=approved.get(req.id, ""))
            if req.status in ("approved", "in_place")
            else _row(req, code, dept, task)
            for req, code, dept, task in rows
        ]

    # ------------------------------------------------------------------ writes

    def create_resource(self, project: int | str, **fields) -> ResourceRequest:
        """File a new request (status ``requested``) for ``project``."""
        _only_resource_fields(fields)
        with self.db.write("resource.create") as u:
            project_id = _find_project(u.session, project).id
            request = ResourceRequest(project_id=project_id, status=ResourceStatus.REQUESTED)
            for name, value in _clean(fields).items():
                setattr(request, name, value)
            check_resource(u.session, request)
            return u.add(request)

    def edit_resource(self, resource_id: int, version: int, **fields) -> ResourceRequest:
        """Change a request's fields (not its status: see :meth:`set_resource_status`)."""
        _only_resource_fields(fields)
        with self.db.write("resource.edit") as u:
            request = u.edit(ResourceRequest, resource_id, version, **_clean(fields))
            check_resource(u.session, request)
            return request

    def set_resource_status(
        self,
        resource_id: int,
        version: int,
        status: ResourceStatus | str,
        in_place_on: date | None = None,
    ) -> ResourceRequest:
        """Approve, reject, mark in place (``in_place_on`` required) or reopen a request.

        Approving may carry the confirmed in-place date; reopening or rejecting
        clears it. Any other change is a :class:`ValidationError`.
        """
        try:
            new = ResourceStatus(status)
        except ValueError:
            raise ValidationError.of("resource.err.status", "status") from None
        with self.db.write(_INTENT[new]) as u:
            request = u.get(ResourceRequest, resource_id)
            if request.version != version:
                u.edit(ResourceRequest, resource_id, version)  # raises the conflict
            check_transition(request.status, new)
            if new is ResourceStatus.IN_PLACE and in_place_on is None:
                raise ValidationError.of("resource.err.in_place_needed", "in_place_on")
            if new not in DATED and in_place_on is not None:
                raise ValidationError.of("resource.err.in_place_status", "in_place_on")
            request = u.edit(
                ResourceRequest, resource_id, version, status=new, in_place_on=in_place_on
            )
            check_resource(u.session, request)
            return request

    def delete_resource(self, resource_id: int, version: int) -> None:
        """Remove a request."""
        with self.db.write("resource.delete") as u:
            request = u.get(ResourceRequest, resource_id)
            if request.version != version:
                u.edit(ResourceRequest, resource_id, version)  # raises the conflict
            u.delete(request)


# ---------------------------------------------------------------------- rules


def check_transition(old: str, new: str) -> None:
    """A :class:`ValidationError` unless the move is in :data:`~collabtui.domain.lifecycle.RESOURCE`."""
    lifecycle.RESOURCE.check(old, new)


def check_resource(session, request: ResourceRequest) -> None:
    """The rules every stored request keeps; raises :class:`ValidationError`.

    In the form's order: a known kind; a finite quantity above 0; a budget with a
    three-letter currency code (other kinds carry none); a requesting department
    that exists; a purpose; a linked task of the same project; an in-place date
    only when the request is approved (optional there) or in place (required).
    """
    try:
        request.kind = ResourceKind(request.kind)
    except ValueError:
        raise ValidationError.of("resource.err.kind", "kind") from None
    request.quantity = check_quantity(request.quantity)
    if request.kind is ResourceKind.BUDGET:
        currency = normal(request.currency).upper()
        if not currency:
            raise ValidationError.of("resource.err.currency_needed", "currency")
        if not _CURRENCY.match(currency):
            raise ValidationError.of("resource.err.currency_code", "currency")
        request.currency = currency
    else:
        request.currency = ""
    if request.department_id is None:
        raise ValidationError.of("resource.err.department", "department_id")
    if session.get(Department, request.department_id) is None:
        raise ValidationError.of("resource.err.department", "department_id")
    if not (request.purpose or "").strip():
        raise ValidationError.of("resource.err.purpose", "purpose")
    if request.task_id is not None:
        task = session.get(Task, request.task_id)
        if task is None or task.project_id != request.project_id:
            code = task.code if task is not None else str(request.task_id)
            raise ValidationError.of("resource.err.task_other_project", "task_id", code=code)
    status = ResourceStatus(request.status)
    if status is ResourceStatus.IN_PLACE and request.in_place_on is None:
        raise ValidationError.of("resource.err.in_place_needed", "in_place_on")
    if status not in DATED and request.in_place_on is not None:
        raise ValidationError.of("resource.err.in_place_status", "in_place_on")


# ---------------------------------------------------------------------- helpers


def _only_resource_fields(fields: dict) -> None:
    unknown = set(fields) - set(RESOURCE_FIELDS)
    if unknown:
        raise TypeError(f"not resource request fields: {sorted(unknown)}")


def _clean(fields: dict) -> dict:
    """Strip text, read typed quantities and dates, turn the kind into a member."""
    out = {}
    for key, value in fields.items():
        if key == "quantity" and isinstance(value, str):
            value = parse_quantity(value)
        elif key in ("needed_by", "in_place_on") and isinstance(value, str):
            value = parse_day(value, key)
        elif key == "kind":
            try:
                value = ResourceKind(value)
            except ValueError:
                raise ValidationError.of("resource.err.kind", "kind") from None
        elif isinstance(value, str):
            value = value.strip()
        out[key] = value
    return out


def _row(request: ResourceRequest, project_code: str, department: str, task: str) -> ResourceRow:
    return ResourceRow(
        id=request.id,
        version=request.version,
        project_id=request.project_id,
        project_code=project_code,
        kind=str(getattr(request.kind, "value", request.kind)),
        description=request.description,
        quantity=request.quantity,
        unit=request.unit,
        currency=request.currency,
        department_id=request.department_id,
        department=department,
        purpose=request.purpose,
        needed_by=request.needed_by,
        task_id=request.task_id,
        task_code=task,
        status=str(getattr(request.status, "value", request.status)),
        in_place_on=request.in_place_on,
    )
