"""A store holding only Chinese data: the demo without its English project.

The demo has an English project (CX-FIX) with English departments and people; a
walk that looks for English on the screens of a Chinese user needs data where any
Latin word is a code (``Q4-LAUNCH``, ``T-04``), a product name the data itself holds
(``X3``, ``KOL``) or a key name.
"""

from __future__ import annotations

import json
import re

import pytest

from collabtui import paths

#: A Chinese character.
CJK = re.compile(r"[\u3400-\u9fff]")
#: A Latin word (a run of letters and digits starting with a letter).
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")

#: The demo's English project and the departments only it uses.
ENGLISH_PROJECT = "CX-FIX"


def chinese_dataset() -> dict:
    """The demo dataset with its English project, departments and people left out."""
    data = json.loads((paths.bundled_data_dir() / "demo.json").read_text(encoding="utf-8"))
    english = {d["key"] for d in data["departments"] if not CJK.search(d["name"])}
    data["departments"] = [d for d in data["departments"] if d["key"] not in english]
    data["people"] = [p for p in data["people"] if p.get("department") not in english]
    data["projects"] = [p for p in data["projects"] if p["code"] != ENGLISH_PROJECT]
    data["practices"] = [p for p in data["practices"] if p.get("source_project") != ENGLISH_PROJECT]
    data["description"] = "只有中文数据的示例"
    return data


def data_words(data: object, key: str = "") -> set[str]:
    """Every Latin word the dataset's Chinese text and codes hold: ``X3``, ``KOL``.

    Only text with a Chinese character in it, and codes, count: an enum value
    (``blocked``) or a reference key (``p_wangfang``) is never shown as it is.
    """
    found: set[str] = set()
    if isinstance(data, dict):
        for name, value in data.items():
            found |= data_words(value, name)
    elif isinstance(data, list):
        for value in data:
            found |= data_words(value, key)
    elif isinstance(data, str) and (CJK.search(data) or key == "code"):
        found |= set(LATIN_WORD.findall(data))
    return found


@pytest.fixture
def zh_store(store, clock):
    """A store holding only Chinese data (:func:`chinese_dataset`), dated from the clock."""
    store.load_dataset(chinese_dataset(), clock=clock)
    return store
