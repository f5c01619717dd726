"""Sub-commands of the CLI.  Each feature module has ``register(parsers)`` adding its own.

A handler takes the parsed arguments and returns an exit status; it raises ``CommandError`` (or a
``DatabaseError`` / ``StoreError``) with one readable line for anything the user got wrong.
"""

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cockpit.db.store import Store


class CommandError(Exception):
    """A user error on the command line: printed as one line, exit status 2."""


class UnknownProject(CommandError):
    """``--project`` names no project of the workspace: one line, exit status 1."""

    status = 1


@dataclass
class Parsers:
    root: "argparse._SubParsersAction[argparse.ArgumentParser]"
    export: "argparse._SubParsersAction[argparse.ArgumentParser]"
    import_: "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_db_option(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", required=required, metavar="PATH|URL",
                        help="the workspace: a SQLite file path or a database URL")


def add_project_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", metavar="NAME",
                        help="the project to work on, by name (default: the one opened last)")


def open_project(args: argparse.Namespace, **options: object) -> "Store":
    """The workspace of ``--db``, showing the project ``--project`` names (default: the one opened
    last, as a new window would); an unknown name raises UnknownProject."""
    from cockpit.workspace import open_workspace

    store = open_workspace(args.db, create=False, **options)  # type: ignore[arg-type]
    name = getattr(args, "project", None)
    if name is not None:
        projects = store.workspace.projects(include_closed=True)
        found = next((p for p in projects if p.name.casefold() == name.strip().casefold()), None)
        if found is None:
            known = ", ".join(sorted(p.name for p in projects))
            raise UnknownProject(f"no project named {name!r} in this workspace (its projects: {known})")
        store.project_id = found.id
    return store


def add_bom_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-bom", action="store_true",
                        help="no UTF-8 byte-order mark in a CSV file (it is there so that Excel on Windows "
                             "reads the file as UTF-8; standard output never gets one)")


def write_out(target: str, text: str, file_text: str | None = None) -> Path | None:
    """``text`` to standard output when ``target`` is ``-`` (returns None), else to the file ``target``
    through the safe writer (``file_text`` if given: a CSV's byte-order mark); a folder is refused."""
    if target == "-":
        sys.stdout.write(text)
        return None
    from cockpit.services.files import write_private

    out = Path(target)
    if out.is_dir():
        raise CommandError(f"{out} is a folder; name the file to write")
    write_private(out, text if file_text is None else file_text)
    return out
