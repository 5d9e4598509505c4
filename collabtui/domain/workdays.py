"""Working-day arithmetic: weekends and public holidays skipped, make-up workdays kept.

Pure (no I/O, no terminal, no database). Holidays come from the maintained
``holidays`` library ("Open World Holidays Framework"), which also knows the
weekends a country works instead (China's 调休: e.g. Saturday 14 February 2026 is a
working day before the Spring Festival break). The library is imported only when a
calendar with a country is first asked about a date, so start-up never pays for it.

A country is an ISO 3166 code the library knows (``"CN"``, ``"US"``), optionally with
a subdivision (``"DE-BY"``); ``None`` or ``""`` means weekends only (Saturday and
Sunday). The official schedule of a year is in the library once the government has
published it, so keep the library current.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

#: The holiday country when the config does not name one: the playbook is a Chinese
#: enterprise guide, and its working days follow China's official calendar.
DEFAULT_COUNTRY = "CN"


class UnknownCountry(ValueError):
    """A holiday country the holidays library does not know."""

    def __init__(self, value: str):
        super().__init__(
            f"unknown holiday country {value!r}: use an ISO 3166 code such as CN or US "
            '(optionally with a subdivision, e.g. DE-BY), or "" for weekends only'
        )
        self.value = value


def normalize_country(value: str | None) -> str | None:
    """``"cn"`` → ``"CN"``, ``"de-by"`` → ``"DE-BY"``; empty or ``"none"`` → ``None``."""
    text = (value or "").strip()
    if not text or text.lower() in ("none", "-", "weekends"):
        return None
    country, _, subdiv = text.replace("_", "-").partition("-")
    return f"{country.upper()}-{subdiv.upper()}" if subdiv else country.upper()


class WorkCalendar:
    """Which days are working days in one country.

    ``is_workday`` answers for one date; ``add_workdays`` and ``workdays_between``
    count working days, so "within 5 working days" means the same everywhere.
    """

    def __init__(self, country: str | None = DEFAULT_COUNTRY):
        """Raises :class:`UnknownCountry` when the library has no such country."""
        self.country = normalize_country(country)
        self._holidays = None
        if self.country is not None:
            self._holidays = _library_calendar(self.country)

    def __repr__(self) -> str:
        return f"WorkCalendar({self.country!r})"

    def is_workday(self, day: date) -> bool:
        """True on a working day: a weekday that is no holiday, or a make-up workday."""
        if self._holidays is None:
            return day.weekday() < 5
        return self._holidays.is_working_day(day)

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name in the library's language, or ``None``."""
        if self._holidays is None:
            return None
        return self._holidays.get(day)

    def add_workdays(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (``n`` ≥ 0; ``0`` gives ``day``).

        The fifth working day after a Friday is the next Friday; after the Friday
        before a holiday week, it is the first Friday after it (make-up days count).
        """
        if n < 0:
            raise ValueError("n must not be negative")
        current = day
        while n:
            current += timedelta(days=1)
            if self.is_workday(current):
                n -= 1
        return current

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if reversed).

        A retrospective held on the fifth working day after the project ended gives 5.
        """
        if end < start:
            return -self.workdays_between(end, start)
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_workday(current)
        return count


@lru_cache(maxsize=8)
def _library_calendar(code: str):
    """The holidays library's calendar for ``code`` (one per country, reused)."""
    import holidays

    country, _, subdiv = code.partition("-")
    try:
        return holidays.country_holidays(country, subdiv=subdiv or None)
    except NotImplementedError:
        raise UnknownCountry(code) from None


@lru_cache(maxsize=8)
def work_calendar(country: str | None = DEFAULT_COUNTRY) -> WorkCalendar:
    """A shared :class:`WorkCalendar` for ``country``."""
    return WorkCalendar(country)


__all__ = [
    "DEFAULT_COUNTRY",
    "UnknownCountry",
    "WorkCalendar",
    "normalize_country",
    "work_calendar",
]
