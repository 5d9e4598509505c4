"""The translation layer: every user-facing string is looked up here by key.

Catalogues are plain dictionaries (``en.py``, ``zh_CN.py``), so loading them costs
nothing at start-up and a test can prove that every key used in the code exists in
both languages with the same placeholders. zh-CN uses the playbook's Chinese names.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.plural import PluralRule

LANGUAGES = ("en", "zh-CN")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


class UnknownLanguage(ValueError):
    """A language code collab has no catalogue for."""

    def __init__(self, value: str):
        super().__init__(f"unknown language {value!r} (choose from {', '.join(LANGUAGES)})")
        self.value = value


def normalize(value: str) -> str:
    """The canonical code for ``value`` (``zh_cn``, ``zh-Hans``, ``zh`` → ``zh-CN``)."""
    low = value.strip().replace("_", "-").lower()
    if low in ("en", "en-us", "en-gb", "english"):
        return "en"
    if low in ("zh", "zh-cn", "zh-hans", "zh-hans-cn", "chinese"):
        return "zh-CN"
    raise UnknownLanguage(value)


def from_locale(environ: dict[str, str] | None = None) -> str:
    """The language the environment's locale asks for (Chinese or English)."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "zh-CN" if value.lower().startswith("zh") else "en"
    return DEFAULT_LANGUAGE


def catalogue(lang: str) -> dict[str, str]:
    """The message dictionary of one language."""
    if lang == "zh-CN":
        from collabtui.i18n.zh_CN import MESSAGES
    else:
        from collabtui.i18n.en import MESSAGES
    return MESSAGES


def set_language(lang: str) -> None:
    """Make ``lang`` the language of :func:`t`."""
    global _current
    _current = normalize(lang)


def current_language() -> str:
    """The language :func:`t` uses now."""
    return _current


def translator(lang: str | None = None) -> Callable[..., str]:
    """A ``t``-like function fixed to one language (exports pass ``--lang`` this way)."""
    code = normalize(lang) if lang else None

    def tr(key: str, /, **kwargs: object) -> str:
        return _lookup(code or _current, key, kwargs)

    return tr


def t(key: str, /, **kwargs: object) -> str:
    """The message ``key`` in the current language, formatted with ``kwargs``."""
    return _lookup(_current, key, kwargs)


def has(key: str, lang: str | None = None) -> bool:
    """True when ``key`` is in the catalogue (as one message or as plural forms)."""
    messages = catalogue(lang or _current)
    return key in messages or f"{key}{PLURAL_MARK}{OTHER}" in messages


def join_list(items: Iterable[str], lang: str | None = None) -> str:
    """Names in a row as the language writes them: "Sun Li, Zhang Wei" / "孙丽、张伟"."""
    return _lookup(lang or _current, "punct.list_sep", {}).join(items)


def split_list(text: str) -> list[str]:
    """The names of a list stored as text (``","`` or ``"、"`` between them; a full-width
    ``"，"`` is left alone: it is a sentence's, in text a person typed)."""
    return [part.strip() for part in re.split(r"[,、]", text) if part.strip()]


def labelled(name: str, value: str, lang: str | None = None) -> str:
    """A label and its value: "Owner: Zhang Wei" / "负责人：张伟" (full-width colon)."""
    return _lookup(lang or _current, "punct.labelled", {"label": name, "value": value})


def bracketed(text: str, lang: str | None = None) -> str:
    """A remark in brackets: "(decision maker)" / "（决策人）" (full-width brackets)."""
    return _lookup(lang or _current, "punct.bracketed", {"text": text})


def label(value: Enum, lang: str | None = None) -> str:
    """The translated name of an enum member: key ``<EnumName>.<value>``."""
    return _lookup(lang or _current, f"{type(value).__name__}.{value.value}", {})


def label_value(enum_name: str, value: str, lang: str | None = None) -> str:
    """The translated name of an enum value given as text (no enum import needed)."""
    return _lookup(lang or _current, f"{enum_name}.{value}", {})


#: A message with plural forms is stored as one key per CLDR category:
#: ``"gap.tasks_open|one"``, ``"gap.tasks_open|other"`` (zh-CN has only ``other`` in
#: CLDR, so its catalogue repeats one text under both). ``t(key, n=…)`` picks the form.
PLURAL_MARK = "|"
OTHER = "other"
PLURAL_FORMS = ("one", OTHER)


#: CLDR's plural rules of our languages, as Babel holds them (``Locale.plural_form.rules``;
#: a test keeps them equal). Kept here so the first screen does not wait ~40 ms for Babel
#: to load a whole locale's data; Babel's own ``PluralRule`` evaluates them.
PLURAL_RULES: dict[str, dict[str, str]] = {"en": {"one": "i in 1 and v in 0"}, "zh-CN": {}}


def plural_form(lang: str, n: object) -> str:
    """The CLDR plural category of ``n`` in ``lang`` (``one`` or ``other`` for ours).

    Babel evaluates the CLDR rules: English says "1 task" but "0 tasks" and "1.5 tasks";
    Chinese has one form for every number.
    """
    if not isinstance(n, int | float | Decimal):
        return OTHER
    return _rule(lang)(n)


@cache
def _rule(lang: str) -> PluralRule:
    """Babel's rule for ``lang`` (imported on first use: start-up stays quick)."""
    from babel.plural import PluralRule

    return PluralRule(PLURAL_RULES.get(lang, {}))


def _lookup(lang: str, key: str, kwargs: dict) -> str:
    messages = catalogue(lang)
    text = messages.get(key)
    if text is None and f"{key}{PLURAL_MARK}{OTHER}" in messages:
        form = plural_form(lang, kwargs.get("n"))
        text = messages.get(f"{key}{PLURAL_MARK}{form}", messages[f"{key}{PLURAL_MARK}{OTHER}"])
    if text is None:
        if lang != DEFAULT_LANGUAGE:
            return _lookup(DEFAULT_LANGUAGE, key, kwargs)
        text = key
    return text.format(**kwargs) if kwargs else text
