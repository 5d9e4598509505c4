"""Mail addresses built from their parts, never parsed back out of user text.

A person's name is data: ``王芳 =?utf-8?q?=3Cevil=40evil=2Eexample=3E?=`` is a name,
not an instruction to mail someone else. Python's ``email`` package re-parses the
text of every address header it is given (an ``Address`` object included) and
decodes encoded words it finds there, so a name holding one would reach the wire as
another recipient. Here the header text is made by us: a name of plain ASCII words is
written as it is, any other name as RFC 2047 encoded words (UTF-8, base64) that
decode to exactly that name, the address as ``<addr-spec>``. Messages keep the text
as it is (:func:`set_address_header`), so nothing parses it before a mail client.

Pure: the SMTP sending code uses :func:`mailbox` and :func:`is_addr_spec` too.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from email.message import EmailMessage

#: Characters of an RFC 5322 atom that no mail parser reads as anything else
#: (``=`` and ``?`` left out: they start an encoded word).
_ATOM = r"[A-Za-z0-9!#$%&'*+/^_`{|}~-]+"
_PLAIN_NAME = re.compile(rf"{_ATOM}(?: {_ATOM})*")
#: A dot-atom ``local@domain``, ASCII, no quoting, no encoded word, no comment.
_ADDR_SPEC = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
)
#: UTF-8 bytes per encoded word: ``=?utf-8?b?`` + 60 base64 characters + ``?=`` is 72 (≤ 75).
_WORD_BYTES = 45
#: The longest header line we write (RFC 5322 recommends 78 characters).
LINE = 78


def is_addr_spec(addr: str) -> bool:
    """True when ``addr`` is a plain ``local@domain`` every SMTP server takes as is."""
    return len(addr) <= 254 and "=?" not in addr and _ADDR_SPEC.fullmatch(addr) is not None


def display_name(name: str) -> str:
    """``name`` as one line of printable text (every line break a ``str.splitlines``
    knows, controls and separators become spaces): fit for any header."""
    text = "".join(c if c.isprintable() else " " for c in name)
    return " ".join(text.split())


def _encoded_words(name: str) -> list[str]:
    """``name`` as RFC 2047 encoded words, each whole characters, each ≤ 75 characters."""
    words, chunk = [], b""
    for char in name:
        raw = char.encode("utf-8")
        if len(chunk) + len(raw) > _WORD_BYTES:
            words.append(chunk)
            chunk = b""
        chunk += raw
    if chunk:
        words.append(chunk)
    return [f"=?utf-8?b?{base64.b64encode(w).decode('ascii')}?=" for w in words]


def mailbox(name: str, addr: str) -> str | None:
    """``name <addr>`` as header text, ``None`` when ``addr`` is not a usable address.

    The name is plain ASCII words as they are, else encoded words: never a quoted
    string or anything a parser could split, decode or take for an address. (A name
    longer than one encoded word takes several; mail clients join them, Python's
    parser shows a space between them.)
    """
    addr = addr.strip()
    if not is_addr_spec(addr):
        return None
    name = display_name(name)
    if not name:
        return f"<{addr}>"
    if _PLAIN_NAME.fullmatch(name) and max(map(len, name.split(" "))) <= _WORD_BYTES:
        return f"{name} <{addr}>"
    return " ".join([*_encoded_words(name), f"<{addr}>"])


def address_list(mailboxes: Iterable[str], header: str) -> str:
    """``mailboxes`` (from :func:`mailbox`) as the value of ``header``, folded at
    spaces into lines of at most :data:`LINE` characters (``\\n`` + space between)."""
    tokens: list[str] = []
    boxes = list(mailboxes)
    for i, box in enumerate(boxes):
        parts = box.split(" ")
        if i < len(boxes) - 1:
            parts[-1] += ","
        tokens += parts
    out, width = "", len(header) + 2  # "To: "
    for token in tokens:
        if not out:
            out, width = token, width + len(token)
        elif width + 1 + len(token) > LINE:
            out, width = f"{out}\n {token}", 1 + len(token)
        else:
            out, width = f"{out} {token}", width + 1 + len(token)
    return out


def recipients(people: Iterable[tuple[str, str] | None]) -> list[tuple[str, str]]:
    """``(name, addr)`` pairs with a usable address, each address once (case-blind), in
    order; ``None`` entries (people without an address) skipped."""
    seen: set[str] = set()
    out = []
    for pair in people:
        if pair is None:
            continue
        name, addr = pair
        addr = (addr or "").strip()
        if is_addr_spec(addr) and addr.lower() not in seen:
            seen.add(addr.lower())
            out.append((name, addr))
    return out


def set_address_header(
    msg: EmailMessage, header: str, people: Iterable[tuple[str, str] | None]
) -> int:
    """Set ``header`` (To, Cc, From, …) of ``msg`` to ``people``'s mailboxes, as we wrote
    them: the message must use a policy with ``refold_source="none"`` (see
    :data:`MAIL_POLICY`). Returns how many mailboxes it holds (no header when none)."""
    boxes = [b for name, addr in recipients(people) if (b := mailbox(name, addr))]
    if boxes:
        msg.set_raw(header, address_list(boxes, header))
    return len(boxes)


def _mail_policy():
    from email.policy import SMTP

    return SMTP.clone(refold_source="none")


#: SMTP's policy (CRLF, 78-character lines) that keeps header text set with
#: :func:`set_address_header` as it is instead of parsing and refolding it.
MAIL_POLICY = _mail_policy()

__all__ = [
    "LINE",
    "MAIL_POLICY",
    "address_list",
    "display_name",
    "is_addr_spec",
    "mailbox",
    "recipients",
    "set_address_header",
]
