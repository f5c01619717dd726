"""``cockpit export risks`` and ``cockpit import risks``: the risk register as CSV."""

import argparse
import sys
from pathlib import Path

from cockpit.commands import CommandError, Parsers, add_bom_option, add_db_option, add_project_option, open_project
from cockpit.logic.wording import plural

#: At most this many import errors are printed (the count of the rest follows).
MAX_ERRORS_SHOWN = 50


def register(parsers: Parsers) -> None:
    export = parsers.export.add_parser("risks", help="the risk register as CSV (RFC 4180, UTF-8)")
    add_db_option(export)
    add_project_option(export)
    export.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write ('-' for stdout)")
    add_bom_option(export)
    export.set_defaults(func=run_export)

    import_ = parsers.import_.add_parser("risks", help="add risks from a CSV file (all rows or none)")
    add_db_option(import_)
    add_project_option(import_)
    import_.add_argument("file", metavar="FILE", help="a CSV file with a header row, as export writes (`;` or tab separated also)")
    import_.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from cockpit.logic.risk_csv import to_csv
    from cockpit.services.reports import export_csv

    store = open_project(args)
    risks = store.risks.all()
    thresholds = store.risks.settings().thresholds
    if args.out == "-":
        sys.stdout.write(to_csv(risks, thresholds))
        return 0
    count = export_csv(risks, Path(args.out), thresholds, bom=not args.no_bom)
    print(f"exported {plural(count, 'risk')} to {args.out}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from cockpit.logic.risk_csv import parse_csv
    from cockpit.services.files import read_text

    path = Path(args.file)
    try:
        text = read_text(path)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    store = open_project(args, actor=getattr(args, "actor", None))
    item_ids = {item.id for item in store.items.all()}
    parsed = parse_csv(text, store.workspace.people(), item_ids)
    if parsed.errors:
        count = len(parsed.errors)
        print(f"cockpit: {path}: nothing imported, {plural(count, 'error')}:", file=sys.stderr)
        for error in parsed.errors[:MAX_ERRORS_SHOWN]:
            print(f"  {error}", file=sys.stderr)
        if count > MAX_ERRORS_SHOWN:
            print(f"  ... and {count - MAX_ERRORS_SHOWN} more", file=sys.stderr)
        return 2
    ids = store.risks.import_many(parsed.risks, label=f"import risks from {path.name}")
    print(f"imported {plural(len(ids), 'risk')} from {path}")
    return 0
