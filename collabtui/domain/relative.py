"""Dates written relative to "now", as the demo dataset writes them.

Pure functions, no I/O. Every function takes the moment to count from (``now``) and
the user's time zone (``tz``, required: collab never falls back on a naive
datetime), so a dataset loaded with an injected clock lands on the same dates every time.

- dates: ``"+14d"``, ``"-3d"``, ``"-2w"`` (weeks of 7 days), ``"0d"``, or ISO ``"2026-01-31"``
- datetimes: ``"-20d 10:00"`` (local wall time on that day), or ISO with an offset
  (``"2026-01-31T10:00:00+08:00"``); returned timezone-aware, in UTC
- ISO weeks: ``"-1w"``, ``"0w"`` (the week of now ± n weeks), ``"-10d"`` (the week
  holding that day), or absolute ``"2026-W47"``; returned as ``"2026-W47"``

Each parser raises :class:`ValueError` with a message fit for a user.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

_OFFSET = re.compile(r"^([+-]?\d{1,5})([dw])$")
_OFFSET_TIME = re.compile(r"^([+-]?\d{1,5})([dw])\s+(\d{1,2}):(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def local_today(now: datetime, tz: tzinfo) -> date:
    """The date at the moment ``now`` (aware) in the zone ``tz``."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(tz).date()


def _shift(amount: str, unit: str) -> timedelta:
    return timedelta(days=int(amount) * (7 if unit == "w" else 1))


def parse_date(text: object, now: datetime, tz: tzinfo) -> date:
    """``"+14d"`` / ``"-2w"`` / ``"0d"`` counted from the local date of ``now``, or ISO."""
    if not isinstance(text, str):
        raise ValueError(f"expected a date such as '+14d' or '2026-01-31', got {text!r}")
    value = text.strip()
    if m := _OFFSET.match(value):
        return local_today(now, tz) + _shift(m[1], m[2])
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date (write '+14d', '-3d', '-2w' or '2026-01-31')"
        ) from None


def parse_datetime(text: object, now: datetime, tz: tzinfo) -> datetime:
    """``"-20d 10:00"`` (local wall time) or ISO with an offset → aware UTC datetime."""
    if not isinstance(text, str):
        raise ValueError(f"expected a time such as '-20d 10:00', got {text!r}")
    value = text.strip()
    if m := _OFFSET_TIME.match(value):
        hour, minute = int(m[3]), int(m[4])
        if hour > 23 or minute > 59:
            raise ValueError(f"{text!r}: {hour:02d}:{minute:02d} is not a time of day")
        day = local_today(now, tz) + _shift(m[1], m[2])
        # The zone's own rules place the wall time (DST included).
        return datetime.combine(day, time(hour, minute), tzinfo=tz).astimezone(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date and time (write '-20d 10:00' or an ISO time with offset)"
        ) from None
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} needs a UTC offset, e.g. '{value}+08:00'")
    return moment.astimezone(UTC)


def iso_week(day: date) -> str:
    """The ISO week of ``day``, written ``"2026-W47"``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: object, now: datetime, tz: tzinfo) -> str:
    """``"-1w"`` / ``"0w"`` / ``"-10d"`` / ``"2026-W47"`` → an ISO week ``"2026-W47"``."""
    if not isinstance(text, str):
        raise ValueError(f"expected a week such as '-1w' or '2026-W47', got {text!r}")
    value = text.strip()
    if m := _OFFSET.match(value):
        return iso_week(local_today(now, tz) + _shift(m[1], m[2]))
    if m := _WEEK.match(value):
        try:
            date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            raise ValueError(f"{text!r}: the year {m[1]} has no week {m[2]}") from None
        return value
    raise ValueError(f"{text!r} is not a week (write '-1w', '0w' or '2026-W47')")
