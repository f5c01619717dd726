"""``cockpit copy --from URL_OR_PATH --to URL_OR_PATH``: move a workspace between a SQLite file and a
PostgreSQL database (either way), ids and change log included, never overwriting anything.

The target must be new: a file path that does not exist yet, or a server database that is empty (or
holds only an empty Cockpit schema).  The source is read in one snapshot and left as it was (it is
brought to the newest schema first, as opening it would, with the usual backup for a file).
"""

import argparse
from pathlib import Path

from cockpit.commands import CommandError, Parsers


def register(parsers: Parsers) -> None:
    copy = parsers.root.add_parser(
        "copy", help="copy a workspace to a new file or an empty PostgreSQL database (team mode)",
        description="Copy a whole workspace, change log included, between a SQLite file and a "
                    "PostgreSQL database (postgresql://user@host/dbname).  The target must be new or empty.")
    copy.add_argument("--from", dest="source", required=True, metavar="PATH|URL", help="the workspace to copy")
    copy.add_argument("--to", dest="target", required=True, metavar="PATH|URL",
                      help="a file that does not exist yet, or an empty database")
    copy.set_defaults(func=run_copy)


def run_copy(args: argparse.Namespace) -> int:
    from cockpit.db.copy import copy_workspace
    from cockpit.db.engine import sqlite_path, to_url
    from cockpit.db.files import display_name
    from cockpit.workspace import open_engine

    source_url, target_url = to_url(args.source), to_url(args.target)
    if source_url == target_url:
        raise CommandError("--from and --to name the same workspace")
    target_path = sqlite_path(target_url)
    if target_path is not None and (target_path.exists() or target_path.is_symlink()):
        raise CommandError(f"{target_path} already exists; copy never overwrites a file (choose a new name)")
    if target_path is None:
        _check_server_target(args.target)
    source, _ = open_engine(args.source, create=False,
                            on_upgrade=lambda result: print(f"upgraded {display_name(args.source)}; "
                                                            f"backup at {result.backup}"))
    target = None
    try:
        target, _ = open_engine(args.target, create=True)
        report = copy_workspace(source, target)
    except BaseException:
        if target is not None:
            target.dispose()
        if target_path is not None:
            _remove_new_file(target_path)
        raise
    finally:
        source.dispose()
    target.dispose()
    print(f"copied {report.rows} rows in {len(report.tables)} tables (change log: {report.changes} changes) "
          f"from {display_name(args.source)} to {display_name(args.target)}; row counts verified")
    return 0


def _check_server_target(target: str) -> None:
    """A server database must be empty, or hold a Cockpit schema with no rows in it."""
    from cockpit.db.copy import row_counts
    from cockpit.db.engine import check_server_database, make_engine, to_url
    from cockpit.db.files import display_name

    engine = make_engine(to_url(target))
    try:
        if check_server_database(engine, target):
            return
        rows = sum(row_counts(engine).values())
    finally:
        engine.dispose()
    if rows:
        raise CommandError(f"{display_name(target)} already holds a workspace ({rows} rows); "
                           "copy only into an empty database")


def _remove_new_file(path: Path) -> None:
    """Remove the file this copy created (and SQLite's companions), so a failed copy leaves nothing."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            candidate.unlink()
        except FileNotFoundError:
            pass
