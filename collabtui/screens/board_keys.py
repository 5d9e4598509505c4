"""The task board's keys for the task under the cursor: its history (``H``) and
deleting it (``delete``; ``ctrl+z`` brings it back). Mixed into the board screen,
in card and table mode alike."""

from __future__ import annotations

from collabtui.dialogs.history import open_history
from collabtui.domain.board import TaskCard
from collabtui.domain.errors import StoreError
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
