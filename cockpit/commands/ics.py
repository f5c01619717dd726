"""``cockpit export ics`` and ``cockpit import ics``: the calendar as an iCalendar (RFC 5545) file."""

import argparse
from pathlib import Path

from cockpit.commands import CommandError, Parsers, add_db_option, add_project_option, open_project
from cockpit.db.kinds import EVENT_KINDS
from cockpit.logic.wording import plural
from cockpit.services.calendar_files import CalendarFileError, export_calendar, import_calendar

__all__ = ["export_calendar", "import_calendar", "register"]


def register(parsers: Parsers) -> None:
    export = parsers.export.add_parser(
        "ics", help="the calendar as an iCalendar file (iterations, key nodes, events)",
        description="Write iterations (all-day), their key nodes and every calendar event, with "
                    "recurrence rules and skipped dates, to an .ics file.  UIDs are stable.")
    add_db_option(export)
    add_project_option(export)
    export.add_argument("--out", required=True, metavar="FILE", help="the .ics file to write (replaced)")
    export.add_argument("--floating", action="store_true",
                        help="write times without a time zone (floating: 16:00 is 16:00 wherever the reader "
                             "is); by default they carry the workspace's zone (set in Setup, else this computer's; COCKPIT_TZ overrides it)")
    export.set_defaults(func=run_export)

    import_ = parsers.import_.add_parser(
        "ics", help="add the events of an iCalendar file (all or nothing)",
        description="Add every event of an .ics file (a holiday calendar, a team calendar).  A file "
                    "that cannot be read is refused with the reason and nothing is imported; events "
                    "whose UID is already in the workspace are skipped.")
    add_db_option(import_)
    add_project_option(import_)
    import_.add_argument("file", metavar="FILE", help="the .ics file to read")
    import_.add_argument("--kind", choices=EVENT_KINDS, default="other",
                         help="kind of the events that do not say (default: other; e.g. holiday)")
    import_.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:

    store = open_project(args)
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise CommandError(f"{out} is a folder; give a file name such as {out / 'calendar.ics'}")
    try:
        count = export_calendar(store, out, floating=args.floating)
    except CalendarFileError as exc:
        raise CommandError(str(exc)) from None
    print(f"wrote {count} calendar entries to {out}")
    return 0


def run_import(args: argparse.Namespace) -> int:

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise CommandError(f"{path} is not a file")
    store = open_project(args)
    try:
        added, skipped, ignored = import_calendar(store, path, args.kind)
    except CalendarFileError as exc:
        raise CommandError(str(exc)) from None
    extra = "".join([f", {skipped} already there" if skipped else "",
                     f", {ignored} iterations/key nodes ignored" if ignored else ""])
    print(f"imported {plural(added, 'event')} from {path}{extra}")
    return 0
