"""The config file's channels: ``[mail]`` and one ``[chat.NAME]`` per group-chat robot.

```toml
[mail]
url = "smtp://lina@mail.example.com:587"   # smtps:// for TLS from the start
from = "李娜 <lina@example.com>"
[chat.q4]
kind = "dingtalk"                          # dingtalk | feishu | wecom
url = "https://oapi.dingtalk.com/robot/send?access_token=…"
secret = "SEC…"
projects = ["Q4-LAUNCH"]                   # default: every project
```

A Feishu robot also takes ``format = "post"`` (rich text, the default) or ``"card"``
(an interactive card with a coloured header).

Secrets (the mail password, a robot's signing secret) may also come from the
environment (``COLLAB_SMTP_PASSWORD``, ``COLLAB_CHAT_<NAME>_SECRET``) or ``~/.netrc``
(``machine <mail host> login <user> password …``; ``machine collab-chat-<name> password …``).
They are kept out of ``repr`` and shown only masked (:func:`mask_endpoint`). Pure: no
network, no store; the config module calls :func:`parse_mail` and :func:`parse_chat`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from collabtui.i18n import t

#: The group-chat platforms collab can post to.
CHAT_KINDS = ("dingtalk", "feishu", "wecom")

#: A channel's name as it appears in ``[chat.NAME]``, the outbox and the environment.
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")

#: Hosts that may be reached without TLS (a relay on this machine, the test peers).
LOOPBACK = ("127.0.0.1", "::1", "localhost")

MAIL_KEYS = ("url", "from", "ca_file")
CHAT_KEYS = ("kind", "url", "secret", "projects", "format")

#: Message formats of a Feishu robot: rich text (the default) or an interactive card.
FEISHU_FORMATS = ("post", "card")

#: ``fail(message, key)``: raise the config error for ``key`` of the section (or the header).
Fail = Callable[[str, str | None], Exception]


@dataclass(frozen=True)
class MailChannel:
    """Where and as whom mail is sent: an SMTP submission server."""

    scheme: str  # smtp (STARTTLS when offered, required with a password) | smtps
    host: str
    port: int
    username: str = ""
    sender: str = ""  # the From header as written: "李娜 <lina@example.com>"
    ca_file: str = ""  # a private CA bundle for the server's certificate ("": the system's)
    password: str = field(default="", repr=False)
    password_source: str = ""  # url | env | netrc | "" (none)

    @property
    def name(self) -> str:
        """The channel's name in the outbox."""
        return "mail"

    @property
    def loopback(self) -> bool:
        """True for a server on this machine (no TLS needed to keep a password private)."""
        return self.host in LOOPBACK

    def shown(self) -> str:
        """The server as it may be printed: never the password."""
        user = (
            f"{self.username}:***@"
            if self.password
            else (f"{self.username}@" if self.username else "")
        )
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{user}{host}:{self.port}"


@dataclass(frozen=True)
class ChatChannel:
    """One group-chat robot (a webhook) and whose messages go there."""

    name: str
    kind: str
    url: str = field(repr=False)  # holds the robot's token: never printed as it is
    secret: str = field(default="", repr=False)
    secret_source: str = ""  # config | env | netrc | "" (none)
    #: Project codes whose messages go here; empty: every project.
    projects: tuple[str, ...] = ()
    #: Feishu only: ``post`` (rich text) or ``card`` (an interactive card).
    format: str = "post"

    def serves(self, project_code: str | None) -> bool:
        """Whether messages of ``project_code`` (``None``: of no one project) go here."""
        if not self.projects or project_code is None:
            return True
        return project_code.casefold() in {p.casefold() for p in self.projects}

    def shown(self) -> str:
        """The webhook as it may be printed (its token masked)."""
        return mask_endpoint(self.url)


def mask_endpoint(url: str) -> str:
    """A webhook URL with every query value and a hook id in the path shown as ``***``.

    DingTalk and WeCom carry the robot's token in the query (``access_token=``,
    ``key=``), Feishu in the path's last segment (``/bot/v2/hook/<id>``).
    """
    parts = urlsplit(url)
    query = urlencode(
        [(k, "***") for k, _ in parse_qsl(parts.query, keep_blank_values=True)], safe="*"
    )
    path = parts.path
    if "/hook/" in path:
        path = path.rsplit("/hook/", 1)[0] + "/hook/***"
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def env_name(chat: str) -> str:
    """The environment variable holding a robot's secret: ``COLLAB_CHAT_Q4_SECRET``."""
    return "COLLAB_CHAT_" + re.sub(r"[^A-Z0-9]", "_", chat.upper()) + "_SECRET"


def _netrc(machine: str, login: str | None = None) -> str:
    """The password of ``machine`` in ``$NETRC`` or ``~/.netrc`` ("" if none or unreadable)."""
    import netrc

    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    try:
        found = netrc.netrc(str(path)).authenticators(machine)
    except (OSError, netrc.NetrcParseError):
        return ""
    if not found or (login and found[0] and found[0] != login):
        return ""
    return found[2] or ""


def parse_mail(raw: object, fail: Fail) -> MailChannel:
    """``[mail]`` → a :class:`MailChannel`; ``fail`` names the line of a bad key."""
    if not isinstance(raw, dict):
        raise fail(t("config.mail.not_table"), None)
    for key, value in raw.items():
        if key not in MAIL_KEYS:
            raise fail(
                t("config.unknown_key", section="[mail]", key=key, known=", ".join(MAIL_KEYS)), key
            )
        if not isinstance(value, str):
            raise fail(t("config.key_not_string", section="[mail]", key=key), key)
    if "url" not in raw:
        raise fail(t("config.mail.needs_url"), None)
    parts = urlsplit(raw["url"].strip())
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise fail(t("config.mail.bad_url"), "url")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
    except ValueError:
        raise fail(t("config.mail.bad_port"), "url") from None
    if parts.path not in ("", "/") or parts.query:
        raise fail(t("config.mail.server_only"), "url")
    sender = raw.get("from", "").strip()
    if not sender or _mailbox(sender) is None:
        raise fail(
            t("config.mail.needs_from"),
            "from" if sender else None,
        )
    username = unquote(parts.username or "")
    password, source = unquote(parts.password or ""), "url"
    if not password:
        password, source = os.environ.get("COLLAB_SMTP_PASSWORD", ""), "env"
    if not password and username:
        password, source = _netrc(parts.hostname, username), "netrc"
    ca_file = raw.get("ca_file", "").strip()
    if ca_file and not Path(ca_file).expanduser().is_file():
        raise fail(t("config.mail.ca_file", path=ca_file), "ca_file")
    return MailChannel(
        scheme=parts.scheme,
        host=parts.hostname,
        port=port,
        username=username,
        sender=sender,
        ca_file=str(Path(ca_file).expanduser()) if ca_file else "",
        password=password,
        password_source=source if password else "",
    )


def _mailbox(text: str):
    """The one address in a From value, or ``None``."""
    from email.errors import HeaderParseError
    from email.headerregistry import HeaderRegistry

    try:
        header = HeaderRegistry()("From", text)
    except (HeaderParseError, IndexError, ValueError):
        return None
    if header.defects or len(header.addresses) != 1:
        return None
    address = header.addresses[0]
    if "@" not in address.addr_spec or not address.addr_spec.isascii():
        return None
    return address


def sender_address(channel: MailChannel):
    """The ``email.headerregistry.Address`` mail is sent from."""
    return _mailbox(channel.sender)


def parse_chat(name: str, raw: object, fail: Fail) -> ChatChannel:
    """``[chat.NAME]`` → a :class:`ChatChannel`; ``fail`` names the line of a bad key."""
    if not _NAME.match(name):
        raise fail(t("config.chat.bad_name", name=name), None)
    if not isinstance(raw, dict):
        raise fail(t("config.chat.not_table", name=name), None)
    for key, value in raw.items():
        if key not in CHAT_KEYS:
            known = ", ".join(CHAT_KEYS)
            raise fail(t("config.unknown_key", section=f"[chat.{name}]", key=key, known=known), key)
        if key == "projects":
            if not isinstance(value, list) or not all(
                isinstance(p, str) and p.strip() for p in value
            ):
                raise fail(t("config.chat.projects", name=name), key)
        elif not isinstance(value, str):
            raise fail(t("config.key_not_string", section=f"[chat.{name}]", key=key), key)
    kind = raw.get("kind", "").strip().lower()
    if kind not in CHAT_KINDS:
        raise fail(
            t("config.chat.kind", name=name, kinds=", ".join(CHAT_KINDS)),
            "kind" if "kind" in raw else None,
        )
    fmt = raw.get("format", "post").strip().lower()
    if "format" in raw and kind != "feishu":
        raise fail(t("config.chat.format_feishu", name=name), "format")
    if fmt not in FEISHU_FORMATS:
        raise fail(
            t("config.chat.format", name=name, formats=t("config.or").join(FEISHU_FORMATS)),
            "format",
        )
    url = raw.get("url", "").strip()
    parts = urlsplit(url)
    if not url:
        raise fail(t("config.chat.needs_url", name=name), None)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise fail(t("config.chat.bad_url", name=name), "url")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise fail(t("config.chat.https", name=name), "url")
    if kind == "wecom" and not dict(parse_qsl(parts.query)).get("key"):
        raise fail(t("config.chat.wecom_key", name=name), "url")
    if kind == "dingtalk" and not dict(parse_qsl(parts.query)).get("access_token"):
        raise fail(t("config.chat.dingtalk_token", name=name), "url")
    secret, source = raw.get("secret", "").strip(), "config"
    if not secret:
        secret, source = os.environ.get(env_name(name), "").strip(), "env"
    if not secret:
        secret, source = _netrc(f"collab-chat-{name}"), "netrc"
    return ChatChannel(
        name=name,
        kind=kind,
        url=url,
        secret=secret,
        secret_source=source if secret else "",
        projects=tuple(p.strip() for p in raw.get("projects", ())),
        format=fmt,
    )


def section_line(text: str, header: str, key: str | None = None) -> int:
    """The 1-based line of ``[header]`` (or of ``key`` inside it) in the TOML ``text``.

    ``header`` is ``mail`` or ``chat.q4``; quotes and spaces in the file's header
    (``[chat."q4"]``) do not matter. 1 when it cannot be found.
    """
    want = header.replace('"', "").replace(" ", "")
    start = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            name = stripped.split("#", 1)[0].strip().strip("[]").replace('"', "").replace(" ", "")
            if start is not None:
                break
            if name == want:
                start = number
                if key is None:
                    return number
            continue
        if start is not None and stripped.split("=", 1)[0].strip().strip('"') == key:
            return number
    return start or 1


__all__ = [
    "CHAT_KINDS",
    "ChatChannel",
    "MailChannel",
    "env_name",
    "mask_endpoint",
    "parse_chat",
    "parse_mail",
    "section_line",
    "sender_address",
]
