"""Group-chat robots: DingTalk, Feishu/Lark and WeCom custom robots (webhooks).

Each platform's documented contract, with our own signing (stdlib ``hmac``) and
``urllib`` (no client library: three small JSON posts do not need one):

* **DingTalk** — ``msgtype: markdown`` (no tables), mentions in ``at.atUserIds`` /
  ``at.atMobiles`` and as ``@handle`` in the text; with a secret, ``timestamp``
  (ms) and ``sign`` = URL-encoded base64(HMAC-SHA256(key=secret,
  msg="{timestamp}\\n{secret}")) in the query. 20 messages a minute per robot;
  ``errcode`` 0 ok, 310000 signature/keyword/IP refused, 130101 rate limited.
* **Feishu** — ``msg_type: post`` (rich text), mentions as ``at`` elements, or with
  ``format = "card"`` the ``interactive`` card: ``card.header`` (a ``plain_text``
  title and a ``template`` colour, e.g. the risk's level), ``card.elements`` (a ``div``
  of ``lark_md``; specials as HTML entities, so user text neither formats nor @-s);
  with a
  secret, ``timestamp`` (s) and ``sign`` = base64(HMAC-SHA256(key="{timestamp}\\n{secret}",
  msg="")) in the body; body at most 20 KB; ``code`` 0 ok, 19021 bad signature,
  11232 rate limited, 9499 bad request.
* **WeCom** — the key in the URL, ``msgtype: markdown``, ``content`` at most 4096
  bytes, mentions as ``<@userid>``; ``errcode`` 0 ok, 45009 rate limited.

Content longer than a platform takes is summarised: whole lines from the top, then
a line saying how many were left out and where the full text is (never cut mid-line).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from dataclasses import dataclass, replace
from urllib.parse import quote_plus

from collabtui.domain.outbox import said

#: Bytes of message text each platform takes (below the documented limits, for the envelope).
TEXT_LIMIT = {"dingtalk": 18000, "feishu": 18000, "wecom": 4096}

#: Messages a robot takes per minute; collab waits rather than be refused.
PER_MINUTE = {"dingtalk": 20, "feishu": 100, "wecom": 20}

#: Answer codes that mean "too fast, try later".
RATE_LIMITED = {"dingtalk": {130101}, "feishu": {11232}, "wecom": {45009}}

#: Answer codes that mean "busy, try later".
BUSY = {"dingtalk": {-1}, "feishu": set(), "wecom": {-1}}


@dataclass(frozen=True)
class ChatMessage:
    """What to post: a title, Markdown lines (no tables), who to @-mention."""

    title: str
    lines: tuple[str, ...]
    mentions: tuple[str, ...] = ()
    #: The last line when the text must be summarised: where the whole of it is.
    pointer: str = ""
    #: ``{n}`` is the number of lines left out.
    more: str = "… {n}"
    #: The first line repeats the title (a card shows the title in its header instead).
    title_line: bool = False
    #: A card header's colour (Feishu's ``template``: blue, green, yellow, orange, red, …).
    tone: str = ""


@dataclass(frozen=True)
class Outcome:
    """What a server answered: ``sent``, ``retry`` (passing) or ``failed`` (for good)."""

    status: str
    answer: str
    rate_limited: bool = False


def fit(message: ChatMessage, limit: int, reserve: int = 0) -> str:
    """The message's text within ``limit`` UTF-8 bytes, summarised when it is longer.

    Summarised: whole lines from the top, then "… N more" and the pointer to the
    full text (never a line cut in the middle).
    """
    text = "\n".join(message.lines)
    if len(text.encode()) + reserve <= limit:
        return text

    def closing(n: int) -> str:
        return "\n".join(x for x in (message.more.format(n=n), message.pointer) if x)

    widest = len(closing(len(message.lines)).encode())
    kept: list[str] = []
    for line in message.lines:
        if len("\n".join([*kept, line]).encode()) + 1 + widest + reserve > limit:
            break
        kept.append(line)
    return "\n".join([*kept, closing(len(message.lines) - len(kept))])


def _plain(line: str) -> str:
    """A Markdown line as plain text for Feishu's ``text`` elements (bold marks dropped)."""
    return line.replace("**", "")


#: Feishu's card header colours (``template``).
CARD_TEMPLATES = (
    "blue", "wathet", "turquoise", "green", "yellow", "orange",
    "red", "carmine", "violet", "purple", "indigo", "grey",
)  # fmt: skip

#: A backslash-escaped ASCII special (from :func:`~collabtui.export.markdown.inline`), or
#: an HTML special.
_SPECIAL = re.compile(r"\\([!-/:-@\[-`{-~])|[&<>]")


def _lark_md(line: str) -> str:
    """A Markdown line of ours as Feishu ``lark_md``: a heading as bold, every escaped or
    HTML special as an entity (so ``<at id=all>`` in user text is text, not a mention)."""
    line = re.sub(r"^#{1,6} +(.*)$", r"**\1**", line)
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(1) or m.group(0))};", line)


def card(message: ChatMessage) -> dict:
    """Feishu's ``interactive`` card for ``message``: header (title, colour), elements."""
    lines = message.lines[1:] if message.title_line else message.lines
    while lines and not lines[0].strip():
        lines = lines[1:]
    body = replace(message, lines=tuple(_lark_md(x) for x in lines))
    elements: list[dict] = [
        {"tag": "div", "text": {"tag": "lark_md", "content": fit(body, TEXT_LIMIT["feishu"])}}
    ]
    mentions = " ".join(f"<at id={h}></at>" for h in message.mentions if h)
    if mentions:
        elements.append({"tag": "div", "text": {"tag": "lark_md", "content": mentions}})
    tone = message.tone if message.tone in CARD_TEMPLATES else "blue"
    return {
        "msg_type": "interactive",
        "card": {
            "config": {"wide_screen_mode": True},
            "header": {"template": tone, "title": {"tag": "plain_text", "content": message.title}},
            "elements": elements,
        },
    }


def payload(platform: str, message: ChatMessage, lang: str = "zh-CN", fmt: str = "post") -> dict:
    """The JSON body a robot takes for ``message`` (unsigned); ``fmt`` ``card`` makes a
    Feishu message an interactive card (the other platforms have one format)."""
    limit = TEXT_LIMIT[platform]
    if platform == "feishu" and fmt == "card":
        return card(message)
    if platform == "dingtalk":
        mentions = [h for h in message.mentions if h]
        tail = " ".join(f"@{h}" for h in mentions)
        text = fit(message, limit, len(tail.encode()) + 2)
        if tail:
            text = f"{text}\n\n{tail}"
        return {
            "msgtype": "markdown",
            "markdown": {"title": message.title, "text": text},
            "at": {
                "atMobiles": [h for h in mentions if h.lstrip("+").isdigit()],
                "atUserIds": [h for h in mentions if not h.lstrip("+").isdigit()],
                "isAtAll": False,
            },
        }
    if platform == "feishu":
        text = fit(message, limit)
        content = [[{"tag": "text", "text": _plain(line)}] for line in text.split("\n")]
        if message.mentions:
            content.append([{"tag": "at", "user_id": h} for h in message.mentions if h])
        key = "zh_cn" if lang.lower().startswith("zh") else "en_us"
        return {
            "msg_type": "post",
            "content": {"post": {key: {"title": message.title, "content": content}}},
        }
    if platform == "wecom":
        tail = " ".join(f"<@{h}>" for h in message.mentions if h)
        text = fit(message, limit, len(tail.encode()) + 2)
        return {
            "msgtype": "markdown",
            "markdown": {"content": f"{text}\n\n{tail}" if tail else text},
        }
    raise ValueError(f"unknown chat platform {platform!r}")


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's ``sign``: base64(HMAC-SHA256(key=secret, msg="{ts}\\n{secret}")), URL-encoded."""
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return quote_plus(base64.b64encode(digest).decode())


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """Feishu's ``sign``: base64(HMAC-SHA256(key="{ts}\\n{secret}", msg=b""))."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signed(platform: str, url: str, body: dict, secret: str, now: float | None = None):
    """``(url, body)`` with the platform's signature for this moment (none without a secret)."""
    now = time.time() if now is None else now
    if not secret:
        return url, body
    if platform == "dingtalk":
        ts = int(now * 1000)
        sep = "&" if "?" in url else "?"
        return f"{url}{sep}timestamp={ts}&sign={dingtalk_sign(secret, ts)}", body
    if platform == "feishu":
        ts = int(now)
        return url, {"timestamp": str(ts), "sign": feishu_sign(secret, ts), **body}
    return url, body


def post(platform: str, url: str, secret: str, body: dict, *, timeout: float = 15) -> Outcome:
    """Post ``body`` to the robot at ``url``, signed; the server's answer as an :class:`Outcome`.

    The answer never holds the URL (it carries the robot's token).
    """
    from urllib.error import HTTPError
    from urllib.request import Request, urlopen

    target, data = signed(platform, url, body, secret)
    request = Request(
        target,
        data=json.dumps(data, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read(65536)
    except HTTPError as exc:
        status, raw = exc.code, exc.read(65536) if exc.fp else b""
    except OSError as exc:  # URLError, timeouts, refused connections
        reason = getattr(exc, "reason", exc)
        return Outcome("retry", said("answer.network", reason))
    return classify(platform, status, raw)


def classify(platform: str, status: int, raw: bytes) -> Outcome:
    """The :class:`Outcome` of an HTTP answer, from each platform's documented codes."""
    text = raw.decode("utf-8", "replace").strip()
    try:
        answer = json.loads(text) if text else {}
    except ValueError:
        answer = None
    if status == 429:
        return Outcome("retry", f"HTTP 429 {text[:200]}", rate_limited=True)
    if status >= 500:
        return Outcome("retry", f"HTTP {status} {text[:200]}")
    if not isinstance(answer, dict):
        return Outcome("failed", f"HTTP {status} {text[:200]}")
    if platform == "feishu":
        code = answer.get("code", answer.get("StatusCode"))
        msg = answer.get("msg", answer.get("StatusMessage", ""))
    else:
        code, msg = answer.get("errcode"), answer.get("errmsg", "")
    summary = f"{code} {msg}".strip()
    if status == 200 and code == 0:
        return Outcome("sent", summary)
    if code in RATE_LIMITED[platform]:
        return Outcome("retry", summary, rate_limited=True)
    if code in BUSY[platform]:
        return Outcome("retry", summary)
    return Outcome("failed", summary or f"HTTP {status}")


__all__ = [
    "PER_MINUTE",
    "TEXT_LIMIT",
    "ChatMessage",
    "Outcome",
    "card",
    "classify",
    "dingtalk_sign",
    "feishu_sign",
    "fit",
    "payload",
    "post",
    "signed",
]
