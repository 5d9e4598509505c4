"""The user's config file (TOML): user name, language, theme, time zone, holiday country, keys,
and the channels messages are sent through (``[mail]``, ``[chat.NAME]``)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from collabtui import i18n
from collabtui.domain.clock import Clock, UnknownZone, zone_named
from collabtui.domain.workdays import DEFAULT_COUNTRY, normalize_country
from collabtui.i18n import t

if TYPE_CHECKING:  # read only when the file has [mail] or [chat.NAME] (start-up)
    from collabtui.channel_config import ChatChannel, MailChannel

KNOWN_KEYS = ("user", "lang", "theme", "timezone", "holidays", "keys", "mail", "chat")

#: A holiday country as the config writes it: ``CN``, ``US``, ``DE-BY``.
_COUNTRY = re.compile(r"^[A-Z]{2,3}(-[A-Z0-9]{1,4})?$")


class ConfigError(Exception):
    """A config file collab cannot use; the message names the file and the line."""


@dataclass
class Config:
    """Settings from the config file; ``None`` means "not set"."""

    user: str | None = None
    lang: str | None = None
    theme: str | None = None
    #: The IANA zone days are counted in (``None``: the machine's, from ``TZ`` or the system).
    timezone: str | None = None
    #: Whose public holidays and make-up workdays count (``""``: weekends only).
    holidays: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    #: ``[mail]``: the SMTP server mail is sent through (``None``: no mail channel).
    mail: MailChannel | None = None
    #: ``[chat.NAME]``: the group-chat robots, by name.
    chats: dict[str, ChatChannel] = field(default_factory=dict)
    path: Path | None = None

    @property
    def holiday_country(self) -> str | None:
        """The holiday country of working days: the setting, else China; ``None``: weekends only."""
        return DEFAULT_COUNTRY if self.holidays is None else normalize_country(self.holidays)

    def clock(self) -> Clock:
        """The real clock in the configured zone (the machine's when none is set)."""
        return Clock(self.timezone)


def _line_of(text: str, key: str) -> int:
    """The 1-based line where ``key`` is set (for messages), or 1."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().split("=", 1)[0].strip().strip('"') == key:
            return number
    return 1


def load(path: Path) -> Config:
    """Read the config file at ``path``; a missing file gives the defaults."""
    if not path.exists():
        return Config(path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(t("config.err.cannot_read", path=path, reason=exc)) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(t("config.err.not_toml", path=path, reason=exc)) from None
    config = Config(path=path)
    for key, value in raw.items():
        line = _line_of(text, key)

        def error(message: str, line: int = line) -> ConfigError:
            return ConfigError(t("config.err.at_line", path=path, line=line, message=message))

        if key not in KNOWN_KEYS:
            raise error(t("config.err.unknown_setting", key=key))
        if key == "keys":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise error(t("config.err.keys_table"))
            config.keys = dict(value)
            continue
        if key in ("mail", "chat"):
            _channels(config, key, value, text, path)
            continue
        if not isinstance(value, str):
            raise error(t("config.err.not_string", key=key))
        if key == "lang":
            try:
                value = i18n.normalize(value)
            except i18n.UnknownLanguage as exc:
                choices = ", ".join(i18n.LANGUAGES)
                raise error(t("cli.err.unknown_lang", value=exc.value, choices=choices)) from None
        if key == "timezone":
            try:
                value = zone_named(value).key
            except UnknownZone:
                raise error(t("config.err.timezone", value=value)) from None
        if key == "holidays":
            country = normalize_country(value)
            if country is not None and not _COUNTRY.match(country):
                raise error(t("config.err.holidays", value=value))
            value = country or ""
        setattr(config, key, value)
    return config


def _channels(config: Config, key: str, value: object, text: str, path: Path) -> None:
    """Read ``[mail]`` or the ``[chat.NAME]`` tables (see :mod:`collabtui.channel_config`)."""
    from collabtui import channel_config as channels

    def fail(header: str):
        def error(message: str, field_name: str | None) -> ConfigError:
            line = channels.section_line(text, header, field_name)
            return ConfigError(t("config.err.at_line", path=path, line=line, message=message))

        return error

    if key == "mail":
        config.mail = channels.parse_mail(value, fail("mail"))
        return
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise fail("chat")("each robot is a [chat.NAME] table with kind, url and secret", None)
    config.chats = {
        name: channels.parse_chat(name, raw, fail(f"chat.{name}")) for name, raw in value.items()
    }


def save_setting(path: Path, key: str, value: str) -> None:
    """Set one top-level string setting, keeping the rest of the file as it is."""
    import tomli_w

    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    rendered = tomli_w.dumps({key: value}).strip()
    for i, line in enumerate(lines):
        if line.strip().startswith("["):
            lines.insert(i, rendered)
            break
        if line.strip().split("=", 1)[0].strip() == key:
            lines[i] = rendered
            break
    else:
        lines.append(rendered)
    load_text = "\n".join(lines) + "\n"
    tomllib.loads(load_text)  # never write a file we could not read back
    from collabtui.files import write_file

    write_file(path, load_text, create_parent=True)
