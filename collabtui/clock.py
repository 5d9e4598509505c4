"""Time, injectable: the app and the rules ask a clock, so tests can fix it."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo


class Clock:
    """The real clock: aware UTC time, and the local date."""

    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        return datetime.now(UTC)

    def today(self) -> date:
        """Today's date in local time."""
        return self.now().astimezone().date()

    def local(self, moment: datetime) -> datetime:
        """``moment`` in local time, for display."""
        return moment.astimezone(self.tz)

    @property
    def tz(self) -> tzinfo | None:
        """The local time zone."""
        return None


class FixedClock(Clock):
    """A clock stopped at one moment, in a fixed zone (tests and snapshots)."""

    def __init__(self, moment: datetime, tz: tzinfo = UTC):
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware moment")
        self.moment = moment
        self._tz = tz

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return self.moment.astimezone(self._tz).date()

    @property
    def tz(self) -> tzinfo | None:
        return self._tz
