"""Numbers, money, percentages, dates and times one way per language (issue 18), by Babel."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel.numbers import parse_decimal
from hypothesis import given
from hypothesis import strategies as st

from collabtui import i18n
from collabtui.domain.inputs import format_quantity
from collabtui.domain.retro import format_figure, format_percent
from collabtui.i18n import formats

LANGS = ("en", "zh-CN")
BABEL_LOCALE = {"en": "en", "zh-CN": "zh_Hans_CN"}
SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["20,000", "0.5", "1,234.25", "0.3333", "0", "-50"]),
        ("zh-CN", ["20,000", "0.5", "1,234.25", "0.3333", "0", "-50"]),
    ],
)
def test_numbers(lang, expected):
    values = [20000, 0.5, 1234.25, 1 / 3, -0.0, -50.0]
    assert [formats.number(v, lang) for v in values] == expected
    assert formats.number(None, lang) == ""


@pytest.mark.parametrize(
    ("lang", "cny", "usd"),
    [("en", "CN¥700,000.00", "$4,800.00"), ("zh-CN", "¥700,000.00", "US$4,800.00")],
)
def test_money_carries_its_currency_mark_once(lang, cny, usd):
    assert formats.money(700000, "CNY", lang) == cny
    assert formats.money(4800, "usd", lang) == usd
    # A unit that only names the currency again is dropped; a real qualifier stays.
    assert formats.amount(700000, "元", "CNY", lang) == cny
    assert formats.amount(700000, "CNY", "CNY", lang) == cny
    assert formats.amount(700000, "人民币", "CNY", lang) == cny
    assert formats.amount(4800, "per year", "USD", lang) == f"{usd} per year"


def test_quantities_and_figures_read_the_same_on_every_screen():
    """The overview, the resource register and the retrospective: ``20,000 单`` each."""
    from collabtui.screens.project import _number

    i18n.set_language("zh-CN")
    assert _number(20000, "单") == format_figure(20000, "单") == "20,000 单"
    assert format_quantity(20000) == "20,000"
    assert format_figure(15, "%") == "15%" and _number(15, "%") == "15%"
    assert format_percent(112.5) == "112.5%" and format_percent(None) == ""


def test_a_budget_in_the_resource_register_has_one_currency_mark():
    from collabtui.domain.views import ResourceRow
    from collabtui.screens.resources import amount

    fields = {name: None for name in ResourceRow.__dataclass_fields__}
    row = ResourceRow(
        **{**fields, "kind": "budget", "quantity": 700000.0, "unit": "元", "currency": "CNY"}
    )
    i18n.set_language("zh-CN")
    assert amount(row) == "¥700,000.00"
    people = ResourceRow(
        **{**fields, "kind": "people", "quantity": 2.0, "unit": "人", "currency": ""}
    )
    assert amount(people) == "2 人"


def test_dates_and_times_in_the_users_zone():
    moment = datetime(2026, 12, 2, 17, 50, 6, 643236, tzinfo=UTC)
    assert formats.datetime(moment, SHANGHAI) == "2026-12-03 01:50"
    assert formats.datetime(moment, NEW_YORK) == "2026-12-02 12:50"
    assert formats.datetime(moment, SHANGHAI, seconds=True) == "2026-12-03 01:50:06"
    assert formats.time(moment, SHANGHAI) == "01:50"
    assert formats.moment_or_time(moment, SHANGHAI, date(2026, 12, 3)) == "01:50"
    assert formats.moment_or_time(moment, NEW_YORK, date(2026, 12, 3)) == "2026-12-02 12:50"
    assert formats.date(date(2026, 12, 10)) == "2026-12-10" and formats.date(None) == ""
    assert formats.long_date(date(2026, 12, 10), "zh-CN") == "2026年12月10日"
    assert formats.long_date(date(2026, 12, 10), "en") == "December 10, 2026"
    with pytest.raises(ValueError, match="naive"):
        formats.datetime(datetime(2026, 12, 2, 17, 50), SHANGHAI)


def test_the_language_follows_the_current_one_unless_given():
    i18n.set_language("zh-CN")
    assert formats.money(1, "CNY") == "¥1.00"
    assert formats.money(1, "CNY", "en") == "CN¥1.00"


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
codes = st.sampled_from(["CNY", "USD", "EUR", "JPY", "GBP", "HKD"])


@given(value=finite, lang=st.sampled_from(LANGS))
def test_a_number_reads_back_as_the_value_to_four_places(value, lang):
    shown = formats.number(value, lang)
    assert "e" not in shown.lower()
    back = parse_decimal(shown, locale=BABEL_LOCALE[lang], strict=True)
    assert back == Decimal(str(round(value, 4))).normalize() or back == 0 == round(value, 4)


@given(value=st.floats(min_value=0.01, max_value=1e12), code=codes, lang=st.sampled_from(LANGS))
def test_money_never_doubles_its_currency(value, code, lang):
    for unit in ("", code, code.lower(), "元" if code == "CNY" else code):
        shown = formats.amount(value, unit, code, lang)
        marks = [w for w in formats.currency_words(code) if w and w in shown.lower()]
        # One mark: the symbol (which may contain the code's letters, like "CN¥" or "US$").
        assert len(re.findall(r"[¥$€£]|[A-Z]{3}\b", shown)) <= 1, shown
        assert marks, shown
        assert not shown.lower().endswith(tuple(f" {w}" for w in formats.currency_words(code)))


def test_formatting_loads_babel_only_when_a_number_is_shown():
    probe = (
        "import sys, collabtui.i18n.formats, collabtui.screens.dashboard, collabtui.app\n"
        "print('babel' in sys.modules)\n"
        "from collabtui.i18n import formats\n"
        "formats.number(1)\n"
        "print('babel' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["False", "True"]
