"""Command-palette providers: the current screen's actions, and projects, meetings,
tasks and people by name."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, tzinfo
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from collabtui.i18n import label_value, t
from collabtui.text import clean

if TYPE_CHECKING:
    from collabtui.domain.views import SearchHit


def highlight(text: str, query: str) -> Content:
    """``text`` as literal content with each occurrence of ``query`` emphasised.

    (Textual's own ``Matcher.highlight`` parses its input as markup, which user
    text must never be.)
    """
    content = Content(text)
    low, needle = text.lower(), query.lower()
    start = low.find(needle)
    while needle and start != -1:
        content = content.stylize("bold underline", start, start + len(needle))
        start = low.find(needle, start + len(needle))
    return content


def _score(query: str, label: str) -> float:
    """Prefix matches first, then any substring match."""
    low = label.lower()
    if low.startswith(query.lower()):
        return 1.0
    return 0.8 if query.lower() in low else 0.5


def hit_detail(hit: SearchHit, tz: tzinfo) -> str:
    """What a palette hit says under its name, in words: a project's phase, a task's
    status, a meeting's start in the user's zone (never ``in_progress`` or an ISO
    timestamp), a person's role as typed."""
    detail = clean(hit.detail, single_line=True)
    if not detail:
        return ""
    if hit.kind == "project":
        return label_value("Phase", detail)
    if hit.kind == "task":
        return label_value("TaskStatus", detail)
    if hit.kind == "meeting":
        try:
            moment = datetime.fromisoformat(detail)
        except ValueError:
            return detail
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)  # the store keeps UTC
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    return detail


class RecordSearch(Provider):
    """Searches the store as you type (Chinese too) and opens what you pick."""

    async def search(self, query: str) -> Hits:
        query = query.strip()
        if not query:
            return
        app = self.app
        try:
            hits = await asyncio.to_thread(app.store.search, query)
        except Exception:  # a palette search must never take the app down
            return
        for hit in hits:
            text = t(
                "palette.hit", kind=t("kind." + hit.kind), label=clean(hit.label, single_line=True)
            )
            yield Hit(
                _score(query, hit.label),
                highlight(text, query),
                partial(self._open, hit),
                text=text,
                help=hit_detail(hit, app.clock.tz),
            )

    def _open(self, hit) -> None:
        app = self.app
        if hit.kind == "project":
            app.open_project(hit.id)
        elif hit.kind in ("meeting", "task") and hit.project_id:
            app.open_project(hit.project_id, tab=f"{hit.kind}s")
        elif hit.kind == "person":
            app.open_directory(tab="people")
        elif hit.kind == "department":
            app.open_directory(tab="departments")


class ScreenActions(Provider):
    """The actions of the screen the palette was opened on, by their translated names.

    Each hit shows the action's key and its binding id (the name ``[keys]`` in the
    config remaps it by); picking it runs the action as its key would. An empty
    palette lists them all.
    """

    def _actions(self) -> list[tuple[str, str, object]]:
        """``(name, help, run)`` for every described, enabled action, keys merged."""
        found: dict[tuple[int, str], tuple[str, list[str], str, object]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            if binding.action in ("command_palette", "app.command_palette"):
                continue
            name = _described(binding.description)
            key = (id(active.node), binding.action)
            keys = found.setdefault(key, (name, [], binding.id or "", active.node))[1]
            display = self.app.get_key_display(binding)
            if display not in keys:
                keys.append(display)
        out = []
        for (_, action), (name, keys, binding_id, node) in found.items():
            help_text = " · ".join(part for part in (" ".join(keys), binding_id) if part)
            out.append((name, help_text, partial(self.app.run_action, action, node)))
        return out

    async def discover(self) -> Hits:
        for name, help_text, run in sorted(self._actions(), key=lambda a: a[0].lower()):
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        query = query.strip()
        if not query:
            return
        matcher = self.matcher(query)
        for name, help_text, run in self._actions():
            low = name.lower()
            if low.startswith(query.lower()):
                score = 1.0
            elif query.lower() in low:
                score = 0.9
            else:
                score = matcher.match(name) * 0.85
            if score > 0:
                yield Hit(score, highlight(name, query), run, text=name, help=help_text)


def _described(description: str) -> str:
    """A binding's description in the current language (ours are message keys,
    Textual's English words are looked up under ``builtin.<text>``)."""
    from collabtui.widgets.builtin_words import describe_binding

    return describe_binding(description)
