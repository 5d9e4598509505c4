"""Dialogs that edit one directory record: a department or a person.

A form gets a ``save`` function from the screen that opened it. Errors from the
store appear next to the field they concern; nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from collabtui.dialogs.base import ButtonBar, CollabModal
from collabtui.dialogs.conflict import ResolvesConflicts
from collabtui.dialogs.discipline import ADD_CHOICE, FormDiscipline
from collabtui.domain.errors import ConflictError, StoreError, ValidationError
from collabtui.i18n import t
from collabtui.text import safe
from collabtui.widgets.text_input import whole_cells

if TYPE_CHECKING:
    from collabtui.store.models import Department, Person

Saver = Callable[[dict], object]


class RecordForm(ResolvesConflicts, FormDiscipline, CollabModal[object]):
    """A modal form: ``ctrl+s`` saves through ``save``, ``escape`` cancels (asking first
    when something was typed), ``enter`` in a text field saves a one-field form (and any
    form with :attr:`ENTER_SAVES`). See :class:`FormDiscipline` for what every form does.

    A save that meets someone else's newer version opens the conflict dialog.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="save", priority=True),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
        ADD_CHOICE,
    ]

    #: The form focuses its first field itself (FormDiscipline), after any draft is back.
    AUTO_FOCUS = ""
    #: ``enter`` in a text field saves (always true for a form of one field).
    ENTER_SAVES = False

    #: Field names, in tab order; subclasses compose a widget with id ``f-<name>``.
    FIELDS: tuple[str, ...] = ()

    def __init__(self, title: str, save: Saver):
        super().__init__()
        self.title_text = title
        self.save = save

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", can_focus=False):
            yield Static(safe(self.title_text, "bold"), id="dialog-title")
            yield Static("", id="form-error", classes="error")
            yield from self.compose_fields()
            with ButtonBar(id="buttons"):
                yield Button(t("button.save"), variant="primary", id="save")
                yield Button(t("button.cancel"), id="cancel")

    def compose_fields(self) -> ComposeResult:
        """The form's labelled fields."""
        raise NotImplementedError

    def field(self, name: str, caption: str, widget) -> ComposeResult:
        """One form row: the caption, then the widget above a line for its error."""
        widget.id = f"f-{name}"
        with Horizontal(classes="form-row"):
            yield Label(caption, classes="caption")
            with Vertical(classes="form-input"):
                yield whole_cells(widget)
                yield Static("", id=f"e-{name}", classes="error field-error")

    def values(self) -> dict:
        """The values typed so far, by field name."""
        out = {}
        for name in self.FIELDS:
            widget = self.query_one(f"#f-{name}")
            value = widget.value
            out[name] = None if value is Select.NULL else value
        return out

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Save through the store; show any problem next to its field."""
        for err in self.query(".field-error"):
            err.update("")
        self.query_one("#form-error", Static).update("")
        self.errors_shown()
        try:
            with self.saving():
                result = self.save(self.values())
        except ValidationError as exc:
            if exc.field not in self.FIELDS or not self.show_field_error(exc.field, str(exc)):
                self.query_one("#form-error", Static).update(safe(str(exc)))
            return
        except ConflictError as exc:
            self.resolve_conflict(exc, self.values())
            return
        except StoreError as exc:
            self.query_one("#form-error", Static).update(safe(str(exc)))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.leave_form()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """``enter`` saves a one-field form (a capture line, a date, a note)."""
        if self.ENTER_SAVES or len(self.FIELDS) == 1:
            event.stop()
            self.action_save()


def _options(records) -> list[tuple[object, int]]:
    """Select options for named records; names are shown literally."""
    return [(safe(r.name), r.id) for r in records]


class DepartmentForm(RecordForm):
    """Add or edit a department: name, head, external partner or not, note."""

    FIELDS = ("name", "head_id", "external", "note")

    def __init__(self, save: Saver, people: list[Person], department: Department | None = None):
        title = t("form.edit_department") if department else t("form.add_department")
        super().__init__(title, save)
        self.people = people
        self.record = department

    def head_choices(self) -> list[Person]:
        """Who can head the department: its members (and the head it has), or anyone
        while it has no member yet."""
        d = self.record
        if d is None:
            return list(self.people)
        members = [p for p in self.people if p.department_id == d.id or p.id == d.head_id]
        return members if any(p.department_id == d.id for p in members) else list(self.people)

    def compose_fields(self) -> ComposeResult:
        d = self.record
        yield from self.field("name", t("field.name"), Input(d.name if d else ""))
        yield from self.field(
            "head_id",
            t("field.head"),
            Select(
                _options(self.head_choices()),
                value=d.head_id if d and d.head_id else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        yield from self.field(
            "external",
            t("field.external"),
            Checkbox(t("field.external_partner"), d.external if d else False),
        )
        yield from self.field("note", t("field.note"), Input(d.note if d else ""))


class PersonForm(RecordForm):
    """Add or edit a person: name, department, role, e-mail, chat handle."""

    FIELDS = ("name", "department_id", "role", "email", "chat")

    def __init__(self, save: Saver, departments: list[Department], person: Person | None = None):
        title = t("form.edit_person") if person else t("form.add_person")
        super().__init__(title, save)
        self.departments = departments
        self.record = person

    def compose_fields(self) -> ComposeResult:
        p = self.record
        yield from self.field("name", t("field.person_name"), Input(p.name if p else ""))
        yield from self.field(
            "department_id",
            t("field.department"),
            Select(
                _options(self.departments),
                value=p.department_id if p and p.department_id else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        yield from self.field("role", t("field.role"), Input(p.role if p else ""))
        yield from self.field("email", t("field.email"), Input(p.email if p else ""))
        yield from self.field("chat", t("field.chat"), Input(p.chat if p else ""))


class WhenForm(RecordForm):
    """When a meeting takes place: start, minutes and (optionally) where."""

    def __init__(self, title: str, save: Saver, default_start: str, minutes: int, *, place: bool):
        super().__init__(title, save)
        self.FIELDS = (
            ("start_at", "duration_min", "place") if place else ("start_at", "duration_min")
        )
        self.default_start, self.minutes = default_start, minutes

    def compose_fields(self) -> ComposeResult:
        yield from self.field(
            "start_at",
            t("field.start_at"),
            Input(self.default_start, placeholder="YYYY-MM-DD HH:MM"),
        )
        yield from self.field("duration_min", t("field.duration_min"), Input(str(self.minutes)))
        if "place" in self.FIELDS:
            yield from self.field("place", t("field.place"), Input(""))


def read_when(values: dict, clock) -> tuple:
    """``(start, minutes)`` from a :class:`WhenForm`, or a ValidationError on its field."""
    from collabtui.domain.inputs import parse_local

    try:
        start = parse_local(values["start_at"], clock)
    except ValueError:
        raise ValidationError(t("rule.bad_datetime"), "start_at") from None
    try:
        minutes = int(values["duration_min"])
    except ValueError:
        raise ValidationError(t("rule.bad_number"), "duration_min") from None
    if not 1 <= minutes <= 600:
        raise ValidationError(t("rule.bad_number"), "duration_min")
    return start, minutes


def new_person_form(store, departments) -> PersonForm:
    """The form that adds a person to the directory (the directory's ``a``, a picker's ``+``)."""
    return PersonForm(
        lambda v: store.add_person(
            v["name"],
            department_id=v["department_id"],
            role=v["role"],
            email=v["email"],
            chat=v["chat"],
        ),
        departments,
    )


def new_department_form(store, people) -> DepartmentForm:
    """The form that adds a department (the directory's ``a``, a picker's ``+``)."""
    return DepartmentForm(
        lambda v: store.add_department(
            v["name"], external=v["external"], head_id=v["head_id"], note=v["note"]
        ),
        people,
    )
