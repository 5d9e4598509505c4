"""Real protocol peers on loopback for the sending tests: an SMTP server and robot webhooks.

* :class:`MailServer` — aiosmtpd with STARTTLS on a certificate made by ``trustme``
  for 127.0.0.1, AUTH LOGIN/PLAIN (only after STARTTLS), one account.
* :class:`Robot` — an ``http.server`` in a thread that keeps a platform's contract:
  DingTalk's ``timestamp``/``sign`` query, Feishu's signed body, WeCom's ``key``;
  it checks the signature, the size and Feishu's body (a ``post``, or an ``interactive``
  card's header and elements: :func:`card_ok`), and answers with the platform's own
  error bodies (bad signature, rate limited, too long, bad request). ``script`` makes
  it fail first.

Nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

#: The platforms' documented answers.
OK = {
    "dingtalk": {"errcode": 0, "errmsg": "ok"},
    "feishu": {"code": 0, "data": {}, "msg": "success"},
    "wecom": {"errcode": 0, "errmsg": "ok"},
}
BAD_SIGN = {
    "dingtalk": {"errcode": 310000, "errmsg": "sign not match"},
    "feishu": {
        "code": 19021,
        "data": {},
        "msg": "sign match fail or timestamp is not within one hour from current time",
    },
    "wecom": {"errcode": 93000, "errmsg": "invalid webhook url"},
}
RATE_LIMITED = {
    "dingtalk": {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"},
    "feishu": {"code": 11232, "data": {}, "msg": "frequency limited psm"},
    "wecom": {"errcode": 45009, "errmsg": "api freq out of limit"},
}
TOO_LONG = {
    "dingtalk": {"errcode": 460101, "errmsg": "message too long"},
    "feishu": {"code": 9499, "data": {}, "msg": "Bad Request"},
    "wecom": {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"},
}


#: Feishu's answer to a body it cannot read (a bad card, an unknown msg_type).
BAD_REQUEST = {"feishu": {"code": 9499, "data": {}, "msg": "Bad Request"}}

#: Feishu's card header colours (``card.header.template``) and the legacy card's element tags.
CARD_TEMPLATES = {
    "blue", "wathet", "turquoise", "green", "yellow", "orange",
    "red", "carmine", "violet", "purple", "indigo", "grey",
}  # fmt: skip
CARD_TAGS = {"div", "markdown", "hr", "img", "note", "action", "column_set"}


def card_ok(card: object) -> bool:
    """Feishu's documented shape of an ``interactive`` message's ``card``: a header with a
    ``plain_text`` title (and a known ``template``), and ``elements``, each with a ``tag``; a
    ``div``'s ``text`` is ``plain_text`` or ``lark_md`` content."""
    if not isinstance(card, dict) or not isinstance(card.get("header"), dict):
        return False
    title = card["header"].get("title")
    if not isinstance(title, dict) or title.get("tag") != "plain_text":
        return False
    if not isinstance(title.get("content"), str) or not title["content"].strip():
        return False
    if card["header"].get("template", "blue") not in CARD_TEMPLATES:
        return False
    elements = card.get("elements")
    if not isinstance(elements, list) or not elements:
        return False
    for element in elements:
        if not isinstance(element, dict) or element.get("tag") not in CARD_TAGS:
            return False
        if element["tag"] == "div":
            text = element.get("text")
            if not isinstance(text, dict) or text.get("tag") not in ("plain_text", "lark_md"):
                return False
            if not isinstance(text.get("content"), str):
                return False
    return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MailServer:
    """An SMTP submission server with STARTTLS and one account; keeps every message."""

    def __init__(
        self, tmp: Path, login: str = "lina", password: str = "s3cret 密码", *, start: bool = True
    ):
        import trustme
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        self.ca = trustme.CA()
        cert = self.ca.issue_cert("127.0.0.1")
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(server_ctx)
        self.ca_file = tmp / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        self.received: list = []
        self.logins: list[str] = []
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                outer.received.append(envelope)
                return f"250 2.0.0 Ok: queued as {len(outer.received)}"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and (
                auth_data.login.decode() == login and auth_data.password.decode() == password
            )
            outer.logins.append(auth_data.login.decode() if ok else "refused")
            return AuthResult(success=ok, handled=False)

        self.port = free_port()
        self.controller = Controller(
            Handler(),
            hostname="127.0.0.1",
            port=self.port,
            tls_context=server_ctx,
            require_starttls=True,
            authenticator=authenticator,
            auth_require_tls=True,
        )
        if start:
            self.controller.start()

    def client_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context()
        self.ca.configure_trust(ctx)
        return ctx

    def stop(self) -> None:
        self.controller.stop()


class Robot:
    """A group-chat robot's webhook: checks the contract, answers like the platform."""

    def __init__(self, kind: str, secret: str = "", token: str = "tok-123"):
        self.kind, self.secret, self.token = kind, secret, token
        self.received: list[dict] = []  # the bodies it accepted (each delivery once)
        self.requests = 0
        #: Answers to give first, before answering normally: "rate", "busy" (HTTP 503).
        self.script: list[str] = []
        self.port = free_port()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                status, answer = outer.answer(self.path, raw)
                data = json.dumps(answer).encode() if answer is not None else b"busy"
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        path = {
            "dingtalk": f"/robot/send?access_token={self.token}",
            "feishu": f"/open-apis/bot/v2/hook/{self.token}",
            "wecom": f"/cgi-bin/webhook/send?key={self.token}",
        }[self.kind]
        return f"http://127.0.0.1:{self.port}{path}"

    def answer(self, path: str, raw: bytes):
        self.requests += 1
        if self.script:
            step = self.script.pop(0)
            if step == "busy":
                return 503, None
            if step == "rate":
                return 200, RATE_LIMITED[self.kind]
        parts = urlsplit(path)
        query = parse_qs(parts.query)
        body = json.loads(raw)
        if self.kind == "dingtalk":
            if query.get("access_token") != [self.token]:
                return 200, {"errcode": 300001, "errmsg": "token is not exist"}
            if self.secret and not self._dingtalk_ok(query):
                return 200, BAD_SIGN["dingtalk"]
            if len(body["markdown"]["text"].encode()) > 20000:
                return 200, TOO_LONG["dingtalk"]
        elif self.kind == "feishu":
            if not parts.path.endswith(self.token):
                return 200, {
                    "code": 19001,
                    "msg": "param invalid: incoming webhook access token invalid",
                }
            if self.secret and not self._feishu_ok(body):
                return 200, BAD_SIGN["feishu"]
            if len(raw) > 20 * 1024:
                return 200, TOO_LONG["feishu"]
            kind = body.get("msg_type")
            if kind == "interactive" and not card_ok(body.get("card")):
                return 200, BAD_REQUEST["feishu"]
            if kind == "post" and not isinstance(body.get("content", {}).get("post"), dict):
                return 200, BAD_REQUEST["feishu"]
            if kind not in ("text", "post", "interactive", "image", "share_chat"):
                return 200, BAD_REQUEST["feishu"]
        else:
            if query.get("key") != [self.token]:
                return 200, BAD_SIGN["wecom"]
            if len(body["markdown"]["content"].encode()) > 4096:
                return 200, TOO_LONG["wecom"]
        self.received.append(body)
        return 200, OK[self.kind]

    def _dingtalk_ok(self, query) -> bool:
        ts = query.get("timestamp", [""])[0]
        sign = query.get("sign", [""])[0]
        if not ts.isdigit() or abs(time.time() * 1000 - int(ts)) > 3600_000:
            return False
        want = hmac.new(self.secret.encode(), f"{ts}\n{self.secret}".encode(), hashlib.sha256)
        # parse_qs undid the URL encoding: a sign sent without it ("+" read as " ") fails.
        return hmac.compare_digest(sign, base64.b64encode(want.digest()).decode())

    def _feishu_ok(self, body: dict) -> bool:
        ts = str(body.get("timestamp", ""))
        if not ts.isdigit() or abs(time.time() - int(ts)) > 3600:
            return False
        want = hmac.new(f"{ts}\n{self.secret}".encode(), b"", hashlib.sha256).digest()
        return hmac.compare_digest(str(body.get("sign", "")), base64.b64encode(want).decode())

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
