"""Working days: weekends, public holidays and China's make-up workdays (调休), and the
config key that picks the holiday country."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from collabtui.config import ConfigError, load
from collabtui.domain.workdays import (
    DEFAULT_COUNTRY,
    UnknownCountry,
    WorkCalendar,
    normalize_country,
    work_calendar,
)

CN = WorkCalendar("CN")
WEEKENDS = WorkCalendar(None)


def test_the_library_knows_the_2026_spring_festival_and_its_make_up_saturdays():
    # Official schedule: 15–23 February off; Saturdays 14 and 28 February are worked.
    for day in range(16, 24):
        assert not CN.is_workday(date(2026, 2, day)), day
    assert CN.holiday_name(date(2026, 2, 17)) is not None
    assert CN.is_workday(date(2026, 2, 14))  # Saturday, make-up workday
    assert CN.is_workday(date(2026, 2, 28))  # Saturday, make-up workday
    assert not WEEKENDS.is_workday(date(2026, 2, 14))


def test_the_library_knows_national_day_2026_and_its_make_up_days():
    # Official schedule: 1–7 October off; Sunday 20 September and Saturday 10 October worked.
    for day in range(1, 8):
        assert not CN.is_workday(date(2026, 10, day)), day
    assert CN.holiday_name(date(2026, 10, 1)) is not None
    assert CN.is_workday(date(2026, 9, 20))  # Sunday
    assert CN.is_workday(date(2026, 10, 10))  # Saturday
    assert CN.is_workday(date(2026, 10, 8))


def test_weekends_are_not_working_days():
    friday = date(2026, 11, 6)
    assert CN.is_workday(friday)
    assert not CN.is_workday(friday + timedelta(days=1))
    assert not CN.is_workday(friday + timedelta(days=2))
    assert WEEKENDS.is_workday(friday) and not WEEKENDS.is_workday(date(2026, 11, 8))


def test_five_working_days_after_a_friday_is_the_next_friday():
    friday = date(2026, 11, 6)
    assert CN.add_workdays(friday, 5) == date(2026, 11, 13)
    assert CN.add_workdays(friday, 1) == date(2026, 11, 9)
    assert CN.add_workdays(friday, 0) == friday
    assert CN.workdays_between(friday, date(2026, 11, 13)) == 5
    assert CN.workdays_between(friday, date(2026, 11, 16)) == 6
    assert CN.workdays_between(date(2026, 11, 13), friday) == -5


def test_working_days_across_national_day_count_the_make_up_saturday():
    end = date(2026, 9, 30)  # Wednesday before the holiday
    # 8 Oct (1), 9 Oct (2), Saturday 10 Oct make-up (3), 12 Oct (4), 13 Oct (5)
    assert CN.add_workdays(end, 5) == date(2026, 10, 13)
    assert CN.add_workdays(end, 3) == date(2026, 10, 10)
    assert CN.workdays_between(end, date(2026, 10, 14)) == 6
    # Counting weekends only, the holiday would be taken for working days.
    assert WEEKENDS.add_workdays(end, 5) == date(2026, 10, 7)


def test_working_days_across_the_spring_festival():
    end = date(2026, 2, 12)  # Thursday
    # 13 Feb (1), Saturday 14 Feb make-up (2), 24 Feb (3), 25 Feb (4), 26 Feb (5)
    assert CN.add_workdays(end, 5) == date(2026, 2, 26)
    assert CN.workdays_between(end, date(2026, 2, 27)) == 6


def test_add_workdays_refuses_negative_counts():
    with pytest.raises(ValueError):
        CN.add_workdays(date(2026, 1, 5), -1)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("cn", "CN"), (" US ", "US"), ("de-by", "DE-BY"), ("de_by", "DE-BY"), ("", None)],
)
def test_country_codes_are_normalized(given, expected):
    assert normalize_country(given) == expected
    assert normalize_country(None) is None
    assert normalize_country("none") is None


def test_an_unknown_country_is_refused_with_a_hint():
    with pytest.raises(UnknownCountry, match="ISO 3166"):
        WorkCalendar("XX")
    with pytest.raises(UnknownCountry):
        WorkCalendar("US-ZZ")


def test_other_countries_and_subdivisions_work():
    assert not WorkCalendar("US").is_workday(date(2026, 7, 3))  # Independence Day observed
    assert not WorkCalendar("DE-BY").is_workday(date(2026, 1, 6))  # Epiphany in Bavaria
    assert WorkCalendar("DE").is_workday(date(2026, 1, 6))


def test_calendars_are_shared_per_country():
    assert work_calendar("CN") is work_calendar("CN")
    assert work_calendar(None).country is None


# --------------------------------------------------------------------------- config


def test_the_holiday_country_defaults_to_china(tmp_path):
    config = load(tmp_path / "config.toml")
    assert config.holidays is None
    assert config.holiday_country == DEFAULT_COUNTRY == "CN"


@pytest.mark.parametrize(("text", "country"), [('"us"', "US"), ('"de-by"', "DE-BY"), ('""', None)])
def test_the_holiday_country_is_read_from_the_config(tmp_path, text, country):
    path = tmp_path / "config.toml"
    path.write_text(f"holidays = {text}\n", encoding="utf-8")
    assert load(path).holiday_country == country


def test_a_malformed_holiday_country_names_the_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('user = "a"\nholidays = "China!"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 2: holidays is a country code"):
        load(path)
