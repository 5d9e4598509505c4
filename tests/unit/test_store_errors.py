"""Store errors carry a message key and its parameters and are rendered when shown,
in the language of that moment."""

from __future__ import annotations

import pytest

from collabtui import i18n
from collabtui.domain.errors import ConflictError, NotFound, StoreError, ValidationError


@pytest.fixture
def english():
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def test_an_error_raised_in_english_is_shown_in_the_language_of_the_moment(english):
    with pytest.raises(ValidationError) as info:
        raise ValidationError.of("standup.err.week", "week", value="2026-W99")
    error = info.value
    assert error.key == "standup.err.week"
    assert error.params == {"value": "2026-W99"}
    assert error.field == "week"
    english_text = str(error)
    assert english_text == i18n.translator("en")("standup.err.week", value="2026-W99")
    i18n.set_language("zh-CN")
    chinese = i18n.translator("zh-CN")("standup.err.week", value="2026-W99")
    assert str(error) == error.message() == chinese != english_text
    assert error.message(i18n.translator("en")) == english_text


def test_not_found_and_conflict_translate_the_kind_when_shown(english):
    missing, stale = NotFound("project", "P-1"), ConflictError("task", 3, 1, 2)
    assert (missing.key, missing.params) == ("err.not_found", {"entity": "project", "key": "P-1"})
    assert stale.key == "err.conflict"
    english_texts = str(missing), str(stale)
    i18n.set_language("zh-CN")
    assert str(missing) == i18n.t("err.not_found", entity=i18n.t("kind.project"), key="P-1")
    assert str(stale) == i18n.t(
        "err.conflict", entity=i18n.t("kind.task"), id=3, expected=1, actual=2
    )
    assert (str(missing), str(stale)) != english_texts


def test_a_ready_text_stays_as_it_is(english):
    error = StoreError("db.sqlite3: locked")
    assert (error.key, error.params, str(error)) == ("", {}, "db.sqlite3: locked")
    assert str(ValidationError("a dataset must be a JSON object", "format")) == (
        "a dataset must be a JSON object"
    )
