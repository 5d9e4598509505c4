"""Indexes for the two hottest reads: a record's history and a project's open tasks.

Revision ID: 0002_indexes
Revises: 0001_initial
"""

from alembic import op

revision = "0002_indexes"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_change_record", "change", ["entity", "entity_id", "id"])
    op.create_index("ix_task_project_status", "task", ["project_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_task_project_status", table_name="task")
    op.drop_index("ix_change_record", table_name="change")
