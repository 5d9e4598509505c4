"""Time, injectable: the app and the rules ask a clock, so tests can fix it.

There is one clock class. It always knows a real time zone — the config file's
``timezone``, else the machine's (``TZ`` or the system setting) — and every day
boundary the playbook counts (the 3-day notice, the 24-hour rules, ISO weeks,
"overdue") is read in that zone. :class:`FixedClock` differs only in the moment it
returns, so the tests take the same code path as the app a person launches.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class UnknownZone(ValueError):
    """A time zone name the tz database does not know."""


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone ``name`` (``"Asia/Shanghai"``); :class:`UnknownZone` if unknown."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownZone(name) from None


def local_zone() -> tzinfo:
    """The machine's time zone: ``TZ`` if it names a zone, else the system's setting.

    Read on every call (``TZ`` may change between a test and the next); never ``None``.
    A machine whose zone cannot be named gets a fixed offset (its current one).
    """
    name = os.environ.get("TZ", "").strip().removeprefix(":")
    if name:
        if name.startswith("/") and Path(name).is_file():
            with open(name, "rb") as handle:
                return ZoneInfo.from_file(handle, key=name)
        try:
            return zone_named(name)
        except UnknownZone:
            pass
    try:
        import tzlocal

        return tzlocal.reload_localzone()
    except Exception:  # an unnamed system zone: its offset now is the best we know
        offset = datetime.now(UTC).astimezone().utcoffset() or timedelta(0)
        return timezone(offset)


class Clock:
    """The real clock: the current moment (aware, UTC) and the user's time zone."""

    def __init__(self, tz: tzinfo | str | None = None):
        if isinstance(tz, str):
            tz = zone_named(tz)
        self._tz: tzinfo = tz if tz is not None else local_zone()

    def now(self) -> datetime:
        """The current moment, timezone-aware (UTC)."""
        return datetime.now(UTC)

    @property
    def tz(self) -> tzinfo:
        """The user's time zone: where days begin and end."""
        return self._tz

    def today(self) -> date:
        """Today's date in the user's zone."""
        return self.now().astimezone(self._tz).date()

    def local(self, moment: datetime) -> datetime:
        """``moment`` in the user's zone, for display and day arithmetic."""
        if moment.tzinfo is None:
            raise ValueError("a naive datetime has no moment; collab never builds one")
        return moment.astimezone(self._tz)

    def local_now(self) -> datetime:
        """The current moment in the user's zone (exports stamp it on documents)."""
        return self.local(self.now())


class FixedClock(Clock):
    """A clock stopped at one moment (tests and snapshots); the zone works as the real one."""

    def __init__(self, moment: datetime, tz: tzinfo | str = UTC):
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware moment")
        super().__init__(tz)
        self.moment = moment

    def now(self) -> datetime:
        return self.moment
