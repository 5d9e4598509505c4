"""The alerts report as JSON (for scripts) or a short Markdown digest (for the group chat).

Pure functions of :class:`~collabtui.domain.alerts.Alert` values: no store, no terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime, tzinfo

from collabtui.domain.alerts import Alert, count_by_severity
from collabtui.export.markdown import inline
from collabtui.i18n import formats

#: How each severity is marked in the digest (chat apps show these in colour).
MARKS = {"overdue": "🔴", "warning": "🟡", "info": "⚪"}
#: The digest lists at most this many alerts per project.
PER_PROJECT = 8
#: Labels longer than this are cut in the digest.
LABEL_CHARS = 40


def due_text(value: date | datetime | None, tz: tzinfo) -> str:
    """A due date as ``2026-11-27``, a due time as ``2026-11-27 09:30`` (local), or ``""``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return formats.datetime(value, tz)
    return formats.date(value)


def alert_dict(alert: Alert, tr: Callable[..., str], tz: tzinfo) -> dict:
    """One alert as a JSON-ready object."""
    record: dict = {"type": alert.record_type, "id": alert.record_id, "label": alert.label}
    if alert.meeting_id is not None:
        record["meeting"] = alert.meeting_id
    due = alert.due
    if isinstance(due, datetime):
        due_value = due.astimezone(tz).isoformat(timespec="minutes")
    else:
        due_value = due.isoformat() if due is not None else None
    return {
        "rule": alert.rule,
        "severity": alert.severity,
        "message": alert.message(tr),
        "record": record,
        "project": (
            {"id": alert.project_id, "code": alert.project_code}
            if alert.project_id is not None
            else None
        ),
        "due": due_value,
        "overdue": alert.overdue,
    }


def render_alerts_json(alerts: Sequence[Alert], tr: Callable[..., str], tz: tzinfo) -> str:
    """A JSON array, one object per alert and per line, most severe first.

    One compact line per alert keeps thousands of alerts fast to write and easy to
    ``grep``; the whole is still one JSON document.
    """
    if not alerts:
        return "[]\n"
    items = (json.dumps(alert_dict(a, tr, tz), ensure_ascii=False) for a in alerts)
    return "[\n  " + ",\n  ".join(items) + "\n]\n"


def _cut(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= LABEL_CHARS else one_line[: LABEL_CHARS - 1] + "…"


def render_alerts_md(
    alerts: Sequence[Alert],
    tr: Callable[..., str],
    now: datetime,
    tz: tzinfo,
) -> str:
    """A short digest to paste into the team's group chat.

    A bold title with the time and the counts, then per project (most urgent first)
    its overdue items and warnings, at most :data:`PER_PROJECT` each; notes (``info``)
    are only counted.
    """
    counts = count_by_severity(alerts)
    out = [
        "**" + inline(tr("alert.digest_title", when=formats.datetime(now, tz))) + "**",
        "",
        inline(tr("alert.counts", **counts)),
    ]
    if not alerts:
        return "\n".join([*out, "", inline(tr("alert.none"))]) + "\n"
    groups: dict[str, list[Alert]] = {}
    for alert in alerts:
        if alert.severity != "info":
            groups.setdefault(alert.project_code or "—", []).append(alert)
    for code, items in groups.items():
        out += ["", f"**{inline(code)}**", ""]
        for alert in items[:PER_PROJECT]:
            kind = tr(f"alert.record.{alert.record_type}")
            line = f"{kind} {_cut(alert.label)}".strip()
            out.append(
                f"- {MARKS.get(alert.severity, '•')} {inline(line)} — {inline(alert.message(tr))}"
            )
        if len(items) > PER_PROJECT:
            out.append(f"- {inline(tr('alert.digest_more', n=len(items) - PER_PROJECT))}")
    if counts["info"]:
        out += ["", inline(tr("alert.digest_notes", n=counts["info"]))]
    return "\n".join(out) + "\n"


__all__ = ["alert_dict", "due_text", "render_alerts_json", "render_alerts_md"]
