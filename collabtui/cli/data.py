"""Headless commands about what is stored and where: demo, projects, meetings, locate."""

from __future__ import annotations

import json

import typer

from collabtui import paths
from collabtui.cli.output import plain_option, print_table
from collabtui.i18n import formats, label_value, t
from collabtui.store.location import describe, mask_url


def _settings(ctx: typer.Context):
    return ctx.find_root().obj


def _dashboard_rows(settings):
    """Project summaries; a current SQLite file is read without loading the ORM."""
    from collabtui.store.location import sqlite_path
    from collabtui.store.quick import dashboard_rows, preflight

    path = sqlite_path(settings.url)
    if path is not None and preflight(path, writable=False).current:
        return dashboard_rows(path, settings.clock.today())
    store = settings.open_store()
    try:
        return store.dashboard(settings.clock.today())
    finally:
        store.close()


def _json(value: object) -> None:
    from collabtui.text import for_terminal

    typer.echo(for_terminal(json.dumps(value, ensure_ascii=False, indent=2)))


def demo(
    ctx: typer.Context,
    force: bool = typer.Option(
        False, "--force", help="Replace a non-empty store (backed up first)."
    ),
) -> None:
    """Load the demo projects into the store."""
    store = _settings(ctx).open_store()
    try:
        counts = store.load_demo(clock=_settings(ctx).clock, force=force)
        backup = getattr(store, "last_backup", None)
    finally:
        store.close()
    if backup:
        typer.echo(t("cli.backup_made", path=backup))
    typer.echo(
        t(
            "cli.demo_loaded",
            projects=counts.get("project", 0),
            tasks=counts.get("task", 0),
            meetings=counts.get("meeting", 0),
        )
    )


def projects(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array."),
    plain: bool = plain_option(),
) -> None:
    """List projects with their phase and open work."""
    rows = _dashboard_rows(_settings(ctx))
    if as_json:
        _json(
            [
                {
                    "id": r.id,
                    "code": r.code,
                    "topic": r.topic,
                    "phase": r.phase,
                    "requesting_department": r.requesting_department,
                    "open_tasks": r.open_tasks,
                    "overdue_tasks": r.overdue_tasks,
                    "open_risks": r.open_risks,
                }
                for r in rows
            ]
        )
        return
    if not rows:
        typer.echo(t("cli.no_projects"))
        return
    print_table(
        [
            t("col.code"),
            t("col.topic"),
            t("col.requesting"),
            t("col.phase"),
            t("col.open_tasks"),
            t("col.open_risks"),
        ],
        [
            [
                r.code,
                r.topic,
                r.requesting_department,
                label_value("Phase", r.phase),
                str(r.open_tasks),
                str(r.open_risks),
            ]
            for r in rows
        ],
        plain=plain,
    )


def meetings(
    ctx: typer.Context,
    project: str | None = typer.Option(None, "--project", metavar="PROJECT", help="Id or code."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array."),
    plain: bool = plain_option(),
) -> None:
    """List meetings by start time."""
    settings = _settings(ctx)
    tz = settings.clock.tz
    store = settings.open_store()
    try:
        rows = store.meetings(project)
    finally:
        store.close()
    if as_json:
        _json(
            [
                {
                    "id": m.id,
                    "project": m.project_code,
                    "kind": m.kind,
                    "title": m.title,
                    "start": m.start_at.astimezone(tz).isoformat(timespec="minutes"),
                    "duration_min": m.duration_min,
                }
                for m in rows
            ]
        )
        return
    if not rows:
        typer.echo(t("cli.no_meetings"))
        return
    print_table(
        [t("col.id"), t("col.project"), t("col.kind"), t("col.title"), t("col.start")],
        [
            [
                str(m.id),
                m.project_code,
                label_value("MeetingKind", m.kind),
                m.title,
                formats.datetime(m.start_at, tz),
            ]
            for m in rows
        ],
        plain=plain,
    )


def locate(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON object."),
) -> None:
    """Print where the config, the data and the database are."""
    settings = _settings(ctx)
    zone = settings.clock.tz
    zone_name = str(getattr(zone, "key", None) or zone)
    if as_json:
        _json(
            {
                "config": str(paths.config_file()),
                "data": str(paths.data_dir()),
                "database": describe(settings.url),
                "url": mask_url(settings.url),
                "timezone": zone_name,
                "timezone_source": "config" if settings.config.timezone else "system",
                "channels": _channels_shown(settings.config),
            }
        )
        return
    typer.echo(f"{t('cli.config')}: {paths.config_file()}")
    typer.echo(f"{t('cli.data')}: {paths.data_dir()}")
    typer.echo(f"{t('cli.database')}: {describe(settings.url)}")
    typer.echo(f"{t('cli.url')}: {mask_url(settings.url)}")
    source = t("cli.timezone_config") if settings.config.timezone else t("cli.timezone_system")
    typer.echo(f"{t('cli.timezone')}: {zone_name} ({source})")
    for name, shown in _channels_shown(settings.config).items():
        typer.echo(f"{name}: {shown}")


def _channels_shown(config) -> dict[str, str]:
    """The mail server and the group-chat robots as they may be printed: secrets masked."""
    out = {}
    if config.mail is not None:
        out[t("cli.channel_mail")] = f"{config.mail.shown()} ({config.mail.sender})"
    for chat in config.chats.values():
        secret = (
            t("cli.secret_from", source=chat.secret_source) if chat.secret else t("cli.no_secret")
        )
        projects = ", ".join(chat.projects) or t("cli.all_projects")
        out[t("cli.channel_chat", name=chat.name)] = (
            f"{chat.kind} {chat.shown()} ({secret}; {projects})"
        )
    return out


def register(app: typer.Typer) -> None:
    """Attach these commands to the root app."""
    app.command()(demo)
    app.command()(projects)
    app.command()(meetings)
    app.command()(locate)
