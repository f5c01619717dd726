"""``cockpit export raci`` (Markdown or CSV) and ``cockpit import raci`` (CSV, all or nothing)."""

import argparse
from pathlib import Path

from cockpit.commands import CommandError, Parsers, add_bom_option, add_db_option, add_project_option, open_project, write_out

#: Larger CSV files are refused before reading (a RACI table is a few dozen rows).
MAX_IMPORT_BYTES = 5_000_000


def register(parsers: Parsers) -> None:
    export = parsers.export.add_parser("raci", help="the RACI table as Markdown (for a wiki) or CSV")
    add_db_option(export)
    add_project_option(export)
    export.add_argument("--format", choices=("md", "csv"), default="md", help="md (default) or csv")
    export.add_argument("--out", required=True, metavar="FILE", help="the file to write (- for stdout)")
    add_bom_option(export)
    export.set_defaults(func=run_export)

    import_ = parsers.import_.add_parser("raci", help="replace the RACI table with a CSV file (all or nothing)")
    add_db_option(import_)
    add_project_option(import_)
    import_.add_argument("file", metavar="FILE", help="a CSV file as written by: cockpit export raci --format csv")
    import_.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from cockpit.logic.csv_text import for_file
    from cockpit.logic.raci_io import to_csv, to_markdown

    store = open_project(args, actor=getattr(args, "actor", None))
    render = to_csv if args.format == "csv" else to_markdown
    text = render(store.raci.table(), store.workspace.stages())
    out = write_out(args.out, text, for_file(text, bom=not args.no_bom) if args.format == "csv" else None)
    if out is None:
        return 0
    print(f"wrote {out}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from cockpit.logic.raci import build, summary
    from cockpit.logic.raci_io import CsvProblem, parse_csv

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise CommandError(f"{path}: too large for a RACI table ({path.stat().st_size} bytes)")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text (byte {exc.start}); save the sheet as CSV UTF-8") from None
    store = open_project(args, actor=getattr(args, "actor", None))
    try:
        activities = parse_csv(text, store.workspace.roles(), store.workspace.stages())
    except CsvProblem as problem:
        raise CommandError(f"{path}: {problem}; nothing was imported") from None
    count = store.raci.replace_table(activities, label=f"import RACI table from {path.name}")
    print(f"imported {count} activit{'y' if count == 1 else 'ies'} from {path}; "
          f"check: {summary(build(store.raci.table()))}")
    return 0
