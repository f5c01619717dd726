"""The checks made on a workspace file before anything opens it, with the standard library only
(``sqlite3``): the command line runs them before the first frame is painted, and brings SQLAlchemy
and the models in right after (design.md §3: paint first).  Nothing here writes to a file that is not
already known to be a Cockpit database.
"""

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"

#: The newest schema revision (the head of db/migrations/versions).  A workspace at this revision opens
#: without Alembic; a new migration must update it (tests/foundation/test_migrations.py checks).
HEAD: tuple[str, ...] = ("0014",)


class DatabaseError(Exception):
    """A database that cannot be used; the message is one readable line for the user."""


def is_url(target: str) -> bool:
    return "://" in target


def display_name(target: "str | os.PathLike[str]") -> str:
    """How a workspace is named in messages: its path, or its URL as typed without the password."""
    text = os.fspath(target)
    if not is_url(text):
        return text
    text = re.sub(r"^([^:/]+://[^:/@?]*):[^@]*@", r"\1:***@", text)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", text)


def file_of(target: str | os.PathLike[str]) -> Path | None:
    """The SQLite file a command-line target names (None for a URL: a server database)."""
    text = os.fspath(target)
    return None if is_url(text) else Path(text).expanduser().resolve()


COCKPIT_MARKER_TABLE = "alembic_version"
COCKPIT_CORE_TABLE = "project"


@contextmanager
def _refused_unreadable(path: Path) -> Iterator[None]:
    """SQLite's refusals of a file, as the one-line ``DatabaseError`` the command line prints."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} cannot be opened ({exc}); it was left untouched") from None
    except MemoryError:  # SQLite answers SQLITE_NOMEM for some damaged pages (a size read from garbage)
        raise DatabaseError(f"{path} is damaged (SQLite could not read its tables); it was left untouched") from None


def _read_only(path: Path) -> sqlite3.Connection:
    # Without a -wal beside it the main file is the whole database: read it as immutable, so the
    # check leaves no -wal/-shm behind beside a file that may turn out not to be ours.
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True)


def check_integrity(path: Path) -> None:
    """Refuse, without writing a byte, a damaged file (SQLite's quick check): the half of
    ``check_existing_file`` that reads the whole file (150 ms at 50,000 cards), which the command line
    runs in a thread while it imports the app."""
    with _refused_unreadable(path):
        conn = _read_only(path)
        try:
            verdict = conn.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            conn.close()
    if verdict is None or verdict[0] != "ok":
        raise DatabaseError(f"{path} is damaged (SQLite integrity check failed); it was left untouched")


def check_existing_file(path: Path, *, integrity: bool = True) -> tuple[str, ...]:
    """Refuse, without writing a byte, a file that is not a Cockpit database; return its schema
    revision(s) (compare with ``HEAD``: equal means it opens as it is, without an upgrade).
    ``integrity=False``: the caller runs ``check_integrity`` itself (before opening the file)."""
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
    with _refused_unreadable(path):
        conn = _read_only(path)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revisions = ()
            if COCKPIT_MARKER_TABLE in names:
                rows = conn.execute(f"SELECT version_num FROM {COCKPIT_MARKER_TABLE}")
                revisions = tuple(sorted(row[0] for row in rows))
        finally:
            conn.close()
    if COCKPIT_MARKER_TABLE not in names or COCKPIT_CORE_TABLE not in names:
        raise DatabaseError(f"{path} is an SQLite file but not a Cockpit database; it was left untouched")
    if integrity:
        check_integrity(path)
    return revisions


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
