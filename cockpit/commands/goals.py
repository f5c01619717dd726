"""Goals from the command line, for scripts and cron:

* ``cockpit checkin O1-KR2 VALUE [--date D] [--note TEXT]``: one check-in (a second one for the same
  day replaces it); the parsed date is shown back with the KR's 7-day average.
* ``cockpit import metrics FILE.csv``: many check-ins (kr code, date, value[, note]), all or nothing.
* ``cockpit export okr --format md|csv [--out FILE]``: the OKR board as a table.

A mistake (an unknown code, a bad date or value, a bad row) is one readable line on standard error,
exit status 1, and nothing is written.
"""

import argparse
import sys
from pathlib import Path

from cockpit.commands import CommandError, Parsers, add_bom_option, add_db_option, write_out
from cockpit.logic.wording import plural


def register(parsers: Parsers) -> None:
    checkin = parsers.root.add_parser("checkin", help="check in a key result's value (for scripts and cron)")
    add_db_option(checkin)
    checkin.add_argument("code", metavar="KR", help="the key result's code, such as O1-KR2")
    checkin.add_argument("value", metavar="VALUE", help="the metric's value (12.5 or 12,5)")
    checkin.add_argument("--date", metavar="D", default="today",
                         help="the day it is for: 2026-11-20, 20/11, mon, --date=-1 (yesterday)... (default: today)")
    checkin.add_argument("--note", default="", help="a short note kept with the value")
    checkin.set_defaults(func=run_checkin)

    metrics = parsers.import_.add_parser("metrics", help="check in many values from a CSV file (all or none)")
    add_db_option(metrics)
    metrics.add_argument("file", metavar="FILE", help="CSV rows of kr code, date, value[, note] (a header row is optional)")
    metrics.set_defaults(func=run_import_metrics)

    okr = parsers.export.add_parser("okr", help="the OKR board as a Markdown or CSV table")
    add_db_option(okr)
    okr.add_argument("--format", choices=("md", "csv"), default="md", help="md (default) or csv")
    okr.add_argument("--out", default="-", metavar="FILE", help="the file to write ('-', the default: stdout)")
    okr.add_argument("--project", metavar="NAME", help="the project (default: the one opened last)")
    okr.add_argument("--masked", action="store_true", help="hide confidential objectives' words (to share)")
    add_bom_option(okr)
    okr.set_defaults(func=run_export_okr)


def _fail(message: str) -> int:
    print(f"cockpit: {message}", file=sys.stderr)
    return 1


def run_checkin(args: argparse.Namespace) -> int:
    from cockpit.db.errors import StoreError
    from cockpit.logic.dates import DateError, describe, parse_due
    from cockpit.logic.okr import avg7_text, number, wow_text
    from cockpit.logic.okr_io import parse_value
    from cockpit.services.okr import kr_row
    from cockpit.workspace import open_workspace

    try:
        value = parse_value(args.value)
    except ValueError:
        return _fail(f"value: {args.value!r} is not a number")
    store = open_workspace(args.db, create=False, actor=getattr(args, "actor", None))
    today = store.today()
    try:
        day = parse_due(args.date, today)
    except DateError as exc:
        return _fail(f"--date: {exc}")
    if day is None:
        return _fail("--date: give a date")
    try:
        kr = store.goals.kr_by_code(args.code)
        store.goals.check_in(kr.id, day, value, args.note)
    except StoreError as exc:
        return _fail(str(exc))
    row = kr_row(store, kr.id, today)
    print(f"checked in {kr.code} = {number(value, kr.unit)} for {describe(day, today)}; "
          f"7-day average {avg7_text(row.figures, kr.unit)}, week over week {wow_text(row.figures.wow_pct)}")
    return 0


def run_import_metrics(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from cockpit.db.errors import StoreError, from_validation_error
    from cockpit.db.models_goals import CheckinCreate
    from cockpit.logic.okr_io import MetricsError, parse_metrics
    from cockpit.services.files import read_text
    from cockpit.workspace import open_workspace

    path = Path(args.file)
    try:
        text = read_text(path)
    except ValueError as exc:
        return _fail(str(exc))
    store = open_workspace(args.db, create=False, actor=getattr(args, "actor", None))
    codes = {kr.code.upper(): kr.id for kr in store.goals.all_key_results()}
    try:
        rows = parse_metrics(text, codes, store.today())
        checkins = []
        for row in rows:
            try:
                checkins.append(CheckinCreate(kr_id=row.kr_id, day=row.day, value=row.value, note=row.note))
            except ValidationError as exc:
                raise MetricsError(f"row {row.row}, {from_validation_error(exc)}") from None
    except MetricsError as exc:
        return _fail(f"{path}: nothing imported: {exc}")
    try:
        count = store.goals.check_in_many(checkins, label=f"import metrics from {path.name}")
    except StoreError as exc:
        return _fail(f"{path}: nothing imported: {exc}")
    krs = len({row.kr_id for row in rows})
    print(f"imported {plural(count, 'check-in')} for {plural(krs, 'key result')} from {path}")
    return 0


def run_export_okr(args: argparse.Namespace) -> int:
    from cockpit.logic.csv_text import for_file
    from cockpit.logic.okr_io import to_csv, to_markdown
    from cockpit.services.okr import okr_board
    from cockpit.workspace import open_workspace

    store = open_workspace(args.db, create=False)
    project = store.workspace.project()
    if args.project:
        wanted = [p for p in store.workspace.projects(include_closed=True)
                  if p.name.casefold() == args.project.strip().casefold()]
        if not wanted:
            raise CommandError(f"--project: no project named {args.project!r}")
        project = wanted[0]
    today = store.today()
    blocks = okr_board(store, project.id, today)
    if args.format == "csv":
        text = to_csv(blocks)
        written = write_out(args.out, text, for_file(text, bom=not args.no_bom))
    else:
        written = write_out(args.out, to_markdown(blocks, today, f"OKR board: {project.name}", masked=args.masked))
    if written is not None:
        count = sum(len(block.rows) for block in blocks)
        print(f"exported {plural(count, 'key result')} of {plural(len(blocks), 'objective')} to {written}")
    return 0
