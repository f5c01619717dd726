"""The database layer: tables, engine, migrations and the store (the only code that opens sessions)."""
