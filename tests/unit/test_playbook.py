"""The playbook's rules for the request form and the phases (pure functions)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from collabtui.domain.drafts import GoalDraft, MilestoneDraft, PartnerDraft, RequestDraft
from collabtui.domain.playbook import (
    PHASES,
    PhaseFacts,
    blocking,
    check_request,
    gaps_to_advance,
    next_phase,
)

TODAY = date(2026, 11, 27)


def complete(**changes) -> RequestDraft:
    draft = RequestDraft(
        code="Q1",
        topic="Launch",
        requesting_department_id=1,
        lead_id=7,
        partners=[PartnerDraft(department_id=2), PartnerDraft(new_name="Agency", external=True)],
        goals=[GoalDraft("Sales +30%", "sales", 30, "%")],
        milestones=[
            MilestoneDraft("Review", date(2026, 12, 1)),
            MilestoneDraft("Go", date(2026, 12, 9)),
        ],
    )
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


def keys(draft: RequestDraft) -> list[tuple[str, str]]:
    return [(p.field, p.key) for p in check_request(draft, TODAY)]


def test_a_complete_request_has_no_problems():
    assert check_request(complete(), TODAY) == []


def test_required_fields():
    draft = RequestDraft()
    found = keys(draft)
    for field in ("code", "topic", "requesting_department_id", "lead_id"):
        assert (field, "rule.required") in found
    assert ("partners", "rule.need_partner") in found
    assert ("goals", "rule.need_goal") in found


def test_requesting_department_cannot_collaborate():
    draft = complete(partners=[PartnerDraft(department_id=1)])
    assert ("partners", "rule.requesting_is_partner") in keys(draft)


def test_a_department_listed_twice():
    draft = complete(partners=[PartnerDraft(new_name="A"), PartnerDraft(new_name=" a ")])
    assert ("partners", "rule.duplicate_partner") in keys(draft)


def test_duplicate_goals_ignore_case_and_spacing():
    draft = complete(
        goals=[GoalDraft("Sales +30%", target=30), GoalDraft("sales  +30%", target=30)]
    )
    problems = check_request(draft, TODAY)
    dup = [p for p in problems if p.key == "rule.duplicate_goal"]
    assert [(p.field, p.params) for p in dup] == [("goals.1", {"n": 1})]


def test_goal_without_a_number_is_a_hint_not_an_error():
    draft = complete(goals=[GoalDraft("Happier customers")])
    problems = check_request(draft, TODAY)
    assert [(p.field, p.key, p.hint) for p in problems] == [
        ("goals.0", "rule.goal_not_measurable", True)
    ]
    assert blocking(problems) == []


def test_milestones_in_order_and_not_in_the_past_for_a_new_project():
    draft = complete(
        milestones=[
            MilestoneDraft("Old", date(2026, 11, 1)),
            MilestoneDraft("B", date(2026, 12, 9)),
            MilestoneDraft("A", date(2026, 12, 1)),
            MilestoneDraft("", None),
            MilestoneDraft("No date", None),
        ]
    )
    found = keys(draft)
    assert ("milestones.0", "rule.milestone_in_past") in found
    assert ("milestones.2", "rule.milestones_out_of_order") in found
    assert ("milestones.4", "rule.milestone_needs_date") in found
    assert not any(field == "milestones.3" for field, _ in found)


def test_past_milestones_are_fine_once_the_project_exists():
    draft = complete(milestones=[MilestoneDraft("Kick-off", date(2026, 10, 1))], project_id=3)
    assert check_request(draft, TODAY) == []


@given(st.lists(st.dates(min_value=date(2026, 11, 27), max_value=date(2030, 1, 1)), max_size=6))
def test_sorted_future_milestones_never_complain(days):
    draft = complete(milestones=[MilestoneDraft(f"m{i}", d) for i, d in enumerate(sorted(days))])
    assert not [p for p in check_request(draft, TODAY) if p.field.startswith("milestones")]


def test_phase_order_and_the_last_phase():
    assert PHASES[0] == "draft" and PHASES[-1] == "closed"
    assert [next_phase(p) for p in PHASES] == [*PHASES[1:], None]


def test_aligning_needs_every_agreement_and_the_minutes():
    facts = PhaseFacts(phase="aligning", partners=2, consultations_open=("IT",), confirmed=False)
    assert [(g.key, g.params) for g in gaps_to_advance(facts)] == [
        ("gap.not_agreed", {"department": "IT"}),
        ("gap.no_confirmation", {}),
    ]
    ready = PhaseFacts(phase="aligning", partners=2, consultations_agreed=2, confirmed=True)
    assert gaps_to_advance(ready) == []


def test_other_phase_gaps():
    assert [g.key for g in gaps_to_advance(PhaseFacts("draft", request_problems=2))] == [
        "gap.request_incomplete"
    ]
    assert [g.key for g in gaps_to_advance(PhaseFacts("confirmed"))] == ["gap.no_tasks"]
    assert [g.key for g in gaps_to_advance(PhaseFacts("executing", tasks=3, tasks_open=1))] == [
        "gap.tasks_open"
    ]
    assert gaps_to_advance(PhaseFacts("closed")) == []


def test_a_risk_warning_needs_24_hours_notice():
    from datetime import UTC, datetime, timedelta, timezone

    from collabtui.domain.playbook import risk_is_late, risk_lead_time

    shanghai = timezone(timedelta(hours=8))
    day = date(2026, 12, 1)
    start = datetime(2026, 12, 1, tzinfo=shanghai)
    assert risk_lead_time(start - timedelta(hours=24), day, shanghai) == timedelta(hours=24)
    assert not risk_is_late(start - timedelta(hours=24), day, shanghai)  # exactly 24 h: in time
    assert risk_is_late(start - timedelta(hours=23, minutes=59), day, shanghai)
    assert risk_is_late(start + timedelta(hours=1), day, shanghai)  # after the date began
    # the same instant in UTC: 16:00 on 29 Nov UTC is midnight 30 Nov in Shanghai
    assert not risk_is_late(datetime(2026, 11, 29, 16, tzinfo=UTC), day, shanghai)
    assert risk_lead_time(start, None, shanghai) is None
    assert not risk_is_late(start, None, shanghai)
