"""Undo and redo: a change row may name the transaction it reverts; intents are
indexed, so finding the last bulk load does not read the whole log.

Revision ID: 0004_change_reverts
Revises: 0003_phase_one
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_change_reverts"
down_revision = "0003_phase_one"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("change") as batch_op:
        batch_op.add_column(sa.Column("reverts", sa.String(), nullable=True))
    op.create_index("ix_change_reverts", "change", ["reverts"])
    op.create_index("ix_change_intent", "change", ["intent"])


def downgrade() -> None:
    op.drop_index("ix_change_intent", table_name="change")
    op.drop_index("ix_change_reverts", table_name="change")
    with op.batch_alter_table("change") as batch_op:
        batch_op.drop_column("reverts")
