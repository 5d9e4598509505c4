"""Reading what a user typed into a form field: numbers and dates, with clear messages.

Pure functions (no Textual, no ORM), shared by the screens and the store. Each parser
raises :class:`~collabtui.domain.errors.ValidationError` naming the field, with a
translated message that says what to type instead — never a bare ``ValueError``.

Full-width characters (``３``, ``．``, ``－``, ``２０２６－１２－０１``) are what a Chinese
input method types in full-width mode; they are read as their ASCII forms (NFKC).
Chinese numerals (``三``, ``五十``, ``两``) are refused with a hint to type Arabic digits.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime, time

from collabtui.domain.errors import ValidationError

#: Characters that only appear in numbers written the Chinese way.
_CHINESE_DIGITS = re.compile("[〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩]")
#: ``700,000`` or ``1,250.5``: commas only as thousands separators.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
#: A number followed by a word (``3人``, ``5 units``): the unit belongs in its own field.
_WITH_UNIT = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([^\d\s.,+-].*)$")


def normal(text: object) -> str:
    """``text`` as typed, full-width forms folded to ASCII (NFKC), trimmed."""
    return unicodedata.normalize("NFKC", "" if text is None else str(text)).strip()


def parse_quantity(text: object, field: str = "quantity") -> float:
    """A quantity above 0 from what was typed; a :class:`ValidationError` on ``field`` if not.

    Accepts ``3``, ``2.5``, ``0.5``, ``700,000``, ``1e6`` and their full-width forms.
    Refuses, each with its own message: nothing typed, Chinese numerals, a number with
    its unit attached, text that is not a number (``nan`` included), numbers too large
    to hold (``1e309``, ``inf``), negative numbers and zero.
    """
    value = normal(text)
    if not value:
        raise ValidationError.of("input.err.quantity_empty", field)
    if _CHINESE_DIGITS.search(value):
        raise ValidationError.of("input.err.quantity_chinese", field, text=value)
    if _GROUPED.match(value):
        value = value.replace(",", "")
    try:
        number = float(value)
    except ValueError:
        found = _WITH_UNIT.match(value)
        if found:
            raise ValidationError.of(
                "input.err.quantity_with_unit", field, unit=found[2].strip()
            ) from None
        raise ValidationError.of("input.err.quantity_not_number", field) from None
    return check_quantity(number, field)


def check_quantity(number: float, field: str = "quantity") -> float:
    """``number`` if it is a finite number above 0, else a :class:`ValidationError`."""
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise ValidationError.of("input.err.quantity_not_number", field)
    number = float(number)
    if math.isnan(number):
        raise ValidationError.of("input.err.quantity_not_number", field)
    if number < 0:
        raise ValidationError.of("input.err.quantity_negative", field)
    if math.isinf(number):
        raise ValidationError.of("input.err.quantity_too_large", field)
    if number == 0:
        raise ValidationError.of("input.err.quantity_zero", field)
    return number


def format_quantity(number: float) -> str:
    """A quantity for people: ``700,000``, ``0.5``, ``2.25`` (no exponent, no trailing 0),
    the current language's way (:func:`collabtui.i18n.formats.number`)."""
    from collabtui.i18n import formats

    return formats.number(number)


def parse_day(text: object, field: str, today: date | None = None) -> date | None:
    """A date from ``YYYY-MM-DD`` (full-width too), or ``None`` when nothing was typed.

    With ``today``, ``+7d`` / ``-2w`` / ``0d`` count from it (the demo dataset's
    notation, read by :func:`collabtui.domain.relative.parse_date`). Anything else is
    a :class:`ValidationError` on ``field``.
    """
    from collabtui.domain.relative import parse_date

    value = normal(text)
    if not value:
        return None
    try:
        if today is None:
            return date.fromisoformat(value)
        return parse_date(value, datetime.combine(today, time(12), tzinfo=UTC), UTC)
    except (ValueError, OverflowError):
        raise ValidationError.of("rule.bad_date", field) from None


def parse_progress(text: object, field: str = "progress") -> int:
    """A progress typed as a whole number from 0 to 100 (``%`` allowed, full-width too)."""
    value = normal(text).rstrip("%").strip()
    if not (value.isascii() and value.isdigit()) or int(value) > 100:
        raise ValidationError.of("task.err.progress", field)
    return int(value)


def parse_local(text: str, clock) -> datetime:
    """``YYYY-MM-DD HH:MM`` typed in the user's zone (``clock.tz``), as an aware datetime."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=clock.tz)
