"""Phase 1 in the store: saving the form, consultations, the review, the phase guard."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from collabtui import i18n
from collabtui.domain.drafts import (
    DeliverableDraft,
    GoalDraft,
    MilestoneDraft,
    PartnerDraft,
    RequestDraft,
)
from collabtui.domain.enums import AttendeeRole, MeetingKind
from collabtui.store import ConflictError
from collabtui.store.phases import PhaseBlocked
from collabtui.store.request import RequestInvalid

TODAY = date(2026, 11, 27)


@pytest.fixture
def setup(store):
    mkt = store.add_department("市场部")
    prd = store.add_department("产品部")
    design = store.add_department("设计部")
    lead = store.add_person("李娜", department_id=mkt.id)
    head = store.add_person("陈静", department_id=prd.id)
    store.edit_department(prd.id, prd.version, head_id=head.id)
    draft = RequestDraft(
        code="Q1",
        topic="新品上市",
        requesting_department_id=mkt.id,
        lead_id=lead.id,
        partners=[
            PartnerDraft(department_id=prd.id),
            PartnerDraft(new_name="星辰广告", external=True),
        ],
        goals=[GoalDraft("销售额提升", "销售额", 30, "%"), GoalDraft("品牌声量")],
        milestones=[MilestoneDraft("评审", date(2026, 12, 1))],
        deliverables=[DeliverableDraft("发布会")],
    )
    project = store.save_request(draft, TODAY)
    return store, project, {"mkt": mkt, "prd": prd, "design": design, "lead": lead, "head": head}


def test_save_creates_the_project_partners_and_pending_consultations(setup):
    store, project, _d = setup
    assert project.phase.value == "draft"
    links = store.project_departments(project.id)
    assert [(dept.name, link.role.value) for link, dept in links] == [
        ("产品部", "collaborating"),
        ("星辰广告", "external"),
    ]
    rows = store.consultations(project.id)
    assert [(r.department, r.status, r.head) for r in rows] == [
        ("产品部", "pending", "陈静"),
        ("星辰广告", "pending", ""),
    ]
    assert next(x for x in store.departments() if x.name == "星辰广告").external


def test_invalid_request_is_refused_whole(setup):
    store, _project, _d = setup
    with pytest.raises(RequestInvalid) as info:
        store.save_request(RequestDraft(code="Q1"), TODAY)
    assert {p.field for p in info.value.problems} >= {"topic", "lead_id", "partners", "goals"}
    assert len(store.projects()) == 1


def test_code_must_be_unique(setup):
    store, project, _d = setup
    draft = store.request_draft(project.id)
    draft.project_id = draft.version = None
    with pytest.raises(RequestInvalid) as info:
        store.save_request(draft, TODAY)
    assert info.value.problems[0].key == "rule.code_taken"


def test_editing_syncs_children_and_keeps_history(setup):
    store, project, d = setup
    draft = store.request_draft(project.id)
    draft.goals = [draft.goals[1], GoalDraft("新目标", target=5)]
    draft.partners = [PartnerDraft(department_id=d["design"].id)]
    draft.topic = "新品上市推广"
    store.save_request(draft, TODAY)
    again = store.request_draft(project.id)
    assert [g.description for g in again.goals] == ["品牌声量", "新目标"]
    assert [p.department_id for p in again.partners] == [d["design"].id]
    assert [r.department for r in store.consultations(project.id)] == ["设计部"]
    history = store.history("project", project.id)
    assert json.loads(history[-1].changes)["topic"] == ["新品上市", "新品上市推广"]


def test_stale_edit_of_the_form_conflicts(setup):
    store, project, _d = setup
    first = store.request_draft(project.id)
    second = store.request_draft(project.id)
    first.topic = "A"
    store.save_request(first, TODAY)
    second.topic = "B"
    with pytest.raises(ConflictError):
        store.save_request(second, TODAY)
    assert store.project(project.id).topic == "A"


def test_changes_since_agreement_are_listed_per_department(setup):
    store, project, _d = setup
    row = store.consultations(project.id)[0]
    store.record_consultation(row.id, row.version, status="agreed", feedback="OK")
    assert store.consultations(project.id)[0].changed_since_agreed == ()
    draft = store.request_draft(project.id)
    draft.milestones[0].due_on = date(2026, 12, 3)
    store.save_request(draft, TODAY)
    assert store.consultations(project.id)[0].changed_since_agreed == ("Changed milestone: Date",)
    i18n.set_language("zh-CN")
    assert store.consultations(project.id)[0].changed_since_agreed == ("修改时间节点：日期",)


def test_requirement_review_is_prefilled(setup):
    store, project, d = setup
    meeting = store.schedule_requirement_review(
        project.id, datetime(2026, 12, 1, 2, tzinfo=UTC), duration_min=45
    )
    assert meeting.kind == MeetingKind.REQUIREMENT_REVIEW
    assert meeting.host_id == d["lead"].id
    overview = store.project_overview(project.id)
    assert [m.id for m in overview.meetings] == [meeting.id]
    from sqlmodel import select

    from collabtui.store.models import AgendaItem, Attendee

    with store.db.read() as s:
        people = s.exec(select(Attendee).where(Attendee.meeting_id == meeting.id)).all()
        agenda = s.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
    assert {a.person_id for a in people} == {d["lead"].id, d["head"].id}
    assert {a.role for a in people} == {AttendeeRole.DECISION_MAKER}
    assert len(agenda) == 5 and sum(a.timebox_min for a in agenda) <= 60


def test_phase_guard(setup):
    store, project, d = setup
    moved = store.advance_phase(project.id, project.version, TODAY)
    assert moved.phase.value == "aligning"
    with pytest.raises(PhaseBlocked) as info:
        store.advance_phase(project.id, moved.version, TODAY)
    assert {g.key for g in info.value.gaps} == {"gap.not_agreed", "gap.no_confirmation"}
    for row in store.consultations(project.id):
        store.record_consultation(row.id, row.version, status="agreed")
    current = store.project(project.id)
    confirmed = store.record_confirmation(
        project.id,
        current.version,
        meeting_id=None,
        notes="全部确认",
        priorities={store.request_draft(project.id).goals[0].id: "high"},
        commitments={d["prd"].id: "产品经理 1 名"},
        standards={store.deliverables(project.id)[0].id: "媒体 ≥ 30 家"},
    )
    assert confirmed.confirmed_at is not None
    assert store.deliverables(project.id)[0].quality_standard == "媒体 ≥ 30 家"
    done = store.advance_phase(project.id, confirmed.version, TODAY)
    assert done.phase.value == "confirmed"
    with pytest.raises(PhaseBlocked):
        store.advance_phase(project.id, done.version, TODAY)
    forced = store.advance_phase(project.id, done.version, TODAY, reason="先启动")
    assert forced.phase.value == "executing"
    assert [c.note for c in store.phase_overrides(project.id)] == ["先启动"]


def test_an_older_form_conflicts_even_when_only_a_goal_changed(setup):
    store, project, _ = setup
    mine = store.request_draft(project.id)
    theirs = store.request_draft(project.id)
    mine.goals.append(GoalDraft("Added by me", target=1))
    store.save_request(mine, TODAY)
    with pytest.raises(ConflictError):
        store.save_request(theirs, TODAY)
    assert "Added by me" in [g.description for g in store.request_draft(project.id).goals]


def test_requesting_department_typed_as_a_new_partner_is_refused(setup):
    store, project, _d = setup
    draft = store.request_draft(project.id)
    draft.partners.append(PartnerDraft(new_name="市场部"))
    with pytest.raises(RequestInvalid) as info:
        store.save_request(draft, TODAY)
    assert info.value.problems[0].key == "rule.requesting_is_partner"
    draft = store.request_draft(project.id)
    draft.partners.append(PartnerDraft(new_name="产品部"))
    with pytest.raises(RequestInvalid) as info:
        store.save_request(draft, TODAY)
    assert info.value.problems[0].key == "rule.duplicate_partner"


def test_agreeing_again_resets_what_changed_since(setup):
    store, project, _ = setup
    row = store.consultations(project.id)[0]
    store.record_consultation(row.id, row.version, status="agreed")
    draft = store.request_draft(project.id)
    draft.topic = "新品上市 v2"
    store.save_request(draft, TODAY)
    row = store.consultations(project.id)[0]
    assert row.changed_since_agreed == ("Changed Project: Topic",)
    store.record_consultation(row.id, row.version, status="agreed")
    assert store.consultations(project.id)[0].changed_since_agreed == ()


def test_lead_change_is_named_in_the_summary(setup):
    store, project, d = setup
    row = store.consultations(project.id)[0]
    store.record_consultation(row.id, row.version, status="agreed")
    draft = store.request_draft(project.id)
    draft.lead_id = d["head"].id
    store.save_request(draft, TODAY)
    assert store.consultations(project.id)[0].changed_since_agreed == (
        "Changed Project: Project lead",
    )


def test_confirmation_refuses_another_projects_meeting_and_bad_priorities(setup):
    from collabtui.store import ValidationError

    store, project, _d = setup
    other = store.create_project("OTHER", "Other")
    meeting = store.schedule_requirement_review(other.id, datetime(2026, 12, 2, 2, tzinfo=UTC))
    current = store.project(project.id)
    kwargs = {"notes": "", "commitments": {}, "standards": {}}
    with pytest.raises(ValidationError):
        store.record_confirmation(
            project.id, current.version, meeting_id=meeting.id, priorities={}, **kwargs
        )
    with pytest.raises(ValidationError):
        store.record_confirmation(
            project.id, current.version, meeting_id=None, priorities={1: "huge"}, **kwargs
        )
    assert store.project(project.id).confirmed_at is None


def test_dashboard_gaps_match_the_project_screens(demo_store):
    """The dashboard's counts-only facts give the same gaps as the full check."""
    from collabtui.domain.playbook import gaps_to_advance, summary_facts

    rows = demo_store.dashboard(TODAY)
    assert rows
    for row in rows:
        quick = [(g.key, g.params) for g in gaps_to_advance(summary_facts(row))]
        full = [(g.key, g.params) for g in demo_store.phase_gaps(row.id, TODAY)]
        assert quick == full, row.code
