"""Engine creation and the checks that run before a database file (or server) is touched.

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
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "cockpit_write"
#: The advisory lock every PostgreSQL write transaction takes first ("cockpit" in ASCII).
PG_WRITE_LOCK = 0x636F636B706974
#: How long a writer waits for the others (as SQLite's busy timeout), and a client for a silent server.
PG_LOCK_TIMEOUT = f"{BUSY_TIMEOUT_MS}ms"
PG_CONNECT_TIMEOUT_S = 10


class DatabaseError(Exception):
    """A database that cannot be used; the message is one readable line for the user."""


def is_url(target: str) -> bool:
    return "://" in target


def to_url(target: str | os.PathLike[str]) -> str:
    """A path or URL given on the command line, as an SQLAlchemy URL."""
    text = os.fspath(target)
    if is_url(text):
        url = make_url(text)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def is_postgres(url: "str | URL") -> bool:
    return make_url(url).get_backend_name() in ("postgresql", "postgres")


def display_name(target: "str | os.PathLike[str]") -> str:
    """How a workspace is named in messages: its path, or its URL as typed without the password."""
    text = os.fspath(target)
    if not is_url(text):
        return text
    text = re.sub(r"^([^:/]+://[^:/@?]*):[^@]*@", r"\1:***@", text)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", text)


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


# --- checks before anything is opened for writing ---------------------------------------------

COCKPIT_MARKER_TABLE = "alembic_version"
COCKPIT_CORE_TABLE = "project"


def check_existing_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a Cockpit database."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a Cockpit database")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror}") from None
    if not head:
        raise DatabaseError(f"{path} is an empty file, not a Cockpit database; it was left untouched "
                            "(delete it to create a workspace there)")
    if head != SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not a Cockpit database (not an SQLite file); it was left untouched")
    try:
        # Without a -wal beside it the main file is the whole database: read it as immutable, so the
        # check leaves no -wal/-shm behind beside a file that may turn out not to be ours.
        flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
        conn = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            verdict = conn.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} cannot be opened ({exc}); it was left untouched") from None
    if verdict is None or verdict[0] != "ok":
        raise DatabaseError(f"{path} is damaged (SQLite integrity check failed); it was left untouched")
    if COCKPIT_MARKER_TABLE not in names or COCKPIT_CORE_TABLE not in names:
        raise DatabaseError(f"{path} is an SQLite file but not a Cockpit database; it was left untouched")


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


def prepare_new_file(path: Path) -> None:
    """Make sure a new database file can be created at ``path`` (folders are made private)."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise DatabaseError(f"cannot create {path}: {folder} is not a folder")
    missing = [folder, *folder.parents]
    missing = missing[: next((i for i, p in enumerate(missing) if p.exists()), len(missing))]
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for created in missing:  # mkdir gives only the last folder the mode; parents get the umask's
            os.chmod(created, 0o700)
    except OSError as exc:
        raise DatabaseError(f"cannot create folder {folder}: {exc.strerror}") from None
    if not folder.is_dir():
        raise DatabaseError(f"cannot create {path}: {folder} is not a folder")
    probe = folder / f".cockpit-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        probe.unlink()
    except OSError as exc:
        raise DatabaseError(f"cannot write in folder {folder}: {exc.strerror}") from None
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def make_private(path: Path) -> None:
    """Files Cockpit creates are readable by their owner only."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if candidate.exists():
                os.chmod(candidate, 0o600)
        except OSError:
            pass
