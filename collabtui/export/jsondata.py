"""JSON building blocks every export shares: plain values and one way of dumping them.

Every JSON export is a mapping whose first member is ``format`` (``collab-<kind>/<n>``),
written in a fixed key order (never sorted: the order is the document's), indented by
two, UTF-8 text kept as it is (``ensure_ascii=False``), ending with one newline.
"""

from __future__ import annotations

import json
from datetime import date, datetime

__all__ = ["dump", "plain"]


def plain(value: object) -> object:
    """A JSON-ready copy: tuples become lists, dates and times ISO 8601 strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def dump(data: dict) -> str:
    """``data`` (made :func:`plain`) as the text of a JSON export."""
    return json.dumps(plain(data), ensure_ascii=False, indent=2) + "\n"
