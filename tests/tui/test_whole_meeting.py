"""One meeting from notice to distributed minutes, by keys, checked in the store and
in the exported Markdown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from markdown_it import MarkdownIt
from textual.widgets import SelectionList

from collabtui.dialogs.confirm import ConfirmDialog
from collabtui.dialogs.minutes import DecisionForm
from collabtui.screens.minutes import DecisionsScreen, MinutesScreen
from collabtui.screens.runner import MeetingRunnerScreen
from collabtui.store.meeting_run import AgendaDraft, MeetingDraft

from .conftest import SIZE
from .test_real_clock import until
from .test_runner import capture

START = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The body rows of the first table after ``heading``."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows, seen, row, in_body = [], False, None, False
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tokens[i + 1].content == heading:
            seen = True
        elif seen and tok.type == "tbody_open":
            in_body = True
        elif seen and in_body and tok.type == "tr_open":
            row = []
        elif seen and in_body and tok.type == "inline" and row is not None:
            row.append(tok.content)
        elif seen and in_body and tok.type == "tr_close":
            rows.append(row)
            row = None
        elif seen and tok.type == "tbody_close":
            break
    return rows


async def test_whole_meeting_by_keys(store, make_app, clock, isolated):
    it = store.add_department("IT")
    ann = store.add_person("Ann", department_id=it.id, email="ann@example.com")
    bo = store.add_person("Bo", department_id=it.id)
    cy = store.add_person("Cy")
    project = store.create_project("P1", "Launch")
    meeting = store.plan_meeting(
        MeetingDraft(
            project_id=project.id,
            title="Launch sync",
            start_at=START + timedelta(days=4),
            duration_min=45,
            host_id=ann.id,
            attendees=[(ann.id, "decision_maker"), (bo.id, "executor"), (cy.id, "cc")],
            agenda=[
                AgendaDraft("Status", ann.id, 10),
                AgendaDraft("Plan", bo.id, 20),
                AgendaDraft("Budget", ann.id, 10, "decision"),
            ],
        )
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_project(project.id, tab="meetings")
        await pilot.pause()
        await pilot.press("N")  # notice, 4 days ahead
        await pilot.pause()
        await pilot.press("enter")  # run it: 4 days early, so it asks first
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, MeetingRunnerScreen), "the runner")
        await capture(pilot, "d", "Ship in Q1", owner=ann.id, due="2027-01-05")
        await pilot.press("n")
        await capture(pilot, "a", "Draft the plan", owner=bo.id, due="2026-12-10")
        await capture(pilot, "o", "Who pays the agency")
        await pilot.press("n")
        await capture(pilot, "d", "Budget a|b <script>", owner=ann.id, due="2026-12-01")
        await pilot.press("m")
        await pilot.pause()
        present = app.screen.query_one("#f-present", SelectionList)
        present.select_all()
        present.deselect(store.meeting_detail(meeting.id).attendees[1][0].id)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f", "escape")
        await pilot.pause()
        await pilot.press("o")  # minutes of the meeting
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        await pilot.press("s", "x")  # distribute, export
        await pilot.pause()

    detail = store.meeting_detail(meeting.id)
    m = detail.meeting
    assert m.notice_sent_at == clock.now() and m.started_at == clock.now()
    assert m.ended_at == clock.now() and m.minutes_distributed_at == clock.now()
    assert m.distributed_to == "Ann, Bo, Cy"
    assert [d.text for d in detail.decisions] == [
        "Ship in Q1",
        "Draft the plan",
        "Budget a|b <script>",
    ]
    assert [a.title for a in detail.actions] == ["Draft the plan"]
    assert [o.text for o in detail.open_items] == ["Who pays the agency"]
    assert [a.attended for a, _ in detail.attendees] == [True, False, True]

    [path] = (isolated / "data" / "exports").glob("*.md")
    markdown = path.read_text(encoding="utf-8")
    decisions = table_rows(markdown, "Decisions")
    texts = [row[0] for row in decisions]
    assert texts[0] == "Ship in Q1" and texts[-1].startswith("Budget a|b")
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert any("Ann" in cell for row in decisions for cell in row)
    assert any("2027-01-05" in cell for row in decisions for cell in row)


async def test_a_decision_can_be_corrected_after_the_meeting(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(DecisionsScreen(None))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DecisionForm)
        form.query_one("#f-due_on").value = "2027-02-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DecisionsScreen)
    first = demo_store.decision_rows()[0]
    assert str(first.due_on) == "2027-02-01"
