"""Launching the full-screen app: check the store first, then import Textual."""

from __future__ import annotations

import typer

from collabtui import paths
from collabtui.i18n import t
from collabtui.store.location import describe, sqlite_path
from collabtui.store.quick import preflight


def prepare_store(settings) -> None:
    """Make sure the store exists and has the current schema before the UI starts.

    A current SQLite file needs no ORM here (fast start); a new, older or server
    database is opened once through the store, which creates or upgrades it.
    """
    path = sqlite_path(settings.url)
    if path is not None:
        if not settings.explicit_db:
            paths.make_private_dir(path.parent)
        if preflight(path).current:
            return
        existed = path.exists() and path.stat().st_size > 0
        store = settings.open_store()
        store.close()
        if existed:
            typer.echo(t("cli.upgraded", where=describe(settings.url)), err=True)
        return
    settings.open_store().close()


def launch(settings) -> None:
    """Run the app on the store ``settings`` name; without a terminal, refuse in one line."""
    import sys

    prepare_store(settings)  # a bad store is the first thing to hear about
    if settings.config.keys:  # ids no binding has are an error, before the screen changes
        from collabtui.keys import check_keymap

        check_keymap(settings.config)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from collabtui.cli import CliError

        raise CliError(t("cli.err.no_terminal"))
    from collabtui.app import CollabApp, steady_collector

    app = CollabApp(url=settings.url, config=settings.config, lang=settings.lang)
    steady_collector()
    app.run()
    if app.crash_error is not None:
        from collabtui import crash

        line = crash.one_line(app.crash_error, app.crash_report, t, (settings.url,))
        typer.echo(f"collab: {line}", err=True)
        raise SystemExit(crash.CRASH_STATUS)
    if app.return_code:
        raise SystemExit(app.return_code)
