"""Engine creation and the checks that run before a database file is touched.

SQLite settings follow design.md §3: WAL, synchronous=FULL, foreign keys on, a busy timeout, and write
transactions that take the write lock up front (``BEGIN IMMEDIATE``).  Nothing here writes to a file
that is not already known to be a Cockpit database.
"""

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "cockpit_write"


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
    return create_engine(url, pool_pre_ping=True)


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
