"""``cockpit export setup`` and ``cockpit import setup``: a workspace's projects, workflow, roles and
people as a TOML file (cockpit/logic/setup_toml.py), so a PMO can stamp its standard into every new
project; ``cockpit init --from FILE`` (cli.py) creates a workspace from one."""

import argparse
from pathlib import Path

from cockpit.commands import CommandError, Parsers, add_db_option, write_out
from cockpit.logic.wording import plural


def register(parsers: Parsers) -> None:
    export = parsers.export.add_parser("setup", help="campaigns, projects, stages, roles and people as a TOML file")
    add_db_option(export)
    export.add_argument("--out", default="-", metavar="FILE", help="the TOML file to write (default: stdout)")
    export.set_defaults(func=run_export)

    import_ = parsers.import_.add_parser(
        "setup", help="add or update campaigns, projects, stages, roles and people from a TOML file (all or nothing)")
    add_db_option(import_)
    import_.add_argument("file", metavar="FILE", help="a file written by: cockpit export setup")
    import_.set_defaults(func=run_import)


def read_setup(file: str):  # noqa: ANN201 - a SetupData
    """The setup file parsed and checked, or a CommandError naming the file and the place."""
    from cockpit.logic.setup_toml import parse_setup
    from cockpit.services.files import read_text

    path = Path(file)
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        return parse_setup(read_text(path))
    except ValueError as problem:  # a SetupFileError, or not UTF-8
        raise CommandError(f"{path.name}: {problem}; nothing was imported") from None


def run_export(args: argparse.Namespace) -> int:
    from cockpit.logic.setup_toml import render_setup
    from cockpit.workspace import open_workspace

    store = open_workspace(args.db, create=False)
    data = store.setup.export()
    out = write_out(args.out, render_setup(data))
    if out is None:
        return 0
    print(f"exported the setup ({plural(len(data.projects), 'project')}, {len(data.people)} people) to {out}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from cockpit.db.errors import ValidationFailed
    from cockpit.workspace import open_workspace

    data = read_setup(args.file)
    name = Path(args.file).name
    store = open_workspace(args.db, create=False, actor=getattr(args, "actor", None))
    try:
        counts = store.setup.apply(data, label=f"import setup from {name}")
    except ValidationFailed as problem:
        raise CommandError(f"{name}: {problem}; nothing was imported") from None
    if not counts["changes"]:
        print(f"imported {name}: nothing to change (the workspace already matches it)")
        return 0
    added = ", ".join(f"{counts[kind]} {kind}" for kind in ("campaigns", "projects", "stages", "roles", "people") if counts[kind])
    print(f"imported {name}: {added or 'nothing'} added; {counts['changes']} change(s) in all")
    return 0
