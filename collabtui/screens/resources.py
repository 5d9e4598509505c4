"""Resource requests (《资源申请表》): what each department needs, and when it is in place."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding

from collabtui.dialogs.resource import InPlaceForm, ResourceForm, iso, name_of
from collabtui.domain.enums import ResourceKind, ResourceStatus
from collabtui.domain.errors import StoreError, ValidationError
from collabtui.domain.inputs import parse_day, parse_quantity
from collabtui.domain.lifecycle import RESOURCE
from collabtui.domain.playbook import Problem, resource_problems
from collabtui.domain.views import ResourceRow
from collabtui.i18n import formats, label_value, t
from collabtui.screens.lifecycle_keys import LifecycleKeys
from collabtui.screens.register import RegisterScreen
from collabtui.text import truncate

STATUS_STYLE = {
    "requested": "yellow",
    "approved": "cyan",
    "rejected": "dim",
    "in_place": "green",
}
#: Widest a cell of these columns gets (in terminal cells); the detail shows all of it.
#: With these, every column up to the flags fits 120 columns; task and purpose follow.
WIDTH = {"description": 18, "quantity": 16, "department": 12, "purpose": 24}


def status_text(status: str) -> Text:
    """A request's status, coloured so the table reads at a glance."""
    return Text(label_value("ResourceStatus", status), style=STATUS_STYLE.get(status, ""))


def amount(row: ResourceRow) -> str:
    """``2 人`` / ``0.5 FTE``; a budget as ``¥700,000.00`` / ``$4,800.00 per year`` (its
    currency marked once, the language's way: :func:`collabtui.i18n.formats.amount`)."""
    currency = row.currency if row.kind == ResourceKind.BUDGET.value else ""
    return formats.amount(row.quantity, row.unit, currency)


def short_flag(problem: Problem) -> str:
    """A rule problem in a few words, for the table (the detail says it in full)."""
    if problem.key == "resource.in_place_late":
        days = (problem.params["date"] - problem.params["needed"]).days
        return "⚠ " + t("resource.flag.late", days=days)
    return "⚠ " + t("resource.flag.no_date")


#: The state each status key moves a request to (the keys the lifecycle decides).
MOVES = {
    "approve": ResourceStatus.APPROVED,
    "reject": ResourceStatus.REJECTED,
    "in_place": ResourceStatus.IN_PLACE,
    "reopen": ResourceStatus.REQUESTED,
}


class ResourcesScreen(LifecycleKeys, RegisterScreen):
    """A project's resource requests: file, approve, reject, mark in place, delete."""

    LIFECYCLE = RESOURCE
    TABLE = "resource-list"
    HISTORY_TABLE = "resourcerequest"
    TITLE_KEY = "template.resource_request"

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("n", "new", "key.resource_new", id="resource-new"),
        Binding("e", "edit", "key.edit", id="resource-edit"),
        Binding("a", "approve", "key.resource_approve", id="resource-approve"),
        Binding("x", "reject", "key.resource_reject", id="resource-reject"),
        Binding("i", "in_place", "key.resource_in_place", id="resource-in-place"),
        Binding("u", "reopen", "key.resource_reopen", id="resource-reopen"),
        Binding("d", "delete", "key.resource_delete", id="resource-delete"),
        Binding("H", "history", "key.history", id="resource-history"),
    ]

    rows: list[ResourceRow]

    def __init__(self, project_id: int):
        super().__init__(project_id)
        self.project_id: int = project_id
        self._flags: dict[int, list[Problem]] = {}

    # ------------------------------------------------------------------ showing

    def load(self) -> list[ResourceRow]:
        """The project's requests."""
        return self.collab.store.resource_rows(self.project_id)

    def show(self, data: list[ResourceRow]) -> None:
        today = self.collab.clock.today()
        self._flags = {r.id: resource_problems(r, today) for r in data}
        super().show(data)

    def columns(self) -> list[str]:
        return [
            t("col.kind"),
            t("resource.col.description"),
            t("resource.col.quantity"),
            t("col.department"),
            t("resource.col.needed_by"),
            t("col.status"),
            t("resource.col.in_place"),
            t("resource.col.flags"),
            t("col.task"),
            t("resource.col.purpose"),
        ]

    def cells(self, r: ResourceRow) -> list[object]:
        return [
            label_value("ResourceKind", r.kind),
            truncate(r.description, WIDTH["description"]),
            truncate(amount(r), WIDTH["quantity"]),
            truncate(r.department, WIDTH["department"]),
            iso(r.needed_by),
            status_text(r.status),
            iso(r.in_place_on),
            Text(" ".join(short_flag(p) for p in self._flags[r.id]), style="bold yellow"),
            r.task_code,
            truncate(r.purpose, WIDTH["purpose"]),
        ]

    def summary(self) -> str:
        if not self.rows:
            return t("resource.empty")
        counts = {s.value: sum(r.status == s.value for r in self.rows) for s in ResourceStatus}
        flagged = sum(bool(f) for f in self._flags.values())
        return t("resource.summary", total=len(self.rows), flagged=flagged, **counts)

    def detail(self, row: ResourceRow) -> list[tuple[str, str]]:
        """The request in full (a narrow terminal cuts the table short)."""
        problems = resource_problems(row, self.collab.clock.today())
        return [
            (t("field.description"), row.description),
            (t("resource.field.purpose"), row.purpose),
            (t("resource.field.quantity"), amount(row)),
            (t("field.department"), row.department),
            (t("resource.field.needed_by"), iso(row.needed_by)),
            (t("resource.field.task"), row.task_code),
            (t("field.status"), label_value("ResourceStatus", row.status)),
            (t("resource.field.in_place_on"), iso(row.in_place_on)),
            (t("resource.field.approved_by"), row.approved_by),
            (t("resource.col.flags"), "\n".join(p.message(t) for p in problems)),
        ]

    # ------------------------------------------------------------------ editing

    def _form(self, save: Callable[[dict], object], row: ResourceRow | None) -> ResourceForm:
        store = self.collab.store
        departments = [
            d
            for d in store.departments(include_retired=True)
            if d.retired_at is None or (row is not None and d.id == row.department_id)
        ]
        order = {c.id: n for n, c in enumerate(store.picker_departments(self.project_id))}
        departments.sort(key=lambda d: order.get(d.id, len(order)))  # the project's first
        tasks = store.task_rows(self.project_id)
        return ResourceForm(
            save,
            departments=[(d.name, d.id) for d in departments],
            tasks=[(f"{k.code}  {k.title}", k.id) for k in tasks],
            row=row,
        )

    def _read(self, values: dict) -> dict:
        """The form's values as the store takes them; a typing error names its field."""
        today = self.collab.clock.today()
        values = dict(values)
        values["quantity"] = parse_quantity(values["quantity"])
        for name in ("needed_by", "in_place_on"):
            if name in values:
                values[name] = parse_day(values[name], name, today)
        return values

    def action_new(self) -> None:
        """File a new request for this project."""
        store = self.collab.store

        def save(values: dict):
            return store.create_resource(self.project_id, **self._read(values))

        self.app.push_screen(self._form(save, None), self.saved)

    def action_edit(self) -> None:
        """Correct the request under the cursor."""
        row = self.current()
        if row is None:
            return
        store = self.collab.store

        def save(values: dict):
            return store.edit_resource(row.id, row.version, **self._read(values))

        self.app.push_screen(self._form(save, row), self.saved)

    def _move(self, status: ResourceStatus, message: str) -> None:
        """Change the status of the request under the cursor; say what happened."""
        row = self.current()
        if row is None:
            return
        self.write(
            lambda: self.collab.store.set_resource_status(row.id, row.version, status),
            t(message, description=name_of(row)),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A status key the lifecycle refuses for the request under the cursor is disabled."""
        return self.lifecycle_check(action, parameters)

    def target_of(self, action: str, parameters: tuple[object, ...]) -> str | None:
        move = MOVES.get(action)
        return None if move is None else move.value

    def action_approve(self) -> None:
        self._move(ResourceStatus.APPROVED, "resource.msg.approved")

    def action_reject(self) -> None:
        self._move(ResourceStatus.REJECTED, "resource.msg.rejected")

    def action_reopen(self) -> None:
        """Undo an approval, or file a rejected request again."""
        self._move(ResourceStatus.REQUESTED, "resource.msg.reopened")

    def action_in_place(self) -> None:
        """Ask the date the resource arrived (default today), then mark it in place."""
        row = self.current()
        if row is None:
            return
        try:
            RESOURCE.check(row.status, ResourceStatus.IN_PLACE)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
            return
        today = self.collab.clock.today()
        store = self.collab.store

        def save(values: dict):
            day = parse_day(values["in_place_on"], "in_place_on", today)
            if day is None:
                raise ValidationError(t("resource.err.in_place_needed"), "in_place_on")
            return store.set_resource_status(row.id, row.version, ResourceStatus.IN_PLACE, day)

        def done(result) -> None:
            if result is not None:
                self.collab.say(t("resource.msg.in_place", description=name_of(row)))
            self.refresh_now()

        self.app.push_screen(InPlaceForm(save, row, today.isoformat()), done)

    def action_delete(self) -> None:
        """Delete the request under the cursor, after a yes."""
        row = self.current()
        if row is None:
            return
        self.confirm_then(
            t("resource.confirm_delete", description=name_of(row)),
            t("resource.button.delete"),
            lambda: self.collab.store.delete_resource(row.id, row.version),
            t("resource.msg.deleted", description=name_of(row)),
        )
