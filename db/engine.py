"""Engine creation and the checks that run before a database server is touched (a file's checks are
in db/files.py, which imports no SQLAlchemy).

SQLite settings follow design.md §3: WAL, synchronous=FULL, foreign keys on, a busy timeout, and write
transactions that take the write lock up front (``BEGIN IMMEDIATE``).  Nothing here writes to a file
that is not already known to be a Cockpit database.

PostgreSQL (team mode, ``postgresql://user@host/dbname``, psycopg 3): a write transaction first takes
the database's Cockpit write lock (a transaction-level advisory lock), so writers are serialised as on
SQLite: checks that read before they write (positions, unique handles, WIP limits) hold between
processes, and change-log ids become visible in increasing order (a window polling ``max(change.id)``
never misses a change).  Rows are also locked with SELECT ... FOR UPDATE (``Tx.get``).
"""

import os
import re
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from cockpit.db.files import COCKPIT_CORE_TABLE, COCKPIT_MARKER_TABLE, DatabaseError, display_name, file_of

BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "cockpit_write"
#: The advisory lock every PostgreSQL write transaction takes first ("cockpit" in ASCII).
PG_WRITE_LOCK = 0x636F636B706974
#: How long a writer waits for the others (as SQLite's busy timeout), and a client for a silent server.
PG_LOCK_TIMEOUT = f"{BUSY_TIMEOUT_MS}ms"
PG_CONNECT_TIMEOUT_S = 10


def to_url(target: str | os.PathLike[str]) -> str:
    """A path or URL given on the command line, as an SQLAlchemy URL."""
    path = file_of(target)
    if path is not None:
        return f"sqlite:///{path}"
    url = make_url(os.fspath(target))
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def is_postgres(url: "str | URL") -> bool:
    return make_url(url).get_backend_name() in ("postgresql", "postgres")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for memory databases and other engines."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    """An engine for a URL, with Cockpit's settings.  Creating it opens nothing."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        return _sqlite_engine(url, memory=sqlite_path(url) is None)
    if parsed.get_backend_name() in ("postgresql", "postgres"):
        return _postgres_engine(to_url(url))  # plain postgresql:// means psycopg 3, the driver installed
    return create_engine(url, pool_pre_ping=True)


def _postgres_engine(url: str) -> Engine:
    query = make_url(url).query
    defaults = {"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": "cockpit"}
    engine = create_engine(url, pool_pre_ping=True,
                           connect_args={name: value for name, value in defaults.items() if name not in query})

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        if conn.get_execution_options().get(WRITE_OPTION):
            # One round trip: wait at most PG_LOCK_TIMEOUT for the other writers, then hold the lock
            # until commit or rollback (it goes with the transaction, it cannot leak).
            conn.exec_driver_sql(
                f"SELECT set_config('lock_timeout', '{PG_LOCK_TIMEOUT}', true), pg_advisory_xact_lock({PG_WRITE_LOCK})"
            )

    return engine


def _sqlite_engine(url: str, memory: bool) -> Engine:
    kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}}
    if memory:
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001 - DBAPI objects
        # Let SQLAlchemy's "begin" event emit BEGIN itself, so writes can say IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def write_engine(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions take the write lock up front."""
    return engine.execution_options(**{WRITE_OPTION: True})


# --- a server's check before anything is written -----------------------------------------------

def check_server_database(engine: Engine, target: str) -> bool:
    """Connect to a database server and tell whether the database is empty (True) or already a
    Cockpit workspace (False).  A database holding other tables is refused and left untouched; a
    server that cannot be reached, a refused login or a missing database give one readable line."""
    name = display_name(target)
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            names = set(inspector.get_table_names()) | set(inspector.get_view_names())
    except DBAPIError as exc:
        raise DatabaseError(f"cannot open {name}: {connection_problem(exc)}") from None
    if not names:
        return True
    if {COCKPIT_MARKER_TABLE, COCKPIT_CORE_TABLE, "change"} <= names:
        return False
    shown = ", ".join(sorted(names)[:5]) + (", ..." if len(names) > 5 else "")
    raise DatabaseError(f"{name} holds other tables ({shown}): not a Cockpit database; it was left untouched")


_PG_NOISE = re.compile(
    r'^(connection failed: )?(connection to server (at|on socket) "[^"]*"( \([^)]*\))?(, port \d+)? failed: )?(FATAL:\s+)?'
)


def connection_problem(exc: BaseException) -> str:
    """Why a connection failed, in one line with a hint (no password, no driver noise)."""
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    reason = _PG_NOISE.sub("", lines[0]) if lines else type(orig).__name__
    lowered = reason.lower()
    if "connection refused" in lowered or "no such file or directory" in lowered:
        return f"{reason} (is the PostgreSQL server running and accepting connections there?)"
    if "timeout expired" in lowered or "timed out" in lowered:
        return f"no answer from the server within {PG_CONNECT_TIMEOUT_S} s ({reason})"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return f"{reason} (check the user and password in the URL, or ~/.pgpass)"
    if re.search(r'database "[^"]+" does not exist', reason):
        return f"{reason} (create it first, e.g. with: createdb NAME)"
    if re.search(r'role "[^"]+" does not exist', reason):
        return f"{reason} (ask the database administrator for an account)"
    return reason
