"""Schema migrations with Alembic, run at start: back up, then upgrade in one transaction.

``upgrade`` brings a database to the newest revision.  An existing SQLite file that is behind is first
copied with ``VACUUM INTO`` to a timestamped backup beside it.  All revisions run inside a single
transaction that holds the write lock, so a revision that fails leaves the database as it was.
"""

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from cockpit.db.engine import sqlite_path, write_engine
from cockpit.db.files import HEAD, DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# HEAD (db/files.py) names the newest revision: a workspace already there opens without importing
# Alembic (a tenth of the start-up).  A new revision must update it.


class MigrationFailed(DatabaseError):
    """A revision failed; the database was left as it was."""


@dataclass(frozen=True)
class Upgraded:
    before: tuple[str, ...]
    after: tuple[str, ...]
    backup: Path | None


def _config(script_location: Path = MIGRATIONS) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def heads(script_location: Path = MIGRATIONS) -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    return tuple(sorted(ScriptDirectory.from_config(_config(script_location)).get_heads()))


def current(engine: Engine) -> tuple[str, ...]:
    """The revisions the database is at (Alembic's version table; empty for a new database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return ()
        return tuple(sorted(row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))))


def backup(path: Path, revision: tuple[str, ...]) -> Path:
    """A consistent copy of a SQLite file beside it, named by time and revision; private to the user."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.stem}.backup-{stamp}-{'+'.join(revision) or 'empty'}{path.suffix or '.db'}")
    # VACUUM INTO accepts an empty file: create it private first, so the copy is never readable by others.
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    conn = sqlite3.connect(path)
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    finally:
        conn.close()
    os.chmod(target, 0o600)
    return target


def upgrade(engine: Engine, *, script_location: Path = MIGRATIONS, target: str = "heads") -> Upgraded:
    """Bring the database to ``target``; MigrationFailed (nothing changed) if a revision fails."""
    before = current(engine)
    if target == "heads" and before == (HEAD if script_location == MIGRATIONS else heads(script_location)):
        return Upgraded(before, before, None)
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config(script_location))
    unknown = [rev for rev in before if rev not in {s.revision for s in script.walk_revisions()}]
    if unknown:
        raise MigrationFailed(f"this workspace was saved by a newer Cockpit (schema {'+'.join(unknown)}); "
                              "upgrade Cockpit to open it; the database was left as it was")
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    saved = backup(path, before) if path is not None and before else None
    config = _config(script_location)
    try:
        with write_engine(engine).begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)
    except Exception as exc:  # noqa: BLE001 - any failure of a revision is reported the same way
        kept = f"; a backup is at {saved}" if saved else ""
        reason = (str(getattr(exc, "orig", None) or exc).splitlines() or [type(exc).__name__])[0]
        if "permission denied" in reason:
            reason += ": the user needs to own the database (createdb --owner USER NAME)"
        raise MigrationFailed(f"the database upgrade failed ({reason}); the database was left as it was{kept}") from exc
    return Upgraded(before, current(engine), saved)


def new_revision(message: str, rev_id: str) -> None:
    """For developers: autogenerate a revision from the models against a database at head.

    ``python -m cockpit.db.migrate 0002 "calendar events"`` writes ``db/migrations/versions/0002_*.py``.
    """
    from cockpit.db.engine import make_engine

    from alembic import command

    engine = make_engine("sqlite://")
    upgrade(engine)
    config = _config()
    with write_engine(engine).begin() as conn:
        config.attributes["connection"] = conn
        command.revision(config, message=message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    import sys

    new_revision(sys.argv[2], sys.argv[1])
