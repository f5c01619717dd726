"""``cockpit report daily|weekly [--date D] [--project P]``: write the daily or weekly report beside
the minutes (or to ``--out FILE``, ``-`` for standard output).  An unknown project, a date that is not
one or a broken template: one line on standard error, exit status 1."""

import argparse
import sys
from pathlib import Path

from cockpit.commands import Parsers, add_db_option


def register(parsers: Parsers) -> None:
    parser = parsers.root.add_parser(
        "report", help="write the daily or weekly report (Markdown, beside the minutes)",
        description="Write the daily report (what moved since the last stand-up, delivered, newly blocked, new "
                    "or escalated risks, today's key nodes and meetings) or the weekly report (throughput and "
                    "cycle time against the previous week, the OKR board, risks due for review, the release "
                    "train and key nodes, the week's decisions and open action items).  The layout comes from "
                    "templates/daily.md.j2 or weekly.md.j2 beside the minutes folder if there is one.")
    parser.add_argument("kind", choices=("daily", "weekly"), help="which report")
    add_db_option(parser)
    parser.add_argument("--date", metavar="D", help="the report's day (default: today); e.g. 2026-11-20, -1d, fri")
    parser.add_argument("--project", metavar="NAME", help="the project (default: the one opened last)")
    parser.add_argument("--out", metavar="FILE", help="write here instead of beside the minutes ('-' prints it)")
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"cockpit report: {message}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    from cockpit.logic.dates import HINT, DateError, parse_due
    from cockpit.logic.report_render import TemplateProblem
    from cockpit.services.reports import report_text, write_report
    from cockpit.workspace import open_workspace

    store = open_workspace(args.db, create=False)
    project = store.workspace.project()
    if args.project is not None:
        wanted = [p for p in store.workspace.projects(include_closed=True)
                  if p.name.casefold() == args.project.strip().casefold()]
        if not wanted:
            names = ", ".join(p.name for p in store.workspace.projects(include_closed=True))
            return _fail(f"--project: no project named {args.project!r} (there is: {names})")
        project = wanted[0]
    store.project_id = project.id  # the store's per-project reads (risks, meetings, calendar) follow it
    today = store.today()
    try:
        day = parse_due(args.date, today) if args.date is not None else today
    except DateError as exc:
        return _fail(f"--date: {exc}")
    if day is None:
        return _fail(f"--date: give {HINT}")
    try:
        if args.out == "-":
            sys.stdout.write(report_text(store, args.kind, day, project.id))
            return 0
        out = Path(args.out) if args.out else None
        if out is not None and out.is_dir():
            return _fail(f"--out: {out} is a folder; name the file to write")
        path, _text = write_report(store, args.kind, day, project.id, out)
    except TemplateProblem as exc:
        return _fail(str(exc))
    print(path)
    return 0
