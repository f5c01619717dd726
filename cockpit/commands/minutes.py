"""``cockpit minutes --db PATH [--meeting ID] [--out FILE]``: write the minutes of a meeting."""

import argparse
from pathlib import Path

from cockpit.commands import CommandError, Parsers, add_db_option, add_project_option, open_project


def register(parsers: Parsers) -> None:
    parser = parsers.root.add_parser("minutes", help="write the minutes of a meeting (the last one by default)")
    add_db_option(parser)
    add_project_option(parser)
    parser.add_argument("--meeting", type=int, metavar="ID", help="the meeting's number (default: the last one)")
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help="write here instead of the minutes folder beside the database ('-' prints them)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cockpit.services.meetings import minutes_text, write_minutes

    store = open_project(args)
    if args.meeting is None:
        last = store.meetings.last()
        if last is None:
            raise CommandError("this workspace has no meetings yet")
        meeting_id = last.id
    else:
        meeting_id = store.meetings.get(args.meeting).id
    if args.out is not None and str(args.out) == "-":
        print(minutes_text(store, meeting_id), end="")
        return 0
    print(write_minutes(store, meeting_id, out=args.out))
    return 0
