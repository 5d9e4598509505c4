"""The retrospective (《协作复盘总结表》): goal achievement, then the items of the four dimensions.

Capture works like the meeting runner: one key opens a one-line capture
(``text @owner -> action``), Enter saves it at once, and the first capture begins the
project's retrospective meeting (复盘会) now, so the 5-working-day rule sees it held.
The status line says where the rule stands: held on working day N of 5, due by a
date, or late.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from collabtui.dialogs.retro import ActualForm, CaptureLine, PracticeForm, RetroItemForm
from collabtui.domain.errors import ValidationError
from collabtui.domain.inputs import parse_day
from collabtui.domain.pickers import person_label
from collabtui.domain.retro import (
    DIMENSIONS,
    GoalAchievement,
    RetroItemRow,
    RetroReport,
    RetroTiming,
    format_figure,
    format_percent,
    match_person,
    parse_capture,
)
from collabtui.i18n import label_value, labelled, t
from collabtui.screens.register import RegisterScreen
from collabtui.text import safe, truncate
from collabtui.widgets.footer import Footer
from collabtui.widgets.record_table import RecordTable

#: How the rule's states look.
TIMING_STYLE = {
    "on_time": "green",
    "late": "bold red",
    "due": "yellow",
    "overdue": "bold red",
    "no_end": "dim",
}
#: Widest the item text gets in the table (terminal cells).
TEXT_WIDTH = 44


def timing_text(timing: RetroTiming) -> Text:
    """The 5-working-day rule in one line: held on day N of 5 / due by … / late."""
    params = {
        "n": timing.workday,
        "limit": timing.limit,
        "end": timing.end.isoformat() if timing.end else "",
        "due": timing.deadline.isoformat() if timing.deadline else "",
        "held": timing.held_on.isoformat() if timing.held_on else "",
    }
    return Text(t(f"retro.timing.{timing.state}", **params), style=TIMING_STYLE[timing.state])


def percent_text(goal: GoalAchievement) -> Text:
    """``114.7%`` (green at 100 % or more), or why there is no ratio."""
    value = goal.percent
    if value is None:
        return Text(t(f"retro.no_ratio.{goal.why_none}"), style="dim")
    return Text(format_percent(value), style="green" if value >= 100 else "yellow")


class RetroScreen(RegisterScreen):
    """One project's retrospective: goals with their actuals, and the items by dimension."""

    DEFAULT_CSS = """
    #retro-title, #retro-rule { height: auto; padding: 0 1; }
    #retro-goals { margin-bottom: 1; }
    """

    TABLE = "retro-items"
    #: The table in use (the one with the focus, or the last one that had it).
    _active: RecordTable | None = None
    TITLE_KEY = "template.retro_summary"

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("h", "capture('highlight')", "key.retro_highlight", id="retro-highlight"),
        Binding("i", "capture('problem')", "key.retro_problem", id="retro-problem"),
        Binding("s", "capture('suggestion')", "key.retro_suggestion", id="retro-suggestion"),
        Binding("g", "capture('goal_result')", "key.retro_goal", id="retro-goal-note"),
        Binding("t", "actual", "key.retro_actual", id="retro-actual"),
        Binding("e", "edit", "key.edit", id="retro-edit"),
        Binding("d", "delete", "key.delete", id="retro-delete"),
        Binding("P", "promote", "key.retro_promote", id="retro-promote"),
        Binding("r", "refresh", "key.refresh", show=False, id="refresh"),
    ]

    def __init__(self, project_id: int):
        super().__init__(project_id)
        self.project_id: int = project_id
        self.report: RetroReport | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(id="retro-title")
        yield Static(id="retro-rule")
        yield RecordTable(id="retro-goals")
        yield RecordTable(id="retro-items")
        yield Footer()

    # ------------------------------------------------------------------ showing

    def load(self) -> RetroReport:
        """The retrospective report, its 5-working-day rule on the configured calendar."""
        from collabtui.domain.workdays import work_calendar

        app = self.collab
        return app.store.retro_report(
            self.project_id,
            calendar=work_calendar(app.config.holiday_country),
            tz=app.clock.tz,
            today=app.clock.today(),
        )

    def show(self, report: RetroReport) -> None:
        """Redraw the title, the rule's status, the goals and the items."""
        self.report = r = report
        title = safe(f"{r.code}  {r.topic}", "bold")
        if r.meeting is not None:
            title.append("   ")
            title.append_text(safe(r.meeting.title, "italic"))
        self.query_one("#retro-title", Static).update(title)
        self.query_one("#retro-rule", Static).update(timing_text(r.timing))
        goals = self.query_one("#retro-goals", RecordTable)
        goals.show(
            [
                t("col.goal"),
                t("col.metric"),
                t("col.target"),
                t("col.actual"),
                t("retro.col.percent"),
            ],
            [
                (
                    str(g.goal_id),
                    [
                        truncate(g.description, 36),
                        truncate(g.metric, 20),
                        format_figure(g.target, g.unit),
                        format_figure(g.actual, g.unit),
                        percent_text(g),
                    ],
                )
                for g in r.goals
            ],
        )
        goals.styles.height = len(r.goals) + 1 if r.goals else 2
        if not r.goals and goals.has_focus:
            self.table.focus()  # nothing to look at up there
        self.table.show(
            [
                t("retro.col.dimension"),
                t("col.text"),
                t("col.owner"),
                t("retro.col.action"),
                t("col.due"),
                t("retro.col.practice"),
            ],
            [(str(i.id), self._cells(i)) for d in DIMENSIONS for i in r.items_of(d)],
        )

    def _cells(self, item: RetroItemRow) -> list[object]:
        text = item.text
        if item.goal:
            text = labelled(item.goal, text)
        return [
            label_value("RetroDimension", item.dimension),
            truncate(" ".join(text.split()), TEXT_WIDTH),
            item.owner,
            truncate(" ".join(item.action.split()), 30),
            item.due_on.isoformat() if item.due_on else "",
            Text("✓", style="green") if item.promoted else "",
        ]

    # ------------------------------------------------------------------ focus

    @property
    def goals_table(self) -> RecordTable:
        """The upper table: the goals and their actuals."""
        return self.query_one("#retro-goals", RecordTable)

    def on_mount(self, event) -> None:  # type: ignore[override]
        """Open where the eye starts: the goals (the upper table); only the table with the
        focus shows a cursor, so what looks selected is what the keys act on."""
        event.prevent_default()  # the register's own on_mount runs here, not after
        super().on_mount()
        self._active = self.goals_table
        self.goals_table.focus()
        self._show_cursors()

    def _show_cursors(self) -> None:
        for table in (self.goals_table, self.table):
            table.show_cursor = table is self._active

    def on_descendant_focus(self, event) -> None:
        # The focus as it is now (the events of two quick moves may arrive out of order).
        if self.focused in (self.goals_table, self.table):
            self._active = self.focused
            self._show_cursors()

    def current_item(self) -> RetroItemRow | None:
        """The item under the cursor of the items table, while that table is the one in use."""
        key = self.table.cursor_key
        if self.report is None or key is None or self._active is not self.table:
            return None
        return self.report.item(int(key))

    def current_goal(self) -> GoalAchievement | None:
        """The goal under the cursor of the goals table, while that table is the one in use
        (never the cursor of a table the user is not looking at)."""
        key = self.goals_table.cursor_key
        if self.report is None or key is None or self._active is not self.goals_table:
            return None
        return next((g for g in self.report.goals if str(g.goal_id) == key), None)

    def _people(self) -> list[tuple[str, int]]:
        return [(person_label(c), c.id) for c in self.collab.store.picker_people(self.project_id)]

    def _goals(self) -> list[tuple[str, int]]:
        return [(g.description, g.goal_id) for g in self.report.goals] if self.report else []

    def _select(self, item_id: int) -> None:
        """Put the items table's cursor on ``item_id``."""
        table = self.table
        if str(item_id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(item_id)))

    # ------------------------------------------------------------------ capture

    def action_capture(self, dimension: str) -> None:
        """One line, saved at once; the first capture begins the retrospective meeting."""
        if self.report is None:
            return
        store, people = self.collab.store, self._people()

        def save(values: dict):
            text, owner_name, action = parse_capture(values.get("text") or "")
            owner_id = None
            if owner_name is not None:
                owner_id = match_person(owner_name, people)
                if owner_id is None:
                    raise ValidationError(t("retro.err.unknown_owner", name=owner_name), "text")
            if not text:
                raise ValidationError(t("err.required"), "text")
            if self.report.meeting is None or not self.report.meeting.held:
                store.start_retrospective(self.project_id, start_at=self.collab.clock.now())
            return store.add_retro_item(
                self.project_id,
                dimension,
                text,
                owner_id=owner_id,
                action=action,
                goal_id=values.get("goal_id"),
            )

        def done(item) -> None:
            if item is not None:
                self.refresh_now()
                self._select(item.id)
                self.collab.say(t("msg.saved"), timeout=1.5)

        goal = self.current_goal()
        form = CaptureLine(dimension, save, self._goals(), goal.goal_id if goal else None)
        self.app.push_screen(form, done)

    def action_actual(self) -> None:
        """Type the actual of the goal under the goals table's cursor."""
        goal = self.current_goal()
        if goal is None and self.report is not None and self.report.goals:
            # On the items: show the goals' cursor first, so the user sees which goal.
            self.goals_table.focus()
            bindings = self._bindings.key_to_bindings.values()
            key = next(
                (
                    self.app.get_key_display(b)
                    for bs in bindings
                    for b in bs
                    if b.action == "actual"
                ),
                "t",
            )
            self.collab.say(t("retro.msg.pick_goal", key=key), severity="warning")
            return
        if goal is None:
            self.collab.say(t("retro.msg.no_goal"), severity="warning")
            return
        store = self.collab.store

        def save(values: dict):
            return store.record_goal_actual(goal.goal_id, goal.version, values["actual"])

        self.app.push_screen(ActualForm(save, goal), self.saved)

    def action_edit(self) -> None:
        """Correct the item under the cursor (on the goals: type the goal's actual)."""
        if self._active is self.goals_table:
            self.action_actual()
            return
        item = self.current_item()
        if item is None:
            self.collab.say(t("retro.msg.no_item"), severity="warning")
            return
        store, today = self.collab.store, self.collab.clock.today()

        def save(values: dict):
            values = dict(values)
            values["due_on"] = parse_day(values.get("due_on"), "due_on", today)
            return store.edit_retro_item(item.id, item.version, **values)

        form = RetroItemForm(save, item, self._people(), self._goals())
        self.app.push_screen(form, self.saved)

    def action_delete(self) -> None:
        """Delete the item under the cursor, after a yes."""
        item = self.current_item()
        if item is None:
            self.collab.say(t("retro.msg.no_item"), severity="warning")
            return

        self.confirm_then(
            t("retro.confirm_delete", text=truncate(item.text, 60)),
            t("retro.button.delete"),
            lambda: self.collab.store.delete_retro_item(item.id, item.version),
            t("retro.msg.deleted"),
        )

    def action_promote(self) -> None:
        """Promote the item under the cursor to a practice of the handbook."""
        item = self.current_item()
        if item is None or self.report is None:
            self.collab.say(t("retro.msg.no_item"), severity="warning")
            return
        store, report = self.collab.store, self.report
        held = report.timing.held_on
        body = f"{item.text}\n{item.action}".strip() if item.action else item.text

        def save(values: dict):
            return store.promote_to_practice(
                item.id,
                title=values["title"],
                body=values["body"],
                tags=values["tags"],
                tz=self.collab.clock.tz,
                source_on=held or self.collab.clock.today(),
            )

        def done(practice) -> None:
            if practice is not None:
                self.refresh_now()
                self.collab.say(t("retro.msg.promoted", title=practice.title))

        title = t("retro.promote_title")
        self.app.push_screen(PracticeForm(title, save, name=item.text, body=body), done)

    def action_refresh(self) -> None:
        self.refresh_data()


__all__ = ["RetroScreen", "percent_text", "timing_text"]
