"""One project: its request form, departments, goals, milestones, meetings, tasks, risks.

Later phases fill more sections; each section is a tab.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from collabtui.i18n import label, t
from collabtui.screens.base import CollabScreen
from collabtui.store.errors import NotFound
from collabtui.text import safe
from collabtui.widgets.field_list import FieldList
from collabtui.widgets.record_table import RecordTable

TABS = ("overview", "meetings", "tasks", "risks")


class ProjectScreen(CollabScreen):
    """A project's sections, one tab each."""

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("1", "tab('overview')", "key.tab_overview", show=False, id="tab-overview"),
        Binding("2", "tab('meetings')", "key.tab_meetings", show=False, id="tab-meetings"),
        Binding("3", "tab('tasks')", "key.tab_tasks", show=False, id="tab-tasks"),
        Binding("4", "tab('risks')", "key.tab_risks", show=False, id="tab-risks"),
        Binding("r", "refresh", "key.refresh", id="refresh"),
    ]

    def __init__(self, project_id: int, tab: str | None = None):
        super().__init__()
        self.project_id = project_id
        self.initial_tab = tab if tab in TABS else "overview"

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="heading")
        with TabbedContent(initial=self.initial_tab):
            with TabPane(t("tab.overview"), id="overview"):
                yield FieldList(id="form")
                yield RecordTable(id="departments")
                yield RecordTable(id="goals")
                yield RecordTable(id="milestones")
            with TabPane(t("tab.meetings"), id="meetings"):
                yield RecordTable(id="meeting-list")
            with TabPane(t("tab.tasks"), id="tasks"):
                yield RecordTable(id="task-list")
            with TabPane(t("tab.risks"), id="risks"):
                yield RecordTable(id="risk-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("project.title")
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read the project and fill every section."""
        try:
            data = self.collab.store.project_overview(self.project_id)
        except NotFound:
            self.collab.say(t("msg.project_gone"), severity="error")
            self.dismiss()
            return
        p = data["project"]
        heading = safe(f"{p.code}  {p.topic}", "bold")
        heading.append(f"   {label(p.phase)}", style="italic")
        self.query_one("#heading", Static).update(heading)
        local = self.collab.clock.local
        self.query_one("#form", FieldList).show(
            [
                (t("field.code"), p.code),
                (t("field.topic"), p.topic),
                (t("field.scenario"), label(p.scenario)),
                (t("field.requesting"), data["requesting"].name if data["requesting"] else ""),
                (t("field.lead"), data["lead"].name if data["lead"] else ""),
                (t("field.phase"), label(p.phase)),
                (t("field.background"), p.background),
                (t("field.business_value"), p.business_value),
                (t("field.deliverables"), p.deliverables),
                (t("field.start"), p.start_on),
                (t("field.end"), p.end_on),
                (
                    t("field.ended_at"),
                    local(p.ended_at).strftime("%Y-%m-%d %H:%M") if p.ended_at else "",
                ),
            ]
        )
        self.query_one("#departments", RecordTable).show(
            [t("col.department"), t("col.role")],
            [(str(d.id), [d.name, label(role)]) for role, d in data["departments"]],
        )
        self.query_one("#goals", RecordTable).show(
            [t("col.goal"), t("col.metric"), t("col.target"), t("col.actual")],
            [
                (
                    str(g.id),
                    [
                        g.description,
                        g.metric,
                        _number(g.target, g.unit) or t("hint.not_measurable"),
                        _number(g.actual, g.unit),
                    ],
                )
                for g in data["goals"]
            ],
        )
        self.query_one("#milestones", RecordTable).show(
            [t("col.milestone"), t("col.due"), t("col.done")],
            [(str(m.id), [m.name, m.due_on, m.done_on or ""]) for m in data["milestones"]],
        )
        self.query_one("#meeting-list", RecordTable).show(
            [t("col.start"), t("col.kind"), t("col.title"), t("col.duration")],
            [
                (
                    str(m.id),
                    [
                        local(m.start_at).strftime("%Y-%m-%d %H:%M"),
                        label(m.kind),
                        m.title,
                        t("unit.minutes", n=m.duration_min),
                    ],
                )
                for m in data["meetings"]
            ],
        )
        self.query_one("#task-list", RecordTable).show(
            [t("col.code"), t("col.title"), t("col.status"), t("col.due"), t("col.progress")],
            [
                (str(k.id), [k.code, k.title, label(k.status), k.due_on or "", f"{k.progress}%"])
                for k in data["tasks"]
            ],
        )
        self.query_one("#risk-list", RecordTable).show(
            [t("col.title"), t("col.level"), t("col.status"), t("col.threatened")],
            [
                (str(r.id), [r.title, label(r.level), label(r.status), r.threatened_on or ""])
                for r in data["risks"]
            ],
        )

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_back(self) -> None:
        self.dismiss()

    def action_refresh(self) -> None:
        self.refresh_data()


def _number(value: float | None, unit: str) -> str:
    """A target or actual with its unit; empty when there is no number."""
    if value is None:
        return ""
    shown = f"{value:g}"
    return f"{shown} {unit}".strip() if unit not in ("%",) else f"{shown}%"
