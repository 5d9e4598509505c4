"""``collab risk raise``: a risk warning (《风险预警表》) from a shell, as ``n`` in the register.

The same store method as the form (:meth:`raise_risk`), so the same rules and
messages; raised now, flagged late when less than 24 hours ahead of the date it
threatens. With a group chat configured, the warning is posted to its project's
groups through the outbox, as the app does (exit status 2 when a server refused it).
"""

from __future__ import annotations

import typer

from collabtui.cli import CliError
from collabtui.cli.output import print_json
from collabtui.cli.tasks import _choice, _day, _person, _Session, _settings, find_task
from collabtui.domain.enums import RiskLevel, RiskType
from collabtui.i18n import t

risk_app = typer.Typer(help="Raise risk warnings.")

RISK_TYPES = tuple(k.value for k in RiskType)
RISK_LEVELS = tuple(level.value for level in RiskLevel)


def _department(store, name: str) -> int:
    wanted = name.strip().casefold()
    for d in store.departments():
        if d.name.casefold() == wanted:
            return d.id
    raise CliError(f"--department: {t('task.err.unknown_department', name=name)}")


_TASKS_OPTION = typer.Option(None, "--task", metavar="CODE", help="Affected task (repeat).")
_DEPARTMENTS_OPTION = typer.Option(
    None, "--department", metavar="NAME", help="Affected department (repeat)."
)


@risk_app.command("raise")
def risk_raise(
    ctx: typer.Context,
    project: str = typer.Argument(..., metavar="PROJECT", help="The project's id or code."),
    title: str = typer.Option(..., "--title", help="The risk in a line."),
    kind: str = typer.Option(..., "--type", metavar="|".join(RISK_TYPES), help="The kind of risk."),
    level: str = typer.Option(
        ..., "--level", metavar="|".join(RISK_LEVELS), help="How serious it is."
    ),
    threatens: str = typer.Option(
        ..., "--threatens", metavar="YYYY-MM-DD", help="The date the risk threatens."
    ),
    impact: str = typer.Option("", "--impact", help="What it would do."),
    solution: str = typer.Option("", "--solution", help="The proposed solution."),
    tasks: list[str] | None = _TASKS_OPTION,
    departments: list[str] | None = _DEPARTMENTS_OPTION,
    raised_by: str | None = typer.Option(
        None, "--raised-by", metavar="NAME", help="Who raises it: a person of the directory."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the warning as JSON."),
) -> None:
    """Raise a risk warning (《风险预警表》), now; late if less than 24 hours ahead."""
    settings = _settings(ctx)
    fields = {
        "title": title,
        "type": _choice("--type", kind, RISK_TYPES),
        "level": _choice("--level", level, RISK_LEVELS),
        "impact": impact,
        "solution": solution,
        "threatened_on": _day("--threatens", threatens, settings.clock.today()),
    }
    with _Session(ctx) as store:
        if raised_by is not None:
            fields["raised_by_id"] = _person(store, raised_by, "--raised-by")
        task_ids = [find_task(store, f"{project}/{code}").id for code in tasks or ()]
        department_ids = [_department(store, name) for name in departments or ()]
        risk = store.raise_risk(
            project,
            raised_at=settings.clock.now(),
            task_ids=task_ids,
            department_ids=department_ids,
            **fields,
        )
        row = next(r for r in store.risk_rows(project, tz=settings.clock.tz) if r.id == risk.id)
        posted, why_not = _post(store, settings, risk.id)
    if why_not:
        typer.echo(why_not, err=True)
    if as_json:
        print_json(
            {
                "id": row.id,
                "project": row.project_code,
                "title": row.title,
                "type": row.type,
                "level": row.level,
                "status": row.status,
                "threatened_on": row.threatened_on.isoformat() if row.threatened_on else None,
                "late": row.late,
                "posted": [{"id": e.id, "channel": e.channel, "status": e.status} for e in posted],
            }
        )
    else:
        from collabtui.text import for_terminal

        typer.echo(for_terminal(t("cli.risk_raised", project=row.project_code, title=row.title)))
        if row.late:
            typer.echo(for_terminal(t("cli.risk_late")), err=True)
    if posted:
        from collabtui.cli.send import _report

        _report(posted, settings.config, quiet=as_json)


def _post(store, settings, risk_id: int) -> tuple[list, str]:
    """Post the new warning to its project's group chats, as the app's risk form does
    (the same outbox and service); ``(messages, "")`` or ``([], why nothing was posted)``."""
    config = settings.config
    if not config.chats:
        return [], ""
    from collabtui.services import sending
    from collabtui.services.messages import NothingToSend, risk_drafts

    try:
        drafts = risk_drafts(store, config.chats, risk_id, settings.lang, settings.clock.tz)
    except NothingToSend as exc:
        return [], exc.message(t)
    sending.queue(store, drafts)
    return sending.deliver(store, config, now=settings.clock.now().replace(microsecond=0)), ""


def register(app: typer.Typer) -> None:
    """Attach ``risk`` to the root app."""
    app.add_typer(risk_app, name="risk")
