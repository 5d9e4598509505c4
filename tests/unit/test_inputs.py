"""What users type into form fields: quantities and dates, read or refused clearly."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabtui import i18n
from collabtui.domain.inputs import format_quantity, parse_day, parse_progress, parse_quantity
from collabtui.store import ValidationError

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("3", 3.0),
        (" 2.5 ", 2.5),
        ("0.5", 0.5),
        (".5", 0.5),
        ("３", 3.0),  # full-width, as a Chinese IME types it
        ("１２．５", 12.5),
        ("700,000", 700000.0),
        ("1,250.5", 1250.5),
        ("1e6", 1e6),
        ("+4", 4.0),
    ],
)
def test_quantities_that_read(typed, value):
    assert parse_quantity(typed) == value


@pytest.mark.parametrize(
    ("typed", "english", "chinese"),
    [
        ("", "enter a quantity", "请填写数量"),
        ("   ", "enter a quantity", "请填写数量"),
        ("-1", "cannot be negative", "不能为负数"),
        ("－３", "cannot be negative", "不能为负数"),
        ("-1e309", "cannot be negative", "不能为负数"),
        ("0", "more than 0", "大于 0"),
        ("0.000", "more than 0", "大于 0"),
        ("1e309", "too large", "太大"),
        ("inf", "too large", "太大"),
        ("nan", "not a number", "不是数字"),
        ("abc", "not a number", "不是数字"),
        ("1,5", "not a number", "不是数字"),
        ("三", "Arabic digits, e.g. 3", "请用阿拉伯数字，例如 3"),
        ("五十", "Arabic digits", "请用阿拉伯数字"),
        ("两", "Arabic digits", "请用阿拉伯数字"),
        ("3人", "goes in the Unit field", "单位"),
        ("5 units", "“units” goes in the Unit field", "“units”"),
    ],
)
def test_quantities_refused_with_a_clear_message(typed, english, chinese):
    with pytest.raises(ValidationError, match=english) as err:
        parse_quantity(typed)
    assert err.value.field == "quantity"
    i18n.set_language("zh-CN")
    with pytest.raises(ValidationError, match=chinese):
        parse_quantity(typed)


@given(st.text())
def test_parse_quantity_only_ever_raises_validation_error(text):
    try:
        value = parse_quantity(text)
    except ValidationError as exc:
        assert exc.field == "quantity" and str(exc)
    else:
        assert math.isfinite(value) and value > 0


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_parse_quantity_reads_any_float_written_out(number):
    try:
        value = parse_quantity(repr(number))
    except ValidationError:
        assert not (math.isfinite(number) and number > 0)
    else:
        assert value == number


@pytest.mark.parametrize(
    ("number", "shown"),
    [(2.0, "2"), (700000.0, "700,000"), (1500000.0, "1,500,000"), (0.5, "0.5"), (2.25, "2.25")],
)
def test_format_quantity(number, shown):
    assert format_quantity(number) == shown


def test_dates_typed_in_a_form():
    assert parse_day("", "needed_by") is None
    assert parse_day(" 2026-12-01 ", "needed_by") == date(2026, 12, 1)
    assert parse_day("２０２６－１２－０１", "needed_by") == date(2026, 12, 1)
    assert parse_day("+7d", "needed_by", TODAY) == TODAY + timedelta(days=7)
    assert parse_day("-1w", "needed_by", TODAY) == TODAY - timedelta(days=7)
    for bad in ("2026-13-01", "明天", "+7d", "12/01/2026"):
        with pytest.raises(ValidationError, match="YYYY-MM-DD") as err:
            parse_day(bad, "needed_by")
        assert err.value.field == "needed_by"


@pytest.mark.parametrize(
    ("typed", "expected"), [("0", 0), ("65", 65), ("65%", 65), (" 100 ", 100), ("８０", 80)]
)
def test_progress_accepts_whole_percentages(typed, expected):
    assert parse_progress(typed) == expected


@pytest.mark.parametrize("typed", ["", "101", "-5", "五十", "1e2", "50.5", "abc"])
def test_progress_refuses_everything_else_with_a_message(typed):
    with pytest.raises(ValidationError, match="0 to 100"):
        parse_progress(typed)
