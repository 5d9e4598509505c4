"""The task editor: one owner, supporting departments with duties, dates, the log.

Every field of the tracking table (表3). ``ctrl+s`` saves through the store, which
keeps the one-owner rule itself; problems show next to their field and nothing
typed is lost. ``ctrl+u`` adds a daily update; the log is shown newest first.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Input, Label, Select, Static, TextArea

from collabtui.dialogs.conflict import ResolvesConflicts, set_value
from collabtui.dialogs.discipline import ADD_CHOICE, FormDiscipline
from collabtui.domain.enums import Priority, TaskStatus
from collabtui.domain.errors import ConflictError, StoreError, ValidationError
from collabtui.domain.inputs import parse_day, parse_progress
from collabtui.domain.pickers import DepartmentChoice, person_label
from collabtui.domain.playbook import task_problems
from collabtui.domain.views import SupportRow, TaskRow
from collabtui.i18n import label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.text import safe
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable
from collabtui.widgets.row_list import Column, RowList
from collabtui.widgets.text_input import whole_cells


class TaskEditor(ResolvesConflicts, FormDiscipline, CollabScreen):
    """Create or edit one task; dismisses with the task's id (``None``: cancelled).

    Saving over someone else's newer version of the task opens the conflict dialog.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="save", priority=True),
        Binding("ctrl+n", "add_row", "key.add_support", id="add-row", priority=True),
        Binding("ctrl+r", "remove_row", "key.remove_row", id="remove-row", priority=True),
        Binding("ctrl+u", "add_update", "key.add_update", id="add-update", priority=True),
        Binding("ctrl+g", "history", "key.history", id="task-history", priority=True),
        Binding("escape", "leave", "key.back", id="leave"),
        ADD_CHOICE,
    ]

    #: The first text field gets the focus (FormDiscipline), after any draft is back.
    AUTO_FOCUS = ""

    def __init__(
        self,
        project_id: int | None,
        *,
        task_id: int | None = None,
        status: str = TaskStatus.TODO.value,
    ):
        """A new task of ``project_id`` (in column ``status``), or task ``task_id``."""
        super().__init__()
        self.project_id = project_id
        self.task_id = task_id
        self.status = status
        self.row: TaskRow | None = None
        self.saved_id: int | None = None

    def _load(self) -> None:
        store = self.collab.store
        if self.task_id is not None:
            self.row = store.task_row(self.task_id)
            self.project_id = self.row.project_id
        self.people = store.people()
        self.owner_choices = store.picker_people(self.project_id)
        self.departments = store.departments()
        self.department_choices = store.picker_departments(self.project_id)
        self.goals, self.decisions = store.task_sources(self.project_id)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        self._load()
        r = self.row
        yield Header(show_clock=False, icon="◆")
        with VerticalScroll(id="request-form", can_focus=False):
            title = t("task.edit_title", code=r.code) if r else t("task.new_title")
            yield Static(safe(title, "bold"), id="form-title")
            yield Static("", id="form-error", classes="error")
            yield Static("", id="task-flags", classes="hint")
            yield from self._row("title", Input(r.title if r else ""), t("field.task_title"))
            yield from self._row(
                "code", Input(r.code if r else "", placeholder=t("task.code_hint")), t("field.code")
            )
            yield from self._row(
                "description",
                TextArea(r.description if r else "", soft_wrap=True),
                t("field.description"),
            )
            owners = [(safe(person_label(c)), c.id) for c in self.owner_choices]
            yield from self._row(
                "owner_id",
                Select(owners, value=r.owner_id if r else Select.NULL, prompt=t("field.none")),
                t("field.owner_one"),
            )
            yield from self._row(
                "status",
                Select(
                    [(label_value("TaskStatus", s.value), s.value) for s in TaskStatus],
                    value=r.status if r else self.status,
                    allow_blank=False,
                ),
                t("col.status"),
            )
            yield from self._row(
                "priority",
                Select(
                    [(label_value("Priority", p.value), p.value) for p in Priority],
                    value=r.priority if r else Priority.NORMAL.value,
                    allow_blank=False,
                ),
                t("field.priority"),
            )
            yield from self._date_row("start_on", r.start_on if r else None, t("field.start_on"))
            yield from self._date_row("due_on", r.due_on if r else None, t("field.task_due"))
            yield from self._row(
                "progress",
                Input(f"{r.progress if r else 0}", placeholder="0–100"),
                t("col.progress"),
            )
            yield from self._row(
                "deliverable", Input(r.deliverable if r else ""), t("field.deliverable")
            )
            yield from self._row(
                "quality_standard",
                Input(r.quality_standard if r else ""),
                t("field.quality_standard"),
            )
            yield from self._row(
                "goal_id",
                Select(
                    [(safe(text), gid) for gid, text in self.goals],
                    value=r.goal_id if r and r.goal_id is not None else Select.NULL,
                    prompt=t("field.none"),
                ),
                t("field.source_goal"),
            )
            yield from self._row(
                "decision_id",
                Select(
                    [(safe(text), did) for did, text in self.decisions],
                    value=r.decision_id if r and r.decision_id is not None else Select.NULL,
                    prompt=t("field.none"),
                ),
                t("field.source_decision"),
            )
            yield from self._row("notes", Input(r.notes if r else ""), t("field.task_notes"))
            yield Static(t("task.supports"), classes="section")
            supports = r.supports if r else ()
            yield RowList(
                [
                    Column(
                        "department",
                        t("col.department"),
                        placeholder=t("task.pick_department"),
                        width="2fr",
                        choices=support_choices(self.department_choices, supports),
                    ),
                    Column("duty", t("field.duty"), width="3fr"),
                    Column("contact", t("field.contact"), width="2fr"),
                ],
                [(s.id, [str(s.department_id), s.duty, s.contact]) for s in supports],
                add_label=t("button.add_support"),
                id="supports",
            )
            yield Static("", id="e-supports", classes="error field-error")
            yield Static(t("task.updates"), classes="section")
            yield RecordTable(id="updates")
        yield Footer()

    def _row(self, name: str, widget, caption: str) -> ComposeResult:
        widget.id = f"f-{name}"
        with Horizontal(classes="form-row"):
            yield Label(caption, classes="caption")
            with Vertical(classes="form-input"):
                yield whole_cells(widget)
                yield Static("", id=f"e-{name}", classes="error field-error")

    def _date_row(self, name: str, value: date | None, caption: str) -> ComposeResult:
        text = value.isoformat() if value else ""
        yield from self._row(name, Input(text, placeholder="YYYY-MM-DD"), caption)

    def on_mount(self) -> None:
        self.sub_title = t("task.editor")
        self._show_updates()
        self._show_flags()

    def _show_updates(self) -> None:
        updates = self.row.updates if self.row else ()
        self.query_one("#updates", RecordTable).show(
            [
                t("field.on"),
                t("col.progress"),
                t("field.done_text"),
                t("field.problems"),
                t("field.author"),
            ],
            (
                (str(u.id), [u.on.isoformat(), f"{u.progress}%", u.done, u.problems, u.author])
                for u in updates
            ),
        )

    def _show_flags(self) -> None:
        q = self.query_one
        try:
            due = parse_day(q("#f-due_on", Input).value, "due_on", self.collab.clock.today())
        except ValidationError:
            due = None
        problems = task_problems(
            q("#f-deliverable", Input).value,
            q("#f-quality_standard", Input).value,
            str(q("#f-status", Select).value),
            due,
            self.collab.clock.today(),
        )
        text = " · ".join(p.message(t) for p in problems)
        q("#task-flags", Static).update(safe(f"⚑ {text}") if text else "")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("f-deliverable", "f-quality_standard", "f-due_on"):
            self._show_flags()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "f-status":
            self._show_flags()

    # ------------------------------------------------------------------ reading

    def collect(self) -> tuple[dict, list[tuple[int, str, int | None]]]:
        """The fields and the supports as typed; a ValidationError names what is wrong."""
        q = self.query_one
        owner = q("#f-owner_id", Select).value
        if owner is Select.NULL:
            raise ValidationError(t("task.err.one_owner"), "owner_id")
        fields = {
            "title": q("#f-title", Input).value,
            "code": q("#f-code", Input).value,
            "description": q("#f-description", TextArea).text,
            "owner_id": owner,
            "status": q("#f-status", Select).value,
            "priority": q("#f-priority", Select).value,
            "start_on": parse_day(
                q("#f-start_on", Input).value, "start_on", self.collab.clock.today()
            ),
            "due_on": parse_day(q("#f-due_on", Input).value, "due_on", self.collab.clock.today()),
            "progress": parse_progress(q("#f-progress", Input).value),
            "deliverable": q("#f-deliverable", Input).value,
            "quality_standard": q("#f-quality_standard", Input).value,
            "goal_id": _chosen(q("#f-goal_id", Select)),
            "decision_id": _chosen(q("#f-decision_id", Select)),
            "notes": q("#f-notes", Input).value,
        }
        if fields["start_on"] and fields["due_on"] and fields["due_on"] < fields["start_on"]:
            raise ValidationError(t("task.err.due_before_start"), "due_on")
        return fields, self._supports()

    def _supports(self) -> list[tuple[int, str, int | None]]:
        """The supports as picked: each department one of the directory's (issue 18)."""
        known = {str(d.id): d.id for d in self.departments}
        for s in self.row.supports if self.row else ():  # an archived one stays as it was
            known[str(s.department_id)] = s.department_id
        people = {p.name.strip().casefold(): p.id for p in self.people}
        out = []
        for _, (dept, duty, contact) in self.query_one("#supports", RowList).values():
            if not (dept or duty.strip() or contact.strip()):
                continue
            if not dept:
                raise ValidationError(t("task.err.pick_department"), "supports")
            department_id = known.get(dept)
            if department_id is None:
                raise ValidationError(t("task.err.unknown_department", name=dept), "supports")
            contact_id = None
            if contact.strip():
                contact_id = people.get(contact.strip().casefold())
                if contact_id is None:
                    raise ValidationError(
                        t("planner.unknown_person", name=contact.strip()), "supports"
                    )
            out.append((department_id, duty, contact_id))
        return out

    # ------------------------------------------------------------------ actions

    def action_save(self) -> None:
        """Save the task; problems show next to their field."""
        for widget in self.query(".field-error"):
            widget.update("")
        self.query_one("#form-error", Static).update("")
        self.errors_shown()
        store = self.collab.store
        try:
            fields, supports = self.collect()
            with self.saving():
                if self.row is None:
                    task = store.create_task(self.project_id, supports=supports, **fields)
                else:
                    task = store.edit_task(
                        self.row.id, self.row.version, supports=supports, **fields
                    )
        except ValidationError as exc:
            if not self.show_field_error(exc.field or "", str(exc)):
                self.query_one("#form-error", Static).update(safe(str(exc)))
            return
        except ConflictError as exc:
            self.resolve_conflict(exc, fields)
            return
        except StoreError as exc:
            self.query_one("#form-error", Static).update(safe(str(exc)))
            return
        self.collab.say(t("task.saved", code=task.code))
        self.dismiss(task.id)

    def show_theirs(self, exc: ConflictError) -> None:
        """The task as it is now: its fields and its log (supports stay as typed)."""
        try:
            self.row = self.collab.store.task_row(self.row.id)
        except StoreError as exc:
            self.query_one("#form-error", Static).update(safe(str(exc)))
            return
        for name in TASK_FIELDS:
            set_value(self.query_one(f"#f-{name}"), getattr(self.row, name))
        self._show_updates()
        self._show_flags()

    def action_add_row(self) -> None:
        row_list = self.query_one("#supports", RowList)
        row_list.add_row(after=row_list.row_of(self.focused))

    def action_remove_row(self) -> None:
        row_list = self.query_one("#supports", RowList)
        row = row_list.row_of(self.focused)
        if row is not None:
            row_list.remove_row(row)

    def action_add_update(self) -> None:
        """Log a daily update (saved tasks only)."""
        if self.row is None:
            self.collab.say(t("task.save_first"), severity="warning")
            return
        from collabtui.dialogs.task_update import TaskUpdateForm

        self.app.push_screen(TaskUpdateForm(self.row), lambda done: done and self._reload_log())

    def _reload_log(self) -> None:
        fresh = self.collab.store.task_row(self.row.id)
        self.row = fresh if self.row is None else _keep_version(self.row, fresh)
        self.query_one("#f-progress", Input).value = str(fresh.progress)
        self._show_updates()
        self.call_after_refresh(self.rebase_form)  # the stored progress is not a change

    def _dirty(self) -> bool:
        try:
            fields, supports = self.collect()
        except ValidationError:
            return True
        r = self.row
        if r is None:
            return bool(fields["title"].strip() or supports)
        before = {name: getattr(r, name) for name in TASK_FIELDS}
        now = {
            k: (v.strip() if isinstance(v, str) and k not in ("status", "priority") else v)
            for k, v in fields.items()
        }
        was = [(s.department_id, s.duty, s.contact_id) for s in r.supports]
        return now != before or sorted(was) != sorted(
            (d, duty.strip(), c) for d, duty, c in supports
        )

    def action_history(self) -> None:
        """The task's history (a new task has none yet)."""
        from collabtui.dialogs.history import open_history

        open_history(self, "task", self.task_id)

    def action_leave(self) -> None:
        """Leave, asking first when something typed is not saved."""
        self.leave_form()


def support_choices(
    departments: list[DepartmentChoice], supports: tuple[SupportRow, ...] | list[SupportRow]
) -> tuple[tuple[str, str], ...]:
    """The departments a support row picks from: the project's own first, then the
    directory; a department a stored support names but the directory no longer lists
    (archived) is kept, so the task still opens and saves as it was."""
    choices = [(d.name, str(d.id)) for d in departments]
    listed = {value for _, value in choices}
    for s in supports:
        if str(s.department_id) not in listed:
            listed.add(str(s.department_id))
            choices.append((s.department, str(s.department_id)))
    return tuple(choices)


#: The task's own fields the editor shows, as :meth:`TaskEditor.collect` names them.
TASK_FIELDS = (
    "title",
    "code",
    "description",
    "owner_id",
    "status",
    "priority",
    "start_on",
    "due_on",
    "progress",
    "deliverable",
    "quality_standard",
    "goal_id",
    "decision_id",
    "notes",
)


def _chosen(select: Select):
    """A Select's value, ``None`` when nothing is chosen."""
    return None if select.value is Select.NULL else select.value


def _keep_version(old: TaskRow, fresh: TaskRow) -> TaskRow:
    """The row as the form knows it, with the log and version an update brought.

    An update changes the task's progress (and so its version); the form keeps
    what the user typed, and saves against the version the update left.
    """
    from dataclasses import replace

    return replace(old, version=fresh.version, progress=fresh.progress, updates=fresh.updates)
