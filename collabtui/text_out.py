"""Getting text out of the app and long text in: ``y`` and ``ctrl+o``, for every screen.

``y`` copies what the screen shows as a document — the minutes, the alert digest,
the task under the cursor, the week's progress list — to the clipboard by OSC 52
(Textual's :meth:`~textual.app.App.copy_to_clipboard`), which the terminal carries
over SSH too. A screen offers it by defining ``document_text() -> str | None``.

``ctrl+o`` in a long text field (any ``TextArea``) suspends the app, opens the text
in ``$VISUAL`` or ``$EDITOR`` (else ``vi``) and puts back what was saved; the change
is one step of the field's own undo. The file is private (0600) and removed after.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.widgets import TextArea

from collabtui.i18n import t
from collabtui.text import clean


def document_of(screen) -> str | None:
    """The document ``screen`` shows, if it offers one."""
    make = getattr(screen, "document_text", None)
    return make() if callable(make) else None


def offers_document(screen) -> bool:
    return callable(getattr(screen, "document_text", None))


def copy_document(app) -> None:
    """Copy the current screen's document; say how much went, or that there is none."""
    from textual.command import CommandPalette

    screen = app.screen
    if isinstance(screen, CommandPalette) and len(app.screen_stack) > 1:
        screen = app.screen_stack[-2]
    text = document_of(screen)
    if not text:
        app.say(t("msg.nothing_to_copy"), severity="warning", timeout=3)
        return
    app.copy_to_clipboard(text)
    app.say(t("msg.copied", n=len(text.splitlines())), timeout=3)


def editor_command() -> list[str]:
    """The user's editor as an argument list (``$VISUAL``, ``$EDITOR``, else ``vi``)."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(chosen)


def edit_in_editor(app, area: TextArea) -> None:
    """Open ``area``'s text in the external editor and take back what was saved."""
    fd, name = tempfile.mkstemp(prefix="collab-", suffix=".md", text=True)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(area.text)
        command = editor_command()
        try:
            with app.suspend():
                done = subprocess.run([*command, str(path)], check=False)
        except (OSError, FileNotFoundError) as exc:
            app.say(t("msg.editor_failed", editor=command[0], reason=str(exc)), severity="error")
            return
        if done.returncode != 0:
            reason = t("msg.editor_status", status=done.returncode)
            app.say(t("msg.editor_failed", editor=command[0], reason=reason), severity="warning")
            return
        text = path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
    if not area.text.endswith("\n") and text.endswith("\n"):
        text = text[:-1]  # editors add a final newline the field did not have
    text = clean(text)
    if text != area.text:
        area.replace(text, area.document.start, area.document.end)
