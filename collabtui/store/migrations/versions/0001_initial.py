"""Initial schema: every playbook record, the change log and the SQLite file mark.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-27 03:25:52.974799
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("txn", sa.String(), nullable=False),
        sa.Column("intent", sa.String(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("changes", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_actor"), ["actor"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_entity"), ["entity"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_txn"), ["txn"], unique=False)

    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("external", sa.Boolean(), nullable=False),
        sa.Column("head_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        # Department and person refer to each other: inline on SQLite, added later elsewhere.
        *(
            [
                sa.ForeignKeyConstraint(
                    ["head_id"], ["person.id"], name="fk_department_head", ondelete="SET NULL"
                )
            ]
            if sqlite
            else []
        ),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("chat", sa.String(), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_name"), ["name"], unique=False)

    if not sqlite:  # SQLite got the constraint inline, in create_table above
        op.create_foreign_key(
            "fk_department_head", "department", "person", ["head_id"], ["id"], ondelete="SET NULL"
        )

    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("scenario", sa.String(length=32), nullable=False),
        sa.Column("requesting_department_id", sa.Integer(), nullable=True),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("background", sa.String(), nullable=False),
        sa.Column("business_value", sa.String(), nullable=False),
        sa.Column("deliverables", sa.String(), nullable=False),
        sa.Column("phase", sa.String(length=32), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["lead_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["requesting_department_id"], ["department.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_code"), ["code"], unique=True)
        batch_op.create_index(batch_op.f("ix_project_lead_id"), ["lead_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_phase"), ["phase"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_project_requesting_department_id"),
            ["requesting_department_id"],
            unique=False,
        )

    op.create_table(
        "consultation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("head_id", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("feasibility", sa.String(), nullable=False),
        sa.Column("resource_gaps", sa.String(), nullable=False),
        sa.Column("risks", sa.String(), nullable=False),
        sa.Column("feedback", sa.String(), nullable=False),
        sa.Column("agreed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["head_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "department_id"),
    )
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_consultation_head_id"), ["head_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_consultation_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("metric", sa.String(), nullable=False),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("actual", sa.Float(), nullable=True),
        sa.Column("priority", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_project_id"), ["project_id"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("goal", sa.String(), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("host_id", sa.Integer(), nullable=True),
        sa.Column("recorder_id", sa.Integer(), nullable=True),
        sa.Column("materials", sa.String(), nullable=False),
        sa.Column("notice_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("current_item", sa.Integer(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("minutes_distributed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("distributed_to", sa.String(), nullable=False),
        sa.Column("follow_up_of_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["follow_up_of_id"], ["meeting.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["host_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorder_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_follow_up_of_id"), ["follow_up_of_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_host_id"), ["host_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_recorder_id"), ["recorder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_start_at"), ["start_at"], unique=False)

    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_milestone_project_id"), ["project_id"], unique=False)

    op.create_table(
        "projectdepartment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "department_id"),
    )
    with op.batch_alter_table("projectdepartment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_projectdepartment_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_projectdepartment_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "riskwarning",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("impact", sa.String(), nullable=False),
        sa.Column("solution", sa.String(), nullable=False),
        sa.Column("threatened_on", sa.Date(), nullable=True),
        sa.Column("raised_by_id", sa.Integer(), nullable=True),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["raised_by_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("riskwarning", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_riskwarning_project_id"), ["project_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_riskwarning_raised_by_id"), ["raised_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_riskwarning_status"), ["status"], unique=False)

    op.create_table(
        "signoff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "department_id"),
    )
    with op.batch_alter_table("signoff", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signoff_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_signoff_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_signoff_project_id"), ["project_id"], unique=False)

    op.create_table(
        "agendaitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("timebox_min", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agendaitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agendaitem_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agendaitem_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "person_id"),
    )
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendee_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendee_person_id"), ["person_id"], unique=False)

    op.create_table(
        "retroitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("dimension", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("retroitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retroitem_goal_id"), ["goal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_retroitem_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_retroitem_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_retroitem_project_id"), ["project_id"], unique=False)

    op.create_table(
        "riskdepartment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["risk_id"], ["riskwarning.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("risk_id", "department_id"),
    )
    with op.batch_alter_table("riskdepartment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_riskdepartment_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_riskdepartment_risk_id"), ["risk_id"], unique=False)

    op.create_table(
        "bestpractice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("tags", sa.String(), nullable=False),
        sa.Column("source_project_id", sa.Integer(), nullable=True),
        sa.Column("source_retro_item_id", sa.Integer(), nullable=True),
        sa.Column("source_on", sa.Date(), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["source_project_id"], ["project.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["source_retro_item_id"], ["retroitem.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bestpractice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bestpractice_source_project_id"), ["source_project_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bestpractice_source_retro_item_id"),
            ["source_retro_item_id"],
            unique=False,
        )

    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agendaitem.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decision_agenda_item_id"), ["agenda_item_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_decision_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_decision_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "openitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("follow_up_meeting_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agendaitem.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["follow_up_meeting_id"], ["meeting.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("openitem", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_openitem_agenda_item_id"), ["agenda_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_openitem_follow_up_meeting_id"), ["follow_up_meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_openitem_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_openitem_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("deliverable", sa.String(), nullable=False),
        sa.Column("quality_standard", sa.String(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("priority", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Float(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["decision_id"], ["decision.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "code"),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_decision_id"), ["decision_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_goal_id"), ["goal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_status"), ["status"], unique=False)

    op.create_table(
        "acceptanceitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("deliverable", sa.String(), nullable=False),
        sa.Column("quality_standard", sa.String(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("dropped_reason", sa.String(), nullable=False),
        sa.Column("dropped_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("acceptanceitem", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_acceptanceitem_project_id"), ["project_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_acceptanceitem_task_id"), ["task_id"], unique=False)

    op.create_table(
        "progressentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("completion", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("met_plan", sa.Boolean(), nullable=False),
        sa.Column("miss_reason", sa.String(), nullable=False),
        sa.Column("support_needed", sa.String(), nullable=False),
        sa.Column("support_from_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["support_from_id"], ["department.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "week", "task_id"),
    )
    with op.batch_alter_table("progressentry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_progressentry_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_progressentry_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_progressentry_project_id"), ["project_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_progressentry_support_from_id"), ["support_from_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_progressentry_task_id"), ["task_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_progressentry_week"), ["week"], unique=False)

    op.create_table(
        "resourcerequest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("purpose", sa.String(), nullable=False),
        sa.Column("needed_by", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("in_place_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("resourcerequest", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resourcerequest_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_resourcerequest_project_id"), ["project_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_resourcerequest_task_id"), ["task_id"], unique=False)

    op.create_table(
        "risktask",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["risk_id"], ["riskwarning.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("risk_id", "task_id"),
    )
    with op.batch_alter_table("risktask", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risktask_risk_id"), ["risk_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_risktask_task_id"), ["task_id"], unique=False)

    op.create_table(
        "tasksupport",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("duty", sa.String(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("tasksupport", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tasksupport_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_tasksupport_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tasksupport_task_id"), ["task_id"], unique=False)

    op.create_table(
        "taskupdate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("done", sa.String(), nullable=False),
        sa.Column("problems", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("taskupdate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taskupdate_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_taskupdate_task_id"), ["task_id"], unique=False)

    if sqlite:
        op.execute("PRAGMA application_id = 1131375714")  # "Colb": marks the file as ours


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("fk_department_head", "department", type_="foreignkey")
    with op.batch_alter_table("taskupdate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taskupdate_task_id"))
        batch_op.drop_index(batch_op.f("ix_taskupdate_author_id"))

    op.drop_table("taskupdate")
    with op.batch_alter_table("tasksupport", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasksupport_task_id"))
        batch_op.drop_index(batch_op.f("ix_tasksupport_department_id"))
        batch_op.drop_index(batch_op.f("ix_tasksupport_contact_id"))

    op.drop_table("tasksupport")
    with op.batch_alter_table("risktask", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risktask_task_id"))
        batch_op.drop_index(batch_op.f("ix_risktask_risk_id"))

    op.drop_table("risktask")
    with op.batch_alter_table("resourcerequest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resourcerequest_task_id"))
        batch_op.drop_index(batch_op.f("ix_resourcerequest_project_id"))
        batch_op.drop_index(batch_op.f("ix_resourcerequest_department_id"))

    op.drop_table("resourcerequest")
    with op.batch_alter_table("progressentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progressentry_week"))
        batch_op.drop_index(batch_op.f("ix_progressentry_task_id"))
        batch_op.drop_index(batch_op.f("ix_progressentry_support_from_id"))
        batch_op.drop_index(batch_op.f("ix_progressentry_project_id"))
        batch_op.drop_index(batch_op.f("ix_progressentry_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_progressentry_department_id"))

    op.drop_table("progressentry")
    with op.batch_alter_table("acceptanceitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_acceptanceitem_task_id"))
        batch_op.drop_index(batch_op.f("ix_acceptanceitem_project_id"))

    op.drop_table("acceptanceitem")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_status"))
        batch_op.drop_index(batch_op.f("ix_task_project_id"))
        batch_op.drop_index(batch_op.f("ix_task_owner_id"))
        batch_op.drop_index(batch_op.f("ix_task_goal_id"))
        batch_op.drop_index(batch_op.f("ix_task_due_on"))
        batch_op.drop_index(batch_op.f("ix_task_decision_id"))

    op.drop_table("task")
    with op.batch_alter_table("openitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_openitem_owner_id"))
        batch_op.drop_index(batch_op.f("ix_openitem_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_openitem_follow_up_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_openitem_agenda_item_id"))

    op.drop_table("openitem")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_owner_id"))
        batch_op.drop_index(batch_op.f("ix_decision_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_decision_agenda_item_id"))

    op.drop_table("decision")
    with op.batch_alter_table("bestpractice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bestpractice_source_retro_item_id"))
        batch_op.drop_index(batch_op.f("ix_bestpractice_source_project_id"))

    op.drop_table("bestpractice")
    with op.batch_alter_table("riskdepartment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_riskdepartment_risk_id"))
        batch_op.drop_index(batch_op.f("ix_riskdepartment_department_id"))

    op.drop_table("riskdepartment")
    with op.batch_alter_table("retroitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retroitem_project_id"))
        batch_op.drop_index(batch_op.f("ix_retroitem_owner_id"))
        batch_op.drop_index(batch_op.f("ix_retroitem_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_retroitem_goal_id"))

    op.drop_table("retroitem")
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendee_person_id"))
        batch_op.drop_index(batch_op.f("ix_attendee_meeting_id"))

    op.drop_table("attendee")
    with op.batch_alter_table("agendaitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agendaitem_owner_id"))
        batch_op.drop_index(batch_op.f("ix_agendaitem_meeting_id"))

    op.drop_table("agendaitem")
    with op.batch_alter_table("signoff", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signoff_project_id"))
        batch_op.drop_index(batch_op.f("ix_signoff_person_id"))
        batch_op.drop_index(batch_op.f("ix_signoff_department_id"))

    op.drop_table("signoff")
    with op.batch_alter_table("riskwarning", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_riskwarning_status"))
        batch_op.drop_index(batch_op.f("ix_riskwarning_raised_by_id"))
        batch_op.drop_index(batch_op.f("ix_riskwarning_project_id"))

    op.drop_table("riskwarning")
    with op.batch_alter_table("projectdepartment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_projectdepartment_project_id"))
        batch_op.drop_index(batch_op.f("ix_projectdepartment_department_id"))

    op.drop_table("projectdepartment")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestone_project_id"))

    op.drop_table("milestone")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_start_at"))
        batch_op.drop_index(batch_op.f("ix_meeting_recorder_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_project_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_kind"))
        batch_op.drop_index(batch_op.f("ix_meeting_host_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_follow_up_of_id"))

    op.drop_table("meeting")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_project_id"))

    op.drop_table("goal")
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_project_id"))
        batch_op.drop_index(batch_op.f("ix_consultation_head_id"))
        batch_op.drop_index(batch_op.f("ix_consultation_department_id"))

    op.drop_table("consultation")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_requesting_department_id"))
        batch_op.drop_index(batch_op.f("ix_project_phase"))
        batch_op.drop_index(batch_op.f("ix_project_lead_id"))
        batch_op.drop_index(batch_op.f("ix_project_code"))

    op.drop_table("project")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name"))
        batch_op.drop_index(batch_op.f("ix_person_department_id"))

    op.drop_table("person")
    op.drop_table("department")
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_txn"))
        batch_op.drop_index(batch_op.f("ix_change_entity_id"))
        batch_op.drop_index(batch_op.f("ix_change_entity"))
        batch_op.drop_index(batch_op.f("ix_change_at"))
        batch_op.drop_index(batch_op.f("ix_change_actor"))

    op.drop_table("change")
