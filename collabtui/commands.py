"""Command-palette providers: find projects, meetings, tasks and people by name."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider
from textual.content import Content

from collabtui.i18n import t
from collabtui.text import clean


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
            text = f"{t('kind.' + hit.kind)}: {clean(hit.label, single_line=True)}"
            yield Hit(
                _score(query, hit.label),
                highlight(text, query),
                partial(self._open, hit),
                text=text,
                help=clean(hit.detail, single_line=True),
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
