"""The store's own facts, one row each: its id, made once (calendar UIDs name it).

Revision ID: 0006_store_meta
Revises: 0005_outbox
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006_store_meta"
down_revision = "0005_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table(
        "store_meta",
        sa.Column("key", sa.String(length=64), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )
    op.bulk_insert(meta, [{"key": "store_id", "value": uuid.uuid4().hex}])


def downgrade() -> None:
    op.drop_table("store_meta")
