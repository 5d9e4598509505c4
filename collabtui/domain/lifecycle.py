"""The status machines of the playbook's records: which status may follow which.

One table per record kind and one check, shared by the store (which refuses a move the
table does not allow) and the screens (which offer only the allowed moves).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from collabtui.domain.enums import (
    ConsultationStatus,
    DecisionStatus,
    Phase,
    ResourceStatus,
    RiskStatus,
    TaskStatus,
    Verdict,
)
from collabtui.domain.errors import ValidationError
from collabtui.i18n import label_value, t


@dataclass(frozen=True)
class Lifecycle:
    """The allowed status moves of one record kind."""

    enum: type[StrEnum]
    moves: dict[StrEnum, frozenset[StrEnum]]
    #: The message key of a refused move (``old`` and ``new`` are its labels).
    refusal: str

    def allows(self, old: str, new: str) -> bool:
        """Whether a record may go from ``old`` to ``new``."""
        return self.enum(new) in self.moves[self.enum(old)]

    def check(self, old: str, new: str) -> None:
        """A :class:`ValidationError` on the ``status`` field unless the move is allowed."""
        if not self.allows(old, new):
            name = self.enum.__name__
            raise ValidationError(
                t(
                    self.refusal,
                    old=label_value(name, self.enum(old).value),
                    new=label_value(name, self.enum(new).value),
                ),
                "status",
            )


_R = ResourceStatus
#: A resource request: approved or rejected, then in place (or back to requested).
RESOURCE = Lifecycle(
    ResourceStatus,
    {
        _R.REQUESTED: frozenset({_R.APPROVED, _R.REJECTED}),
        _R.APPROVED: frozenset({_R.IN_PLACE, _R.REQUESTED}),
        _R.REJECTED: frozenset({_R.REQUESTED}),
        _R.IN_PLACE: frozenset(),
    },
    "resource.err.transition",
)

_S = RiskStatus
#: A risk warning: assessed, mitigated, then closed or materialized (and reopened).
RISK = Lifecycle(
    RiskStatus,
    {
        _S.OPEN: frozenset({_S.ASSESSING, _S.MITIGATING, _S.CLOSED, _S.MATERIALIZED}),
        _S.ASSESSING: frozenset({_S.MITIGATING, _S.CLOSED, _S.MATERIALIZED}),
        _S.MITIGATING: frozenset({_S.CLOSED, _S.MATERIALIZED}),
        _S.CLOSED: frozenset({_S.OPEN}),
        _S.MATERIALIZED: frozenset({_S.OPEN}),
    },
    "risk.err.transition",
)


# --------------------------------------------------------------------------- issue 16
# One table per record kind. A state that is not stored as one field (a meeting, an
# open item, an action item, a sign-off) is derived from the record by a function next
# to its table, so the store, the screens and the alerts name it the same way.


def moves_of(lifecycle: Lifecycle, state: str) -> frozenset[str]:
    """The states a record in ``state`` may move to (itself not included)."""
    return frozenset(s.value for s in lifecycle.moves[lifecycle.enum(state)])


def _chain(enum: type[StrEnum]) -> dict[StrEnum, frozenset[StrEnum]]:
    members = list(enum)
    return {
        m: frozenset({members[i + 1]}) if i + 1 < len(members) else frozenset()
        for i, m in enumerate(members)
    }


#: A project's phase: only forward, one phase at a time (the gates: domain/playbook.py).
PHASE = Lifecycle(Phase, _chain(Phase), "lifecycle.err.phase")


class MeetingState(StrEnum):
    """Where a meeting stands (derived from its times by :func:`meeting_state`)."""

    PLANNED = "planned"
    NOTICE_SENT = "notice_sent"
    RUNNING = "running"
    ENDED = "ended"
    MINUTES_DISTRIBUTED = "minutes_distributed"


_MS = MeetingState
#: A meeting: planned → notice sent → running → ended → minutes distributed. A meeting
#: recorded afterwards may go from planned (or notice sent) straight to ended.
MEETING = Lifecycle(
    MeetingState,
    {
        _MS.PLANNED: frozenset({_MS.NOTICE_SENT, _MS.RUNNING, _MS.ENDED}),
        _MS.NOTICE_SENT: frozenset({_MS.RUNNING, _MS.ENDED}),
        _MS.RUNNING: frozenset({_MS.ENDED}),
        _MS.ENDED: frozenset({_MS.MINUTES_DISTRIBUTED}),
        _MS.MINUTES_DISTRIBUTED: frozenset(),
    },
    "lifecycle.err.meeting",
)


def meeting_state(meeting: Any) -> MeetingState:
    """The state of anything with a meeting's time fields (row or view)."""
    if meeting.minutes_distributed_at is not None:
        return MeetingState.MINUTES_DISTRIBUTED
    if meeting.ended_at is not None:
        return MeetingState.ENDED
    if meeting.started_at is not None:
        return MeetingState.RUNNING
    if meeting.notice_sent_at is not None:
        return MeetingState.NOTICE_SENT
    return MeetingState.PLANNED


_D = DecisionStatus
#: A decision: open, then done or dropped (either corrected into the other, or reopened).
DECISION = Lifecycle(
    DecisionStatus,
    {
        _D.OPEN: frozenset({_D.DONE, _D.DROPPED}),
        _D.DONE: frozenset({_D.OPEN, _D.DROPPED}),
        _D.DROPPED: frozenset({_D.OPEN, _D.DONE}),
    },
    "lifecycle.err.decision",
)


class ActionItemState(StrEnum):
    """An action item: a decision with the task it became (行动项)."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


_A = ActionItemState
#: An action item is done when its task is done; it may be dropped and reopened.
ACTION_ITEM = Lifecycle(
    ActionItemState,
    {
        _A.OPEN: frozenset({_A.DONE, _A.DROPPED}),
        _A.DONE: frozenset({_A.OPEN}),
        _A.DROPPED: frozenset({_A.OPEN}),
    },
    "lifecycle.err.action_item",
)


def action_item_state(decision_status: str, task_status: str) -> ActionItemState:
    """An action item's state from its decision's status and its task's status."""
    if decision_status == DecisionStatus.DROPPED:
        return ActionItemState.DROPPED
    if task_status in (TaskStatus.DONE, TaskStatus.ACCEPTED):
        return ActionItemState.DONE
    return ActionItemState.OPEN


class OpenItemState(StrEnum):
    """An open item (未明确事项): open, taken up by a follow-up meeting, or resolved."""

    OPEN = "open"
    SCHEDULED = "scheduled"
    RESOLVED = "resolved"


_O = OpenItemState
OPEN_ITEM = Lifecycle(
    OpenItemState,
    {
        _O.OPEN: frozenset({_O.SCHEDULED, _O.RESOLVED}),
        _O.SCHEDULED: frozenset({_O.OPEN, _O.RESOLVED}),
        _O.RESOLVED: frozenset({_O.OPEN}),
    },
    "lifecycle.err.open_item",
)


def open_item_state(item: Any) -> OpenItemState:
    """The state of anything with an open item's fields."""
    if item.resolved_at is not None:
        return OpenItemState.RESOLVED
    if item.follow_up_meeting_id is not None:
        return OpenItemState.SCHEDULED
    return OpenItemState.OPEN


_T = TaskStatus
#: A task: any open column to any other and to done; accepted only from done (and only
#: through a passed acceptance item: :func:`task_problems`), back only to done.
TASK = Lifecycle(
    TaskStatus,
    {
        _T.TODO: frozenset({_T.IN_PROGRESS, _T.BLOCKED, _T.DONE}),
        _T.IN_PROGRESS: frozenset({_T.TODO, _T.BLOCKED, _T.DONE}),
        _T.BLOCKED: frozenset({_T.TODO, _T.IN_PROGRESS, _T.DONE}),
        _T.DONE: frozenset({_T.TODO, _T.IN_PROGRESS, _T.BLOCKED, _T.ACCEPTED}),
        _T.ACCEPTED: frozenset({_T.DONE}),
    },
    "lifecycle.err.task",
)

_C = ConsultationStatus
#: A one-to-one confirmation: any outcome may follow any other (a request that changed
#: is talked over again); agreeing needs a date that has come (:func:`consultation_problems`).
CONSULTATION = Lifecycle(
    ConsultationStatus,
    {s: frozenset(set(ConsultationStatus) - {s}) for s in ConsultationStatus},
    "lifecycle.err.consultation",
)

_V = Verdict
#: An acceptance item: judged from pending, re-judged, or sent back to pending.
ACCEPTANCE_ITEM = Lifecycle(
    Verdict,
    {v: frozenset(set(Verdict) - {v}) for v in Verdict},
    "lifecycle.err.acceptance",
)


class SignOffState(StrEnum):
    """A department's sign-off: none yet, or its verdict."""

    NONE = "none"
    ACCEPTED = "accepted"
    ACCEPTED_WITH_RESERVATIONS = "accepted_with_reservations"
    REJECTED = "rejected"


_G = SignOffState
#: A sign-off is given, changed, or withdrawn (back to none).
SIGN_OFF = Lifecycle(
    SignOffState,
    {s: frozenset(set(SignOffState) - {s}) for s in SignOffState},
    "lifecycle.err.sign_off",
)

#: Every table by record kind (the closing note and the property test walk it).
TABLES: dict[str, Lifecycle] = {
    "phase": PHASE,
    "meeting": MEETING,
    "decision": DECISION,
    "action_item": ACTION_ITEM,
    "open_item": OPEN_ITEM,
    "task": TASK,
    "consultation": CONSULTATION,
    "resource": RESOURCE,
    "risk": RISK,
    "acceptance_item": ACCEPTANCE_ITEM,
    "sign_off": SIGN_OFF,
}
