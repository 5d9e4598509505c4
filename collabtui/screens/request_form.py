"""The collaboration request form (表1《跨部门协作需求表》), new or edited.

Keyboard first: the tab order follows the form, ``ctrl+s`` saves, ``ctrl+n`` adds a
row to the list the focus is in, ``ctrl+r`` removes the row, ``escape`` leaves and
asks first when something is unsaved. Problems show next to their field; nothing
typed is lost when a save is refused.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from collabtui.dialogs.conflict import ResolvesConflicts
from collabtui.dialogs.discipline import ADD_CHOICE, FormDiscipline
from collabtui.domain.drafts import (
    DeliverableDraft,
    GoalDraft,
    MilestoneDraft,
    PartnerDraft,
    RequestDraft,
)
from collabtui.domain.enums import Scenario
from collabtui.domain.errors import ConflictError, StoreError, ValidationError
from collabtui.domain.inputs import parse_day
from collabtui.domain.pickers import order_departments
from collabtui.domain.playbook import Problem, blocking, check_request
from collabtui.i18n import formats, label_value, t
from collabtui.screens.base import CollabScreen
from collabtui.text import safe
from collabtui.widgets.footer import Footer
from collabtui.widgets.row_list import Column, RowList
from collabtui.widgets.text_input import whole_cells

LISTS = ("goals", "milestones", "deliverables")
#: The project's own fields on the form (a conflict shows and fills these).
PROJECT_FIELDS = (
    "scenario",
    "code",
    "topic",
    "requesting_department_id",
    "lead_id",
    "background",
    "business_value",
)


#: The column of a list row a rule is about (its message shows, and the focus goes, there).
RULE_COLUMNS = {
    "rule.bad_number": "target",
    "rule.goal_not_measurable": "metric",
    "rule.goal_needs_description": "description",
    "rule.duplicate_goal": "description",
    "rule.bad_date": "due_on",
    "rule.milestone_needs_date": "due_on",
    "rule.milestone_in_past": "due_on",
    "rule.milestones_out_of_order": "due_on",
    "rule.milestone_needs_name": "name",
}


def _number(text: str) -> float | None:
    """A number typed by a user (``30``, ``30%``, ``1,200``, ``２０``)."""
    cleaned = text.strip().replace(",", "").replace("，", "").rstrip("%％")
    return float(cleaned) if cleaned else None


class RequestFormScreen(ResolvesConflicts, FormDiscipline, CollabScreen):
    """Fill in or edit a request; dismisses with the saved project's id."""

    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="save", priority=True),
        Binding("ctrl+n", "add_row", "key.add_row", id="add-row", priority=True),
        Binding("ctrl+r", "remove_row", "key.remove_row", id="remove-row", priority=True),
        Binding("escape", "leave", "key.back", id="leave"),
        ADD_CHOICE,
    ]

    #: The first text field gets the focus (FormDiscipline), after any draft is back.
    AUTO_FOCUS = ""

    def __init__(self, draft: RequestDraft, departments, people):
        super().__init__()
        self.draft = draft
        self.departments = [d for d in departments if d.retired_at is None]
        self.people = [p for p in people if p.retired_at is None]
        self._new_partners: dict[int, PartnerDraft] = {}
        self._initial: RequestDraft | None = None

    def _partner_order(self) -> list:
        """The departments to tick: the project's own first (its requesting department,
        then its partners in the form's order), then the rest by name (issue 18)."""
        d = self.draft
        own = [d.requesting_department_id or 0] + [
            p.department_id for p in d.partners if p.department_id is not None
        ]
        by_id = {x.id: x for x in self.departments}
        order = order_departments(((x.id, x.name) for x in self.departments), own)
        return [by_id[c.id] for c in order]

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        d = self.draft
        yield Header(show_clock=False, icon="◆")
        with VerticalScroll(id="request-form", can_focus=False):
            title = t("template.request_form")
            yield Static(
                safe(f"{title} · {d.code or t('form.new_request')}", "bold"), id="form-title"
            )
            yield Static("", id="form-error", classes="error")
            yield from self._row(
                "scenario",
                Select(
                    [(label_value("Scenario", s.value), s.value) for s in Scenario],
                    value=d.scenario,
                    allow_blank=False,
                ),
            )
            yield from self._row("code", Input(d.code, placeholder="Q4-LAUNCH"))
            yield from self._row("topic", Input(d.topic))
            yield from self._row(
                "requesting_department_id",
                Select(
                    [(safe(x.name), x.id) for x in self.departments],
                    value=d.requesting_department_id or Select.NULL,
                    prompt=t("field.none"),
                ),
                caption=t("field.requesting"),
            )
            yield from self._row(
                "lead_id",
                Select(
                    [(safe(p.name), p.id) for p in self.people],
                    value=d.lead_id or Select.NULL,
                    prompt=t("field.none"),
                ),
                caption=t("field.lead"),
            )
            for name in ("start_on", "end_on"):  # the project's dates (issue 16)
                day = getattr(d, name)
                yield from self._row(
                    name, Input(day.isoformat() if day else "", placeholder="YYYY-MM-DD")
                )
            chosen = {p.department_id: p for p in d.partners if p.department_id is not None}
            with Horizontal(classes="form-row"):
                yield Label(t("field.partners"), classes="caption")
                with Vertical(classes="form-input"):
                    yield SelectionList[int](
                        *[
                            Selection(
                                safe(
                                    x.name
                                    + (
                                        "  "
                                        + t("punct.bracketed", text=t("field.external_partner"))
                                        if x.external
                                        else ""
                                    )
                                ),
                                x.id,
                                x.id in chosen,
                            )
                            for x in self._partner_order()
                        ],
                        id="f-partners",
                    )
                    with Horizontal(id="new-partner"):
                        yield Input(placeholder=t("form.new_department"), id="new-partner-name")
                        yield Checkbox(t("field.external_partner"), id="new-partner-external")
                        yield Button(t("button.add"), id="add-partner")
                    yield Static("", id="e-partners", classes="error field-error")
            yield from self._row("background", TextArea(d.background, soft_wrap=True))
            yield from self._row("business_value", TextArea(d.business_value, soft_wrap=True))
            yield Static(t("form.goals"), classes="section")
            yield RowList(
                [
                    Column("description", t("field.description"), width="3fr"),
                    Column("metric", t("field.metric"), width="2fr"),
                    Column("target", t("field.target"), "30", width="12"),
                    Column("unit", t("field.unit"), "%", width="10"),
                ],
                [
                    (
                        g.id,
                        [
                            g.description,
                            g.metric,
                            formats.number(g.target),
                            g.unit,
                        ],
                    )
                    for g in (d.goals or [GoalDraft()])
                ],
                add_label=t("button.add_goal"),
                id="goals",
            )
            yield Static("", id="e-goals", classes="error field-error")
            yield Static(t("form.milestones"), classes="section")
            yield RowList(
                [
                    Column("name", t("field.name"), width="3fr"),
                    Column("due_on", t("field.due_on"), "YYYY-MM-DD", width="17"),
                ],
                [
                    (m.id, [m.name, m.due_on.isoformat() if m.due_on else ""])
                    for m in (d.milestones or [MilestoneDraft()])
                ],
                add_label=t("button.add_milestone"),
                id="milestones",
            )
            yield Static(t("form.deliverables"), classes="section")
            yield RowList(
                [Column("name", t("field.deliverables"))],
                [(x.id, [x.name]) for x in (d.deliverables or [DeliverableDraft()])],
                add_label=t("button.add_deliverable"),
                id="deliverables",
            )
        yield Footer()

    def _row(self, name: str, widget, caption: str | None = None) -> ComposeResult:
        widget.id = f"f-{name}"
        with Horizontal(classes="form-row"):
            yield Label(caption or t(f"field.{name}"), classes="caption")
            with Vertical(classes="form-input"):
                yield whole_cells(widget)
                yield Static("", id=f"e-{name}", classes="error field-error")

    def on_mount(self) -> None:
        self.sub_title = t("template.request_form")
        self._initial = self.collect()[0]
        self.show_hints()

    # ------------------------------------------------------------------ reading the form

    def collect(self) -> tuple[RequestDraft, list[Problem]]:
        """The draft as typed, and problems of form (numbers, dates) found reading it."""
        problems: list[Problem] = []
        partners = self._partners()
        goals = []
        for i, (record_id, (desc, metric, target, unit)) in enumerate(
            self.query_one("#goals", RowList).values()
        ):
            try:
                number = _number(target)
            except ValueError:
                problems.append(Problem(f"goals.{i}", "rule.bad_number"))
                number = None
            goals.append(GoalDraft(desc, metric, number, unit, record_id))
        milestones = []
        for i, (record_id, (name, due)) in enumerate(
            self.query_one("#milestones", RowList).values()
        ):
            try:
                due_on = date.fromisoformat(due.strip()) if due.strip() else None
            except ValueError:
                problems.append(Problem(f"milestones.{i}", "rule.bad_date"))
                due_on = None
            milestones.append(MilestoneDraft(name, due_on, record_id))
        deliverables = [
            DeliverableDraft(name, _standard(self.draft, record_id), record_id)
            for record_id, (name,) in self.query_one("#deliverables", RowList).values()
        ]
        select = self.query_one
        days = {}
        for name in ("start_on", "end_on"):
            try:
                days[name] = parse_day(select(f"#f-{name}", Input).value, name)
            except ValidationError:
                problems.append(Problem(name, "rule.bad_date"))
                days[name] = None
        draft = RequestDraft(
            code=select("#f-code", Input).value,
            topic=select("#f-topic", Input).value,
            scenario=select("#f-scenario", Select).value,
            requesting_department_id=_selected(select("#f-requesting_department_id", Select)),
            lead_id=_selected(select("#f-lead_id", Select)),
            partners=partners,
            background=select("#f-background", TextArea).text,
            business_value=select("#f-business_value", TextArea).text,
            goals=goals,
            milestones=milestones,
            deliverables=deliverables,
            start_on=days["start_on"],
            end_on=days["end_on"],
            project_id=self.draft.project_id,
            version=self.draft.version,
        )
        return draft, problems

    def _partners(self) -> list[PartnerDraft]:
        """Ticked departments: the request's own order first, then newly ticked ones."""
        selected = self.query_one("#f-partners", SelectionList).selected
        known = {p.department_id: p for p in self.draft.partners if p.department_id is not None}
        external = {d.id: d.external for d in self.departments}
        order = [i for i in known if i in selected] + [i for i in selected if i not in known]
        partners = []
        for key in order:
            if key < 0:
                partners.append(self._new_partners[key])
            else:
                was = known.get(key)
                # The request's own choice; a newly ticked one starts from the directory.
                flag = was.external if was else external.get(key, False)
                partners.append(PartnerDraft(department_id=key, external=flag))
        return partners

    @property
    def dirty(self) -> bool:
        """True when the form differs from what was last saved or loaded."""
        return self._initial is not None and self.collect()[0] != self._initial

    # ------------------------------------------------------------------ messages

    def show_problems(self, problems: list[Problem]) -> None:
        """Put each problem next to its field; the first one gets the focus."""
        for widget in self.query(".field-error"):
            widget.update("")
        self.query_one("#form-error", Static).update("")
        for row_list in self.query(RowList):
            row_list.clear_notes()
        self.errors_shown()
        first = None
        # Hints first, so an error on the same row replaces its hint; of several
        # errors on one field, the first (the most specific) stays.
        taken: set[str] = set()
        for problem in sorted(problems, key=lambda p: not p.hint):
            if problem.field in taken:
                continue
            if not problem.hint:
                taken.add(problem.field)
            text = problem.message(t)
            section, _, index = problem.field.partition(".")
            if section in LISTS and index:
                row_list = self.query_one(f"#{section}", RowList)
                column = RULE_COLUMNS.get(problem.key)
                kind = "hint" if problem.hint else "error"
                row_list.note(int(index), text, kind, column=column)
                target = row_list.cell(int(index), column)
            else:
                found = self.query(f"#e-{section}")
                (found.first() if found else self.query_one("#form-error")).update(safe(text))
                target = (
                    self.query(f"#f-{section}").first() if self.query(f"#f-{section}") else None
                )
            if first is None and not problem.hint:
                first = target
        if first is not None:
            focusable = first.query(Input).first() if first.query(Input) else first
            self.focus_field(focusable)
            self.query_one("#request-form").scroll_to_widget(first)

    def show_hints(self) -> None:
        """Refresh the "not measurable" hints as goals are typed."""
        draft, _ = self.collect()
        row_list = self.query_one("#goals", RowList)
        for i, goal in enumerate(draft.goals):
            if i < len(row_list.rows):
                measurable = goal.measurable or not goal.description.strip()
                row_list.note(i, "" if measurable else t("rule.goal_not_measurable"), "hint")

    def on_row_list_changed(self, event: RowList.Changed) -> None:
        if event.row_list.id == "goals":
            self.show_hints()

    # ------------------------------------------------------------------ actions

    def action_save(self) -> None:
        """Check, then save through the store; stay on the form on any problem."""
        draft, problems = self.collect()
        today = self.collab.clock.today()
        problems += check_request(draft, today)
        if blocking(problems):
            self.show_problems(problems)
            return
        try:
            with self.saving():
                project = self.collab.store.save_request(draft, today)
        except ConflictError as exc:
            self.resolve_conflict(exc, {name: getattr(draft, name) for name in PROJECT_FIELDS})
            return
        except StoreError as exc:
            self.show_problems(
                getattr(exc, "problems", None) or [Problem("", "msg.raw", {"text": str(exc)})]
            )
            return
        self.collab.say(t("msg.request_saved", code=project.code))
        self.dismiss(project.id)

    def _focused_list(self) -> tuple[RowList | None, object]:
        node = self.focused
        while node is not None and not isinstance(node, RowList):
            node = node.parent
        return node, self.focused

    def action_add_row(self) -> None:
        """Add a row to the goals, milestones or deliverables list in focus."""
        row_list, focused = self._focused_list()
        if row_list is None:
            row_list = self.query_one("#goals", RowList)
        row_list.add_row(after=row_list.row_of(focused))

    def action_remove_row(self) -> None:
        """Remove the row the focus is in."""
        row_list, focused = self._focused_list()
        row = row_list.row_of(focused) if row_list else None
        if row is not None:
            row_list.remove_row(row)

    def action_leave(self) -> None:
        """Leave, asking first when there are unsaved changes."""
        self.leave_form()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-partner":
            event.stop()
            self._add_new_partner()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new-partner-name":
            event.stop()
            self._add_new_partner()

    def _add_new_partner(self) -> None:
        """Add a department typed by name (created when the form is saved)."""
        name_input = self.query_one("#new-partner-name", Input)
        name = name_input.value.strip()
        if not name:
            return
        existing = next((d for d in self.departments if d.name == name), None)
        selection = self.query_one("#f-partners", SelectionList)
        if existing is not None:
            selection.select(existing.id)
        else:
            external = self.query_one("#new-partner-external", Checkbox).value
            key = -(len(self._new_partners) + 1)
            self._new_partners[key] = PartnerDraft(new_name=name, external=external)
            partner = t("punct.bracketed", text=t("field.external_partner"))
            shown = name + (f"  {partner}" if external else "")
            selection.add_option(Selection(safe(f"{shown}  · {t('form.new')}"), key, True))
        name_input.value = ""


def _selected(select: Select) -> int | None:
    value = select.value
    return None if value is Select.NULL else value


def _standard(draft: RequestDraft, record_id: int | None) -> str:
    """Keep the quality standard a deliverable already has (set in the confirmation)."""
    for d in draft.deliverables:
        if record_id is not None and d.id == record_id:
            return d.quality_standard
    return ""
