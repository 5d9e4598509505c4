"""Numbers, money, percentages, dates and times for people, one way per language (issue 18).

Every place that shows the user a number, an amount, a date or a time goes through here,
so the overview and the retrospective write ``20,000`` the same way and a budget never
carries two currency marks (``¥700,000.00``, not ``CNY 700,000 元``).

The digits, the grouping, the currency symbols and the long dates come from CLDR through
Babel. Babel's import and its locale data cost about 0.1 s, so nothing here loads it until
a number is first formatted (and the dashboard's first paint formats none); a locale is
loaded once per language. Dates in tables and forms are ISO (``2026-12-10``) and times
24-hour (``14:30``) in both languages — the form every input accepts back; prose (documents,
mail) uses the language's long date (``2026年12月10日`` / ``December 10, 2026``).

Moments are shown in the zone the caller passes (the user's: :mod:`collabtui.domain.clock`);
a naive datetime is refused, never guessed.
"""

from __future__ import annotations

import math
from datetime import date as Date
from datetime import datetime as DateTime
from datetime import tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decimal import Decimal

#: Decimal places a quantity keeps (``0.0625`` FTE shows whole; ``1/3`` as ``0.3333``).
PLACES = 4

#: Unit words that only repeat a currency (``CNY`` with the unit ``元``); CLDR's names and
#: symbols of the currency count too (see :func:`amount`).
CURRENCY_WORDS = {"CNY": frozenset({"元", "圆", "块", "rmb", "yuan"})}


@cache
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse("zh_Hans_CN" if lang == "zh-CN" else "en")


def _lang(lang: str | None) -> str:
    from collabtui import i18n

    return i18n.normalize(lang) if lang else i18n.current_language()


def _decimal(value: float | int | Decimal, places: int = PLACES) -> Decimal:
    """``value`` rounded to ``places``, without a trailing zero or a minus zero."""
    from decimal import Decimal

    rounded = (
        Decimal(str(round(float(value), places))) if not isinstance(value, int) else Decimal(value)
    )
    rounded = rounded.normalize()
    if rounded == 0:
        return Decimal(0)
    if rounded == rounded.to_integral_value():
        return rounded.quantize(Decimal(1))
    return rounded


def number(value: float | int | Decimal | None, lang: str | None = None) -> str:
    """``20,000``, ``0.5``, ``1,234.25`` (up to four places); ``""`` for none."""
    if value is None:
        return ""
    if not math.isfinite(float(value)):
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(_decimal(value), locale=_locale(_lang(lang)), decimal_quantization=False)


def percent(value: float | None, lang: str | None = None, places: int = 1) -> str:
    """A percentage given in percent (``112.5`` → ``112.5%``); ``""`` for none."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return f"{value}%"
    from babel.numbers import format_percent

    shown = _decimal(value, places) / 100
    return format_percent(shown, locale=_locale(_lang(lang)), decimal_quantization=False)


def money(value: float | Decimal, currency: str, lang: str | None = None) -> str:
    """``¥700,000.00`` / ``CN¥700,000.00``: the currency's own mark and digits, once."""
    if not math.isfinite(float(value)):
        return f"{currency} {value}"
    from babel.numbers import format_currency

    return format_currency(
        _decimal(value),
        currency.strip().upper(),
        locale=_locale(_lang(lang)),
        decimal_quantization=False,
    )


def currency_words(currency: str) -> frozenset[str]:
    """Every way CLDR writes ``currency`` in collab's languages (code, symbols, names)."""
    from babel.numbers import get_currency_name, get_currency_symbol

    code = currency.strip().upper()
    words = {code.lower()}
    for lang in ("en", "zh-CN"):
        loc = _locale(lang)
        words.add(get_currency_symbol(code, loc).lower())
        for count in (1, 2):
            words.add(get_currency_name(code, count, loc).lower())
    return frozenset(words | CURRENCY_WORDS.get(code, frozenset()))


def amount(value: float, unit: str = "", currency: str = "", lang: str | None = None) -> str:
    """A quantity with what it counts: ``2 人``, ``0.5 FTE``, ``¥700,000.00``,
    ``$4,800.00 per year`` — a unit that only names the currency is not repeated."""
    unit = unit.strip()
    if currency.strip():
        shown = money(value, currency, lang)
        if unit.lower() in currency_words(currency):
            unit = ""
    else:
        shown = number(value, lang)
    if not unit:
        return shown
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"


def date(value: Date | None) -> str:
    """A day in a table or a form: ``2026-12-10`` (what every date field reads back)."""
    return value.isoformat() if value is not None else ""


def long_date(value: Date, lang: str | None = None) -> str:
    """A day in prose: ``2026年12月10日`` / ``December 10, 2026``."""
    from babel.dates import format_date

    return format_date(value, "long", locale=_locale(_lang(lang)))


def _local(moment: DateTime, tz: tzinfo) -> DateTime:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no zone to show it in")
    return moment.astimezone(tz)


def time(moment: DateTime, tz: tzinfo) -> str:
    """The time of ``moment`` in ``tz``: ``14:30`` (24-hour in both languages)."""
    return f"{_local(moment, tz):%H:%M}"


def datetime(moment: DateTime | None, tz: tzinfo, seconds: bool = False) -> str:
    """``moment`` in ``tz``: ``2026-12-10 14:30`` (``:05`` with ``seconds``); ``""`` for none."""
    if moment is None:
        return ""
    return _day_and_time(_local(moment, tz), seconds)


def _day_and_time(local: DateTime, seconds: bool = False) -> str:
    return f"{local:%Y-%m-%d %H:%M:%S}" if seconds else f"{local:%Y-%m-%d %H:%M}"


def moment_or_time(moment: DateTime, tz: tzinfo, today: Date) -> str:
    """``14:30`` when ``moment`` falls on ``today`` in ``tz``, else the date and time."""
    local = _local(moment, tz)
    return time(moment, tz) if local.date() == today else _day_and_time(local)
