"""``cockpit export ics`` and ``cockpit import ics``: the calendar as an iCalendar (RFC 5545) file."""

import argparse
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from cockpit.commands import CommandError, Parsers, add_db_option
from cockpit.db.kinds import EVENT_KINDS
from cockpit.logic.wording import plural


def register(parsers: Parsers) -> None:
    export = parsers.export.add_parser(
        "ics", help="the calendar as an iCalendar file (iterations, key nodes, events)",
        description="Write iterations (all-day), their key nodes and every calendar event, with "
                    "recurrence rules and skipped dates, to an .ics file.  UIDs are stable.")
    add_db_option(export)
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
    import_.add_argument("file", metavar="FILE", help="the .ics file to read")
    import_.add_argument("--kind", choices=EVENT_KINDS, default="other",
                         help="kind of the events that do not say (default: other; e.g. holiday)")
    import_.set_defaults(func=run_import)


Progress = Callable[[int, int], None] | None


def export_calendar(store, out: Path, progress: Progress = None, *, floating: bool = False) -> int:  # noqa: ANN001
    """Write the workspace's calendar to ``out`` (times in the workspace's zone, or floating on
    request); returns how many VEVENTs it holds.  ``progress(done, total)`` is called between the
    steps (read, build); if it raises, nothing is written."""
    from cockpit.logic.ics import ExportData, build_calendar
    from cockpit.services.files import write_private

    zone = None if floating else _zone(store)
    if progress is not None:
        progress(0, 2)
    data = ExportData(
        project=store.workspace.project(), created=store.calendar.workspace_created(),
        iterations=store.workspace.iterations(), key_dates=store.calendar.key_dates(),
        events=store.calendar.events(),
    )
    calendar = build_calendar(data, store.now(), zone)
    if progress is not None:
        progress(1, 2)
    write_private(out, calendar.to_ical())
    return len(calendar.walk("VEVENT"))


def _zone(store) -> tzinfo | None:  # noqa: ANN001
    """The workspace's zone (set in Setup; COCKPIT_TZ overrides it); a bad name is a CommandError naming it."""
    from cockpit.zones import workspace_zone

    try:
        return workspace_zone(store.settings.time_zone_name())
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def import_calendar(store, path: Path, kind: str = "other",  # noqa: ANN001
                    progress: Progress = None) -> tuple[int, int, int]:
    """Add the events of ``path``: (added, skipped as already there, ignored non-events), in one
    transaction; ``progress(done, total)`` is called per event; if it raises, nothing is written."""
    from cockpit.logic.ics import IcsError, parse_ics

    try:
        payload = Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        parsed = parse_ics(payload, default_kind=kind, zone=_zone(store))
    except IcsError as exc:
        raise CommandError(f"{path}: {exc}; nothing was imported") from None
    added, skipped = store.calendar.import_events(parsed.events, label=f"import calendar {Path(path).name}",
                                                progress=progress)
    return added, skipped, parsed.ignored


def run_export(args: argparse.Namespace) -> int:
    from cockpit.workspace import open_workspace

    store = open_workspace(args.db, create=False)
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise CommandError(f"{out} is a folder; give a file name such as {out / 'calendar.ics'}")
    count = export_calendar(store, out, floating=args.floating)
    print(f"wrote {count} calendar entries to {out}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from cockpit.workspace import open_workspace

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise CommandError(f"{path} is not a file")
    store = open_workspace(args.db, create=False)
    added, skipped, ignored = import_calendar(store, path, args.kind)
    extra = "".join([f", {skipped} already there" if skipped else "",
                     f", {ignored} iterations/key nodes ignored" if ignored else ""])
    print(f"imported {plural(added, 'event')} from {path}{extra}")
    return 0
