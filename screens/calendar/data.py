"""What the calendar screen shows, loaded from the store: the month's weeks, each day's entries (key
nodes and event occurrences, expanded for the visible range only), iteration bands and the agenda."""

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from cockpit.logic.recurrence import Occurrence, SkippedTrain, by_day, describe, expand, skipped_trains
from cockpit.db.models import IterationRead, ItemRead
from cockpit.db.models_calendar import EventRead, KeyDateRead
from cockpit.db.store import Store
from cockpit.widgets.agenda import AgendaLine, AgendaView
from cockpit.widgets.month_grid import DayEntry, MonthView

#: Iteration colours, by the iteration's order (the grid's style names).
ITERATION_STYLES = ("iteration-0", "iteration-1", "iteration-2", "iteration-3", "iteration-4")
#: Events without an iteration are coloured by kind.
KIND_STYLES = {kind: kind for kind in ("release", "review", "holiday", "milestone", "meeting", "other")}
#: The same styles for Content (agenda, title legend): theme variables only.
THEME_STYLES = {
    "iteration-0": "$primary", "iteration-1": "$success", "iteration-2": "$accent",
    "iteration-3": "$warning", "iteration-4": "$secondary",
    "release": "bold $error", "review": "$secondary", "holiday": "italic $success", "milestone": "$accent",
    "meeting": "", "other": "", "": "",
}
KIND_MARKERS = {"release": "▲", "holiday": "☼", "review": "•", "meeting": "•", "milestone": "◆", "other": "•"}
#: A day the release train does not run (a skipped date of a release or review series).
SKIP_MARKER = "✕"
#: Entry keys that only inform: nothing to edit, move or delete (cards due, skipped train dates).
NOTE_PREFIXES = ("item:", "skip:")
AGENDA_DAYS = 14


def month_weeks(month: date) -> list[list[date]]:
    """The Monday-first weeks that show ``month`` (4 to 6 of them)."""
    return pycalendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def event_key(occurrence: Occurrence) -> str:
    return f"event:{occurrence.event_id}:" + occurrence.day.isoformat()


@dataclass
class CalendarData:
    """Everything loaded for one month, and what each entry key refers to."""

    iterations: list[IterationRead]
    key_dates: list[KeyDateRead]
    occurrences: list[Occurrence]
    events: dict[int, EventRead]
    start: date
    end: date
    refs: dict[str, KeyDateRead | Occurrence] = field(default_factory=dict)
    skips: list[SkippedTrain] = field(default_factory=list)
    entries: dict[date, list[DayEntry]] = field(default_factory=dict)
    bands: dict[date, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._styles = {it.id: ITERATION_STYLES[index % len(ITERATION_STYLES)] for index, it in enumerate(self.iterations)}
        self._names = {it.id: it.name for it in self.iterations}

    def iteration_style(self, iteration_id: int | None) -> str:
        return self._styles.get(iteration_id, "")

    def iteration_name(self, iteration_id: int | None) -> str:
        return self._names.get(iteration_id, "")

    def style_of(self, entry: Occurrence | EventRead) -> str:
        if entry.iteration_id is not None:
            return self.iteration_style(entry.iteration_id)
        return KIND_STYLES.get(entry.kind, "")


def load(store: Store, start: date, end: date) -> CalendarData:
    """Key dates, iterations and event occurrences between ``start`` and ``end`` (inclusive)."""
    events = store.calendar.events(start, end)
    data = CalendarData(
        iterations=store.workspace.iterations(), key_dates=store.calendar.key_dates(start, end),
        occurrences=expand(events, start, end), events={event.id: event for event in events},
        start=start, end=end, skips=skipped_trains(events, start, end),
    )
    for skip in data.skips:  # first in its day: the reason the train is missing is read at a glance
        data.entries.setdefault(skip.day, []).append(DayEntry(
            f"skip:{skip.event_id}:{skip.day.isoformat()}", skip.label, "holiday", SKIP_MARKER))
    for key in data.key_dates:
        ref = f"key:{key.id}"
        data.refs[ref] = key
        data.entries.setdefault(key.day, []).append(DayEntry(
            ref, key.name, data.iteration_style(key.iteration_id), "◆", detail=key.iteration_name))
    # What an entry looks like depends on its event, not on the day: worked out once per event.
    looks = {event.id: (data.style_of(event), KIND_MARKERS.get(event.kind, "•"),  # type: ignore[arg-type]
                        f"{event.start_time:%H:%M}" if event.start_time else "",
                        data.iteration_name(event.iteration_id)) for event in events}
    for day, occurrences in by_day(data.occurrences, start, end).items():
        listed = data.entries.setdefault(day, [])
        for occurrence in occurrences:
            ref = event_key(occurrence)
            data.refs[ref] = occurrence
            style, marker, time, detail = looks[occurrence.event_id]
            listed.append(DayEntry(ref, occurrence.title, style, marker, time if day == occurrence.day else "", detail))
    for index, iteration in enumerate(data.iterations):
        style = ITERATION_STYLES[index % len(ITERATION_STYLES)]
        day = max(iteration.start, start)
        while day <= min(iteration.end, end):
            data.bands.setdefault(day, []).append(style)
            day += timedelta(days=1)
    return data


def month_view(data: CalendarData, month: date, weeks: list[list[date]], today: date, cursor: date,
               selected: int) -> MonthView:
    return MonthView(month=month, weeks=weeks, today=today, cursor=cursor, entries=data.entries,
                     bands=data.bands, selected=selected)


def agenda_view(store: Store, today: date) -> AgendaView:
    """The next 14 days from today, and each running iteration's next key node."""
    end = today + timedelta(days=AGENDA_DAYS - 1)
    data = load(store, today, end)
    view = AgendaView(today=today, horizon=AGENDA_DAYS)
    for day in (today + timedelta(days=n) for n in range(AGENDA_DAYS)):
        lines = []
        for entry in data.entries.get(day, []):
            ref = data.refs.get(entry.key)
            label = entry.label + (f" · {entry.detail}" if entry.detail else "")
            if isinstance(ref, Occurrence) and ref.recurring:
                label += f" ({describe(data.events[ref.series_id].rrule)})" if ref.series_id in data.events and data.events[ref.series_id].rrule else ""
            lines.append(AgendaLine(f"{entry.marker} {label}" if not entry.time else label,
                                    THEME_STYLES.get(entry.style, ""), entry.time))
        if lines:
            view.days.append((day, lines))
    running = [it for it in data.iterations if it.start <= today <= it.end]
    upcoming = store.calendar.key_dates(today, None)
    for iteration in running:
        node = next((k for k in upcoming if k.iteration_id == iteration.id), None)
        style = THEME_STYLES[data.iteration_style(iteration.id)]
        if node is None:
            view.next_nodes.append(AgendaLine(f"{iteration.name}: no key node left", style))
        else:
            days = (node.day - today).days
            when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
            view.next_nodes.append(AgendaLine(f"{iteration.name} {node.name}: {node.day:%a %d %b}, {when}", style))
    return view


def items_due(items: list[ItemRead], day: date) -> list[ItemRead]:
    return [item for item in items if item.due == day]


@dataclass(frozen=True)
class DayRow:
    """One row of the day view; ``key`` is the entry's (cards are ``item:<id>``, read-only)."""

    key: str
    when: str
    what: str
    kind: str
    who: str

    @property
    def editable(self) -> bool:
        return not self.key.startswith(NOTE_PREFIXES)


def day_rows(store: Store, data: CalendarData | None, day: date, presenting: bool) -> list[DayRow]:
    """Key nodes and event occurrences of ``day`` (from the loaded month), then the cards due that day
    (a confidential card's title masked while presenting).  Raises StoreError."""
    from cockpit.logic.present import shown

    rows: list[DayRow] = []
    skips = {f"skip:{s.event_id}:{s.day.isoformat()}": s for s in data.skips} if data is not None else {}
    for entry in data.entries.get(day, []) if data is not None else []:
        ref = data.refs.get(entry.key) if data is not None else None
        if entry.key in skips:
            skip = skips[entry.key]
            rows.append(DayRow(entry.key, "skipped", f"{SKIP_MARKER} {skip.label}  ({skip.title} does not run)",
                               skip.kind, ""))
        elif isinstance(ref, KeyDateRead):
            rows.append(DayRow(entry.key, "key node", f"◆ {ref.name}", ref.kind, ref.iteration_name))
        elif isinstance(ref, Occurrence) and data is not None:
            when = ("all day" if ref.all_day else f"{ref.start_time:%H:%M}–{ref.end_time:%H:%M}" if ref.end_time
                    else f"{ref.start_time:%H:%M}")
            title = ref.title
            series = data.events.get(ref.series_id) if ref.series_id is not None else None
            if series is not None and series.rrule:
                title += f"  ({describe(series.rrule)})"
            elif ref.recurring:
                title += "  (moved occurrence)"
            rows.append(DayRow(event_key(ref), when, title, ref.kind, data.iteration_name(ref.iteration_id)))
    project_id = store.workspace.project_id()  # this project's cards
    items = items_due([item for item in store.items.all() if item.project_id == project_id], day)
    people = {person.id: person.name for person in store.workspace.people()} if items else {}
    for item in items:
        rows.append(DayRow(f"item:{item.id}", "card due", f"#{item.id} {shown(item.title, item.confidential, presenting)}",
                           item.kind, people.get(item.owner_id, "") if item.owner_id else ""))
    return rows
