"""Resource requests (《资源申请表》): what each department needs, and when it is in place."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.resource import InPlaceForm, ResourceForm, iso, name_of
from collabtui.domain.enums import ResourceKind, ResourceStatus
from collabtui.domain.errors import ConflictError, NotFound, StoreError, ValidationError
from collabtui.domain.inputs import format_quantity, parse_day, parse_quantity
from collabtui.domain.playbook import Problem, resource_problems
from collabtui.domain.views import ResourceRow
from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.store.resources import check_transition
from collabtui.text import truncate
from collabtui.widgets.field_list import FieldList
from collabtui.widgets.record_table import RecordTable

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
    """``2 人`` / ``0.5 FTE``; a budget as ``CNY 700,000 元`` / ``USD 4,800 per year``."""
    shown = format_quantity(row.quantity)
    if row.kind == ResourceKind.BUDGET.value and row.currency:
        shown = f"{row.currency} {shown}"
    return f"{shown} {row.unit}".strip()


def short_flag(problem: Problem) -> str:
    """A rule problem in a few words, for the table (the detail says it in full)."""
    if problem.key == "resource.in_place_late":
        days = (problem.params["date"] - problem.params["needed"]).days
        return "⚠ " + t("resource.flag.late", days=days)
    return "⚠ " + t("resource.flag.no_date")


class ResourcesScreen(CollabScreen):
    """A project's resource requests: file, approve, reject, mark in place, delete."""

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

    def __init__(self, project_id: int):
        super().__init__()
        self.project_id = project_id
        self.rows: list[ResourceRow] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="summary")
        yield RecordTable(id="resource-list")
        yield FieldList(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("template.resource_request")
        self.refresh_data()
        self.query_one("#resource-list", RecordTable).focus()

    # ------------------------------------------------------------------ showing

    def reload_from_store(self) -> None:
        """Another copy changed the store: read again (the cursor stays on its record)."""
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read the project's requests and show them with their flags."""
        try:
            self.rows = self.collab.store.resource_rows(self.project_id)
        except NotFound:
            self.collab.say(t("msg.project_gone"), severity="error")
            self.dismiss()
            return
        today = self.collab.clock.today()
        flags = {r.id: resource_problems(r, today) for r in self.rows}
        self.query_one("#resource-list", RecordTable).show(
            [
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
            ],
            [
                (
                    str(r.id),
                    [
                        label_value("ResourceKind", r.kind),
                        truncate(r.description, WIDTH["description"]),
                        truncate(amount(r), WIDTH["quantity"]),
                        truncate(r.department, WIDTH["department"]),
                        iso(r.needed_by),
                        status_text(r.status),
                        iso(r.in_place_on),
                        Text(" ".join(short_flag(p) for p in flags[r.id]), style="bold yellow"),
                        r.task_code,
                        truncate(r.purpose, WIDTH["purpose"]),
                    ],
                )
                for r in self.rows
            ],
        )
        counts = {s.value: sum(r.status == s.value for r in self.rows) for s in ResourceStatus}
        summary = (
            t(
                "resource.summary",
                total=len(self.rows),
                flagged=sum(bool(f) for f in flags.values()),
                **counts,
            )
            if self.rows
            else t("resource.empty")
        )
        self.query_one("#summary", Static).update(Text(summary))
        self.show_detail()

    def current(self) -> ResourceRow | None:
        """The request under the cursor."""
        key = self.query_one("#resource-list", RecordTable).cursor_key
        return next((r for r in self.rows if str(r.id) == key), None)

    def show_detail(self) -> None:
        """The request under the cursor in full (a narrow terminal cuts the table short)."""
        row = self.current()
        detail = self.query_one("#detail", FieldList)
        if row is None:
            detail.show([])
            return
        problems = resource_problems(row, self.collab.clock.today())
        detail.show(
            [
                (t("field.description"), row.description),
                (t("resource.field.purpose"), row.purpose),
                (t("resource.field.quantity"), amount(row)),
                (t("field.department"), row.department),
                (t("resource.field.needed_by"), iso(row.needed_by)),
                (t("resource.field.task"), row.task_code),
                (t("field.status"), label_value("ResourceStatus", row.status)),
                (t("resource.field.in_place_on"), iso(row.in_place_on)),
                (t("resource.col.flags"), "\n".join(p.message(t) for p in problems)),
            ]
        )

    def on_data_table_row_highlighted(self, event: RecordTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: RecordTable.RowSelected) -> None:
        """Enter on a row edits it."""
        event.stop()
        self.action_edit()

    # ------------------------------------------------------------------ editing

    def _form(self, save: Callable[[dict], object], row: ResourceRow | None) -> ResourceForm:
        store = self.collab.store
        departments = [
            d
            for d in store.departments(include_retired=True)
            if d.retired_at is None or (row is not None and d.id == row.department_id)
        ]
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

    def _saved(self, result) -> None:
        if result is not None:
            self.refresh_data()
            self.collab.say(t("msg.saved"))

    def action_new(self) -> None:
        """File a new request for this project."""
        store = self.collab.store

        def save(values: dict):
            return store.create_resource(self.project_id, **self._read(values))

        self.app.push_screen(self._form(save, None), self._saved)

    def action_edit(self) -> None:
        """Correct the request under the cursor."""
        row = self.current()
        if row is None:
            return
        store = self.collab.store

        def save(values: dict):
            return store.edit_resource(row.id, row.version, **self._read(values))

        self.app.push_screen(self._form(save, row), self._saved)

    def _move(self, status: ResourceStatus, message: str) -> None:
        """Change the status of the request under the cursor; say what happened."""
        row = self.current()
        if row is None:
            return
        try:
            self.collab.store.set_resource_status(row.id, row.version, status)
        except ConflictError as exc:
            self.collab.say(t("msg.conflict", detail=str(exc)), severity="error")
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
        else:
            self.collab.say(t(message, description=name_of(row)))
        self.refresh_data()

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
            check_transition(row.status, ResourceStatus.IN_PLACE)
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
            self.refresh_data()

        self.app.push_screen(InPlaceForm(save, row, today.isoformat()), done)

    def action_history(self) -> None:
        """Who changed the request under the cursor, and how."""
        from collabtui.dialogs.history import open_history

        row = self.current()
        open_history(self, "resourcerequest", row.id if row else None)

    def action_delete(self) -> None:
        """Delete the request under the cursor, after a yes."""
        row = self.current()
        if row is None:
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.collab.store.delete_resource(row.id, row.version)
            except ConflictError as exc:
                self.collab.say(t("msg.conflict", detail=str(exc)), severity="error")
            except StoreError as exc:
                self.collab.say(str(exc), severity="error")
            else:
                self.collab.say(t("resource.msg.deleted", description=name_of(row)))
            self.refresh_data()

        question = t("resource.confirm_delete", description=name_of(row))
        self.app.push_screen(
            ConfirmDialog(question, t("resource.button.delete"), t("button.cancel")), answer
        )

    def action_back(self) -> None:
        self.dismiss()
