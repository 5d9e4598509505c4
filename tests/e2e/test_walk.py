"""Walk the installed ``collab`` through every screen, in a real terminal.

Not Pilot: the console script runs in a pseudo-terminal with the real clock and the
time zone and locale of the environment, on a demo store loaded by ``collab demo``,
exactly as a user launches it (issue 13: a standup crashed outside UTC while every
Pilot test ran on a fixed UTC clock). Each screen's key is pressed, the screen's own
text awaited (translated from the catalogues, not hard-coded), and ``escape`` must
bring back the screen it came from. A traceback, an exit before ``ctrl+q``, a
non-zero exit status or a screen that never draws fails the test with the last
screen in the message.
"""

from __future__ import annotations

import json

import pytest

from collabtui.i18n import label_value, translator
from tests.e2e.term import Terminal, environment, run_collab

ZONES = ("Asia/Shanghai", "America/New_York", "UTC")

#: The full walk: (language, rows, cols, zone, the standup's status key) — each size in
#: both languages, each run in another zone (all three zones of issue 13), the standup
#: of the executing project (a status, ``f``, record, ``L``) in every run: on track in
#: two, at risk (the task slipped) in the other two.
FULL = [
    ("en", 40, 120, "Asia/Shanghai", "a"),
    ("zh-CN", 40, 120, "America/New_York", "a"),
    ("en", 24, 80, "UTC", "o"),
    ("zh-CN", 24, 80, "Asia/Shanghai", "o"),
]

#: The executing demo project whose standup crashed in issue 13.
EXECUTING = "Q4-LAUNCH"
#: Its first department's first task in the standup (departments sorted by name).
FIRST_TASK = "T-11"


class Walk:
    """A running app and the words of its language: what each screen shows."""

    def __init__(self, term: Terminal, lang: str, standup_key: str = "o"):
        self.term, self.lang = term, lang
        self.t = translator(lang)
        #: The status the walk sets for the first task of the standup.
        self.standup_key = standup_key

    # ------------------------------------------------------------------ words

    def header(self, key: str, **kwargs: str) -> str:
        """The header of a screen whose sub-title is message ``key``.

        With a template's fields not given, the part before the first field.
        """
        text = self.t(key, **kwargs) if kwargs else self.t(key).split("{")[0]
        return f"collab — {text}"

    def footer(self, key: str, binding: str) -> str:
        """A key as the footer shows it: ``e Edit request``."""
        return f"{binding} {self.t(key)}"

    def toast(self, key: str) -> str:
        """The start of a notification (a toast wraps its text at ~20 columns)."""
        text = self.t(key).split("{")[0].strip()
        return text[:8] if self.lang == "zh-CN" else " ".join(text.split()[:2])

    @property
    def dashboard(self) -> str:
        return self.footer("key.new_project", "n")

    @property
    def project(self) -> str:
        # A playbook key: the project's footer keeps them first, at 80 columns too.
        return self.footer("key.standup", "S")

    # ------------------------------------------------------------------ moves

    def visit(self, keys: tuple[str, ...], expect: str, back: str) -> None:
        """Press ``keys``, wait for ``expect``; ``escape`` must lead back to ``back``."""
        term = self.term
        term.press(*keys)
        term.wait_for(expect)
        term.press("escape")
        term.wait_for(back)
        if expect not in back:
            term.wait_gone(expect)
        term.assert_alive()

    def open_by_palette(self, code: str) -> None:
        """``ctrl+p``, type the project's code, ``enter`` on the project's hit."""
        term = self.term
        term.press("ctrl+p")
        term.wait_for("🔎", "▔▔▔▔")  # the palette's search field
        term.type(code)
        term.wait_for(self.t("palette.hit", kind=self.t("kind.project"), label=code))
        term.press("enter")
        term.wait_for(self.project)
        term.wait_for(f"{code}  ")  # the project's heading, not the one before

    def standup(self, code: str, status_key: str, status: str) -> None:
        """``S``, one status for the first task, ``f`` and record; back on the project."""
        term = self.term
        term.press("S")
        term.wait_for(self.header("standup.title") + code)
        term.press(status_key)
        if term.cols >= 120:  # at 80 columns the status column is off-screen
            term.wait_until(
                lambda: term.shows_all(FIRST_TASK, status),
                f"{FIRST_TASK}'s row to show {status!r}",
            )
        term.press("f")
        term.wait_for(self.t("standup.summary_title").split("{")[0].strip())
        if status_key in "ab":  # at risk or blocked: the task slipped
            term.wait_for(f"✗ {FIRST_TASK}")
        term.press("enter")
        term.wait_for(self.project)
        term.wait_gone(self.header("standup.title") + code)

    def run_first_meeting(self, back: str) -> None:
        """``enter`` on the first meeting: the runner, or first the question whether to
        start a meeting well before its time (no: back on the project, not started)."""
        term = self.term
        early = self.t("lifecycle.meeting.start_early").split("}")[-1].strip()
        runner = self.footer("key.decision", "d")  # the runner's title names the state
        term.press("enter")
        term.wait_for(runner, early)
        term.press("escape")  # leaves the runner, or answers no: back, not started
        term.wait_for(back)
        term.wait_gone(runner)
        term.assert_alive()

    def progress_lists(self, code: str) -> None:
        """``L``: the week just recorded is listed, with the first task."""
        term = self.term
        term.press("L")
        term.wait_for(self.header("progress.title") + code)
        term.wait_for(FIRST_TASK)
        assert not term.shows(self.t("progress.none")), term.report()
        term.press("escape")
        term.wait_for(self.project)


@pytest.fixture
def launch(tmp_path):
    """Start ``collab`` on a fresh demo store: ``launch(lang, rows, cols, zone)``."""
    started: list[Terminal] = []

    def start(lang: str, rows: int, cols: int, zone: str) -> tuple[Walk, dict]:
        home = tmp_path / "home"
        home.mkdir()
        env = environment(home, zone, lang)
        out = run_collab(["--lang", lang, "demo"], env, home)
        assert out.strip(), "collab demo said nothing"
        projects = {p["code"]: p for p in json.loads(run_collab(["projects", "--json"], env, home))}
        term = Terminal(env, home, rows, cols).spawn()
        started.append(term)
        walk = Walk(term, lang)
        term.wait_for(walk.header("dashboard.title"), timeout=60)
        term.wait_for(EXECUTING)
        term.wait_for(walk.dashboard)
        return walk, projects

    yield start
    for term in started:
        term.close()


def walk_dashboard(w: Walk) -> None:
    """Every screen the dashboard opens, and back."""
    home = w.dashboard
    w.visit(("n",), w.header("template.request_form"), home)
    w.visit(("d",), w.header("directory.title"), home)
    w.visit(("k",), w.header("decisions.title"), home)
    w.visit(("w",), w.header("risk.all_title", form=w.t("template.risk_warning")), home)
    w.visit(("H",), w.header("template.handbook"), home)
    w.visit(("?",), w.t("help.title"), home)
    # The board across projects, its tracking table, a card's history and editor.
    term = w.term
    term.press("b")
    term.wait_for(w.header("board.title"))
    term.wait_for(f"{EXECUTING}·")  # the cards are on screen (a key before them has no card)
    w.visit(("H",), w.t("history.title").split("{")[0].strip(), w.header("board.title"))
    w.visit(("enter",), f"^s {w.t('key.save')}", w.header("board.title"))
    term.press("t")
    term.wait_for(w.t("board.table_title"))
    term.press("escape")
    term.wait_for(home)


def walk_project(w: Walk, code: str, phase: str) -> None:
    """Every screen a project opens, and back; the standup of the executing one."""
    term, here = w.term, w.project
    term.wait_for(label_value("Phase", phase, w.lang))
    w.visit(("e",), w.header("template.request_form"), here)
    w.visit(("c",), w.header("template.consultation"), here)
    w.visit(("v",), w.t("review.schedule_title"), here)
    w.visit(("m",), w.header("template.confirmation_minutes"), here)
    if phase == "closed":
        term.press("p")
        term.wait_for(w.toast("err.last_phase"))
    else:
        target = {"aligning": "confirmed", "executing": "accepting"}[phase]
        title = w.t("phase.override_title", phase=label_value("Phase", target, w.lang))
        w.visit(("p",), title, here)
    w.visit(("o",), w.header("template.minutes"), here)
    w.visit(("a",), w.header("planner.title"), here)
    w.visit(("k",), w.header("decisions.title"), here)
    w.visit(("b",), f"{w.header('board.title')} · {code}", here)
    w.visit(("R",), w.header("template.resource_request"), here)
    w.visit(("A",), w.t("acceptance.items_title"), here)
    w.visit(("w",), w.header("template.risk_warning"), here)
    w.visit(("T",), w.header("template.retro_summary"), here)
    if code == EXECUTING:
        label = {"o": "key.standup_on_track", "a": "key.standup_at_risk"}[w.standup_key]
        w.standup(code, w.standup_key, w.t(label))
        w.progress_lists(code)
    else:
        w.visit(("S",), w.header("standup.title") + code, here)
        w.visit(("L",), w.header("progress.title") + code, here)
    # The tabs; enter on a meeting runs it.
    term.press("2")
    term.wait_for(f"⏎ {w.t('key.run_meeting')}")  # the meeting list has the focus
    w.run_first_meeting(here)
    term.press("3")
    term.wait_for(w.t("col.progress"))
    term.press("4")
    term.wait_for(w.t("col.level"))  # at 80 columns "Threatened date" is cut
    term.press("1")
    # The overview scrolls to its focused list of departments at 24 rows.
    term.wait_until(
        lambda: term.shows_all(w.t("col.department"), w.t("col.role")),
        "the overview's departments",
    )
    term.press("x")
    term.wait_for(w.toast("msg.exported"))
    term.press("escape")
    term.wait_for(w.dashboard)


def walk_attention(w: Walk) -> None:
    """ "Needs attention": ``a`` moves into the list, ``enter`` opens the first record."""
    term, home = w.term, w.dashboard
    term.press("a")
    term.press("enter")
    opened = term.wait_for(
        w.header("decisions.title"),
        w.header("template.minutes"),
        w.header("template.resource_request"),
        w.header("template.risk_warning"),
        f"^s {w.t('key.save')}",
        w.project,
    )
    term.press("escape")
    term.wait_for(home)
    if opened not in home:
        term.wait_gone(opened)


@pytest.mark.parametrize(("lang", "rows", "cols", "zone", "status"), FULL, ids=lambda v: str(v))
def test_full_walk(launch, lang, rows, cols, zone, status):
    """Dashboard, each project in its phase, every screen and back; the standup with a
    status, its summary and the week in the progress lists; then ctrl+q, status 0."""
    w, projects = launch(lang, rows, cols, zone)
    w.standup_key = status
    phases = {p["phase"] for p in projects.values()}
    assert {"aligning", "executing", "closed"} <= phases, projects
    walk_dashboard(w)
    for i, (code, project) in enumerate(projects.items()):
        if i == 0:  # the cursor starts on the first project: enter opens it
            w.term.press("enter")
            w.term.wait_for(w.project)
        else:
            w.open_by_palette(code)
        walk_project(w, code, project["phase"])
    walk_attention(w)
    w.term.quit()
