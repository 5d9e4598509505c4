"""``collab db …``: schema maintenance."""

from __future__ import annotations

import typer

from collabtui.i18n import t
from collabtui.store.location import describe

db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Upgrade the store's schema to this release (an older SQLite file is backed up first)."""
    settings = ctx.find_root().obj
    from collabtui.store.engine import current_revision

    store = settings.open_store()
    try:
        typer.echo(
            t(
                "cli.db_current",
                where=describe(settings.url),
                revision=current_revision(store.engine),
            )
        )
    finally:
        store.close()


def _register_permissions() -> None:
    from collabtui.cli.permissions import register

    register(db_app)


_register_permissions()
