"""Opening a workspace: the checks, the engine, migrations and the store (the composition root's
database half).  Nothing here writes to a file before it is known to be a Cockpit database."""

import getpass
from collections.abc import Callable
from pathlib import Path

from db.engine import (
    DatabaseError,
    check_existing_file,
    make_engine,
    make_private,
    prepare_new_file,
    sqlite_path,
    to_url,
)
from db.migrate import Upgraded, upgrade
from db.store import Clock, Store, system_clock


class WorkspaceExists(DatabaseError):
    """``init`` refuses to overwrite an existing workspace."""


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"


def open_workspace(target: str | Path, *, create: bool = True, new: bool = False, demo: bool = False,
                   actor: str | None = None, clock: Clock = system_clock, read_only: bool = False,
                   on_upgrade: Callable[[Upgraded], None] | None = None) -> Store:
    """A store on ``target`` (a path or URL), migrated to the newest schema.

    ``create``: make a new workspace if there is none.  ``new``: there must be none (``init``).
    ``demo``: fill a new workspace with the demo data.  Raises DatabaseError with a readable message.
    """
    url = to_url(target)
    path = sqlite_path(url)
    fresh = False
    if path is not None:
        if path.exists():
            if new:
                raise WorkspaceExists(f"{path} already exists; init never overwrites a file")
            check_existing_file(path)
        elif create or new:
            prepare_new_file(path)
            fresh = True
        else:
            raise DatabaseError(f"{path} does not exist (create it with: cockpit init --db {path})")
    engine = make_engine(url)
    try:
        result = upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:  # noqa: BLE001 - a server that cannot be reached, a broken file
        engine.dispose()
        raise DatabaseError(f"cannot open {path or target}: {str(exc).splitlines()[0]}") from None
    if path is not None:
        make_private(path)
    if on_upgrade is not None and result.backup is not None:
        on_upgrade(result)
    store = Store(engine, actor=actor or default_actor(), clock=clock, read_only=read_only)
    if not _has_project(store):
        if not (fresh or new or create):
            raise DatabaseError(f"{path or target} holds no workspace")
        if demo:
            from cockpit.demo import build_demo

            build_demo(store)
        else:
            store.workspace.setup_defaults("My project")
        store.forget_undo()  # setting up is not something to undo
    return store


def _has_project(store: Store) -> bool:
    from db.errors import NotFound

    try:
        store.workspace.project()
    except NotFound:
        return False
    return True
