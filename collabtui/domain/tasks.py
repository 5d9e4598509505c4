"""The rules every stored task keeps, and the next code in a project's series (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from collabtui.domain.errors import ValidationError


def check_task(task: Any) -> None:
    """The rules every stored task keeps; raises :class:`ValidationError`."""
    if not (task.title or "").strip():
        raise ValidationError.of("err.required", "title")
    if not (task.code or "").strip():
        raise ValidationError.of("err.required", "code")
    if task.owner_id is None:
        raise ValidationError.of("task.err.one_owner", "owner_id")
    if task.start_on and task.due_on and task.due_on < task.start_on:
        raise ValidationError.of("task.err.due_before_start", "due_on")
    if not 0 <= (task.progress or 0) <= 100:
        raise ValidationError.of("task.err.progress", "progress")


_CODE = re.compile(r"^(.*?)(\d+)$")


def next_task_code(codes: Iterable[str]) -> str:
    """The next code in a project's series (``T-09`` after ``T-08``; ``A-01`` first)."""
    codes = list(codes)
    best: tuple[str, int, int] | None = None
    for code in codes:
        m = _CODE.match(code)
        if m and (best is None or int(m[2]) > best[1]):
            best = (m[1], int(m[2]), len(m[2]))
    if best is None:
        return "A-01"
    prefix, number, width = best
    taken = set(codes)
    candidate = f"{prefix}{number + 1:0{width}d}"
    while candidate in taken:
        number += 1
        candidate = f"{prefix}{number + 1:0{width}d}"
    return candidate
