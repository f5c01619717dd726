"""Alembic environment.  Cockpit runs migrations itself (db/migrate.py) on a connection it opened,
inside one transaction, so a failed migration leaves the database exactly as it was."""

from alembic import context

from cockpit.db.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through cockpit.db.migrate (cockpit does it at start)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
