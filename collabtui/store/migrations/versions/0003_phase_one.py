"""Phase one: deliverables, confirmation minutes, commitments; changes know their project.

Revision ID: 0003_phase_one
Revises: 0002_indexes
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_phase_one"
down_revision = "0002_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deliverable",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("quality_standard", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_deliverable_project_id", "deliverable", ["project_id"])
    with op.batch_alter_table("project") as batch_op:
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("confirmation_notes", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("confirmation_meeting_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_project_confirmation",
            "meeting",
            ["confirmation_meeting_id"],
            ["id"],
            ondelete="SET NULL",
        )
    # The free-text deliverables become rows (one per line) with a quality standard.
    bind = op.get_bind()
    deliverable = sa.table(
        "deliverable",
        # Untyped: the project's own stored timestamps are copied as they are.
        sa.column("created_at"),
        sa.column("updated_at"),
        sa.column("version", sa.Integer()),
        sa.column("project_id", sa.Integer()),
        sa.column("position", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("quality_standard", sa.String()),
    )
    rows = []
    for project_id, text, created in bind.execute(
        sa.text("SELECT id, deliverables, created_at FROM project")
    ):
        names = [line.strip() for line in (text or "").replace("；", "\n").splitlines()]
        for position, name in enumerate(n for n in names if n):
            rows.append(
                {
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                    "project_id": project_id,
                    "position": position,
                    "name": name,
                    "quality_standard": "",
                }
            )
    if rows:
        op.bulk_insert(deliverable, rows)
    with op.batch_alter_table("project") as batch_op:
        batch_op.drop_column("deliverables")
    with op.batch_alter_table("change") as batch_op:
        batch_op.add_column(sa.Column("project_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_change_project_id", ["project_id"])
    with op.batch_alter_table("projectdepartment") as batch_op:
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("commitment", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("change") as batch_op:
        batch_op.drop_index("ix_change_project_id")
        batch_op.drop_column("project_id")
    with op.batch_alter_table("projectdepartment") as batch_op:
        batch_op.drop_column("commitment")
        batch_op.drop_column("position")
    with op.batch_alter_table("project") as batch_op:
        batch_op.add_column(
            sa.Column("deliverables", sa.String(), nullable=False, server_default="")
        )
        batch_op.drop_constraint("fk_project_confirmation", type_="foreignkey")
        batch_op.drop_column("confirmation_meeting_id")
        batch_op.drop_column("confirmation_notes")
        batch_op.drop_column("confirmed_at")
    # Deliverable rows go back to one line each in the project's text.
    bind = op.get_bind()
    texts: dict[int, list[str]] = {}
    for project_id, name in bind.execute(
        sa.text("SELECT project_id, name FROM deliverable ORDER BY project_id, position, id")
    ):
        texts.setdefault(project_id, []).append(name)
    for project_id, names in texts.items():
        bind.execute(
            sa.text("UPDATE project SET deliverables = :text WHERE id = :id"),
            {"text": "\n".join(names), "id": project_id},
        )
    op.drop_index("ix_deliverable_project_id", table_name="deliverable")
    op.drop_table("deliverable")
