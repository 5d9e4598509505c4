"""``collab task …``: the daily sync from a shell or a cron job.

Every change goes through the same store method as the app's form or key (the daily
update is :meth:`add_task_update`, like ``u`` on the board; a status is a move to the
end of that column, like ``[``/``]``), so it keeps the same rules, lands in the change
log under the configured user and is undone by ``ctrl+z`` in the app. A refused value
is one line naming the option and exit status 2, as every bad input of the CLI.
"""

from __future__ import annotations

from datetime import date

import typer

from collabtui.cli import CliError
from collabtui.cli.output import plain_option, print_json, print_table
from collabtui.domain.enums import Priority, TaskStatus
from collabtui.domain.errors import ValidationError
from collabtui.i18n import label_value, t

task_app = typer.Typer(help="List, show, add and update tasks (the daily sync).")

TASK_STATUSES = tuple(s.value for s in TaskStatus)
PRIORITIES = tuple(p.value for p in Priority)

#: The option a store field is typed into, to name it in a refusal.
OPTION_OF = {
    "title": "--title",
    "code": "--code",
    "owner_id": "--owner",
    "start_on": "--start",
    "due_on": "--due",
    "progress": "--progress",
    "status": "--status",
    "priority": "--priority",
    "deliverable": "--deliverable",
    "quality_standard": "--quality",
    "done": "--note",
    "on": "--on",
    "type": "--type",
    "level": "--level",
    "threatened_on": "--threatens",
    "raised_by_id": "--raised-by",
    "task_ids": "--task",
    "department_ids": "--department",
}


def _settings(ctx: typer.Context):
    return ctx.find_root().obj


class _Session:
    """The store the command opens, closed on the way out; store refusals name the option."""

    def __init__(self, ctx: typer.Context):
        self.settings = _settings(ctx)

    def __enter__(self):
        self.store = self.settings.open_store()
        return self.store

    def __exit__(self, kind, error, tb) -> None:
        self.store.close()
        if isinstance(error, ValidationError) and error.field in OPTION_OF:
            raise CliError(f"{OPTION_OF[error.field]}: {error.message()}") from None


def _choice(option: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    found = value.strip().lower().replace("-", "_")
    if found not in choices:
        raise CliError(t("cli.err.choice", option=option, value=value, choices=", ".join(choices)))
    return found


def _day(option: str, value: str | None, today: date) -> date | None:
    from collabtui.domain.inputs import parse_day

    if value is None:
        return None
    try:
        return parse_day(value, "day", today)
    except ValidationError as exc:
        raise CliError(f"{option}: {exc.message()}") from None


def _person(store, name: str, option: str) -> int:
    """The active person called exactly ``name``; else an error naming who was meant."""
    people = store.people()
    wanted = name.strip()
    exact = [p for p in people if p.name == wanted]
    if len(exact) == 1:
        return exact[0].id
    near = exact or [p for p in people if wanted and wanted.casefold() in p.name.casefold()]
    if not near:
        raise CliError(t("cli.err.no_person", option=option, name=name))
    names = ", ".join(sorted(p.name for p in near))
    raise CliError(t("cli.err.person_ambiguous", option=option, name=name, names=names))


def find_task(store, key: str):
    """The task ``key`` names: ``CODE`` (unique in the store) or ``PROJECT/CODE``."""
    project, _, code = key.strip().rpartition("/")
    rows = store.task_rows(project or None)
    found = [r for r in rows if r.code.casefold() == code.casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise CliError(t("cli.err.no_task", code=key))
    options = ", ".join(f"{r.project_code}/{r.code}" for r in found)
    raise CliError(t("cli.err.task_ambiguous", code=key, options=options))


def task_json(row) -> dict:
    """A task as ``--json`` prints it (every 表3 field; updates when read one by one)."""
    out = {
        "id": row.id,
        "version": row.version,
        "project": row.project_code,
        "code": row.code,
        "title": row.title,
        "owner": row.owner,
        "owner_department": row.owner_department,
        "status": row.status,
        "progress": row.progress,
        "priority": row.priority,
        "start": row.start_on.isoformat() if row.start_on else None,
        "due": row.due_on.isoformat() if row.due_on else None,
        "deliverable": row.deliverable,
        "quality_standard": row.quality_standard,
        "supports": [
            {"department": s.department, "duty": s.duty, "contact": s.contact} for s in row.supports
        ],
    }
    if row.updates:
        out["updates"] = [
            {
                "on": u.on.isoformat(),
                "author": u.author,
                "progress": u.progress,
                "done": u.done,
                "problems": u.problems,
            }
            for u in row.updates
        ]
    return out


# ---------------------------------------------------------------------- task


@task_app.command("list")
def task_list(
    ctx: typer.Context,
    project: str | None = typer.Option(None, "--project", metavar="PROJECT", help="Id or code."),
    owner: str | None = typer.Option(None, "--owner", metavar="NAME", help="Owner's name."),
    status: str | None = typer.Option(
        None, "--status", metavar="|".join(TASK_STATUSES), help="Only this status."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array."),
    plain: bool = plain_option(),
) -> None:
    """List tasks (表3) by project and code."""
    wanted = _choice("--status", status, TASK_STATUSES)
    with _Session(ctx) as store:
        rows = store.task_rows(project)
    if owner is not None:
        rows = [r for r in rows if owner.strip().casefold() in r.owner.casefold()]
    if wanted is not None:
        rows = [r for r in rows if r.status == wanted]
    if as_json:
        print_json([task_json(r) for r in rows])
        return
    if not rows:
        typer.echo(t("cli.no_tasks"))
        return
    print_table(
        [
            t("col.project"),
            t("col.code"),
            t("col.title"),
            t("col.owner"),
            t("col.status"),
            t("col.progress"),
            t("col.due"),
        ],
        [
            [
                r.project_code,
                r.code,
                r.title,
                r.owner,
                label_value("TaskStatus", r.status),
                f"{r.progress}%",
                r.due_on.isoformat() if r.due_on else "",
            ]
            for r in rows
        ],
        plain=plain,
    )


@task_app.command("show")
def task_show(
    ctx: typer.Context,
    code: str = typer.Argument(..., metavar="CODE", help="T-04, or PROJECT/T-04."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON object."),
) -> None:
    """One task with every field and its daily updates, newest first."""
    from collabtui.text import for_terminal

    with _Session(ctx) as store:
        row = store.task_row(find_task(store, code).id)
    if as_json:
        print_json(task_json(row))
        return
    from collabtui.export.task import render_task_md

    typer.echo(for_terminal(render_task_md(row)), nl=False)


@task_app.command("add")
def task_add(
    ctx: typer.Context,
    project: str = typer.Argument(..., metavar="PROJECT", help="The project's id or code."),
    title: str = typer.Option(..., "--title", help="What is to be done."),
    owner: str = typer.Option(..., "--owner", metavar="NAME", help="The one owner."),
    code: str | None = typer.Option(None, "--code", help="Default: the next in the series."),
    start: str | None = typer.Option(None, "--start", metavar="YYYY-MM-DD", help="Start date."),
    due: str | None = typer.Option(None, "--due", metavar="YYYY-MM-DD", help="Due date."),
    deliverable: str = typer.Option("", "--deliverable", help="What it delivers."),
    quality: str = typer.Option("", "--quality", help="The quality standard."),
    priority: str = typer.Option("normal", "--priority", metavar="|".join(PRIORITIES)),
    as_json: bool = typer.Option(False, "--json", help="Print the new task as JSON."),
) -> None:
    """Add a task (at the end of the to-do column)."""
    settings = _settings(ctx)
    today = settings.clock.today()
    fields = {
        "title": title,
        "code": code or "",
        "start_on": _day("--start", start, today),
        "due_on": _day("--due", due, today),
        "deliverable": deliverable,
        "quality_standard": quality,
        "priority": _choice("--priority", priority, PRIORITIES),
    }
    with _Session(ctx) as store:
        fields["owner_id"] = _person(store, owner, "--owner")
        task = store.create_task(project, **fields)
        row = store.task_row(task.id)
    _done(row, "cli.task_added", as_json)


@task_app.command("update")
def task_update(
    ctx: typer.Context,
    code: str = typer.Argument(..., metavar="CODE", help="T-04, or PROJECT/T-04."),
    progress: str | None = typer.Option(None, "--progress", metavar="0-100", help="Percent."),
    status: str | None = typer.Option(None, "--status", metavar="|".join(TASK_STATUSES)),
    note: str | None = typer.Option(None, "--note", help="What was done today (the daily log)."),
    problems: str = typer.Option("", "--problems", help="Problems met (the daily log)."),
    on: str | None = typer.Option(None, "--on", metavar="YYYY-MM-DD", help="Default: today."),
    if_version: int | None = typer.Option(
        None, "--if-version", metavar="N", help="Refuse if the task changed since version N."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the task as JSON."),
) -> None:
    """The daily update: progress and a note into the task's log, and/or a new status.

    With --note (or --problems) the progress goes into the daily log like u on
    the board; --progress alone corrects the task's progress; --status moves the card
    to the end of that column (done and accepted set 100 %).
    """
    from collabtui.domain.errors import ConflictError
    from collabtui.domain.inputs import parse_progress

    settings = _settings(ctx)
    today = settings.clock.today()
    wanted = _choice("--status", status, TASK_STATUSES)
    day = _day("--on", on, today) or today
    percent = None
    if progress is not None:
        try:
            percent = parse_progress(progress)
        except ValidationError as exc:
            raise CliError(f"--progress: {exc.message()}") from None
    logged = note is not None or problems.strip()
    if percent is None and wanted is None and not logged:
        raise CliError(t("cli.err.nothing_to_update"))
    with _Session(ctx) as store:
        row = find_task(store, code)
        if if_version is not None and if_version != row.version:
            raise ConflictError("task", row.id, if_version, row.version)
        if logged:
            store.add_task_update(
                row.id,
                on=day,
                progress=row.progress if percent is None else percent,
                done=note or "",
                problems=problems,
                author_id=row.owner_id,
            )
        elif percent is not None and percent != row.progress:
            store.edit_task(row.id, row.version, progress=percent)
        if wanted is not None and wanted != row.status:
            current = store.task_row(row.id)
            store.move_task(current.id, current.version, wanted, to_end=True)
        row = store.task_row(row.id)
    _done(row, "cli.task_updated", as_json)


def _done(row, key: str, as_json: bool) -> None:
    if as_json:
        print_json(task_json(row))
        return
    from collabtui.text import for_terminal

    status = label_value("TaskStatus", row.status)
    typer.echo(
        for_terminal(
            t(key, code=f"{row.project_code}/{row.code}", title=row.title, status=status)
            + f" ({row.progress}%)"
        )
    )


def register(app: typer.Typer) -> None:
    """Attach ``task`` to the root app."""
    app.add_typer(task_app, name="task")
