"""Copying a whole workspace from one database to another (a SQLite file <-> PostgreSQL).

Every table of the metadata is copied, the change log included, in dependency order
(``metadata.sorted_tables``, so tables that features add later are copied too), rows in id order and
with their ids.  The source is read in one snapshot; the target is written in one transaction that
holds its write lock, so a failed copy leaves it empty.  Afterwards each table's id counter on the
target is set past every id the source ever gave out (ids are never reused: the change log names rows
by id), and the row counts of both sides are compared before the commit.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, Table, func, insert, inspect, select, text

from cockpit.db.engine import write_engine
from cockpit.db.files import DatabaseError
from cockpit.db.migrate import current
from cockpit.db.schema import metadata

BATCH = 1_000


class CopyFailed(DatabaseError):
    """The copy could not be completed; the target was left as it was (empty)."""


@dataclass
class CopyReport:
    """What was copied: rows per table (in copy order) and the revision both sides are at."""

    tables: dict[str, int] = field(default_factory=dict)
    revision: tuple[str, ...] = ()

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @property
    def changes(self) -> int:
        return self.tables.get("change", 0)


def tables() -> list[Table]:
    """The tables to copy, parents before children."""
    return list(metadata.sorted_tables)


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows in each Cockpit table the database has (tables it lacks are left out)."""
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in tables() if table.name in present}


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A read connection that sees one consistent state of the whole database."""
    conn = engine.connect()
    try:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn
    finally:
        conn.close()


def copy_workspace(source: Engine, target: Engine, *, batch: int = BATCH) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target`` (both migrated to the same revision)."""
    revision = current(source)
    if current(target) != revision:
        raise CopyFailed(f"the two databases are at different schema revisions ({revision} and {current(target)})")
    counts = row_counts(target)
    if counts.get("project") or counts.get("change"):
        raise CopyFailed("the target is not empty (it holds a workspace); copy never overwrites one")
    report = CopyReport(revision=revision)
    try:
        with _snapshot(source) as src, write_engine(target).begin() as dst:
            if dst.dialect.name == "sqlite":
                dst.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # checked at commit instead
            for table in reversed(tables()):  # rows the migrations seeded (e.g. the default template)
                dst.execute(table.delete())
            for table in tables():
                report.tables[table.name] = _copy_table(src, dst, table, batch)
            for table in tables():
                _carry_id_counter(src, dst, table)
            _verify(src, dst, report)
    except CopyFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - any refusal by either database is reported the same way
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise CopyFailed(f"the copy failed ({reason}); the target was left as it was") from exc
    return report


def _copy_table(src: Connection, dst: Connection, table: Table, batch: int) -> int:
    copied = 0
    order = list(table.primary_key.columns) or list(table.columns)
    result = src.execution_options(yield_per=batch).execute(select(table).order_by(*order))
    for part in result.partitions(batch):
        dst.execute(insert(table), [dict(row._mapping) for row in part])
        copied += len(part)
    return copied


def _id_column(table: Table):  # noqa: ANN202
    columns = list(table.primary_key.columns)
    if len(columns) == 1 and columns[0].autoincrement in (True, "auto") and columns[0].type.python_type is int:
        return columns[0]
    return None


def id_high_water(conn: Connection, table: Table) -> int:
    """The largest id this table ever gave out, as far as the database can tell: its rows, its id
    counter (SQLite's sqlite_sequence, PostgreSQL's sequence) and the change log (deleted rows)."""
    column = _id_column(table)
    if column is None:
        return 0
    marks = [conn.execute(select(func.max(column))).scalar() or 0]
    change = metadata.tables["change"]
    marks.append(conn.execute(select(func.max(change.c.entity_id)).where(change.c.entity == table.name)).scalar() or 0)
    marks.append(_counter(conn, table, column.name))
    return max(marks)


def _counter(conn: Connection, table: Table, column: str) -> int:
    if conn.dialect.name == "sqlite":
        has = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").first()
        if not has:
            return 0
        return conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :name"),
                            {"name": table.name}).scalar() or 0
    if conn.dialect.name == "postgresql":
        sequence = _sequence(conn, table, column)
        if sequence is None:
            return 0
        last, called = conn.exec_driver_sql(f"SELECT last_value, is_called FROM {sequence}").one()
        return last if called else last - 1
    return 0


def _sequence(conn: Connection, table: Table, column: str) -> str | None:
    quoted = conn.dialect.identifier_preparer.format_table(table)
    return conn.execute(text("SELECT pg_get_serial_sequence(:table, :column)"),
                        {"table": quoted, "column": column}).scalar()


def _carry_id_counter(src: Connection, dst: Connection, table: Table) -> None:
    """Set the target's id counter so a new row never takes an id the source already used."""
    column = _id_column(table)
    if column is None:
        return
    mark = max(id_high_water(src, table), id_high_water(dst, table))
    if mark < 1:
        return
    if dst.dialect.name == "postgresql":
        sequence = _sequence(dst, table, column.name)
        if sequence is not None:
            dst.execute(text("SELECT setval(:sequence, :mark, true)"), {"sequence": sequence, "mark": mark})
    elif dst.dialect.name == "sqlite" and table.dialect_kwargs.get("sqlite_autoincrement"):
        dst.execute(text("DELETE FROM sqlite_sequence WHERE name = :name"), {"name": table.name})
        dst.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :mark)"),
                    {"name": table.name, "mark": mark})


def _verify(src: Connection, dst: Connection, report: CopyReport) -> None:
    for table in tables():
        source_rows = src.execute(select(func.count()).select_from(table)).scalar_one()
        target_rows = dst.execute(select(func.count()).select_from(table)).scalar_one()
        if not source_rows == target_rows == report.tables[table.name]:
            raise CopyFailed(f"table {table.name}: {source_rows} rows in the source but {target_rows} copied; "
                             "the target was left as it was")
