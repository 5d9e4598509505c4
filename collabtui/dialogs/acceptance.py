"""The acceptance forms: an item, a note or reason, and a department's sign-off."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from collabtui.dialogs.forms import RecordForm
from collabtui.domain.acceptance import AcceptanceItemRow, SignOffRow
from collabtui.domain.enums import SignOffVerdict
from collabtui.i18n import label_value, t
from collabtui.text import safe


class ItemForm(RecordForm):
    """Add or correct an acceptance item: deliverable, quality standard, task, note."""

    FIELDS = ("deliverable", "quality_standard", "task_id", "note")

    def __init__(self, save, *, tasks: list[tuple[str, int]], row: AcceptanceItemRow | None):
        super().__init__(t("acceptance.form_edit") if row else t("acceptance.form_new"), save)
        self.tasks, self.row = tasks, row

    def compose_fields(self) -> ComposeResult:
        r = self.row
        yield from self.field(
            "deliverable", t("acceptance.field.deliverable"), Input(r.deliverable if r else "")
        )
        yield from self.field(
            "quality_standard",
            t("acceptance.field.quality_standard"),
            Input(r.quality_standard if r else ""),
        )
        yield from self.field(
            "task_id",
            t("acceptance.field.task"),
            Select(
                [(safe(label), key) for label, key in self.tasks],
                value=r.task_id if r and r.task_id else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        yield from self.field("note", t("acceptance.field.note"), Input(r.note if r else ""))


class TextForm(RecordForm):
    """One line of text: the note of a verdict, the reason to drop an item."""

    def __init__(self, title: str, save, *, name: str, caption: str, value: str = ""):
        super().__init__(title, save)
        self.FIELDS = (name,)
        self.caption, self.value = caption, value

    def compose_fields(self) -> ComposeResult:
        yield from self.field(self.FIELDS[0], self.caption, Input(self.value))


class SignOffForm(RecordForm):
    """A department signs off: which department, who, the verdict and a comment.

    The person list follows the department: only its current members can sign for it.
    """

    FIELDS = ("department_id", "person_id", "verdict", "comment")

    def __init__(
        self,
        save,
        *,
        departments: list[SignOffRow],
        members: dict[int, list[tuple[str, int]]],
        department_id: int | None,
    ):
        super().__init__(t("acceptance.form_sign"), save)
        self.departments, self.members = departments, members
        self.start = next((d for d in departments if d.department_id == department_id), None)

    def compose_fields(self) -> ComposeResult:
        d = self.start
        yield from self.field(
            "department_id",
            t("acceptance.field.department"),
            Select(
                [
                    (
                        safe(f"{row.department} · {t('acceptance.role.' + row.role)}"),
                        row.department_id,
                    )
                    for row in self.departments
                ],
                value=d.department_id if d else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        people = self.members.get(d.department_id, []) if d else []
        person = d.person_id if d and d.person_id in {key for _, key in people} else None
        if person is None and len(people) == 1:
            person = people[0][1]
        yield from self.field(
            "person_id",
            t("acceptance.field.person"),
            Select(
                [(safe(name), key) for name, key in people],
                value=person if person is not None else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        yield from self.field(
            "verdict",
            t("acceptance.field.verdict"),
            Select(
                [(label_value("SignOffVerdict", v.value), v.value) for v in SignOffVerdict],
                value=d.verdict if d and d.verdict else SignOffVerdict.ACCEPTED.value,
                allow_blank=False,
            ),
        )
        yield from self.field(
            "comment", t("acceptance.field.comment"), Input(d.comment if d else "")
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new department: offer its people."""
        if event.select.id != "f-department_id":
            return
        people = self.members.get(event.value, []) if event.value is not Select.NULL else []
        person = self.query_one("#f-person_id", Select)
        person.set_options([(safe(name), key) for name, key in people])
        if len(people) == 1:
            person.value = people[0][1]
