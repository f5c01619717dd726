"""The calendar as an iCalendar (RFC 5545) file: export it, import events from one.

Used by the command line (``cockpit export ics``, ``cockpit import ics``) and the Calendar screen.
A user error (an unreadable or malformed file, a bad COCKPIT_TZ) is a ``CalendarFileError`` naming it.
"""

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path


class CalendarFileError(Exception):
    """A calendar file or zone that cannot be used; the message names it (nothing was written)."""


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
    """The workspace's zone (set in Setup; COCKPIT_TZ overrides it); a bad name is a CalendarFileError."""
    from cockpit.zones import workspace_zone

    try:
        return workspace_zone(store.settings.time_zone_name())
    except ValueError as exc:
        raise CalendarFileError(str(exc)) from None


def import_calendar(store, path: Path, kind: str = "other",  # noqa: ANN001
                    progress: Progress = None) -> tuple[int, int, int]:
    """Add the events of ``path``: (added, skipped as already there, ignored non-events), in one
    transaction; ``progress(done, total)`` is called per event; if it raises, nothing is written."""
    from cockpit.logic.ics import IcsError, parse_ics

    try:
        payload = Path(path).read_bytes()
    except OSError as exc:
        raise CalendarFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    zone = _zone(store)
    with _collector_paused():
        try:
            parsed = parse_ics(payload, default_kind=kind, zone=zone)
        except IcsError as exc:
            raise CalendarFileError(f"{path}: {exc}; nothing was imported") from None
        added, skipped = store.calendar.import_events(parsed.events, label=f"import calendar {Path(path).name}",
                                                    progress=progress)
    return added, skipped, parsed.ignored


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector held while a file is parsed and written: icalendar makes some fifty
    objects per event, all alive until the import ends, and the collector's passes over them made a
    20,000-event import a fifth slower (docs/performance.md, Imports).  Nothing here makes cycles
    that must be freed sooner; the collector runs again after, as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
