"""Every screen and dialog read as a Chinese user reads it (issue 18, point 6).

In zh-CN, on a store holding only Chinese data, one app per terminal size walks every
screen of the router and every dialog of tests/support/forms.py, at 120×40 and at
80×24, and fails on:

- a Latin word that is neither data (``X3``, ``KOL``), a code (``Q4-LAUNCH``,
  ``T-04``) nor a key name (``esc``, ``S``);
- a footer label that is not a translation from the zh-CN catalogue, a footer
  without ``?``, or a footer key not drawn whole on the screen's last line;
- text cut inside a wide character while the screen was drawn (``命令  板``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from collabtui.dialogs.help import HelpScreen
from collabtui.i18n import t
from collabtui.i18n.zh_CN import MESSAGES
from collabtui.keys import binding_ids
from collabtui.screens import router
from collabtui.widgets.footer import Footer
from tests.support.chinese import LATIN_WORD, chinese_dataset, data_words, zh_store  # noqa: F401
from tests.support.forms import OPENERS
from tests.support.reading import latin_words, screen_lines, shown_cuts, watching_cuts

#: Actions run from the dashboard; each opens a screen.
DASHBOARD = ["directory", "decisions", "board", "attention", "risks", "handbook", "outbox"]
#: Actions run on a project that is under way, each from its overview.
PROJECT = [
    "tab('overview')",
    "tab('meetings')",
    "tab('tasks')",
    "tab('risks')",
    "tab('overview')",
    "edit_request",
    "consultations",
    "confirmation",
    "plan_meeting",
    "decisions",
    "board",
    "resources",
    "acceptance",
    "standup",
    "progress",
    "risks",
    "retro",
    "tab('meetings')",
    "minutes",
]
#: What a closed project adds: its acceptance report and its retrospective filled in.
CLOSED = ["tab('overview')", "acceptance", "retro"]
#: Actions run on a screen once it is open (the table view, a history, a detail).
INSIDE = {
    "BoardScreen": ["toggle_table", "task_history"],
    "RiskRegisterScreen": ["history"],
    "StandupScreen": ["reason", "support"],
}
#: Forms whose opener in tests/support/forms.py passes English words of its own (a
#: title the screen would translate) or names the English project: opened here as
#: their screens open them.
ZH_OPENERS = {
    "WhenForm": lambda app: _form("collabtui.dialogs.forms:WhenForm")(
        t("review.schedule_title"), _never, "2026-12-01 10:00", 30, place=True
    ),
    "ReasonDialog": lambda app: _form("collabtui.dialogs.confirm:ReasonDialog")(
        t("phase.override_title", phase="成果验收"), [t("gap.not_agreed", department="设计部")]
    ),
    "TextForm": lambda app: _form("collabtui.dialogs.acceptance:TextForm")(
        t("acceptance.ask.fail", deliverable="详情页"),
        _never,
        name="note",
        caption=t("acceptance.field.note"),
        value="",
    ),
    "PracticeForm": lambda app: _form("collabtui.dialogs.retro:PracticeForm")(
        t("retro.promote_title"), _never, name="事前验尸", body=""
    ),
    "NoteDialog": lambda app: _form("collabtui.dialogs.note:NoteDialog")(
        t("risk.close.title", title="支付平台接口审批"),
        t("risk.close.prompt"),
        t("risk.close.placeholder"),
        t("risk.close.button"),
        t("risk.err.closing_note"),
    ),
    "ConfirmationScreen": lambda app: router.build(
        "confirmation", app.store.project("Q4-LAUNCH").id
    ),
}
SIZES = [(120, 40), (80, 24)]
#: Every text of the zh-CN catalogue: what a footer label must be one of.
TRANSLATIONS = set(MESSAGES.values())


def _never(values):  # pragma: no cover - nothing is saved
    raise AssertionError("the walk does not save")


def _form(path: str):
    from importlib import import_module

    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


class Walk:
    """One app walked screen by screen; what each screen showed and what is wrong."""

    def __init__(self, pilot, allowed: set[str]):
        self.pilot = pilot
        self.app = pilot.app
        self.allowed = allowed
        self.id_words = {w for i in binding_ids() for w in LATIN_WORD.findall(i)}
        self.problems: dict[str, list[str]] = {}
        self.seen: set[str] = set()
        self.cuts: list[str] = []

    async def settle(self) -> None:
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    async def read(self, where: str) -> None:
        """Read the current screen: its words, its footer and the glyphs cut drawing it.

        A footer chooses its keys again when the screen's keys change (a read arrived,
        the focus moved) and draws them a refresh later: it is read again until it has
        settled (a few refreshes at most); what is still wrong then is reported.
        """
        await self.settle()
        for _ in range(20):
            text, cuts = screen_lines(self.app)
            footer = self.footer_problems(text)
            if not footer:
                break
            await self.pilot.pause()
        screen = self.app.screen
        self.seen.add(type(screen).__name__)
        allowed = self.allowed | (self.id_words if isinstance(screen, HelpScreen) else set())
        found = [f"latin: {w}" for w in latin_words(text, allowed)]
        found += [f"cut: {c!r}" for c in shown_cuts([*self.cuts, *cuts], text)]
        found += footer
        self.cuts.clear()
        if found and os.environ.get("COLLAB_WALK_DUMP"):
            name = re.sub(r"\W+", "_", where)
            dump = Path(os.environ["COLLAB_WALK_DUMP"]) / f"{self.app.size.width}-{name}.txt"
            dump.write_text(text, encoding="utf-8")
        if found:
            self.problems[f"{where} [{type(screen).__name__}]"] = sorted(set(found))

    def footer_problems(self, text: str) -> list[str]:
        """A footer label not in the catalogue, no key for help, a key not drawn whole."""
        found: list[str] = []
        last = text.rstrip("\n").splitlines()[-1]
        for footer in self.app.screen.query(Footer):
            if not {"?", "f1"} & {key for key, _ in footer.shown}:
                found.append("footer: no ? (nor f1)")
            for key, label in footer.shown:
                if label not in TRANSLATIONS:
                    found.append(f"footer label not translated: {label!r}")
                if f"{key} {label}" not in last:
                    found.append(f"footer key not drawn whole: {key} {label}")
        return found

    async def visit(self, action: str, where: str) -> None:
        """Run ``action`` on the current screen, read what shows, go back."""
        app = self.app
        origin, depth = app.screen, len(app.screen_stack)
        await origin.run_action(action)
        here = f"{where} → {action}"
        await self.read(here)
        if app.screen is not origin:
            for inner in INSIDE.get(type(app.screen).__name__, []):
                await self.visit(inner, here)
        await self.back_to(depth)

    async def open(self, screen, where: str) -> None:
        """Show ``screen``, read it, close it."""
        depth = len(self.app.screen_stack)
        await self.app.push_screen(screen)
        await self.read(where)
        await self.back_to(depth)

    async def back_to(self, depth: int) -> None:
        while len(self.app.screen_stack) > depth:
            await self.app.pop_screen()
            await self.settle()


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
async def test_every_screen_reads_as_chinese(size, zh_store, make_app):  # noqa: F811
    app = make_app(zh_store, lang="zh-CN")
    allowed = data_words(chinese_dataset()) | {zh_store.user}
    with watching_cuts() as cuts:
        async with app.run_test(size=size) as pilot:
            walk = Walk(pilot, allowed)
            walk.cuts = cuts
            await walk.read("dashboard")
            await walk.visit("help", "dashboard")
            for action in DASHBOARD:
                await walk.visit(action, "dashboard")
            for code, actions in (("Q4-LAUNCH", PROJECT), ("VIP-PTS", CLOSED)):
                project = zh_store.project(code)
                await app.push_screen(router.build("project", project.id))
                await walk.read(code)
                for action in actions:
                    await walk.visit(action, code)
                await walk.back_to(1)
            meeting = zh_store.meetings(zh_store.project("Q4-LAUNCH").id)[0]
            await walk.open(router.build("runner", meeting.id), "runner")
            for name in sorted(OPENERS):
                opener = ZH_OPENERS.get(name) or OPENERS[name]
                await walk.open(opener(app), name)

    # Every destination of the router and every form was read.
    destinations = {router.screen_class(where).__name__ for where in router.SCREENS}
    assert destinations - walk.seen == set()
    assert set(OPENERS) - walk.seen == set()
    report = "\n".join(f"{k}: {'; '.join(v)}" for k, v in sorted(walk.problems.items()))
    assert walk.problems == {}, f"{len(walk.problems)} screens read wrong:\n{report}"
