"""The translation layer: every user-facing string is looked up here by key.

Catalogues are plain dictionaries (``en.py``, ``zh_CN.py``), so loading them costs
nothing at start-up and a test can prove that every key used in the code exists in
both languages with the same placeholders. zh-CN uses the playbook's Chinese names.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import Enum

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
    """True when ``key`` is in the catalogue."""
    return key in catalogue(lang or _current)


def label(value: Enum, lang: str | None = None) -> str:
    """The translated name of an enum member: key ``<EnumName>.<value>``."""
    return _lookup(lang or _current, f"{type(value).__name__}.{value.value}", {})


def label_value(enum_name: str, value: str, lang: str | None = None) -> str:
    """The translated name of an enum value given as text (no enum import needed)."""
    return _lookup(lang or _current, f"{enum_name}.{value}", {})


def _lookup(lang: str, key: str, kwargs: dict) -> str:
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**kwargs) if kwargs else text
