"""The daily update of a task (每日进展): date, progress, what was done, problems."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from collabtui.dialogs.forms import RecordForm
from collabtui.domain.errors import ValidationError
from collabtui.domain.inputs import parse_day, parse_progress
from collabtui.domain.views import TaskRow
from collabtui.i18n import t


class TaskUpdateForm(RecordForm):
    """A daily update: date, progress, what was done, problems."""

    FIELDS = ("on", "progress", "done", "problems")

    def __init__(self, row: TaskRow):
        super().__init__(t("task.update_title", code=row.code), self._save)
        self.row = row

    def compose_fields(self) -> ComposeResult:
        today = self.collab.clock.today().isoformat()
        yield from self.field("on", t("field.on"), Input(today, placeholder="YYYY-MM-DD"))
        yield from self.field("progress", t("col.progress"), Input(str(self.row.progress)))
        yield from self.field("done", t("field.done_text"), Input(""))
        yield from self.field("problems", t("field.problems"), Input(""))

    def _save(self, values: dict):
        on = parse_day(values["on"], "on", self.collab.clock.today())
        if on is None:
            raise ValidationError(t("err.required"), "on")
        return self.collab.store.add_task_update(
            self.row.id,
            on=on,
            progress=parse_progress(values["progress"]),
            done=values["done"],
            problems=values["problems"],
            author_id=self.row.owner_id,
        )
