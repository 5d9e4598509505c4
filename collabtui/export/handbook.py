"""The handbook export: the best-practice handbook (《跨部门协作最佳实践手册》) as Markdown.

Grouped by tag: a section per tag in case-insensitive order, untagged practices last.
A practice with several tags appears in full under each of them, so every section
reads on its own (a department can print only its tags); a contents list at the top
counts each tag's practices. Every practice cites its source project and date.
Retired practices are left out (the caller passes current ones only).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from collabtui.domain.retro import PracticeRow, group_by_tag
from collabtui.export.markdown import day, document, heading, inline, paragraph, when
from collabtui.i18n import current_language, normalize, translator

__all__ = ["render_handbook", "render_handbook_md"]


def render_handbook_md(
    practices: Sequence[PracticeRow], generated: datetime, lang: str | None = None
) -> str:
    """The whole handbook as CommonMark, grouped by tag, in ``lang`` (default: current)."""
    code = normalize(lang) if lang else current_language()
    tr = translator(code)
    current = [p for p in practices if not p.retired]
    groups = group_by_tag(current)
    blocks = [
        heading(1, tr("template.handbook")),
        paragraph(
            tr("export.handbook.intro", n=len(current), generated=when(generated, generated.tzinfo))
        ),
    ]
    if not groups:
        blocks.append(paragraph(tr("handbook.empty")))
        return document(*blocks)
    blocks.append(
        "\n".join(
            "- " + inline(tr("export.handbook.toc", tag=_tag_name(tag, tr), n=len(items)))
            for tag, items in groups
        )
    )
    for tag, items in groups:
        blocks.append(heading(2, _tag_name(tag, tr)))
        for p in items:
            blocks.append(heading(3, p.title))
            blocks.append(paragraph(_cite(p, tr)))
            if p.body.strip():
                blocks.append(paragraph(p.body))
            others = [x for x in p.tags if x != tag]
            if others:
                blocks.append(paragraph(tr("export.handbook.also", tags=" · ".join(others))))
    return document(*blocks)


def render_handbook(
    practices: Sequence[PracticeRow], fmt: str, generated: datetime, lang: str | None = None
) -> str:
    """The handbook as ``fmt`` (only ``md``)."""
    if fmt == "md":
        return render_handbook_md(practices, generated, lang)
    raise ValueError(f"unknown handbook format {fmt!r} (choose from md)")


def _tag_name(tag: str, tr) -> str:
    return tag or tr("export.handbook.untagged")


def _cite(p: PracticeRow, tr) -> str:
    """``Source: VIP-PTS 会员积分体系升级, 2026-11-10``."""
    project = " ".join(x for x in (p.source_code, p.source_topic) if x) or tr("field.none")
    if p.source_on is None:
        return tr("export.handbook.source_undated", project=project)
    return tr("export.handbook.source", project=project, day=day(p.source_on))
