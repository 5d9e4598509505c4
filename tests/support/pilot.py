"""Typing at a person's speed, not at Pilot's: a run of characters into a text field
arrives as one burst of key events; and every wait of Pilot's waits for the app's
thread workers too (screens read the store off the UI thread), so a test's next line
sees the screen as a person would once it has settled — not a screen half read.

Textual's ``Pilot.press`` waits for the app to go idle after every key (two idle
checks of at least 20 ms each), which is right for keys that open screens or move
the focus, and makes typing a 40-character title cost two seconds. Here a run of two
or more single characters, pressed while an ``Input`` or ``TextArea`` has the focus,
is sent as consecutive key events — the same events, in the same order, through the
same driver — and the app is waited for once at the end, as after a fast typist or a
paste. Every other key keeps Pilot's own per-key wait.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from textual import events
from textual._wait import wait_for_idle
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

_pilot_press = Pilot.press
_pilot_pause = Pilot.pause


async def settle(app) -> None:
    """Wait until no thread worker of the app is running (a read that arrives may start
    another, so look again) and no key typed is still held for a form that is opening
    (collabtui/typeahead.py), then until the app is idle."""
    for _ in range(500):
        if not getattr(app, "keys_pending", False):
            break
        await wait_for_idle(0)
    for _ in range(50):
        running = [w for w in app.workers if not w.is_finished]
        if not running:
            break
        await app.workers.wait_for_complete(running)
        await wait_for_idle(0)


async def pause(self: Pilot, delay: float | None = None) -> None:
    """``Pilot.pause`` that first lets the app's reads arrive (when waiting for idle)."""
    if delay is None:
        await settle(self.app)
    await _pilot_pause(self, delay)


def _key_event(key: str) -> events.Key:
    """The event Pilot sends for ``key`` (textual.app.App._press_keys)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def _segments(keys: Iterable[str]) -> list[list[str]]:
    """Runs of single characters (two or more) and single other keys, in order."""
    out: list[list[str]] = []
    run: list[str] = []
    for key in keys:
        if len(key) == 1:
            run.append(key)
            continue
        if run:
            out.extend([run] if len(run) > 1 else [[run[0]]])
            run = []
        out.append([key])
    if run:
        out.extend([run] if len(run) > 1 else [[run[0]]])
    return out


async def press(self: Pilot, *keys: str) -> None:
    """``Pilot.press`` that types runs of characters into text fields in one burst, and
    lets the reads a key starts arrive before the next key."""
    app = self.app
    for segment in _segments(keys):
        typing = len(segment) > 1 and isinstance(app.focused, Input | TextArea)
        if typing:
            driver = app._driver
            for key in segment:
                event = _key_event(key)
                event.set_sender(app)
                driver.send_message(event)
            await wait_for_idle(0)
            await self._wait_for_screen()
        else:
            await _pilot_press(self, *segment)
        await settle(app)


async def keys_at_once(pilot: Pilot, *keys: str) -> None:
    """Send ``keys`` as a terminal does when they are typed faster than the app draws:
    all at once, with no wait between them (then wait for the app to settle)."""
    app = pilot.app
    for key in keys:
        event = _key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)
    await wait_for_idle(0)
    await pilot._wait_for_screen()
    await settle(app)
