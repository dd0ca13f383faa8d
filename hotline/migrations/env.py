"""Alembic's environment: the app's engine and the models' metadata."""

from alembic import context
from sqlmodel import SQLModel

from hotline.infra import accounts, models, shift_records  # noqa: F401  (registers the tables)

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
