"""The engine settings of design.md §3 (acceptance point 4), as SQLite reports them."""

from sqlalchemy import event, text

from cockpit.db.engine import make_engine


def test_sqlite_file_engine_settings(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'settings.db'}")
    with engine.connect() as conn:
        values = {name: conn.execute(text(f"PRAGMA {name}")).scalar_one()
                  for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    assert values == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 30_000}
    engine.dispose()


def test_writes_take_the_lock_up_front_and_reads_do_not(store):
    if store.engine.dialect.name != "sqlite":
        return  # PostgreSQL locks rows with SELECT ... FOR UPDATE instead (its own tests)
    statements: list[str] = []

    def record(conn, cursor, statement, *args):  # noqa: ANN001
        statements.append(" ".join(statement.split()).upper())

    stage = store.workspace.stages()[0].id
    event.listen(store.engine, "before_cursor_execute", record)
    store.items.all()
    reads = list(statements)
    statements.clear()
    store.items.create(title="Card", stage_id=stage)
    writes = list(statements)
    event.remove(store.engine, "before_cursor_execute", record)

    assert reads[0] == "BEGIN" and not any(s.startswith("INSERT") for s in reads)
    assert writes[0] == "BEGIN IMMEDIATE", writes[:3]
    assert any(s.startswith("INSERT INTO ITEM") for s in writes)
    assert any(s.startswith("INSERT INTO CHANGE") for s in writes)
