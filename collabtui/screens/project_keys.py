"""The project screen's meeting keys from the meeting table (issue 16): ``N`` records
the notice of the meeting under the cursor only while the table lets it become
"notice sent" (from planned; again while its notice is out). Once the meeting has
started, ``N`` is shown disabled and pressing it says the table's translated refusal.
"""

from __future__ import annotations

from typing import Any

from textual import events

from collabtui.domain.errors import ValidationError
from collabtui.domain.lifecycle import meeting_state
from collabtui.domain.lifecycle_rules import check_notice
from collabtui.widgets.record_table import RecordTable

#: The actions that record a meeting's notice.
_NOTICE = "send_notice"


class MeetingKeys:
    """Mixed into :class:`~collabtui.screens.project.ProjectScreen` (before its base);
    the screen calls :meth:`remember_meetings` with the meetings it shows."""

    meeting_states: dict[str, str]

    def remember_meetings(self, meetings: Any) -> None:
        """The state of each meeting shown (by its row key), for the keys."""
        self.meeting_states = {str(m.id): meeting_state(m).value for m in meetings}
        self.refresh_bindings()  # type: ignore[attr-defined]

    def notice_refusal(self) -> str | None:
        """Why the meeting table refuses to record the notice of the meeting under the
        cursor (``None``: it does not, or no meeting is under it)."""
        key = self.query_one("#meeting-list", RecordTable).cursor_key  # type: ignore[attr-defined]
        state = getattr(self, "meeting_states", {}).get(key)
        if state is None:
            return None
        try:
            check_notice(state)
        except ValidationError as exc:
            return str(exc)
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``N`` is shown disabled on a meeting that has started."""
        if action == _NOTICE and self.notice_refusal() is not None:
            return None
        return True

    def on_key(self, event: events.Key) -> None:
        """A disabled ``N`` says why it is refused (its binding does not run)."""
        bindings = self._bindings.key_to_bindings.get(event.key, [])  # type: ignore[attr-defined]
        if any(b.action == _NOTICE for b in bindings):
            reason = self.notice_refusal()
            if reason is not None:
                event.stop()
                event.prevent_default()
                self.collab.say(reason, severity="error")  # type: ignore[attr-defined]

    def on_data_table_row_highlighted(self, event) -> None:
        """The keys follow the cursor (the screen's own handlers run too)."""
        self.refresh_bindings()  # type: ignore[attr-defined]
