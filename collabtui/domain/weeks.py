"""ISO weeks (``2026-W48``): the unit of the weekly standup and the progress list."""

from __future__ import annotations

import re
from datetime import date, timedelta

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)  # years 0001–9999


def iso_week(day: date) -> str:
    """The ISO week ``day`` falls in, as ``YYYY-Www``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def parse_week(text: str) -> str:
    """``text`` (``2026-W48``, ``2026w48``, ``2026-W7``) as a canonical week; ValueError if
    it is not a week that exists."""
    match = _WEEK.match(text.strip())
    if not match:
        raise ValueError(text)
    year, week = int(match[1]), int(match[2])
    monday = date.fromisocalendar(year, week, 1)  # ValueError for week 54, week 0, …
    return iso_week(monday)


def week_start(week: str) -> date:
    """The Monday of ``week``."""
    week = parse_week(week)
    return date.fromisocalendar(int(week[:4]), int(week[6:]), 1)


def week_days(week: str) -> tuple[date, date]:
    """Monday and Sunday of ``week``."""
    monday = week_start(week)
    return monday, monday + timedelta(days=6)


def shift_week(week: str, weeks: int) -> str:
    """The week ``weeks`` before (negative) or after ``week``."""
    return iso_week(week_start(week) + timedelta(weeks=weeks))
