"""``collab db secure``, ``collab db grant`` and ``collab db revoke``: who may do what
on a shared PostgreSQL server (see :mod:`collabtui.store.permissions`)."""

from __future__ import annotations

import typer

from collabtui.i18n import t
from collabtui.store.location import describe

GROUP_OPTION = typer.Option(
    "collab_member", "--as", metavar="GROUP", help="collab_lead, collab_member or collab_viewer."
)


def _store(ctx: typer.Context):
    return ctx.find_root().obj.open_store()


def secure(ctx: typer.Context) -> None:
    """Set up row-level security, the append-only change log and the grants (as the owner)."""
    from collabtui.store.permissions import secure as run

    store = _store(ctx)
    try:
        run(store.engine)
    finally:
        store.close()
    typer.echo(t("perm.secured", where=describe(ctx.find_root().obj.url)))


def grant(
    ctx: typer.Context,
    role: str = typer.Argument(..., metavar="ROLE", help="The person's database login role."),
    person: str = typer.Option(..., "--person", help="The person: an id or an exact name."),
    group: str = GROUP_OPTION,
) -> None:
    """Link a login role to a person of the directory and give it one group."""
    from collabtui.store.permissions import grant as run

    store = _store(ctx)
    try:
        person_id = run(store.engine, role, person, group)
    finally:
        store.close()
    typer.echo(t("perm.granted", role=role, person=person_id, group=group))


def revoke(
    ctx: typer.Context,
    role: str = typer.Argument(..., metavar="ROLE", help="The login role."),
) -> None:
    """Take every collab group from a login role and unlink it from its person."""
    from collabtui.store.permissions import revoke as run

    store = _store(ctx)
    try:
        run(store.engine, role)
    finally:
        store.close()
    typer.echo(t("perm.revoked", role=role))


def register(app: typer.Typer) -> None:
    """Attach ``secure``, ``grant`` and ``revoke`` to ``collab db``."""
    app.command("secure")(secure)
    app.command("grant")(grant)
    app.command("revoke")(revoke)
