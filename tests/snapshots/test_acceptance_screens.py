"""Snapshots of the joint acceptance (《成果验收报告》) at a fixed size, clock and dataset.

Run ``pytest tests/snapshots/test_acceptance_screens.py --snapshot-update`` after an
intended visual change, then look at the pictures before committing them.
"""

from __future__ import annotations

from datetime import UTC, datetime

SIZE = (120, 36)
NARROW = (80, 24)
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
MARKUP = "[bold]x[/] 海报 [/] [@click=app.quit]q[/] must show literally"


def judged(store) -> None:
    """Q4-LAUNCH's items generated and partly judged; a merge, a drop, two sign-offs."""
    store.generate_acceptance_items("Q4-LAUNCH")
    items = store.acceptance_report("Q4-LAUNCH").items
    verdicts = {0: ("pass", ""), 1: ("fail", "只有 28 家媒体到场"), 2: ("waived", "经各部门同意")}
    for index, (verdict, note) in verdicts.items():
        store.set_verdict(items[index].id, items[index].version, verdict, note)
    store.merge_acceptance_items(items[3].id, [items[4].id], now=NOW)
    store.drop_acceptance_item(items[5].id, items[5].version, "并入 T-08 验收", now=NOW)
    store.add_acceptance_item("Q4-LAUNCH", deliverable=MARKUP, quality_standard="[red]A4[/]")
    required = store.acceptance_report("Q4-LAUNCH").required[:2]
    signing = zip(required, ("accepted", "rejected"), strict=True)
    for row, verdict in signing:
        person = next(p for p in store.people() if p.department_id == row.department_id)
        store.sign_off(
            "Q4-LAUNCH",
            row.department_id,
            person_id=person.id,
            verdict=verdict,
            comment="[/] 需补充直播数据" if verdict == "rejected" else "",
            signed_at=NOW,
        )


def opened(code: str, *keys: str):
    """``run_before``: open project ``code``, then its acceptance, then press ``keys``."""

    async def run(pilot):
        pilot.app.open_project(pilot.app.store.project_id(code))
        await pilot.pause()
        await pilot.press("A", *keys)
        await pilot.pause()

    return run


def test_acceptance_english(snap_compare, demo_store, make_app):
    """The cursor on the last row: the dropped and merged items, dimmed, with their reasons."""
    judged(demo_store)
    down = ["down"] * 21
    assert snap_compare(
        make_app(demo_store), terminal_size=SIZE, run_before=opened("Q4-LAUNCH", *down)
    )


def test_acceptance_chinese(snap_compare, demo_store, make_app):
    judged(demo_store)
    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=opened("Q4-LAUNCH")
    )


def test_acceptance_accepted_chinese(snap_compare, demo_store, make_app):
    assert snap_compare(
        make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=opened("VIP-PTS")
    )


def test_acceptance_english_narrow(snap_compare, demo_store, make_app):
    judged(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=NARROW, run_before=opened("Q4-LAUNCH"))


def test_sign_off_form_chinese(snap_compare, demo_store, make_app):
    judged(demo_store)

    async def sign(pilot):
        await opened("Q4-LAUNCH", "s")(pilot)
        form = pilot.app.screen  # (it opens in its comment field: pick in the selects)
        form.query_one("#f-person_id").focus()
        await pilot.press("enter", "down", "enter")  # the first member
        await pilot.press("tab", "enter", "down", "down", "enter", "ctrl+s")  # rejected, no comment
        await pilot.pause()
        pilot.app.screen.query_one("#f-comment").cursor_blink = False

    assert snap_compare(make_app(demo_store, lang="zh-CN"), terminal_size=SIZE, run_before=sign)
