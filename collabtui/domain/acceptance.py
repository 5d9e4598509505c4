"""The joint acceptance (《成果验收报告》) as plain values: items, sign-offs, the verdict.

Pure: no I/O, no terminal, no database. The store builds an :class:`AcceptanceReport`;
the screen, the exports and the phase gate read it.

The rule (phase 5 of the playbook): the project is accepted when every collaborating
department has signed off, accepting the results (with or without reservations), and
no acceptance item failed. The requesting (leading) department and external partners
may sign too; their sign-off is shown but not required. Items still pending and
dropped items do not block; pending ones are a hint.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from collabtui.domain.enums import Verdict, values
from collabtui.domain.playbook import Problem

#: Item verdicts (values of :class:`collabtui.store.models.Verdict`).
VERDICTS = values(Verdict)
#: Verdicts that need a note saying why (what failed, why it was waived).
VERDICTS_WITH_NOTE = frozenset({"fail", "waived"})
#: Sign-off verdicts that accept the results.
ACCEPTING = frozenset({"accepted", "accepted_with_reservations"})
#: Sign-off verdicts that need a comment (the reservation, the reason to reject).
SIGNOFFS_WITH_COMMENT = frozenset({"accepted_with_reservations", "rejected"})
#: The roles a department signs as, in the order the sign-off table lists them
#: (``other``: signed once, no longer part of the project).
ROLES = ("collaborating", "requesting", "external", "other")


@dataclass(frozen=True)
class AcceptanceItemRow:
    """One acceptance item: a deliverable checked against its quality standard."""

    id: int
    version: int
    position: int
    deliverable: str
    quality_standard: str
    task_id: int | None
    task_code: str
    verdict: str
    note: str
    dropped_reason: str = ""
    dropped_at: datetime | None = None
    #: The status of the task it checks ("": none), for the verdict keys (issue 16).
    task_status: str = ""

    @property
    def dropped(self) -> bool:
        """True when the item was dropped (or merged into another)."""
        return self.dropped_at is not None


@dataclass(frozen=True)
class SignOffRow:
    """A department that takes part, and its sign-off (``signoff_id`` ``None``: none yet).

    ``role`` is ``collaborating``, ``requesting`` or ``external``; only collaborating
    departments must sign.
    """

    department_id: int
    department: str
    role: str
    signoff_id: int | None = None
    version: int | None = None
    person_id: int | None = None
    person: str = ""
    signed_at: datetime | None = None
    verdict: str = ""
    comment: str = ""

    @property
    def required(self) -> bool:
        """True when the project cannot be accepted without this department's sign-off."""
        return self.role == "collaborating"

    @property
    def signed(self) -> bool:
        """True when the department has signed (whatever it said)."""
        return self.signoff_id is not None

    @property
    def accepts(self) -> bool:
        """True when the department signed and accepted the results."""
        return self.signed and self.verdict in ACCEPTING


@dataclass(frozen=True)
class AcceptanceReport:
    """A project's acceptance: its items (kept, then dropped) and its sign-offs."""

    project_id: int
    code: str
    topic: str
    phase: str
    items: tuple[AcceptanceItemRow, ...]
    dropped: tuple[AcceptanceItemRow, ...]
    signoffs: tuple[SignOffRow, ...]

    @property
    def required(self) -> tuple[SignOffRow, ...]:
        """The departments that must sign (the collaborating ones)."""
        return tuple(s for s in self.signoffs if s.required)

    @property
    def signed_count(self) -> int:
        """How many of the required departments accepted."""
        return sum(1 for s in self.required if s.accepts)

    @property
    def missing(self) -> tuple[SignOffRow, ...]:
        """Required departments that have not signed at all."""
        return tuple(s for s in self.required if not s.signed)

    @property
    def rejected(self) -> tuple[SignOffRow, ...]:
        """Required departments that signed and rejected the results."""
        return tuple(s for s in self.required if s.signed and not s.accepts)

    @property
    def all_signed(self) -> bool:
        """True when every collaborating department signed and accepted."""
        return self.signed_count == len(self.required)

    @property
    def failed(self) -> tuple[AcceptanceItemRow, ...]:
        """The items (not dropped) whose verdict is *fail*."""
        return tuple(i for i in self.items if i.verdict == "fail")

    @property
    def pending(self) -> tuple[AcceptanceItemRow, ...]:
        """The items (not dropped) not checked yet."""
        return tuple(i for i in self.items if i.verdict == "pending")

    @property
    def can_close(self) -> bool:
        """True when the acceptance is complete: all signed, nothing failed."""
        return self.all_signed and not self.failed

    def counts(self) -> dict[str, int]:
        """How many kept items have each verdict."""
        return {v: sum(1 for i in self.items if i.verdict == v) for v in VERDICTS}


def acceptance_problems(report: AcceptanceReport) -> list[Problem]:
    """What stands between the project and its acceptance; hints (pending, empty) last.

    Blocking: a collaborating department that has not signed (``gap.not_signed``) or
    rejected (``acceptance.gap.rejected``), failed items (``gap.acceptance_failed``).
    """
    problems = [Problem("", "gap.not_signed", {"department": s.department}) for s in report.missing]
    problems += [
        Problem("", "acceptance.gap.rejected", {"department": s.department})
        for s in report.rejected
    ]
    if report.failed:
        problems.append(Problem("", "gap.acceptance_failed", {"n": len(report.failed)}))
    if not report.items:
        problems.append(Problem("", "acceptance.hint.no_items", hint=True))
    elif report.pending:
        problems.append(
            Problem("", "acceptance.hint.pending", {"n": len(report.pending)}, hint=True)
        )
    return problems


def unaccepted_departments(report: AcceptanceReport, rejected_label) -> tuple[str, ...]:
    """The names the phase gate lists as not signed: missing ones, then rejecting ones.

    ``rejected_label(name)`` words a rejecting department (``"IT (rejected)"``), so the
    gate's "… has not signed off" stays true for it.
    """
    return tuple(s.department for s in report.missing) + tuple(
        rejected_label(s.department) for s in report.rejected
    )


# --------------------------------------------------------------------------- generation
# Issue 16: ``g`` makes no two items for the same thing. A task that delivers one of the
# request's deliverables gets the item (it is what lets the task be accepted); the
# request's deliverable gets an item of its own only when no task delivers it.

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]{3,}")


def _marks(text: str) -> tuple[set[str], set[str]]:
    """A text's Latin (non-CJK) words of three letters or more, and the three-character
    runs of its Chinese, case and width folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    runs = _CJK_RUN.findall(folded)
    words = {w for w in _WORD.findall(_CJK_RUN.sub(" ", folded))}
    grams = {run[i : i + 3] for run in runs for i in range(len(run) - 2)}
    return words, grams


def delivers(name: str, task_texts: Iterable[str]) -> bool:
    """Whether a task (its title, its deliverable: ``task_texts``) delivers the request
    deliverable ``name``.

    The rule: every word of three letters or more of ``name`` is in the task, and, when
    ``name`` has Chinese, the two have a run of three characters in common. A name with
    neither (two characters, digits) is never delivered by a task: it keeps its own item.
    """
    words, grams = _marks(name)
    if not words and not grams:
        return False
    task_words: set[str] = set()
    task_grams: set[str] = set()
    for text in task_texts:
        w, g = _marks(text)
        task_words |= w
        task_grams |= g
    return words <= task_words and (not grams or bool(grams & task_grams))
