"""A killed process loses nothing typed (issue 15): the installed app in a real terminal.

The request form is opened and typed into; the process is killed (SIGKILL: no chance
to save or clean up). On the next launch the same form opens with what was typed,
and says so.
"""

from __future__ import annotations

import signal

from tests.e2e.term import Terminal, environment, run_collab


def _holds(folder, text: str) -> bool:
    """True when a file in ``folder`` holds ``text`` (a draft being replaced may vanish)."""
    for path in folder.iterdir() if folder.is_dir() else ():
        try:
            if text in path.read_text(encoding="utf-8"):
                return True
        except OSError:
            continue
    return False


def test_a_draft_survives_a_killed_process(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = environment(home, "Asia/Shanghai", "en")
    run_collab(["demo"], env, home)
    drafts = home / "data" / "drafts"

    term = Terminal(env, home, 40, 120).spawn()
    try:
        term.wait_for("collab — ", timeout=60)
        term.wait_for("Q4-LAUNCH")
        term.press("n")
        term.wait_for("Collaboration request form")
        term.type("KILLED-1")
        term.wait_for("KILLED-1")
        term.wait_until(
            lambda: (
                drafts.is_dir()
                and any("KILLED-1" in p.read_text(encoding="utf-8") for p in drafts.iterdir())
            ),
            "the typed text in a draft on disk",
        )
        (draft,) = drafts.iterdir()
        assert draft.stat().st_mode & 0o077 == 0, "a draft is the owner's only"
        term.child.kill(signal.SIGKILL)
        term.wait_until(lambda: not term.child.isalive(), "the process to die")
    finally:
        term.close()

    again = Terminal(env, home, 40, 120).spawn()
    try:
        again.wait_for("collab — ", timeout=60)
        again.wait_for("Q4-LAUNCH")
        again.press("n")
        again.wait_for("Collaboration request form")
        again.wait_for("KILLED-1")
        again.wait_for("restored, not saved yet")  # the offer, inside the form
        again.wait_for("Back to saved")  # and its key in the footer
        again.press("ctrl+l")  # the offer declined: back to the saved (empty) form
        again.wait_gone("KILLED-1")
        again.wait_until(lambda: not any(drafts.iterdir()), "the dropped draft to go")
        again.press("escape")  # nothing typed now: it leaves without asking
        again.wait_gone("Collaboration request form")
        again.quit()
    finally:
        again.close()
