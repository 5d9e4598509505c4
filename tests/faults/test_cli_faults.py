"""The CLI on a full, read-only or locked store: one translated line, exit 2, nothing lost."""

from __future__ import annotations

import sys

import pytest

from collabtui import i18n
from collabtui.cli import main
from collabtui.i18n import t
from collabtui.store import engine as engine_mod

from .inject import FAULTS, SHORT_BUSY_MS, Target
from .test_store_faults import REASON


def _collab(argv, monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["collab", *argv])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("fault", "lang"), [("disk_full", "zh-CN"), ("read_only", "en"), ("locked", "zh-CN")]
)
def test_demo_on_a_broken_store_is_one_line_exit_2(sqlite_store, fault, lang, monkeypatch, capsys):
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", SHORT_BUSY_MS)  # the lock: quick
    store = sqlite_store
    store.close()
    target = Target(store.path)
    with FAULTS[fault](target):
        code, out, err = _collab(["--lang", lang, "--db", store.url, "demo"], monkeypatch, capsys)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    i18n.set_language(lang)
    assert lines[0].startswith(t("cli.error_line", reason=""))
    assert t(REASON[fault]) in lines[0]
    assert store.is_empty()  # the demo went in whole or not at all
    code, out, err = _collab(["--db", store.url, "demo"], monkeypatch, capsys)
    assert code == 0, err
    assert store.projects()
