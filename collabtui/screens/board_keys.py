"""The task board's keys for the task under the cursor: its history (``H``) and
deleting it (``delete``; ``ctrl+z`` brings it back). Mixed into the board screen,
in card and table mode alike.

The moves ``]``/``[`` follow the task's lifecycle (issue 16): a move the table or its
entry condition refuses for the card under the cursor (``]`` into 已验收 with no
passed or waived acceptance item) is shown disabled in the footer, and pressing it
says why.
"""

from __future__ import annotations

from textual import events
from textual.actions import parse

from collabtui.dialogs.history import open_history
from collabtui.domain.board import COLUMNS, TaskCard
from collabtui.domain.errors import StoreError, ValidationError
from collabtui.domain.lifecycle import TASK
from collabtui.domain.lifecycle_rules import ACCEPTING_VERDICTS, task_entry_conditions
from collabtui.i18n import t


class BoardRecordKeys:
    """``H`` and ``delete`` on the board (needs the board's ``view``, ``table``,
    ``showing_table`` and ``by_status``)."""

    def cursor_card(self) -> TaskCard | None:
        """The card under the cursor, in card or table mode."""
        if not self.showing_table:
            return self.view.card
        task_id = self.table.cursor_task_id
        for cards in self.by_status.values():
            for card in cards:
                if card.id == task_id:
                    return card
        return None

    def move_refusal(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """Why the lifecycle refuses ``move_card(step)`` for the card under the cursor
        (``None``: it does not, or the action is not a move into another column)."""
        if action != "move_card" or self.showing_table or not parameters:
            return None
        card = self.view.card
        if card is None:
            return None
        index = COLUMNS.index(card.status) + int(str(parameters[0]))
        if not 0 <= index < len(COLUMNS):
            return None
        target = COLUMNS[index]
        try:
            TASK.check(card.status, target)
        except ValidationError as exc:
            return str(exc)
        verdicts = list(ACCEPTING_VERDICTS) if card.acceptable else []
        problems = task_entry_conditions(target, verdicts)
        return problems[0].message(t) if problems else None

    def on_key(self, event: events.Key) -> None:
        """A disabled move's key says why it is refused (its binding does not run)."""
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            _, name, parameters = parse(binding.action)
            reason = self.move_refusal(name, parameters)
            if reason is not None:
                event.stop()
                event.prevent_default()
                self.collab.say(reason, severity="error")
                return

    def on_board_view_card_highlighted(self, event) -> None:
        """The footer follows the cursor: the moves are checked again on every card."""
        self.refresh_bindings()

    def action_task_history(self) -> None:
        """Show who changed the task under the cursor, and how."""
        card = self.cursor_card()
        open_history(self, "task", card.id if card else None)

    def action_delete_task(self) -> None:
        """Delete the task under the cursor (its supports and updates with it)."""
        card = self.cursor_card()
        if card is None:
            return
        try:
            self.collab.store.delete_task(card.id, card.version)
        except StoreError as exc:
            self.collab.say(str(exc), severity="error")
        else:
            self.collab.say(t("board.deleted", code=card.code))
        self.reload()
