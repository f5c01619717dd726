"""iCalendar (RFC 5545) export and import, written and read with the ``icalendar`` package.

Export: iterations as all-day events (exclusive DTEND), their key nodes as all-day events RELATED-TO
their iteration, calendar events with RRULE / EXDATE and overrides (RECURRENCE-ID); a release train's
date skipped for a holiday is named in a COMMENT of its series ("train skipped on 2026-12-11: Public
holiday"), since calendar programs show no reason for an EXDATE.  UIDs are stable
(stored for events, derived from the row id and the workspace for the rest) and SEQUENCE is the row's
version minus one, so a second export of unchanged data differs only in DTSTAMP.  Timed events are
wall-clock times of the workspace's zone: they are written with its TZID and a VTIMEZONE (generated
from the zoneinfo data), or floating when no zone is given (on request, or when it is unknown).
All-day entries are DATE values, whatever the zone.

Import: VEVENTs become calendar events; a file that cannot be read is refused with the reason.  Times
with a TZID or in UTC are converted to the workspace's zone; floating times are taken as they are.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from icalendar import Calendar, Event, vRecur

from cockpit.db.kinds import EVENT_KINDS
from cockpit.db.models import IterationRead, ProjectRead
from cockpit.db.models_calendar import EventRead, KeyDateRead, check_rule
from cockpit.logic.recurrence import skipped_trains

PRODID = "-//Cockpit//Iteration calendar//EN"
TYPE_PROPERTY = "X-COCKPIT-TYPE"
KIND_PROPERTY = "X-COCKPIT-KIND"


class IcsError(ValueError):
    """A file that cannot be imported; the message says why (one line)."""


@dataclass
class ExportData:
    project: ProjectRead
    created: datetime
    iterations: list[IterationRead]
    key_dates: list[KeyDateRead]
    events: list[EventRead]


def workspace_token(created: datetime) -> str:
    """A stable per-workspace part of derived UIDs (the project's creation time)."""
    return created.strftime("%Y%m%dT%H%M%S%f")


def iteration_uid(iteration_id: int, token: str) -> str:
    return f"iteration-{iteration_id}-{token}@cockpit"


def key_date_uid(key_date_id: int, token: str) -> str:
    return f"keydate-{key_date_id}-{token}@cockpit"


def _base(uid: str, summary: str, version: int, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", max(version - 1, 0))
    event.add("summary", summary)
    return event


def build_calendar(data: ExportData, stamp: datetime, zone: tzinfo | None = None) -> Calendar:
    """The workspace's calendar; ``stamp`` (UTC) becomes every DTSTAMP; timed events are in ``zone``
    (a zoneinfo zone, with its VTIMEZONE), or floating when it is None."""
    token = workspace_token(data.created)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", data.project.name)
    for iteration in sorted(data.iterations, key=lambda it: it.id):
        event = _base(iteration_uid(iteration.id, token), f"Iteration {iteration.name}", iteration.version, stamp)
        event.add("dtstart", iteration.start)
        event.add("dtend", iteration.end + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        if iteration.goal:
            event.add("description", iteration.goal)
        event.add("categories", ["Iteration"])
        event.add(TYPE_PROPERTY, "iteration")
        cal.add_component(event)
    for key in sorted(data.key_dates, key=lambda k: k.id):
        event = _base(key_date_uid(key.id, token), f"{key.name} ({key.iteration_name})", key.version, stamp)
        event.add("dtstart", key.day)
        event.add("dtend", key.day + timedelta(days=1))
        event.add("related-to", iteration_uid(key.iteration_id, token))
        event.add("categories", ["Key node", key.kind])
        event.add(TYPE_PROPERTY, "key-node")
        event.add(KIND_PROPERTY, key.kind)
        cal.add_component(event)
    by_id = {event.id: event for event in data.events}
    holidays: dict[int, list[str]] = {}
    for skip in skipped_trains(data.events, date.min, date.max):
        if skip.holiday:
            holidays.setdefault(skip.event_id, []).append(f"train skipped on {skip.day.isoformat()}: {skip.holiday}")
    for item in sorted(data.events, key=lambda e: e.id):
        series = by_id.get(item.series_id) if item.series_id is not None else None
        uid = series.uid if series is not None else item.uid
        event = _base(uid, item.title, item.version, stamp)
        _add_times(event, item, zone)
        if series is not None and item.original_day is not None:
            event.add("recurrence-id", _at(item.original_day, series, zone))
        if item.rrule:
            event.add("rrule", vRecur.from_ical(item.rrule))
            if item.exdates:
                event.add("exdate", [_at(day, item, zone) for day in item.exdates])
            for comment in holidays.get(item.id, []):
                event.add("comment", comment)
        if item.notes:
            event.add("description", item.notes)
        if item.location:
            event.add("location", item.location)
        if item.iteration_id is not None:
            event.add("related-to", iteration_uid(item.iteration_id, token))
        event.add("categories", [item.kind])
        event.add(TYPE_PROPERTY, "event")
        event.add(KIND_PROPERTY, item.kind)
        cal.add_component(event)
    if zone is not None:
        cal.add_missing_timezones()  # the VTIMEZONE of every TZID used, before the events
    return cal


def _at(day: date, event: EventRead, zone: tzinfo | None) -> date | datetime:
    return day if event.all_day else datetime.combine(day, event.start_time or time.min, tzinfo=zone)


def _add_times(target: Event, event: EventRead, zone: tzinfo | None) -> None:
    if event.all_day:
        target.add("dtstart", event.start_day)
        target.add("dtend", event.end_day + timedelta(days=1))
    else:
        target.add("dtstart", datetime.combine(event.start_day, event.start_time or time.min, tzinfo=zone))
        target.add("dtend", datetime.combine(event.end_day, event.end_time or event.start_time or time.min,
                                             tzinfo=zone))


def export_bytes(data: ExportData, stamp: datetime, zone: tzinfo | None = None) -> bytes:
    return build_calendar(data, stamp, zone).to_ical()


# --- import -----------------------------------------------------------------------------------------


@dataclass
class Parsed:
    events: list[dict[str, Any]]
    ignored: int
    """VEVENTs that are not events (iterations and key nodes exported by Cockpit)."""


def parse_ics(payload: bytes, default_kind: str = "other", zone: tzinfo | None = None) -> Parsed:
    """The events of an iCalendar file as fields for ``store.calendar.import_events``; IcsError if bad.
    Zoned and UTC times become wall-clock times of ``zone`` (this computer's zone when None)."""
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IcsError("the file is not UTF-8 text, so not an iCalendar file") from None
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise IcsError("not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    try:
        cal = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as exc:
        raise IcsError(f"the file is malformed ({_one_line(exc)})") from None
    for component in cal.walk():
        for prop, problem in component.errors:
            summary = str(component.get("summary", "")).strip()[:40]
            where = f"{component.name} {summary!r}" if summary else component.name
            raise IcsError(f"the file is malformed: {where} {prop}: {_one_line(problem)}")
    events: list[dict[str, Any]] = []
    overrides: list[tuple[str, date, dict[str, Any]]] = []
    ignored = 0
    for number, vevent in enumerate(cal.walk("VEVENT"), start=1):
        # Its properties read once, by their upper-case names (icalendar's keys): a Component's own
        # case-folding lookups cost more than the rest of this loop at 20,000 events.
        props = dict(vevent.items())
        if str(props.get(TYPE_PROPERTY, "event")).lower() in ("iteration", "key-node"):
            ignored += 1
            continue
        try:
            fields = _event_fields(vevent, props, default_kind, zone)
        except (ValueError, TypeError, AttributeError) as exc:
            summary = str(props.get("SUMMARY", "")).strip()[:40] or "no title"
            raise IcsError(f"event {number} ({summary}): {_one_line(exc)}") from None
        if "RECURRENCE-ID" in props:
            original = _day_of(vevent.decoded("recurrence-id"), zone)
            overrides.append((fields["uid"], original, fields))
        else:
            events.append(fields)
    by_uid = {fields["uid"]: fields for fields in events if fields.get("uid")}
    for uid, original, fields in overrides:
        master = by_uid.get(uid)
        if master is not None:
            master["exdates"] = sorted(set(master["exdates"]) | {original})
        fields["uid"] = f"{uid}#{original.isoformat()}"
        events.append(fields)
    if not events and not ignored:
        raise IcsError("the file holds no events")
    return Parsed(events, ignored)


def _moment(vevent: Event, props: dict[str, Any], name: str) -> Any:
    """The date, date-time or duration of property ``name`` (upper case)."""
    value = props[name]
    return value.dt if hasattr(value, "dt") else vevent.decoded(name)


def _event_fields(vevent: Event, props: dict[str, Any], default_kind: str, zone: tzinfo | None) -> dict[str, Any]:
    if "DTSTART" not in props:
        raise ValueError("it has no DTSTART")
    start = _moment(vevent, props, "DTSTART")
    all_day = not isinstance(start, datetime)
    if "DTEND" in props:
        end = _moment(vevent, props, "DTEND")
    elif "DURATION" in props:
        end = start + _moment(vevent, props, "DURATION")
    else:
        end = start + timedelta(days=1) if all_day else start
    if all_day:
        if isinstance(end, datetime):
            end = end.date()
        start_day, end_day = start, max(end - timedelta(days=1), start)
        start_time = end_time = None
    else:
        start = _local(start, zone)
        end = _local(end if isinstance(end, datetime) else datetime.combine(end, time.min), zone)
        start_day, start_time, end_day, end_time = start.date(), start.time(), end.date(), end.time()
        if end < start:
            raise ValueError("it ends before it starts")
    rule = ""
    if "RRULE" in props:
        rules = props["RRULE"]
        rules = rules if isinstance(rules, list) else [rules]
        if len(rules) > 1:
            raise ValueError("more than one RRULE is not supported")
        rule = check_rule(rules[0].to_ical().decode())
    exdates: set[date] = set()
    raw = props.get("EXDATE")
    for group in (raw if isinstance(raw, list) else [raw] if raw is not None else []):
        for value in group.dts:
            exdates.add(_day_of(value.dt, zone))
    kind = str(props.get(KIND_PROPERTY, "")).lower()
    if kind not in EVENT_KINDS:
        categories = [str(c).lower() for c in _categories(props.get("CATEGORIES"))]
        kind = next((c for c in categories if c in EVENT_KINDS), default_kind)
    return {
        "uid": str(props.get("UID", "")).strip()[:255] or None,
        "title": str(props.get("SUMMARY", "")).strip() or "(no title)",
        "notes": str(props.get("DESCRIPTION", "")),
        "location": str(props.get("LOCATION", "")),
        "kind": kind, "all_day": all_day, "start_day": start_day, "end_day": end_day,
        "start_time": start_time, "end_time": end_time, "rrule": rule, "exdates": sorted(exdates),
    }


def _categories(raw: Any) -> list[str]:
    groups = raw if isinstance(raw, list) else [raw] if raw is not None else []
    return [str(c) for group in groups for c in getattr(group, "cats", [group])]


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    """A time from the file as a wall-clock time of ``zone`` (zoned and UTC times are converted; a
    floating time is taken as it is)."""
    return moment.astimezone(zone).replace(tzinfo=None) if moment.tzinfo is not None else moment


def _day_of(value: date | datetime, zone: tzinfo | None) -> date:
    return _local(value, zone).date() if isinstance(value, datetime) else value


def _one_line(exc: object) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
