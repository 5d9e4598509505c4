"""Type-ahead: keys typed faster than the app opens a form are kept, in order, for it.

A key that opens a form (``a`` on the directory) is handled by a widget of the screen
below, then bubbles to the app's bindings, which push the form; the form mounts a
moment later. Textual forwards each key from the terminal as soon as it arrives, so
the keys typed in that moment went to the old screen, or to nothing. Here the app
forwards one key at a time: the next one waits until the previous one has been
handled all the way up (stopped by a widget, or through the app's bindings), and
while the screen on top is a form that is not ready yet (see
:attr:`collabtui.dialogs.discipline.FormDiscipline.form_ready`). Mouse events and
everything else pass straight through. A key held longer than :data:`HOLD_LIMIT`
seconds (:data:`OPENING_LIMIT` for an opening form) is let go, so a stuck screen
never swallows the keyboard.
"""

from __future__ import annotations

from collections import deque
from time import monotonic

from textual import events
from textual.app import App

#: Seconds a key waits at most for the previous key.
HOLD_LIMIT = 2.0
#: Seconds a key waits at most for a form to open (a loaded machine takes a while).
OPENING_LIMIT = 15.0


class TypeAheadApp(App):
    """An app that forwards keys one at a time and holds them for an opening form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held: deque[events.Key] = deque()
        self._in_flight: events.Key | None = None
        self._held_since = 0.0

    @property
    def keys_pending(self) -> bool:
        """True while a key is held or on its way (tests wait for this to be False)."""
        return bool(self._held) or self._in_flight is not None

    def _accepting(self) -> bool:
        """False while the screen on top is a form still opening."""
        try:
            screen = self.screen
        except Exception:
            return True
        return getattr(screen, "form_ready", True)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held or self._in_flight is not None or not self._accepting():
                if not self._held:
                    self._held_since = monotonic()
                    self.set_timer(HOLD_LIMIT + 0.05, self._unstick)
                self._held.append(event)
                return
            await self._send(event)
            return
        await super().on_event(event)

    async def _send(self, event: events.Key) -> None:
        """Forward one key (or run its priority binding) and follow it up the DOM."""
        target = self.focused or self.screen
        self._in_flight = event
        await super().on_event(event)
        if not event.is_forwarded:  # a priority binding took it
            self._in_flight = None
            return
        if not target.call_later(self._follow, event, target):
            self._in_flight = None

    def _follow(self, event: events.Key, node) -> None:
        """Runs on ``node`` after it handled ``event``: done, or follow it to the parent."""
        parent = node._parent
        done = event._stop_propagation or parent is None or parent is self
        if done or not parent.call_later(self._follow, event, parent):
            self.call_later(self._landed, event)

    async def _landed(self, event: events.Key) -> None:
        if self._in_flight is event:
            self._in_flight = None
        await self.release_type_ahead()

    async def release_type_ahead(self) -> None:
        """Forward the held keys, in order, while nothing stops them."""
        while self._held and self._in_flight is None and self._accepting():
            await self._send(self._held.popleft())
            self._held_since = monotonic()

    async def _unstick(self) -> None:
        """A key held long: stop waiting for the previous key after :data:`HOLD_LIMIT`
        seconds, and for an opening form after :data:`OPENING_LIMIT`."""
        if not self._held:
            return
        waited = monotonic() - self._held_since
        if waited >= HOLD_LIMIT:
            self._in_flight = None
        if waited >= OPENING_LIMIT:
            while self._held:
                await self._send(self._held.popleft())
                self._in_flight = None
            return
        await self.release_type_ahead()
        if self._held:
            self.set_timer(HOLD_LIMIT / 4, self._unstick)
