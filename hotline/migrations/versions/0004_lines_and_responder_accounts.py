"""lines: a name for each line, a responder account's own roster entry, the line of an audit
entry (so a coordinator's log shows only their lines)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100),
                                      nullable=False, server_default=''))
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responder_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_account_responder_id', 'responder', ['responder_id'],
                                    ['id'])
    # audit_entry refuses UPDATE (a trigger), but a new column with no rows to fill is fine.
    op.add_column('audit_entry', sa.Column('line_id', sa.Integer(), nullable=True))
    op.create_index('ix_audit_entry_line_id', 'audit_entry', ['line_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_entry_line_id', table_name='audit_entry')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_column('line_id')
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_constraint('fk_account_responder_id', type_='foreignkey')
        batch_op.drop_column('responder_id')
    with op.batch_alter_table('line', schema=None) as batch_op:
        batch_op.drop_column('name')
