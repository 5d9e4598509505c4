"""The risk warning form (《风险预警表》): raise a warning, or correct one.

The form reads what it offers (the project's tasks, departments, people) from the
store itself, so any screen can open it with ids alone — the register with ``n``
and ``e``, the weekly standup with ``w`` on a task::

    RiskForm(project_id, task_id=task.id, raised_by_id=owner_id)

Prefilled from a task: the task ticked, its title as the warning's title, its due
date as the threatened date, its owner's department ticked, type "schedule". The
form dismisses with the saved :class:`~collabtui.store.models.RiskWarning`, or ``None``.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.widgets import Input, Select, SelectionList
from textual.widgets.selection_list import Selection

from collabtui.dialogs.forms import RecordForm
from collabtui.domain.enums import RiskLevel, RiskType
from collabtui.domain.errors import ValidationError
from collabtui.domain.inputs import normal, parse_day
from collabtui.domain.pickers import person_label
from collabtui.domain.views import RiskRow, TaskRow
from collabtui.i18n import label_value, t
from collabtui.text import safe

#: The form's fields, in tab order.
FORM_FIELDS = (
    "title",
    "type",
    "level",
    "impact",
    "solution",
    "threatened_on",
    "task_ids",
    "department_ids",
    "raised_by_id",
    "raised_at",
)
#: How raising times are typed and shown (local time).
TIME_FORMAT = "%Y-%m-%d %H:%M"


def iso(value) -> str:
    """A date as ``YYYY-MM-DD``; nothing for no date."""
    return value.isoformat() if value else ""


class RiskForm(RecordForm):
    """Raise a risk warning on a project, or (with ``risk``) correct one.

    ``task_id`` prefills a new warning from that task; ``raised_by_id`` is the
    person raising it (default: the person named like the app's user, if any).
    """

    DRAFT_IGNORES = ("f-raised_at",)  # a new warning's "raised at" is the time it opened

    DEFAULT_CSS = """
    RiskForm SelectionList { height: auto; max-height: 8; }
    """

    FIELDS = FORM_FIELDS

    def __init__(
        self,
        project_id: int,
        *,
        task_id: int | None = None,
        raised_by_id: int | None = None,
        risk: RiskRow | None = None,
    ):
        super().__init__(t("risk.form_edit") if risk else t("risk.form_new"), self._save)
        self.project_id = risk.project_id if risk else project_id
        self.task_id = task_id
        self.raised_by_id = raised_by_id
        self.risk = risk
        self.tasks: list[TaskRow] = []
        self.departments: list[tuple[str, int]] = []

    # ------------------------------------------------------------------ fields

    def _defaults(self) -> dict:
        """What the fields start with: the warning's values, or a new one's defaults."""
        store, clock = self.collab.store, self.collab.clock
        r = self.risk
        if r is not None:
            return {
                "title": r.title,
                "type": r.type,
                "level": r.level,
                "impact": r.impact,
                "solution": r.solution,
                "threatened_on": iso(r.threatened_on),
                "task_ids": set(r.task_ids),
                "department_ids": set(r.department_ids),
                "raised_by_id": r.raised_by_id,
                "raised_at": clock.local(r.raised_at).strftime(TIME_FORMAT),
            }
        raiser = self.raised_by_id
        if raiser is None:
            raiser = next((p.id for p in store.people() if p.name == store.user), None)
        values = {
            "title": "",
            "type": Select.NULL,
            "level": RiskLevel.MEDIUM.value,
            "impact": "",
            "solution": "",
            "threatened_on": "",
            "task_ids": set(),
            "department_ids": set(),
            "raised_by_id": raiser,
            "raised_at": clock.local(clock.now()).strftime(TIME_FORMAT),
        }
        task = next((k for k in self.tasks if k.id == self.task_id), None)
        if task is not None:
            values.update(
                title=task.title,
                type=RiskType.SCHEDULE.value,
                threatened_on=iso(task.due_on),
                task_ids={task.id},
                department_ids=set(self._departments_of(task)),
            )
        return values

    def _departments_of(self, task: TaskRow) -> list[int]:
        """The id of the department of ``task``'s owner (none when it has none)."""
        return [key for name, key in self.departments if name == task.owner_department]

    def _offered_departments(self) -> list[tuple[str, int]]:
        """The departments to tick from: the project's own (requesting, collaborating,
        owning its tasks) and those already ticked; every active one when it has none."""
        store, r = self.collab.store, self.risk
        ticked = set(r.department_ids) if r is not None else set()
        project = store.project(self.project_id)
        ours = {project.requesting_department_id} | {
            d.id for _, d in store.project_departments(self.project_id)
        }
        owners = {k.owner_department for k in self.tasks}
        every = store.departments(include_retired=True)
        offered = [
            (d.name, d.id)
            for d in every
            if d.id in ticked or (d.retired_at is None and (d.id in ours or d.name in owners))
        ]
        return offered or [(d.name, d.id) for d in every if d.retired_at is None]

    def compose_fields(self) -> ComposeResult:
        store = self.collab.store
        self.tasks = store.task_rows(self.project_id)
        r = self.risk
        self.departments = self._offered_departments()
        # The project's people first, each with their department (issue 18); a retired
        # raiser of this risk stays listed under their name.
        people = [(person_label(p), p.id) for p in store.picker_people(self.project_id)]
        listed = {key for _, key in people}
        people += [
            (p.name, p.id)
            for p in store.people(include_retired=True)
            if r is not None and p.id == r.raised_by_id and p.id not in listed
        ]
        v = self._defaults()
        yield from self.field("title", t("risk.field.title"), Input(v["title"]))
        yield from self.field(
            "type",
            t("risk.field.type"),
            Select(
                [(label_value("RiskType", k.value), k.value) for k in RiskType],
                value=v["type"],
                prompt=t("risk.choose_type"),
            ),
        )
        yield from self.field(
            "level",
            t("risk.field.level"),
            Select(
                [(label_value("RiskLevel", k.value), k.value) for k in RiskLevel],
                value=v["level"],
                allow_blank=False,
            ),
        )
        yield from self.field("impact", t("risk.field.impact"), Input(v["impact"]))
        yield from self.field("solution", t("risk.field.solution"), Input(v["solution"]))
        yield from self.field(
            "threatened_on",
            t("risk.field.threatened_on"),
            Input(v["threatened_on"], placeholder=t("resource.date_hint")),
        )
        yield from self.field(
            "task_ids",
            t("risk.field.tasks"),
            SelectionList[int](
                *[
                    Selection(safe(f"{k.code}  {k.title}"), k.id, k.id in v["task_ids"])
                    for k in self.tasks
                ]
            ),
        )
        yield from self.field(
            "department_ids",
            t("risk.field.departments"),
            SelectionList[int](
                *[
                    Selection(safe(name), key, key in v["department_ids"])
                    for name, key in self.departments
                ]
            ),
        )
        yield from self.field(
            "raised_by_id",
            t("risk.field.raised_by"),
            Select(
                [(safe(name), key) for name, key in people],
                value=v["raised_by_id"] if v["raised_by_id"] is not None else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        yield from self.field(
            "raised_at",
            t("risk.field.raised_at"),
            Input(v["raised_at"], placeholder="YYYY-MM-DD HH:MM"),
        )

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        """Ticking a task fills an empty threatened date and ticks its owner's department."""
        if event.selection_list.id != "f-task_ids":
            return
        task_id = event.selection.value
        task = next((k for k in self.tasks if k.id == task_id), None)
        if task is None or task_id not in event.selection_list.selected:
            return
        date_input = self.query_one("#f-threatened_on", Input)
        if not date_input.value.strip() and task.due_on is not None:
            date_input.value = task.due_on.isoformat()
        departments = self.query_one("#f-department_ids", SelectionList)
        for key in self._departments_of(task):
            departments.select(key)

    # ------------------------------------------------------------------ saving

    def values(self) -> dict:
        """The typed values; the two lists as the ids ticked."""
        out = {}
        for name in self.FIELDS:
            widget = self.query_one(f"#f-{name}")
            if isinstance(widget, SelectionList):
                out[name] = list(widget.selected)
            else:
                out[name] = None if widget.value is Select.NULL else widget.value
        return out

    def _save(self, values: dict):
        """Read the dates typed, then raise or edit through the store."""
        clock, store = self.collab.clock, self.collab.store
        fields = dict(values)
        fields["threatened_on"] = parse_day(fields["threatened_on"], "threatened_on", clock.today())
        fields["raised_at"] = read_moment(fields["raised_at"], clock)
        fields["type"] = fields["type"] or ""
        task_ids, department_ids = fields.pop("task_ids"), fields.pop("department_ids")
        if self.risk is None:
            return store.raise_risk(
                self.project_id, task_ids=task_ids, department_ids=department_ids, **fields
            )
        return store.edit_risk(
            self.risk.id,
            self.risk.version,
            task_ids=task_ids,
            department_ids=department_ids,
            **fields,
        )


def read_moment(text: str | None, clock) -> datetime:
    """``YYYY-MM-DD HH:MM`` typed in local time (full-width too), as an aware datetime."""
    from collabtui.domain.inputs import parse_local

    value = normal(text)
    if not value:
        raise ValidationError(t("rule.bad_datetime"), "raised_at")
    try:
        return parse_local(value, clock)
    except ValueError:
        raise ValidationError(t("rule.bad_datetime"), "raised_at") from None
