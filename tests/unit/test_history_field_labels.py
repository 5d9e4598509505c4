"""Every field the change log can name reads as words in both languages (issue 18),
and its values as people read them: enums by label, times in the user's zone,
people by name, yes/no."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from collabtui import i18n
from collabtui.store.changelog import HIDDEN_FIELDS, field_label, format_value
from collabtui.store.models import EDITABLE_TABLES, TABLES, Change
from tests.support.chinese import LATIN_WORD

#: The change log records every editable table; ``change`` (the log itself) never
#: appears as an entry's entity.
COLUMNS = [
    (model.__tablename__, column.name)
    for model in EDITABLE_TABLES
    for column in model.__table__.c
    if column.name not in HIDDEN_FIELDS
]


@pytest.fixture(params=["en", "zh-CN"])
def lang(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def test_the_log_names_only_editable_tables():
    assert set(TABLES) - {m.__tablename__ for m in EDITABLE_TABLES} == {Change.__tablename__}


def test_every_column_has_a_label(lang):
    raw = [
        f"{entity}.{column}" for entity, column in COLUMNS if field_label(column, entity) == column
    ]
    assert raw == []


def test_chinese_labels_hold_no_latin_word():
    i18n.set_language("zh-CN")
    try:
        latin = {
            f"{entity}.{column}": field_label(column, entity)
            for entity, column in COLUMNS
            if LATIN_WORD.search(field_label(column, entity))
        }
    finally:
        i18n.set_language("en")
    assert latin == {}


def test_values_read_as_people_read_them(lang):
    tz = ZoneInfo("Asia/Shanghai")
    zh = lang == "zh-CN"
    at = datetime(2026, 12, 2, 17, 50, 6, 643236, tzinfo=UTC).isoformat()
    assert format_value("riskwarning", "raised_at", at, tz=tz) == "2026-12-03 01:50"
    names = {("person", 7): "张伟"}
    assert format_value("riskwarning", "raised_by_id", 7, names=names, tz=tz) == "张伟"
    assert format_value("task", "status", "in_progress", tz=tz) == (
        "进行中" if zh else "In progress"
    )
    assert format_value("attendee", "attended", True, tz=tz) == ("是" if zh else "yes")
    assert format_value("progressentry", "met_plan", False, tz=tz) == ("否" if zh else "no")
