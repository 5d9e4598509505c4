"""The acceptance screen's verdict keys (``p``/``f``/``w``) from the acceptance item
table (issue 16).

A verdict the table or its entry condition refuses for the item under the cursor —
failing an item whose task was accepted through it, any verdict on a dropped item — is
shown disabled in the footer, and pressing it says why. Giving an item the verdict it
has again is not a move: ``f``/``w`` then edit the note.
"""

from __future__ import annotations

from collabtui.domain.errors import ValidationError
from collabtui.domain.lifecycle import ACCEPTANCE_ITEM
from collabtui.domain.lifecycle_rules import verdict_entry_conditions
from collabtui.i18n import t
from collabtui.screens.lifecycle_keys import LifecycleKeys


class VerdictKeys(LifecycleKeys):
    """Mixed into :class:`~collabtui.screens.acceptance.AcceptanceScreen` (before it)."""

    LIFECYCLE = ACCEPTANCE_ITEM

    def target_of(self, action: str, parameters: tuple[object, ...]) -> str | None:
        return str(parameters[0]) if action == "verdict" and parameters else None

    def refusal(self, action: str, parameters: tuple[object, ...]) -> str | None:
        target = self.target_of(action, parameters)
        row = self.current_item() if target is not None else None  # type: ignore[attr-defined]
        if target is None or row is None:
            return None
        if row.dropped:
            return t("acceptance.err.dropped", deliverable=row.deliverable)
        if row.verdict != target:
            try:
                self.LIFECYCLE.check(row.verdict, target)
            except ValidationError as exc:
                return str(exc)
        problems = verdict_entry_conditions(row.verdict, target, row.task_status or None)
        return problems[0].message(t) if problems else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A verdict the item's lifecycle refuses is shown disabled."""
        return self.lifecycle_check(action, parameters)
