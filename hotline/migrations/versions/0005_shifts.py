"""shifts: reminders and confirmations, cover requests, calendar feeds; responders' STOP

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

WHEN = sqlmodel.sql.sqltypes.UTCDateTime
TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table('responder', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opted_out', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table('shift_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('responder_id', sa.Integer(), nullable=False),
    sa.Column('category', TEXT(length=32), nullable=False),
    sa.Column('starts_at', WHEN(), nullable=False),
    sa.Column('ends_at', WHEN(), nullable=False),
    sa.Column('remind_at', WHEN(), nullable=False),
    sa.Column('alert_at', WHEN(), nullable=False),
    sa.Column('status', TEXT(length=16), nullable=False),
    sa.Column('sent_at', WHEN(), nullable=True),
    sa.Column('confirmed_at', WHEN(), nullable=True),
    sa.Column('alerted_at', WHEN(), nullable=True),
    sa.ForeignKeyConstraint(['line_id'], ['line.id'], ),
    sa.ForeignKeyConstraint(['responder_id'], ['responder.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('line_id', 'responder_id', 'category', 'starts_at')
    )
    with op.batch_alter_table('shift_reminder', schema=None) as batch_op:
        batch_op.create_index('ix_shift_reminder_line_id', ['line_id'], unique=False)
        batch_op.create_index('ix_shift_reminder_status_remind_at', ['status', 'remind_at'],
                              unique=False)
    op.create_table('cover_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('code', TEXT(length=8), nullable=False),
    sa.Column('open_code', TEXT(length=8), nullable=True),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('taker_id', sa.Integer(), nullable=True),
    sa.Column('reminder_id', sa.Integer(), nullable=True),
    sa.Column('rotation', TEXT(length=200), nullable=False),
    sa.Column('category', TEXT(length=32), nullable=False),
    sa.Column('starts_at', WHEN(), nullable=False),
    sa.Column('ends_at', WHEN(), nullable=False),
    sa.Column('status', TEXT(length=16), nullable=False),
    sa.Column('alert_at', WHEN(), nullable=False),
    sa.Column('alerted_at', WHEN(), nullable=True),
    sa.Column('created_at', WHEN(), nullable=False),
    sa.Column('taken_at', WHEN(), nullable=True),
    sa.ForeignKeyConstraint(['line_id'], ['line.id'], ),
    sa.ForeignKeyConstraint(['requester_id'], ['responder.id'], ),
    sa.ForeignKeyConstraint(['taker_id'], ['responder.id'], ),
    sa.ForeignKeyConstraint(['reminder_id'], ['shift_reminder.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('line_id', 'open_code')
    )
    with op.batch_alter_table('cover_request', schema=None) as batch_op:
        batch_op.create_index('ix_cover_request_line_id', ['line_id'], unique=False)
        batch_op.create_index('ix_cover_request_status', ['status'], unique=False)
    op.create_table('calendar_feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('responder_id', sa.Integer(), nullable=True),
    sa.Column('token_hash', TEXT(length=64), nullable=False),
    sa.Column('created_at', WHEN(), nullable=False),
    sa.Column('revoked_at', WHEN(), nullable=True),
    sa.ForeignKeyConstraint(['line_id'], ['line.id'], ),
    sa.ForeignKeyConstraint(['responder_id'], ['responder.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.create_index('ix_calendar_feed_line_id', ['line_id'], unique=False)


def downgrade() -> None:
    op.drop_table('calendar_feed')
    op.drop_table('cover_request')
    op.drop_table('shift_reminder')
    with op.batch_alter_table('responder', schema=None) as batch_op:
        batch_op.drop_column('opted_out')
