"""The ``collab`` command. Bare ``collab`` launches the app; subcommands run headless.

Only Typer and light modules load here: Textual is imported in the one branch that
launches the app, the ORM only by commands that open the store.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import typer

from collabtui import __version__, paths
from collabtui import config as config_mod
from collabtui.cli.language import LanguageGroup
from collabtui.domain.errors import StoreError
from collabtui.i18n import t
from collabtui.store.location import resolve_url

_app = typer.Typer(
    name="collab",
    cls=LanguageGroup,
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Run cross-department projects from the terminal.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CliError(Exception):
    """A problem to report in one line, exit status 2."""


@dataclass
class Settings:
    """What the global options and the config file decided."""

    url: str
    lang: str
    config: config_mod.Config
    explicit_db: bool

    @property
    def clock(self):
        """The real clock in the user's zone (the config's ``timezone``, else the machine's)."""
        return self.config.clock()

    @property
    def user(self) -> str | None:
        """The configured user name (``None``: the OS login)."""
        return self.config.user

    def open_store(self):
        """Open (creating or upgrading as needed) the store these settings name."""
        from collabtui.store import Store
        from collabtui.store.location import sqlite_path

        path = sqlite_path(self.url)
        if path is not None and not self.explicit_db:
            paths.make_private_dir(path.parent)  # the default data folder: owner only
        return Store(self.url, self.user, create_parent=not self.explicit_db)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"collab {__version__}")
        raise typer.Exit()


@_app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        metavar="PATH_OR_URL",
        help="Store to use (default: COLLAB_DB or the user data dir).",
    ),
    lang: str | None = typer.Option(None, "--lang", metavar="en|zh-CN", help="Language."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Run cross-department projects from the terminal."""
    # The language was settled before parsing (collabtui.cli.language): ``--lang`` is taken
    # out of the arguments wherever it stood, so ``lang`` here is always None.
    preflight = ctx.obj
    if preflight.config_error is not None:
        raise preflight.config_error
    cfg, language = preflight.config, preflight.lang
    import os

    explicit = bool(db or os.environ.get("COLLAB_DB"))
    ctx.obj = Settings(url=resolve_url(db), lang=language, config=cfg, explicit_db=explicit)
    if ctx.invoked_subcommand is None:
        from collabtui.cli.launch import launch

        launch(ctx.obj)


_registered = False


def _register() -> None:
    """Attach the subcommand modules (once)."""
    global _registered
    if _registered:
        return
    _registered = True
    from collabtui.cli import alerts, data, db, exchange, export, risks, send, shell, tasks

    data.register(_app)
    tasks.register(_app)
    risks.register(_app)
    shell.register(_app)
    alerts.register(_app)
    exchange.register(_app)
    _app.add_typer(db.db_app, name="db")
    _app.add_typer(export.export_app, name="export")
    send.register(_app)


def __getattr__(name: str) -> typer.Typer:
    """``collabtui.cli.app``: the whole command, every subcommand attached (tests and
    tools import it; :func:`main` attaches them only when the arguments need them)."""
    if name == "app":
        _register()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The root's options that take a value (the next argument is theirs, not a command).
_VALUE_OPTIONS = ("--db", "--lang")


def launches_app(argv: list[str]) -> bool:
    """Whether ``argv`` (without the program name) only launches the app: no subcommand,
    no help. Then the subcommands are not attached — importing their nine modules was
    a tenth of collab's start-up over bare Textual's (issue 20)."""
    takes_value = False
    for arg in argv:
        if takes_value:
            takes_value = False
        elif arg in _VALUE_OPTIONS:
            takes_value = True
        elif arg in ("-h", "--help") or not arg.startswith("-"):
            return False
    return True


def main() -> None:
    """Entry point: run the CLI, turning expected failures into one-line errors."""
    import os

    from collabtui.cli.shell import COMPLETE_VAR

    completing = bool(os.environ.get(COMPLETE_VAR))
    if completing or not launches_app(sys.argv[1:]):
        _register()
    if completing:  # the shell asks for completions (collab completion)
        from typer._completion_classes import completion_init

        completion_init()
    try:
        _app(prog_name="collab", complete_var=COMPLETE_VAR)
    except (CliError, StoreError, config_mod.ConfigError) as exc:
        from collabtui.text import clean

        # The reason may quote user text (a code, a path): one line, no control characters.
        typer.echo(t("cli.error_line", reason=clean(exc, single_line=True)), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: never a traceback with user data, never exit 0 or 1
        from collabtui import crash

        command = " ".join(a for a in sys.argv[1:2] if not a.startswith("-")) or "collab"
        secrets = _secrets()
        report = crash.write_report(exc, where=f"command {command}", secrets=secrets)
        typer.echo(f"collab: {crash.one_line(exc, report, t, secrets)}", err=True)
        sys.exit(crash.CRASH_STATUS)


def _secrets() -> tuple[str, ...]:
    """The store's URL as given (it may carry a password), to mask in a crash report."""
    import os

    found = [os.environ.get("COLLAB_DB", "")]
    argv = sys.argv
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            found.append(argv[i + 1])
        elif arg.startswith("--db="):
            found.append(arg[5:])
    return tuple(s for s in found if s)


__all__ = ["CliError", "Settings", "app", "main"]
