"""One language for everything ``collab`` prints: ``--lang`` anywhere on the command line,
else the config file's ``lang``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).

The language is settled before Click parses anything, so the help texts, Click's own words
("Usage:", "No such option"), the errors and every listing or document agree. ``--lang`` is
taken out of the arguments wherever it stands (``collab meetings --lang zh-CN`` works like
``collab --lang zh-CN meetings``); everything after ``--`` is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from typer._click.exceptions import UsageError
from typer.core import TyperGroup

from collabtui import config as config_mod
from collabtui import i18n, paths

OPTION = "--lang"
_CLICK_TEXT = "collabtui.cli.click_text"


@dataclass
class Preflight:
    """What was decided before parsing: the language and the config file (or its error)."""

    lang: str
    config: config_mod.Config | None
    config_error: config_mod.ConfigError | None


def split_lang(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """The last ``--lang`` value in ``args`` (``None``: none given) and the other arguments.

    A ``--lang`` with no value after it is left in place for Click to report.
    """
    value: str | None = None
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg.startswith(OPTION + "="):
            value = arg[len(OPTION) + 1 :]
        elif arg == OPTION and i + 1 < len(args):
            value = args[i + 1]
            i += 1
        else:
            rest.append(arg)
        i += 1
    return value, rest


def resolve(value: str | None, environ: dict[str, str] | None = None) -> Preflight:
    """The language ``value`` (from ``--lang``), the config file and the locale decide.

    A broken config file does not stop this: its error is kept for the command to report,
    in the language of ``--lang`` or the locale. An unknown ``--lang`` raises
    :class:`collabtui.cli.CliError` in the language the config file or locale gives.
    """
    config: config_mod.Config | None = None
    error: config_mod.ConfigError | None = None
    try:
        config = config_mod.load(paths.config_file())
    except config_mod.ConfigError as exc:
        error = exc
    fallback = (config.lang if config else None) or i18n.from_locale(environ)
    try:
        lang = fallback if value is None else i18n.normalize(value)
    except i18n.UnknownLanguage:
        from collabtui.cli import CliError

        i18n.set_language(fallback)
        choices = ", ".join(i18n.LANGUAGES)
        reason = i18n.t("cli.err.unknown_lang", value=value, choices=choices)
        raise CliError(f"{OPTION}: {reason}") from None
    if error is not None:  # read it again to say what is wrong in the language just settled
        i18n.set_language(lang)
        try:
            config_mod.load(paths.config_file())
        except config_mod.ConfigError as exc:
            error = exc
    return Preflight(lang, config, error)


class LanguageGroup(TyperGroup):
    """The root command: settles the language, then translates Click and the help texts."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        import sys

        value, remaining = split_lang(sys.argv[1:] if args is None else list(args))
        if _version_only(remaining):  # says nothing in a language: no config, no catalogue
            extra.setdefault("obj", Preflight(i18n.current_language(), None, None))
            return super().main(remaining, *rest, **extra)
        preflight = resolve(value)
        i18n.set_language(preflight.lang)
        if preflight.lang != "en" or _CLICK_TEXT in sys.modules:  # English: Typer's own words
            from collabtui.cli import click_text

            click_text.install(preflight.lang)
            click_text.translate_help(self, preflight.lang)
        extra.setdefault("obj", preflight)
        return super().main(remaining, *rest, **extra)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except Exception as exc:
            _speak(exc)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            _speak(exc)
            raise


def _version_only(args: Sequence[str]) -> bool:
    """True when ``--version`` comes before any subcommand (it prints and exits at once)."""
    for arg in args:
        if arg == "--version":
            return True
        if not arg.startswith("-"):
            return False
    return False


def _speak(error: BaseException) -> None:
    """A usage error shows itself in the current language (``typer.Exit`` passes by)."""
    if isinstance(error, UsageError) and i18n.current_language() != "en":
        from collabtui.cli.click_text import speak

        speak(error)
