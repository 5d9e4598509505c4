"""Typer's own words and collab's help texts in the user's language.

Typer carries its own copy of Click (``typer._click``). Its words reach the user three ways,
and each is put through the catalogues (keys ``click.*``) when the language is not English:

- ``typer.core`` looks up "Options", "Commands", "Arguments", "default", "required", "No such
  command" through :func:`gettext.gettext`, bound there as ``_``: :func:`install` points that
  name at the catalogues;
- the help page's "Usage:" and the help option's "Show this message and exit." are written by
  the help formatter: every command of the tree gets a context whose formatter translates them;
- a usage error ("No such option: --x", "Missing argument 'ID'.") is shown by the error's
  ``show()``: :func:`translate_error` rewrites the message and the hint line.

:func:`translate_help` also swaps the help of every command and option for its catalogue
text (keys ``cli.help.<command path>`` and ``cli.help.<command path>:<parameter>``); the
English catalogue holds the texts the code is written with, and a test keeps them equal.
"""

from __future__ import annotations

import gettext
import re
import sys
from collections.abc import Iterator
from typing import IO, Any

import typer.core
from typer._click.core import Command
from typer._click.core import Context as ClickContext
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer._click.formatting import HelpFormatter
from typer._click.utils import echo

from collabtui import i18n

#: ``gettext`` message ids of ``typer.core`` → catalogue keys.
MESSAGES = {
    "Options": "click.options",
    "Commands": "click.commands",
    "Arguments": "click.arguments",
    "Aborted!": "click.aborted",
    "Missing command.": "click.missing_command",
    "No such command {name!r}.": "click.no_such_command",
    "default: {default}": "click.default",
    "required": "click.required",
    "env var: {var}": "click.env_var",
    "(dynamic)": "click.dynamic",
}

#: Usage-error messages of ``typer._click`` (matched whole) → catalogue keys.
ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), key)
    for pattern, key in (
        (r"No such option: (?P<name>\S+)", "click.no_such_option"),
        (r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)", "click.extra_args"),
        (r"Option '(?P<name>[^']+)' requires (?:an argument|\d+ arguments)\.", "click.needs_value"),
        (r"Option '(?P<name>[^']+)' does not take a value\.", "click.takes_no_value"),
        (r"Missing argument '(?P<name>[^']+)'\.", "click.missing_argument"),
        (r"Missing option '(?P<name>[^']+)'\.", "click.missing_option"),
        (r"Missing parameter: (?P<name>\S+)", "click.missing_option"),
        (r"Invalid value for (?P<name>.+?): (?P<reason>.*)", "click.invalid_value_for"),
        (r"Invalid value: (?P<reason>.*)", "click.invalid_value"),
        (r"'(?P<value>.*)' is not a valid integer\.", "click.not_an_integer"),
        (r"'(?P<value>.*)' is not a valid float\.", "click.not_a_number"),
        (r"'(?P<value>.*)' is not one of (?P<choices>.*)\.", "click.not_choice"),
        (r"'(?P<value>.*)' is not (?P<choices>'.*')\.", "click.not_choice"),
        (r"(?P<value>.+) is not in the range (?P<range>.+)\.", "click.not_in_range"),
        (r"Missing command\.", "click.missing_command"),
        (r"No such command '(?P<name>.*)'\.", "click.no_such_command_named"),
    )
)
_SUGGESTION = re.compile(
    r"\s*(?:\(Possible options: (?P<options>[^)]*)\)|Did you mean (?P<one>\S+)\?)$"
)


def _gettext(message: str) -> str:
    key = MESSAGES.get(message)
    return i18n.t(key) if key else message


def install(lang: str) -> None:
    """Make Typer's own words speak ``lang`` (English: its own words again)."""
    english = i18n.normalize(lang) == "en"
    typer.core._ = gettext.gettext if english else _gettext


def translate_error(message: str) -> str:
    """A usage error's message in the current language (unknown shapes stay as they are)."""
    suggestion = ""
    found = _SUGGESTION.search(message)
    if found:
        message = message[: found.start()]
        options = found.group("options") or found.group("one")
        suggestion = i18n.t("click.possible_options", options=options)
    for pattern, key in ERRORS:
        match = pattern.fullmatch(message)
        if match:
            fields = match.groupdict()
            if "reason" in fields:
                fields["reason"] = translate_error(fields["reason"])
            return i18n.t(key, **fields) + suggestion
    return message + suggestion


def _show(error: UsageError, file: IO[Any] | None = None) -> None:
    """``UsageError.show`` in the current language: usage, hint, error."""
    stream = file if file is not None else sys.stderr
    ctx = error.ctx
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            option = ctx.help_option_names[0]
            hint = i18n.t("click.try_help", command=ctx.command_path, option=option) + "\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=stream, color=ctx.color)
    echo(i18n.t("click.error", message=translate_error(error.format_message())), file=stream)


def speak(error: BaseException) -> None:
    """Let a usage error show itself in the current language (no change in English)."""
    if isinstance(error, NoArgsIsHelpError):  # shows the help page, already translated
        return
    if isinstance(error, UsageError) and i18n.current_language() != "en":
        error.show = lambda file=None: _show(error, file)  # type: ignore[method-assign]


#: Characters a line never starts with (closing punctuation stays with the word before it).
_NO_LINE_START = set("，。、；：？！）》」』】”’,.;:?!)%")
_TOKEN = re.compile(
    r"\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+"
)


def _cells(text: str) -> int:
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def wrap_cells(text: str, width: int, indent: str = "", subsequent: str = "") -> str:
    """``text`` wrapped to ``width`` terminal cells: Chinese breaks between any two characters
    (never before closing punctuation), other words at spaces; paragraphs (blank lines) kept,
    line breaks inside a paragraph joined."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        tokens: list[tuple[str, bool]] = []  # (token, a space before it)
        space = ""
        for token in _TOKEN.findall(paragraph):
            if token.isspace():
                space = token
                continue
            if tokens and token in _NO_LINE_START:
                tokens[-1] = (tokens[-1][0] + token, tokens[-1][1])
            else:
                # A line break of the source beside a wide character joins without a space.
                wide = bool(tokens) and (_cells(tokens[-1][0][-1]) == 2 or _cells(token[0]) == 2)
                tokens.append((token, bool(space) and not ("\n" in space and wide)))
            space = ""
        line, prefix = "", indent
        for token, spaced in tokens:
            gap = " " if spaced and line else ""
            if line and _cells(prefix + line + gap + token) > width:
                out.append(prefix + line)
                line, prefix, gap = "", subsequent, ""
            line += gap + token
        out.append(prefix + line)
        out.append("")
    return "\n".join(out[:-1])


class Formatter(HelpFormatter):
    """The help formatter that writes "Usage:" and the help option in the current language,
    and wraps Chinese text by terminal cells (Click counts characters, which are two cells)."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_cells(text, self.width, indent, indent) + "\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, i18n.t("click.usage") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{i18n.t('click.heading', name=heading)}\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        own = "Show this message and exit."
        rows = [(a, i18n.t("click.help_option") if b == own else b) for a, b in rows]
        first_col = min(max((_cells(a) for a, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            width = max(self.width - first_col - self.current_indent, 10)
            lines = wrap_cells(second, width).splitlines() or [""]
            pad = " " * (first_col + self.current_indent)
            self.write("\n".join([lines[0], *(pad + line for line in lines[1:])]) + "\n")


class Context(ClickContext):
    """A command's context with the translating formatter."""

    formatter_class = Formatter


def walk(command: Command, path: str = "collab") -> Iterator[tuple[str, Any]]:
    """``(key, command or parameter)`` for every help text of ``command``'s tree."""
    yield f"cli.help.{path}", command
    for param in command.params:
        if getattr(param, "help", None):
            yield f"cli.help.{path}:{param.name}", param
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, f"{path}.{name}")


def translate_help(command: Command, lang: str) -> None:
    """Put the ``lang`` help texts on ``command``'s tree (English: left as written)."""
    code = i18n.normalize(lang)
    if code == "en":
        return
    messages = i18n.catalogue(code)
    for key, item in walk(command):
        if isinstance(item, Command):
            item.context_class = Context
        text = messages.get(key)
        if text is None:
            continue
        item.help = text
        if isinstance(item, Command):
            item.short_help = text.split("\n", 1)[0]
