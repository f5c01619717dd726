"""Opening a workspace: the checks, the engine, migrations and the store (the composition root's
database half).  Nothing here writes to a file, or to a server database, before it is known to be a
Cockpit database (or empty).

A workspace is a SQLite file (a path) or a PostgreSQL database (``postgresql://user@host/dbname``,
team mode); everything above this module works the same on both.
"""

import getpass
from collections.abc import Callable
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import Engine

from cockpit.db.engine import check_server_database, connection_problem, make_engine, sqlite_path, to_url
from cockpit.db.files import DatabaseError, check_existing_file, display_name, make_private, prepare_new_file
from cockpit.db.migrate import Upgraded, upgrade
from cockpit.db.store import Clock, Store, system_clock

if TYPE_CHECKING:
    from cockpit.db.setup_data import SetupData


class WorkspaceExists(DatabaseError):
    """``init`` refuses to overwrite an existing workspace."""


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"


def open_engine(target: str | Path, *, create: bool = True, new: bool = False, checked: bool = False,
                on_upgrade: Callable[[Upgraded], None] | None = None) -> tuple[Engine, bool]:
    """An engine on ``target`` migrated to the newest schema, and whether the database is new.

    The checks come first: an existing file must be a Cockpit database; a server database must be
    empty or a Cockpit database (another application's tables are refused, never modified).
    ``create``: make the schema if there is none.  ``new``: there must be no workspace yet (``init``).
    ``checked``: the caller has just run ``check_existing_file`` on the file (the command line does,
    before the first frame); it is not read through again.
    """
    url = to_url(target)
    path = sqlite_path(url)
    name = display_name(target)
    fresh = False
    if path is not None:
        if path.exists():
            if new:
                raise WorkspaceExists(f"{path} already exists; init never overwrites a file")
            if not checked:
                check_existing_file(path)
        elif create or new:
            prepare_new_file(path)
            fresh = True
        else:
            raise DatabaseError(f"{path} does not exist (create it with: cockpit init --db {path})")
    engine = make_engine(url)
    try:
        if path is None and engine.dialect.name != "sqlite":
            fresh = check_server_database(engine, str(target))
            if fresh and not (create or new):
                raise DatabaseError(f"{name} holds no workspace (create one with: cockpit init --db URL)")
            if not fresh and new:
                raise WorkspaceExists(f"{name} already holds a Cockpit workspace; init never overwrites one")
        try:
            result = upgrade(engine)
        except DatabaseError:
            raise
        except Exception as exc:  # noqa: BLE001 - a server that went away, a broken file
            reason = connection_problem(exc) if path is None else str(exc).splitlines()[0]
            raise DatabaseError(f"cannot open {name}: {reason}") from None
    except BaseException:
        engine.dispose()
        raise
    if path is not None:
        make_private(path)
    if on_upgrade is not None and result.backup is not None:
        on_upgrade(result)
    return engine, fresh


def open_workspace(target: str | Path, *, create: bool = True, new: bool = False, demo: bool = False,
                   actor: str | None = None, clock: Clock = system_clock, read_only: bool = False,
                   checked: bool = False, on_upgrade: Callable[[Upgraded], None] | None = None,
                   setup: "SetupData | None" = None) -> Store:
    """A store on ``target`` (a path or URL), migrated to the newest schema.

    ``create``: make a new workspace if there is none.  ``new``: there must be none (``init``).
    ``demo``: fill a new workspace with the demo data.  ``setup``: lay a new workspace out from a setup
    file (``init --from``); if it is refused, the new file is removed again.  Raises DatabaseError with a
    readable message.
    """
    engine, fresh = open_engine(target, create=create, new=new, checked=checked, on_upgrade=on_upgrade)
    store = Store(engine, actor=actor or default_actor(), clock=clock, read_only=read_only)
    if not _has_project(store):
        if not (fresh or new or create):
            engine.dispose()
            raise DatabaseError(f"{display_name(target)} holds no workspace")
        if demo:
            from cockpit.demo import build_demo

            build_demo(store)
        elif setup is not None:
            _from_setup(store, target, setup)
        else:
            store.workspace.setup_defaults("My project")
            store.settings.mark_first_run()  # the guided setup opens on the first start
        store.forget_undo()  # setting up is not something to undo
    return store


def _from_setup(store: Store, target: str | Path, data: "SetupData") -> None:
    """A new workspace laid out from ``data``: its first project (with the file's stages instead of the
    standard ones, when it lists any), the standard roles and RACI table, then the whole file applied."""
    from cockpit.db.errors import ValidationFailed

    first = data.projects[0] if data.projects else None
    stages = None
    if first is not None and first.stages:
        stages = [(s.name, s.category or "in_progress", s.wip_limit or None, list(s.criteria or []))
                  for s in first.stages]
    try:
        store.workspace.setup_defaults(first.name if first is not None else "My project", stages=stages)
        store.setup.apply(data, label="create the workspace from a setup file", undoable=False)
    except ValidationFailed as problem:
        store.engine.dispose()
        path = sqlite_path(to_url(target))
        if path is not None:
            for leftover in path.parent.glob(f"{path.name}*"):
                leftover.unlink()  # init made this file a moment ago: nothing of the user's is lost
        raise DatabaseError(f"{problem}; no workspace was created") from None


def _has_project(store: Store) -> bool:
    from cockpit.db.errors import NotFound

    try:
        store.workspace.project()
    except NotFound:
        return False
    return True
