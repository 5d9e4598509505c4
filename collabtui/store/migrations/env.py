"""Alembic environment: runs on the connection the store hands over."""

from alembic import context
from sqlmodel import SQLModel

import collabtui.store.models  # noqa: F401  (registers every table on the metadata)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("collab migrations run through the store: use `collab db upgrade`")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
