"""CollabApp: wiring only — styles, global keys, screens and the store."""

from __future__ import annotations

import asyncio
import os
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding

from collabtui import i18n
from collabtui.commands import RecordSearch, ScreenActions
from collabtui.config import Config
from collabtui.domain.clock import Clock
from collabtui.store.location import sqlite_path
from collabtui.typeahead import TypeAheadApp
from collabtui.widgets.base import localize_bindings

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.screen import Screen

    from collabtui.domain.summary import ProjectSummary
    from collabtui.store import Store
    from collabtui.store.watch import Watcher

#: Themes ``ctrl+t`` cycles through.
THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "tokyo-night", "solarized-light")

#: Seconds between two looks at whether another copy changed the store.
WATCH_INTERVAL = 0.5


class CollabApp(TypeAheadApp):
    """The full-screen app. Screens reach the database only through :attr:`store`."""

    CSS_PATH = "app.tcss"
    TITLE = "collab"
    COMMANDS = App.COMMANDS | {ScreenActions, RecordSearch}
    BINDINGS = [
        Binding("question_mark", "help", "key.help", id="help"),
        Binding("ctrl+t", "cycle_theme", "key.theme", id="cycle-theme"),
        Binding("ctrl+z", "undo", "key.undo", id="undo"),
        Binding("ctrl+y", "redo", "key.redo", id="redo"),
        # Not in the footer (it is full on those screens): in ? and the palette.
        Binding("y", "copy_document", "key.copy_document", show=False, id="copy-document"),
        Binding("ctrl+o", "edit_in_editor", "key.edit_in_editor", show=False, id="edit-in-editor"),
    ]

    def __init__(
        self,
        url: str,
        *,
        config: Config | None = None,
        lang: str | None = None,
        clock: Clock | None = None,
        store: Store | None = None,
    ):
        self.config = config or Config()
        if lang:
            i18n.set_language(lang)
        self.lang = i18n.current_language()
        super().__init__()
        localize_bindings(self)
        self.url = url
        self.clock = clock or self.config.clock()
        self._store = store
        self._store_lock = threading.Lock()
        self._watcher: Watcher | None = None
        self._watch_failed = ""  # why there is no live refresh, until it is said
        #: The first unexpected exception and its crash report (see ``_handle_exception``).
        self.crash_error: Exception | None = None
        self.crash_report: Path | None = None
        #: Benchmarks set COLLAB_EXIT_AFTER_FIRST_FRAME to time start-up to a drawn dashboard.
        self.exit_after_first_frame = bool(os.environ.get("COLLAB_EXIT_AFTER_FIRST_FRAME"))
        if self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme

    # ------------------------------------------------------------------ store

    @property
    def store(self) -> Store:
        """The store, opened on first use (start-up warms it in a thread)."""
        if self._store is None:
            with self._store_lock:
                if self._store is None:
                    from collabtui.store import Store

                    self._store = Store(self.url, self.config.user)
        return self._store

    def _warm_store(self) -> None:
        """Load the ORM and open the store off the UI thread, after the first frame."""
        self._watch(self.store)

    def _watch(self, store: Store) -> None:
        """Start noticing other copies' commits (from now on: call it before reading)."""
        try:
            self._watcher = store.watcher()
        except Exception as exc:  # no live refresh is no reason to stop the app
            from collabtui.store.engine import friendly_reason
            from collabtui.store.watch import NullWatcher

            self._watcher = NullWatcher()
            self._watch_failed = i18n.t("msg.watch_failed", reason=friendly_reason(exc))

    def dashboard_rows(self, today: date) -> list[ProjectSummary]:
        """The dashboard's rows; before the store is warm, read SQLite directly."""
        path = sqlite_path(self.url)
        if self._store is None and path is not None and path.exists():
            from collabtui.store.quick import dashboard_rows

            return dashboard_rows(path, today)
        return self.store.dashboard(today)

    # ------------------------------------------------------------------ lifecycle

    def on_mount(self) -> None:
        """Apply key remaps, show the dashboard, then warm the store."""
        if self.config.keys:
            self.set_keymap(self.config.keys)
        if self._store is not None and not self.exit_after_first_frame:
            self._watch(self._store)
        self.go("dashboard")
        if not self.exit_after_first_frame:
            self.set_interval(WATCH_INTERVAL, self._watch_store, name="watch-store")
        if self._store is None and not self.exit_after_first_frame:
            # After the first frame: importing the ORM must not delay it.
            self.call_after_refresh(
                self.run_worker, self._warm_store, thread=True, group="store", exit_on_error=False
            )

    async def _watch_store(self) -> None:
        """Has another copy committed? Asked off the UI thread, so keys never wait."""
        if self._watch_failed:
            self.say(self._watch_failed, severity="warning")
            self._watch_failed = ""
        watcher = self._watcher
        if watcher is None:  # the store is not open yet
            return
        if await asyncio.to_thread(watcher.changed):
            self.data_changed()

    def data_changed(self) -> None:
        """The store changed: the screens a person can see read it again.

        That is the screen on top, and the screens under it while it is a dialog.
        Screens covered by a full screen only note that they are stale and read when
        they are shown again: one read for what is on screen, not one per screen in
        the stack (each a round trip to a server). Screens that list records define
        ``reload_from_store`` (cursor, filters and scroll stay); forms do not, so
        nothing typed is overwritten: their conflicts are caught when they save.
        """
        from textual.css.query import NoMatches

        from collabtui.domain.errors import StoreError

        visible = True
        for screen in reversed(self.screen_stack):  # top first
            reload = getattr(screen, "reload_from_store", None)
            if reload is not None and screen.is_mounted:  # (one being built reads anyway)
                if not visible:
                    screen.stale = True
                else:
                    try:
                        reload()
                    except StoreError as exc:
                        self.say(str(exc), severity="warning")
                    except NoMatches:  # a screen being taken down (leaving, quitting)
                        pass
            if not screen.is_modal:
                visible = False  # everything below a full screen is covered

    def _handle_exception(self, error: Exception) -> None:
        """An exception nobody caught: write the crash report, then exit non-zero.

        Textual's own handler sets the return code and ends the app; its traceback
        (with local variables, which may hold user data or a password) is not
        printed: :func:`collabtui.cli.launch.launch` prints one line naming the
        report instead. Saved records are safe: every save committed on its own.
        """
        from collabtui import crash
        from collabtui.store.location import describe

        if self.crash_error is None:
            self.crash_error = error
            screen = type(self.screen).__name__ if self.screen_stack else "-"
            self.crash_report = crash.write_report(
                error, where=f"app, screen {screen}", secrets=(self.url, describe(self.url))
            )
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def on_unmount(self) -> None:
        """Close the store's connections (the watcher's too)."""
        if self._store is not None:
            self._store.close()

    def say(self, message: str, *, severity: str = "information", timeout: float = 4) -> None:
        """Show a notification; the text may hold user data, so it is never markup."""
        from collabtui.text import clean

        self.notify(clean(message), severity=severity, timeout=timeout, markup=False)

    def write_export(self, make) -> None:
        """Save the document ``make(store, lang, clock)`` renders (an export service
        call) into the exports folder; say where it went, or why not."""
        from collabtui.domain.errors import StoreError
        from collabtui.services.exports import save

        try:
            path = save(make(self.store, self.lang, self.clock))
        except (OSError, StoreError) as exc:
            self.say(str(exc), severity="error")
            return
        self.say(i18n.t("msg.exported", path=str(path)), timeout=8)

    # ------------------------------------------------------------------ navigation

    def go(self, where: str, *args, then=None, **kwargs):
        """Show the screen of destination ``where`` (see :mod:`collabtui.screens.router`)."""
        from collabtui.screens import router

        return router.go(self, where, *args, then=then, **kwargs)

    def open_project(self, project_id: int, tab: str | None = None) -> None:
        """Show one project's screen, on ``tab`` if given."""
        self.go("project", project_id, tab=tab)

    def open_directory(self, tab: str | None = None) -> None:
        """Show the directory of departments and people."""
        self.go("directory", tab=tab)

    # ------------------------------------------------------------------ actions

    async def action_quit(self) -> None:
        """``ctrl+q`` and the palette's quit: with a dirty form anywhere, ask first.

        Quitting keeps each dirty form's draft (offered back when it opens again).
        """
        from collabtui.dialogs.confirm import ConfirmDialog

        dirty = [s for s in self.screen_stack if getattr(s, "form_dirty", False)]
        if not dirty:
            self.exit()
            return
        if isinstance(self.screen, ConfirmDialog):
            return  # already asking

        def answer(quit_: bool | None) -> None:
            if quit_:
                for form in dirty:
                    form.keep_draft()
                self.exit()

        self.push_screen(
            ConfirmDialog(
                i18n.t("form.quit_question", n=len(dirty)),
                i18n.t("button.quit_anyway"),
                i18n.t("button.keep_editing"),
            ),
            answer,
        )

    def add_to_directory(self, kind: str, done) -> None:
        """Add a person or a department from inside a form's picker (``+``);
        ``done(record)`` gets the new record, or ``None`` when cancelled."""
        from collabtui.dialogs.forms import new_department_form, new_person_form

        store = self.store
        if kind == "person":
            form = new_person_form(store, store.departments())
        else:
            form = new_department_form(store, store.people())
        self.push_screen(form, done)

    def action_help(self) -> None:
        """List the keys active on the current screen."""
        from collabtui.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen.active_bindings))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo and redo of saved actions wait while a text field has the focus: there
        ``ctrl+z`` belongs to the typing (a text area undoes its own)."""
        if action == "copy_document":
            from textual.command import CommandPalette

            from collabtui.text_out import offers_document

            screen = self.screen
            if isinstance(screen, CommandPalette) and len(self.screen_stack) > 1:
                screen = self.screen_stack[-2]  # offered in the palette for the screen below
            return offers_document(screen)
        if action == "edit_in_editor":
            from textual.widgets import TextArea

            return isinstance(self.focused, TextArea) and not self.focused.read_only
        if action in ("undo", "redo"):
            from textual.command import CommandPalette
            from textual.widgets import Input, TextArea

            if isinstance(self.screen, CommandPalette):
                return True  # offered in the palette; run on the screen below it
            return not isinstance(self.focused, Input | TextArea)
        return True

    def action_copy_document(self) -> None:
        """Copy what the screen shows as a document (OSC 52: over SSH too)."""
        from collabtui.text_out import copy_document

        copy_document(self)

    def action_edit_in_editor(self) -> None:
        """Edit the focused long text field in $VISUAL / $EDITOR."""
        from textual.widgets import TextArea

        from collabtui.text_out import edit_in_editor

        if isinstance(self.focused, TextArea):
            edit_in_editor(self, self.focused)

    def action_undo(self) -> None:
        """Undo the user's last action still done (theirs only; across restarts)."""
        self._revert(lambda: self.store.undo(tz=self.clock.tz))

    def action_redo(self) -> None:
        """Do again the action undone last."""
        self._revert(lambda: self.store.redo(tz=self.clock.tz))

    def _revert(self, step) -> None:
        """Run an undo or a redo; say what it did, or why not; show the new state."""
        from collabtui.domain.errors import StoreError

        try:
            done = step()
        except StoreError as exc:
            self.say(str(exc), severity="warning", timeout=8)
            return
        self.say(done.message)
        self.data_changed()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands, in the user's language (issue 18)."""
        from collabtui.widgets.builtin_words import system_commands

        yield from system_commands(self, screen)

    def action_command_palette(self) -> None:
        """The command palette, its placeholder and "no matches" translated."""
        from textual.command import CommandPalette

        from collabtui.widgets.builtin_words import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's "Theme" command: the themes, with a translated placeholder."""
        from textual.theme import ThemeProvider

        from collabtui.widgets.builtin_words import Palette

        self.push_screen(
            Palette(providers=[ThemeProvider], placeholder=i18n.t("builtin.themes_placeholder"))
        )

    def action_help_quit(self) -> None:
        """ctrl+c outside a text field: say how to quit (Textual says it in English)."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.say(i18n.t("builtin.help_quit", key=self.get_key_display(active.binding)))
                return

    def action_cycle_theme(self) -> None:
        """Switch to the next theme and remember it in the config file."""
        names = [n for n in THEMES if n in self.available_themes]
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]  # saved by watch_theme
        self.say(i18n.t("msg.theme", name=self.theme), timeout=2)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen anywhere (ctrl+t, the palette's "Change theme")."""
        if theme == self.config.theme or self.config.path is None:
            return
        from collabtui.config import save_setting

        self.config.theme = theme
        try:
            save_setting(self.config.path, "theme", theme)
        except OSError as exc:
            self.say(i18n.t("msg.config_not_saved", reason=str(exc)), severity="warning")


def steady_collector() -> None:
    """Keep the cyclic garbage collector from stalling the screen on a large store.

    With thousands of records on screen, each full collection walked every object the
    app holds: ~30 pauses of 100–175 ms while a benchmark opened the board eight times
    on the 10,000-task store. Everything loaded so far (Textual, Rich, collab's modules)
    lives as long as the process, so it is frozen out of collections, and collections
    of the old generations come less often (one full collection in the same run).
    Only for the app a person runs (and the benchmarks that measure it): a test process
    runs hundreds of apps, whose frozen cycles would never be freed.
    """
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 50, 50)
