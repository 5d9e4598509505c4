"""Weeks, the standup's pure rules, and the progress store."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from collabtui.cli import app as cli
from collabtui.domain.errors import ValidationError
from collabtui.domain.progress import clock_text, met_plan, overtime, slices, summarize
from collabtui.domain.weeks import iso_week, parse_week, shift_week, week_days

WEEK = "2026-W48"
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def test_weeks_read_and_step_across_years():
    assert iso_week(date(2026, 11, 27)) == "2026-W48"
    assert iso_week(date(2027, 1, 1)) == "2026-W53"  # ISO: 1 Jan 2027 is in 2026's last week
    assert parse_week("2026w7") == "2026-W07"
    assert week_days("2026-W48") == (date(2026, 11, 23), date(2026, 11, 29))
    assert shift_week("2026-W53", 1) == "2027-W01"
    assert shift_week("2026-W01", -1) == "2025-W52"
    for bad in ("2026-W54", "2025-W53", "2026-W00", "48", "", "2026-48"):
        with pytest.raises(ValueError):
            parse_week(bad)


@given(st.dates(date(1, 1, 8), date(9999, 12, 24)))
def test_every_day_is_in_the_week_it_names(day):
    week = iso_week(day)
    monday, sunday = week_days(week)
    assert monday <= day <= sunday and parse_week(week) == week


def test_the_rules_of_a_standup_answer():
    assert met_plan("on_track", "") and met_plan("done", "")
    assert not met_plan("at_risk", "") and not met_plan("blocked", "")
    assert not met_plan("on_track", "late delivery")
    share = slices(4)
    assert share.per_department == timedelta(minutes=7, seconds=30)
    assert slices(0).per_department == timedelta(minutes=30)
    start = NOW
    assert overtime(start, start + timedelta(minutes=7, seconds=30), share.per_department) == (
        timedelta(0)
    )
    assert overtime(start, start + timedelta(minutes=8), share.per_department) == timedelta(
        seconds=30
    )
    assert clock_text(timedelta(minutes=7, seconds=5)) == "07:05"
    assert clock_text(timedelta(hours=1, seconds=1)) == "1:00:01"
    assert clock_text(timedelta(seconds=-3)) == "00:00"


def test_answers_are_validated_and_carried_to_the_task(demo_store):
    sheet = demo_store.standup_sheet("CX-FIX", WEEK, tz=UTC)
    row = sheet.departments[0].rows[0]
    with pytest.raises(ValidationError):
        demo_store.record_progress("CX-FIX", WEEK, row.task_id, completion=101)
    with pytest.raises(ValidationError):
        demo_store.record_progress("CX-FIX", "2026-W99", row.task_id, completion=10)
    other = demo_store.task_rows("Q4-LAUNCH")[0]
    with pytest.raises(ValidationError):
        demo_store.record_progress("CX-FIX", WEEK, other.id, completion=10)
    demo_store.record_progress("CX-FIX", WEEK, row.task_id, status="done")
    assert demo_store.task_row(row.task_id).status == "done"
    assert demo_store.task_row(row.task_id).progress == 100
    demo_store.record_progress("CX-FIX", WEEK, row.task_id, miss_reason="Scope grew")
    listed = next(r for r in demo_store.progress_list("CX-FIX", WEEK) if r.task_id == row.task_id)
    assert not listed.met_plan and listed.status == "done"


def test_finishing_twice_keeps_one_meeting(demo_store):
    first = demo_store.finish_standup(
        "CX-FIX", WEEK, started_at=NOW, ended_at=NOW + timedelta(minutes=30), title="W48", tz=UTC
    )
    again = demo_store.finish_standup(
        "CX-FIX", WEEK, started_at=NOW, ended_at=NOW + timedelta(minutes=35), title="W48", tz=UTC
    )
    assert first.id == again.id
    assert demo_store.standup_sheet("CX-FIX", WEEK, tz=UTC).meeting_id == first.id
    assert WEEK in demo_store.progress_weeks("CX-FIX")


def test_the_sheet_leaves_out_work_finished_before_the_week(demo_store):
    sheet = demo_store.standup_sheet("Q4-LAUNCH", WEEK, tz=UTC)
    codes = {r.task_code for d in sheet.departments for r in d.rows}
    accepted = {r.code for r in demo_store.task_rows("Q4-LAUNCH") if r.status == "accepted"}
    assert accepted and not accepted & codes
    summary = summarize(sheet)
    assert {r.task_code for r in summary.slipped} == {
        r.task_code for d in sheet.departments for r in d.rows if not r.met_plan
    }


def test_export_progress_json_and_a_bad_week(demo_store):
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--db", demo_store.url, "export", "progress", "Q4-LAUNCH", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["format"] == "collab-progress/1"
    records = data["progress"]
    assert records and all(r["week"] == demo_store.progress_weeks("Q4-LAUNCH")[0] for r in records)
    assert {"completion", "change", "met_plan", "miss_reason", "support_from"} <= set(records[0])
    bad = runner.invoke(
        cli, ["--db", demo_store.url, "export", "progress", "Q4-LAUNCH", "--week", "W48"]
    )
    assert bad.exit_code != 0 and "W48" in str(bad.exception)  # main() turns it into exit 2
