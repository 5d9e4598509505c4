"""The resource request form (《资源申请表》) and the in-place date dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from collabtui.dialogs.forms import RecordForm
from collabtui.domain.enums import ResourceKind
from collabtui.domain.inputs import format_quantity
from collabtui.domain.views import ResourceRow
from collabtui.i18n import label_value, t
from collabtui.text import safe

#: Fields a request form has; the in-place date only once a request is approved.
FORM_FIELDS = (
    "kind",
    "description",
    "quantity",
    "unit",
    "currency",
    "department_id",
    "purpose",
    "needed_by",
    "task_id",
)


def name_of(row: ResourceRow) -> str:
    """What a message calls a request: its description, or its kind when it has none."""
    return row.description.strip() or label_value("ResourceKind", row.kind)


def iso(value) -> str:
    """A date as ``YYYY-MM-DD``; nothing for no date."""
    return value.isoformat() if value else ""


def as_typed(quantity: float) -> str:
    """A stored quantity as a user would type it (``700000``, ``0.5``), without loss."""
    shown = format_quantity(quantity).replace(",", "")
    return shown if float(shown) == quantity else repr(quantity)


class ResourceForm(RecordForm):
    """File or correct a resource request; the in-place date once it is approved."""

    def __init__(
        self,
        save,
        *,
        departments: list[tuple[str, int]],
        tasks: list[tuple[str, int]],
        row: ResourceRow | None = None,
    ):
        super().__init__(t("resource.form_edit") if row else t("resource.form_new"), save)
        self.departments, self.tasks, self.row = departments, tasks, row
        dated = row is not None and row.status in ("approved", "in_place")
        self.FIELDS = (*FORM_FIELDS, "in_place_on") if dated else FORM_FIELDS

    def compose_fields(self) -> ComposeResult:
        r = self.row
        yield from self.field(
            "kind",
            t("resource.field.kind"),
            Select(
                [(label_value("ResourceKind", k.value), k.value) for k in ResourceKind],
                value=r.kind if r else ResourceKind.PEOPLE.value,
                allow_blank=False,
            ),
        )
        yield from self.field(
            "description", t("field.description"), Input(r.description if r else "")
        )
        yield from self.field(
            "quantity",
            t("resource.field.quantity"),
            Input(as_typed(r.quantity) if r else "", placeholder="3"),
        )
        yield from self.field("unit", t("field.unit"), Input(r.unit if r else ""))
        yield from self.field(
            "currency",
            t("resource.field.currency"),
            Input(r.currency if r else "", placeholder=t("resource.currency_hint")),
        )
        yield from self.field(
            "department_id",
            t("field.department"),
            Select(
                [(safe(name), key) for name, key in self.departments],
                value=r.department_id if r and r.department_id else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        yield from self.field("purpose", t("resource.field.purpose"), Input(r.purpose if r else ""))
        hint = t("resource.date_hint")
        yield from self.field(
            "needed_by",
            t("resource.field.needed_by"),
            Input(iso(r.needed_by) if r else "", placeholder=hint),
        )
        yield from self.field(
            "task_id",
            t("resource.field.task"),
            Select(
                [(safe(label), key) for label, key in self.tasks],
                value=r.task_id if r and r.task_id else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        if "in_place_on" in self.FIELDS:
            yield from self.field(
                "in_place_on",
                t("resource.field.in_place_on"),
                Input(iso(r.in_place_on), placeholder=hint),
            )


class InPlaceForm(RecordForm):
    """The date a resource arrived (default: today)."""

    FIELDS = ("in_place_on",)

    def __init__(self, save, row: ResourceRow, default: str):
        super().__init__(t("resource.in_place_title", description=name_of(row)), save)
        self.default = default

    def compose_fields(self) -> ComposeResult:
        yield from self.field(
            "in_place_on",
            t("resource.field.in_place_on"),
            Input(self.default, placeholder=t("resource.date_hint")),
        )
