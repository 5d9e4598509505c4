"""Keys are remapped by binding id: every binding has one, and [keys] names real ones."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from collabtui.config import ConfigError, load
from collabtui.keys import all_bindings, binding_ids, check_keymap


def test_every_binding_of_every_screen_dialog_and_widget_has_an_id():
    found = list(all_bindings())
    classes = {cls.__name__ for cls, _ in found}
    assert {"BoardScreen", "DashboardScreen", "HelpScreen", "CollabApp", "TaskTable"} <= classes
    missing = [f"{cls.__name__}: {b.key} → {b.action}" for cls, b in found if not b.id]
    assert missing == []


def test_no_class_gives_one_id_to_two_bindings():
    by_class: dict[type, Counter] = {}
    for cls, binding in all_bindings():
        by_class.setdefault(cls, Counter())[binding.id] += 1
    twice = {cls.__name__: [i for i, n in c.items() if n > 1] for cls, c in by_class.items()}
    assert {name: ids for name, ids in twice.items() if ids} == {}


def _config(tmp_path, body: str):
    path = tmp_path / "config.toml"
    path.write_text(body, encoding="utf-8")
    return load(path)


def test_an_unknown_id_names_its_line_and_the_closest_real_one(tmp_path):
    config = _config(tmp_path, 'lang = "en"\n\n[keys]\ndirectory = "g"\nnew-tsak = "a"\n')
    with pytest.raises(ConfigError) as caught:
        check_keymap(config)
    assert str(caught.value) == (
        f"{tmp_path / 'config.toml'}: line 5: [keys]: “new-tsak” is not a binding id; "
        "did you mean “new-task”? (`?` in the app shows each key's id)"
    )


def test_known_ids_pass_and_the_config_errors_example_is_real(tmp_path):
    check_keymap(_config(tmp_path, '[keys]\ndirectory = "g"\nboard-filter = "f"\n'))
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, "[keys]\ndirectory = 1\n")
    example = str(caught.value).split("e.g. ")[1].split(" =")[0]
    assert example in binding_ids()


def test_the_app_refuses_to_start_with_an_unknown_id(tmp_path):
    (tmp_path / "config.toml").write_text('[keys]\nhlep = "h"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "collabtui", "--db", str(tmp_path / "s.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"COLLAB_CONFIG": str(tmp_path / "config.toml"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"collab: error: {tmp_path / 'config.toml'}: line 2: ")
    assert "“hlep”" in result.stderr and "“help”" in result.stderr
