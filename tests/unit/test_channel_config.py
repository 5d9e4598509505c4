"""The config file's channels: checked with the line named, secrets never shown."""

from __future__ import annotations

import sys

import pytest

from collabtui.channel_config import mask_endpoint
from collabtui.cli import main
from collabtui.config import ConfigError, load

GOOD = """user = "李娜"
[mail]
url = "smtp://lina@mail.example.com:587"
from = "李娜 <lina@example.com>"
[chat.q4]
kind = "dingtalk"
url = "https://oapi.dingtalk.com/robot/send?access_token=tok-SECRET"
secret = "SECsigning"
projects = ["Q4-LAUNCH"]
[chat.ops]
kind = "feishu"
url = "https://open.feishu.cn/open-apis/bot/v2/hook/hook-SECRET"
"""


def test_channels_are_read(tmp_path, monkeypatch):
    monkeypatch.setenv("COLLAB_SMTP_PASSWORD", "pw-SECRET")
    monkeypatch.setenv("COLLAB_CHAT_OPS_SECRET", "env-SECRET")
    path = tmp_path / "config.toml"
    path.write_text(GOOD, encoding="utf-8")
    config = load(path)
    mail = config.mail
    assert (mail.scheme, mail.host, mail.port, mail.username) == (
        "smtp",
        "mail.example.com",
        587,
        "lina",
    )
    assert (mail.password, mail.password_source) == ("pw-SECRET", "env")
    assert config.chats["q4"].secret_source == "config" and config.chats["q4"].serves("q4-launch")
    assert not config.chats["q4"].serves("CX-FIX")
    assert (config.chats["ops"].secret, config.chats["ops"].secret_source) == ("env-SECRET", "env")
    assert config.chats["ops"].serves("CX-FIX")
    assert "SECRET" not in repr(config) and "SECsigning" not in repr(config)


def test_secrets_from_netrc(tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text(
        "machine mail.example.com login lina password mail-pw\n"
        "machine collab-chat-ops password chat-pw\n"
    )
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.delenv("COLLAB_SMTP_PASSWORD", raising=False)
    path = tmp_path / "config.toml"
    path.write_text(GOOD, encoding="utf-8")
    config = load(path)
    assert (config.mail.password, config.mail.password_source) == ("mail-pw", "netrc")
    assert (config.chats["ops"].secret, config.chats["ops"].secret_source) == ("chat-pw", "netrc")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[mail]\nurl = "http://x"\nfrom = "a <a@b.c>"\n', r"line 2: \[mail\]: url is"),
        ('[mail]\nurl = "smtp://h"\n', r"line 1: \[mail\] needs from"),
        ('[mail]\nurl = "smtp://h"\nfrom = "not an address"\n', r"line 3: \[mail\] needs from"),
        (
            '[mail]\nurl = "smtp://h"\nfrom = "a <a@b.c>"\nport = 1\n',
            r"line 4: .*unknown setting 'port'",
        ),
        (
            'user = "x"\n[chat.q4]\nkind = "slack"\nurl = "https://x/y"\n',
            r"line 3: \[chat.q4\]: kind is one of",
        ),
        (
            '[chat.q4]\nkind = "wecom"\nurl = "http://example.com/send?key=k"\n',
            r"line 3: .*must be https",
        ),
        (
            '[chat.q4]\nkind = "wecom"\nurl = "https://qyapi.weixin.qq.com/send"\n',
            r"line 3: .*\?key=",
        ),
        (
            '[chat.q4]\nkind = "feishu"\nurl = "https://x/hook/1"\nprojects = "Q4"\n',
            r"line 4: .*projects is a list",
        ),
        ('[chat."a b"]\nkind = "feishu"\nurl = "https://x/hook/1"\n', r"line 1: .*letters, digits"),
        (
            '[chat.q4]\nkind = "feishu"\nurl = "https://x/hook/1"\n\nformat = "cards"\n',
            r"line 5: \[chat.q4\]: format is post or card",
        ),
        (
            '[chat.q4]\nformat = "card"\nkind = "wecom"\nurl = "https://x/send?key=k"\n',
            r"line 2: \[chat.q4\]: format is a Feishu setting",
        ),
    ],
)
def test_bad_channels_name_the_line(tmp_path, text, message):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load(path)


def test_webhook_tokens_are_masked():
    assert mask_endpoint("https://oapi.dingtalk.com/robot/send?access_token=abc") == (
        "https://oapi.dingtalk.com/robot/send?access_token=***"
    )
    assert mask_endpoint("https://open.feishu.cn/open-apis/bot/v2/hook/abc-123") == (
        "https://open.feishu.cn/open-apis/bot/v2/hook/***"
    )


def test_locate_shows_channels_masked(capsys, monkeypatch, isolated):
    monkeypatch.setenv("COLLAB_SMTP_PASSWORD", "pw-SECRET")
    folder = isolated / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(
        GOOD.replace("lina@mail", "lina:url-SECRET@mail"), encoding="utf-8"
    )
    for args in (["locate"], ["locate", "--json"]):
        monkeypatch.setattr(sys, "argv", ["collab", *args])
        with pytest.raises(SystemExit) as exit_:
            main()
        out = capsys.readouterr().out
        assert exit_.value.code in (0, None)
        assert "smtp://lina:***@mail.example.com:587" in out
        assert "access_token=***" in out and "hook/***" in out
        assert "SECRET" not in out and "SECsigning" not in out


def test_a_feishu_robot_posts_rich_text_unless_told_card(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        GOOD + '[chat.cards]\nkind = "feishu"\nurl = "https://x/hook/2"\nformat = "Card"\n',
        encoding="utf-8",
    )
    chats = load(path).chats
    assert (chats["ops"].format, chats["cards"].format) == ("post", "card")
