"""``cockpit export people`` and ``cockpit import people``: the team as CSV (all or nothing)."""

import argparse
from pathlib import Path

from cockpit.commands import CommandError, Parsers, add_bom_option, add_db_option, write_out


def register(parsers: Parsers) -> None:
    export = parsers.export.add_parser("people", help="people, their teams and roles as CSV")
    add_db_option(export)
    export.add_argument("--out", default="-", metavar="FILE", help="the CSV file to write (default: stdout)")
    add_bom_option(export)
    export.set_defaults(func=run_export)

    import_ = parsers.import_.add_parser("people", help="add or update people from a CSV file (all or nothing)")
    add_db_option(import_)
    import_.add_argument("file", metavar="FILE",
                         help="CSV with a header row: name,handle,email,team,roles (roles as project:role;...)")
    import_.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from cockpit.logic.csv_text import for_file
    from cockpit.logic.people_csv import to_csv
    from cockpit.workspace import open_workspace

    store = open_workspace(args.db, create=False)
    people = store.workspace.people()
    text = to_csv(people)
    out = write_out(args.out, text, for_file(text, bom=not args.no_bom))
    if out is None:
        return 0
    print(f"exported {len(people)} {'person' if len(people) == 1 else 'people'} to {out}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from cockpit.db.errors import ValidationFailed
    from cockpit.db.repos.people import PersonImport
    from cockpit.logic.people_csv import PeopleCsvError, parse_csv
    from cockpit.services.files import read_text
    from cockpit.workspace import open_workspace

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        rows = parse_csv(read_text(path))
    except (ValueError, PeopleCsvError) as problem:
        raise CommandError(f"{path}: {problem}; nothing was imported") from None
    store = open_workspace(args.db, create=False, actor=getattr(args, "actor", None))
    project = store.workspace.project().name
    entries = [PersonImport(row.row, row.fields, [(p or project, r) for p, r in row.roles]) for row in rows]
    try:
        added, updated = store.people.import_people(entries, label=f"import people from {path.name}")
    except ValidationFailed as problem:
        raise CommandError(f"{path}: {problem.field}: {problem.reason}; nothing was imported") from None
    print(f"imported {path}: {added} added, {updated} updated")
    return 0
