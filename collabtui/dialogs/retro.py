"""The retrospective's dialogs: the one-line capture, an item's form, a goal's actual, a practice."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Select, Static, TextArea

from collabtui.dialogs.base import ButtonBar, CollabModal
from collabtui.dialogs.forms import RecordForm
from collabtui.domain.retro import GoalAchievement, PracticeRow, RetroItemRow, format_figure
from collabtui.i18n import label_value, t
from collabtui.text import safe
from collabtui.widgets.field_list import FieldList


def iso(value) -> str:
    """A date as ``YYYY-MM-DD``; nothing for no date."""
    return value.isoformat() if value else ""


class CaptureLine(RecordForm):
    """One line: ``text @owner -> action``; Enter saves (a goal note also names its goal)."""

    ENTER_SAVES = True  # a capture is type-and-enter

    def __init__(
        self,
        dimension: str,
        save,
        goals: list[tuple[str, int]] | None = None,
        goal_id: int | None = None,
    ):
        title = t("retro.capture_title", dimension=label_value("RetroDimension", dimension))
        super().__init__(title, save)
        self.dimension = dimension
        self.goals = goals or []
        self.goal_id = goal_id
        self.FIELDS = ("text", "goal_id") if dimension == "goal_result" else ("text",)

    def compose_fields(self) -> ComposeResult:
        yield Static(t("retro.capture_hint"), classes="hint")
        yield from self.field("text", t("field.text"), Input(placeholder=t("retro.capture_hint")))
        if "goal_id" in self.FIELDS:
            yield from self.field(
                "goal_id",
                t("retro.field.goal"),
                Select(
                    [(safe(name), key) for name, key in self.goals],
                    value=self.goal_id if self.goal_id else Select.NULL,
                    prompt=t("field.none"),
                ),
            )


class RetroItemForm(RecordForm):
    """Correct an item: text, owner, follow-up action, due date (and the goal of a goal note)."""

    def __init__(
        self,
        save,
        item: RetroItemRow,
        people: list[tuple[str, int]],
        goals: list[tuple[str, int]],
    ):
        title = t("retro.edit_title", dimension=label_value("RetroDimension", item.dimension))
        super().__init__(title, save)
        self.item, self.people, self.goals = item, people, goals
        fields = ("text", "owner_id", "action", "due_on")
        self.FIELDS = (*fields, "goal_id") if item.dimension == "goal_result" else fields

    def compose_fields(self) -> ComposeResult:
        i = self.item
        yield from self.field("text", t("field.text"), Input(i.text))
        yield from self.field(
            "owner_id",
            t("field.owner"),
            Select(
                [(safe(name), key) for name, key in self.people],
                value=i.owner_id if i.owner_id else Select.NULL,
                prompt=t("field.none"),
            ),
        )
        yield from self.field("action", t("retro.field.action"), Input(i.action))
        yield from self.field(
            "due_on", t("field.due_on"), Input(iso(i.due_on), placeholder="YYYY-MM-DD")
        )
        if "goal_id" in self.FIELDS:
            yield from self.field(
                "goal_id",
                t("retro.field.goal"),
                Select(
                    [(safe(name), key) for name, key in self.goals],
                    value=i.goal_id if i.goal_id else Select.NULL,
                    prompt=t("field.none"),
                ),
            )


class ActualForm(RecordForm):
    """The result a goal reached."""

    FIELDS = ("actual",)

    def __init__(self, save, goal: GoalAchievement):
        super().__init__(t("retro.actual_title", goal=goal.description), save)
        self.goal = goal

    def compose_fields(self) -> ComposeResult:
        g = self.goal
        target = format_figure(g.target, g.unit) or t("field.none")
        yield Static(safe(t("retro.actual_target", target=target)), classes="hint")
        shown = format_figure(g.actual).replace(",", "") if g.actual is not None else ""
        yield from self.field(
            "actual", t("col.actual"), Input(shown, placeholder=t("retro.actual_hint"))
        )


class PracticeForm(RecordForm):
    """A practice of the handbook: title, body, tags (promoting an item, or editing)."""

    FIELDS = ("title", "body", "tags")

    def __init__(self, title: str, save, *, name: str = "", body: str = "", tags: str = ""):
        super().__init__(title, save)
        self.initial = (name, body, tags)

    def compose_fields(self) -> ComposeResult:
        name, body, tags = self.initial
        yield from self.field("title", t("handbook.field.title"), Input(name))
        yield from self.field("body", t("handbook.field.body"), TextArea(body, soft_wrap=True))
        yield from self.field(
            "tags", t("handbook.field.tags"), Input(tags, placeholder=t("handbook.tags_hint"))
        )

    def values(self) -> dict:
        return {
            "title": self.query_one("#f-title", Input).value,
            "body": self.query_one("#f-body", TextArea).text,
            "tags": self.query_one("#f-tags", Input).value,
        }


class PracticeView(CollabModal[None]):
    """One practice, whole: title, tags, source, body."""

    BINDINGS = [Binding("escape,enter,q", "close", "key.close", id="close")]

    def __init__(self, practice: PracticeRow):
        super().__init__()
        self.practice = practice

    def compose(self) -> ComposeResult:
        p = self.practice
        with VerticalScroll(id="dialog", can_focus=False):
            yield Static(safe(p.title, "bold", single_line=False), id="dialog-title")
            fields = FieldList(id="practice-fields")
            yield fields
            with ButtonBar(id="buttons"):
                yield Button(t("button.close"), variant="primary", id="close")

    def on_mount(self) -> None:
        p = self.practice
        self.query_one("#practice-fields", FieldList).show(
            [
                (t("handbook.field.tags"), " · ".join(p.tags)),
                (t("handbook.col.source"), source_text(p)),
                (t("handbook.col.status"), status_word(p, self.collab.clock.tz)),
                (t("handbook.field.body"), p.body),
            ]
        )
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


def source_text(p: PracticeRow) -> str:
    """``VIP-PTS 会员积分体系升级 · 2026-11-10`` (what a practice cites)."""
    project = " ".join(x for x in (p.source_code, p.source_topic) if x) or t("field.none")
    return f"{project} · {p.source_on.isoformat()}" if p.source_on else project


def status_word(p: PracticeRow, tz: tzinfo) -> str:
    """In the handbook, or retired (and on which day in the user's zone ``tz``)."""
    if p.retired_at is None:
        return t("handbook.status.current")
    return t("handbook.status.retired", day=p.retired_at.astimezone(tz).date().isoformat())


__all__ = [
    "ActualForm",
    "CaptureLine",
    "PracticeForm",
    "PracticeView",
    "RetroItemForm",
    "source_text",
    "status_word",
]
