"""Shell conventions: ``collab completion SHELL`` and ``collab help [COMMAND…]``.

Completion costs other commands nothing: the completion request itself (the
``_COLLAB_COMPLETE`` variable the generated script sets) is answered by Typer before
any command runs, and that check is one environment lookup Typer makes anyway.
"""

from __future__ import annotations

import typer

from collabtui.cli import CliError
from collabtui.i18n import t

SHELLS = ("bash", "zsh", "fish")
#: The variable the generated scripts set when they ask ``collab`` for completions.
COMPLETE_VAR = "_COLLAB_COMPLETE"


def completion(
    shell: str = typer.Argument(..., metavar="bash|zsh|fish", help="Your shell."),
) -> None:
    """Print the shell's completion script; e.g. `eval "$(collab completion bash)"`."""
    from typer._completion_shared import get_completion_script

    name = shell.strip().lower()
    if name not in SHELLS:
        raise CliError(t("cli.err.choice", option="SHELL", value=shell, choices=", ".join(SHELLS)))
    typer.echo(get_completion_script(prog_name="collab", complete_var=COMPLETE_VAR, shell=name))


_COMMAND_WORDS = typer.Argument(None, metavar="[COMMAND]...", help="e.g. task update")


def help_command(ctx: typer.Context, command: list[str] | None = _COMMAND_WORDS) -> None:
    """Show the help of collab or of one of its commands."""
    root = ctx.find_root()
    group = root.command
    path = [root.info_name or "collab"]
    sub_ctx = root
    for word in command or ():
        found = group.get_command(sub_ctx, word) if hasattr(group, "get_command") else None
        if found is None:
            raise CliError(t("cli.err.no_command", name=" ".join([*path[1:], word])))
        path.append(word)
        sub_ctx = found.make_context(word, ["--help"], parent=sub_ctx, resilient_parsing=True)
        group = found
    typer.echo(group.get_help(sub_ctx))


def register(app: typer.Typer) -> None:
    """Attach ``completion`` and ``help`` to the root app."""
    app.command("completion")(completion)
    app.command("help")(help_command)
