"""The trail the playbook wants kept, read from the change log (append-only, every write).

Nothing is overwritten without a trace: the log holds each record's old and new values
with the moment and the author (store/unit.py). This module reads the parts of it the
documents show: which decisions were captured as action items (行动项, intent
``meeting.action``), and the statuses a one-to-one went through with their notes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from collabtui.domain.enums import ChangeAction
from collabtui.store.models import Change

#: The intent of capturing an action item: its decision and its task in one unit.
ACTION_INTENT = "meeting.action"


def action_item_ids(session: Session, decision_ids: Iterable[int]) -> set[int]:
    """The decisions among ``decision_ids`` that were captured as action items."""
    ids = [i for i in decision_ids if i is not None]
    if not ids:
        return set()
    rows = session.exec(
        select(Change.entity_id).where(
            Change.entity == "decision",
            Change.action == ChangeAction.CREATE,
            Change.intent == ACTION_INTENT,
            col(Change.entity_id).in_(ids),
        )
    ).all()
    return {r for r in rows if r is not None}


def made_at(created_at: datetime, ended_at: datetime | None) -> datetime:
    """When a decision was made: when it was captured, or, for one recorded after
    its meeting (the minutes corrected, a file imported), the meeting's end."""
    return created_at if ended_at is None else min(created_at, ended_at)


@dataclass(frozen=True)
class ConsultationStep:
    """One status a one-to-one went through: when, by whom, with what it said."""

    at: datetime
    actor: str
    status: str
    held_on: date | None
    #: The texts in force at that step (feedback, resource gaps, risks), by field.
    notes: dict[str, str]
    #: The fields that step changed.
    changed: tuple[str, ...] = ()


_NOTE_FIELDS = ("feedback", "resource_gaps", "risks", "feasibility")


def consultation_steps(session: Session, consultation_id: int) -> list[ConsultationStep]:
    """Every status the one-to-one ``consultation_id`` went through, oldest first.

    Rebuilt from its change rows: each row that set a status is a step, carrying the
    texts as they stood after that row.
    """
    rows = session.exec(
        select(Change)
        .where(Change.entity == "consultation", Change.entity_id == consultation_id)
        .order_by(col(Change.id))
    ).all()
    state: dict[str, object] = {}
    steps: list[ConsultationStep] = []
    for row in rows:
        diff = json.loads(row.changes or "{}")
        for key, (_old, new) in diff.items():
            state[key] = new
        if "status" in diff and state.get("status") is not None:
            held = state.get("held_on")
            steps.append(
                ConsultationStep(
                    at=row.at,
                    actor=row.actor,
                    status=str(state["status"]),
                    held_on=date.fromisoformat(str(held)) if held else None,
                    notes={k: str(state.get(k) or "") for k in _NOTE_FIELDS},
                    changed=tuple(diff),
                )
            )
    return steps


def step_note(step: ConsultationStep) -> str:
    """What a step said, in one line: the texts it wrote, else (for a concern) the risks
    and gaps in force, else the feedback."""
    order = ("risks", "resource_gaps", "feedback", "feasibility")
    if step.status not in ("concerns", "blocked"):
        order = ("feedback", "feasibility", "risks", "resource_gaps")
    written = [k for k in order if k in step.changed]
    for key in (*written, *order):
        text = " ".join((step.notes.get(key) or "").split())
        if text:
            return text
    return ""


def approvers(session: Session, resource_ids: Iterable[int]) -> dict[int, str]:
    """Who approved each resource request (the latest approval), by request id."""
    ids = [i for i in resource_ids if i is not None]
    if not ids:
        return {}
    rows = session.exec(
        select(Change.entity_id, Change.actor)
        .where(
            Change.entity == "resourcerequest",
            Change.intent == "resource.approve",
            col(Change.entity_id).in_(ids),
        )
        .order_by(col(Change.id))
    ).all()
    return {entity_id: actor for entity_id, actor in rows}


def closing_notes(session: Session, risk_ids: Iterable[int]) -> dict[int, str]:
    """Why each risk warning was closed (the note of its latest close), by warning id."""
    ids = [i for i in risk_ids if i is not None]
    if not ids:
        return {}
    rows = session.exec(
        select(Change.entity_id, Change.note)
        .where(
            Change.entity == "riskwarning",
            Change.intent == "risk.close",
            col(Change.entity_id).in_(ids),
        )
        .order_by(col(Change.id))
    ).all()
    return {entity_id: note for entity_id, note in rows}
