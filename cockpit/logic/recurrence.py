"""Recurring events expanded for a visible range only (python-dateutil), and the recurrence presets.

A series is its first occurrence (``start_day`` .. ``end_day``, optional times) plus an RFC 5545 RRULE;
skipped dates (EXDATE) and days replaced by an override event are left out.  Only occurrences that
touch the range asked for are generated, so a daily rule running for years costs the same as one week.
"""

import calendar
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from dateutil.rrule import rrule, rruleset, rrulestr

from cockpit.db.models_calendar import EventRead

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The presets of the new-event form: (key, label).
PRESETS: tuple[tuple[str, str], ...] = (
    ("none", "Does not repeat"),
    ("weekdays", "Daily on weekdays"),
    ("weekly", "Weekly on a chosen weekday"),
    ("biweekly", "Every two weeks"),
    ("monthly", "Monthly"),
    ("custom", "Custom rule (RFC 5545)"),
)


class Occurrence(NamedTuple):
    """One occurrence of an event in the visible range (immutable; a named tuple because a month
    view builds a thousand of them per reload, and a tuple is four times cheaper to make than a
    frozen dataclass)."""

    event_id: int
    title: str
    kind: str
    day: date
    end_day: date
    all_day: bool
    start_time: time | None
    end_time: time | None
    iteration_id: int | None
    version: int
    series_id: int | None
    """The series this occurrence belongs to (itself for a series, the master for an override)."""
    original_day: date | None
    """The day of the series occurrence (what "edit this occurrence" refers to)."""

    @property
    def recurring(self) -> bool:
        return self.series_id is not None

    def covers(self, day: date) -> bool:
        return self.day <= day <= self.end_day

    @property
    def sort_key(self) -> tuple:
        return (self.day, not self.all_day, self.start_time or time.min, self.title.lower(), self.event_id)


@lru_cache(maxsize=4096)
def _rule(text: str, dtstart: datetime) -> rrule:
    return rrulestr(text, dtstart=dtstart)  # type: ignore[return-value]


def _fast_forward(rule: str, first: datetime, window_start: datetime) -> datetime:
    """A later DTSTART giving the same occurrences from ``window_start`` on, so a daily or weekly series
    that began years ago is not iterated from its beginning.  Only whole periods are skipped (the
    phase of INTERVAL and the weekday stay), and never with COUNT (it counts from the first)."""
    parts = dict(part.partition("=")[::2] for part in rule.split(";"))
    if "COUNT" in parts or parts.get("FREQ") not in ("DAILY", "WEEKLY") or window_start <= first:
        return first
    interval = int(parts.get("INTERVAL", "1") or 1)
    period = interval * (7 if parts["FREQ"] == "WEEKLY" else 1)
    skipped = ((window_start - first).days // period - 1) * period
    return first + timedelta(days=skipped) if skipped > 0 else first


def expand(events: list[EventRead], start: date, end: date) -> list[Occurrence]:
    """Every occurrence touching ``start`` .. ``end`` (inclusive), sorted by day, all-day first, time."""
    overridden: dict[int, set[date]] = {}
    for event in events:
        if event.series_id is not None and event.original_day is not None:
            overridden.setdefault(event.series_id, set()).add(event.original_day)
    found: list[Occurrence] = []
    for event in events:
        if not event.rrule:
            if event.start_day <= end and event.end_day >= start:
                found.append(_occurrence(event, event.start_day, event.series_id, event.original_day))
            continue
        span = timedelta(days=event.span_days)
        at = event.start_time or time.min
        window_start = datetime.combine(start - span, time.min)
        window_end = datetime.combine(end, time.max)
        first = _fast_forward(event.rrule, datetime.combine(event.start_day, at), window_start)
        skips = [day for day in set(event.exdates) | overridden.get(event.id, set()) if day >= first.date()]
        rules: rrule | rruleset = _rule(event.rrule, first)
        if skips:
            rules = rruleset()
            rules.rrule(_rule(event.rrule, first))
            for skipped in skips:
                rules.exdate(datetime.combine(skipped, at))
        # Positional, in field order (the hot loop of a month view): the day, its end, then the series.
        head = (event.id, event.title, event.kind)
        tail = (event.all_day, event.start_time, event.end_time, event.iteration_id, event.version, event.id)
        for moment in rules.between(window_start, window_end, inc=True):
            day = moment.date()
            found.append(Occurrence(*head, day, day + span, *tail, day))
    found.sort(key=lambda occurrence: occurrence.sort_key)
    return found


#: The kinds of event a release train is made of (the weekly release review and the release).
TRAIN_KINDS = frozenset({"release", "review"})


class SkippedTrain(NamedTuple):
    """A day a release train does not run: a skipped date (EXDATE) of a recurring release or review,
    and the holiday that covers that day, if one does."""

    event_id: int
    title: str
    kind: str
    day: date
    holiday: str
    """The title of the holiday event covering the day ("" when the date was skipped for another reason)."""

    @property
    def label(self) -> str:
        return f"train skipped: {self.holiday}" if self.holiday else f"{self.title} skipped"


def skipped_trains(events: list[EventRead], start: date, end: date) -> list[SkippedTrain]:
    """The skipped dates of every release train between ``start`` and ``end`` (inclusive), each with the
    holiday (an event of kind "holiday", recurring or not) that covers it, sorted by day."""
    skipped = [(event, day) for event in events if event.rrule and event.kind in TRAIN_KINDS
               for day in event.exdates if start <= day <= end]
    if not skipped:
        return []
    first, last = min(day for _, day in skipped), max(day for _, day in skipped)
    holidays = [o for o in expand([e for e in events if e.kind == "holiday"], first, last)]
    found = []
    for event, day in skipped:
        holiday = next((o.title for o in holidays if o.covers(day)), "")
        found.append(SkippedTrain(event.id, event.title, event.kind, day, holiday))
    found.sort(key=lambda skip: (skip.day, skip.title.lower(), skip.event_id))
    return found


def _occurrence(event: EventRead, day: date, series_id: int | None, original_day: date | None) -> Occurrence:
    return Occurrence(
        event_id=event.id, title=event.title, kind=event.kind, day=day,
        end_day=day + timedelta(days=event.span_days), all_day=event.all_day, start_time=event.start_time,
        end_time=event.end_time, iteration_id=event.iteration_id, version=event.version,
        series_id=series_id, original_day=original_day,
    )


def by_day(occurrences: list[Occurrence], start: date, end: date) -> dict[date, list[Occurrence]]:
    """Occurrences per day of the range; a multi-day event is listed on each day it covers."""
    days: dict[date, list[Occurrence]] = {}
    for occurrence in occurrences:
        if occurrence.day == occurrence.end_day:  # the common case: one day
            if start <= occurrence.day <= end:
                days.setdefault(occurrence.day, []).append(occurrence)
            continue
        day = max(occurrence.day, start)
        last = min(occurrence.end_day, end)
        while day <= last:
            days.setdefault(day, []).append(occurrence)
            day += timedelta(days=1)
    return days


# --- presets ----------------------------------------------------------------------------------------


def _is_last_day(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def preset_rule(preset: str, start: date, weekday: int | None = None, custom: str = "") -> str:
    """The RRULE text of a preset for a series starting on ``start``.

    "monthly" keeps to the day of the month; from the 29th or 30th it falls back to the last day of
    shorter months, and from the last day of a month it stays on the last day.
    """
    if preset == "none":
        return ""
    if preset == "weekdays":
        return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    if preset == "weekly":
        return f"FREQ=WEEKLY;BYDAY={WEEKDAYS[start.weekday() if weekday is None else weekday]}"
    if preset == "biweekly":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={WEEKDAYS[start.weekday() if weekday is None else weekday]}"
    if preset == "monthly":
        if _is_last_day(start):
            return "FREQ=MONTHLY;BYMONTHDAY=-1"
        if start.day > 28:
            days = ",".join(str(d) for d in range(28, start.day + 1))
            return f"FREQ=MONTHLY;BYMONTHDAY={days};BYSETPOS=-1"
        return f"FREQ=MONTHLY;BYMONTHDAY={start.day}"
    if preset == "custom":
        return custom.strip()
    raise ValueError(f"unknown preset {preset!r}")


def preset_of(rule: str) -> tuple[str, int | None]:
    """The preset a rule came from (and its weekday), or ("custom", None)."""
    if not rule:
        return "none", None
    if rule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR":
        return "weekdays", None
    for index, code in enumerate(WEEKDAYS):
        if rule == f"FREQ=WEEKLY;BYDAY={code}":
            return "weekly", index
        if rule == f"FREQ=WEEKLY;INTERVAL=2;BYDAY={code}":
            return "biweekly", index
    if rule.startswith("FREQ=MONTHLY;BYMONTHDAY=") and ";" not in rule.removeprefix("FREQ=MONTHLY;"):
        return "monthly", None
    if rule.startswith("FREQ=MONTHLY;BYMONTHDAY=28,") and rule.endswith(";BYSETPOS=-1"):
        return "monthly", None
    return "custom", None


def describe(rule: str) -> str:
    """A short human description of a rule, for lists and the agenda."""
    if not rule:
        return "once"
    preset, weekday = preset_of(rule)
    if preset == "weekdays":
        return "every weekday"
    if preset == "weekly" and weekday is not None:
        return f"every {WEEKDAY_NAMES[weekday]}"
    if preset == "biweekly" and weekday is not None:
        return f"every other {WEEKDAY_NAMES[weekday]}"
    if preset == "monthly":
        if rule.endswith("=-1") or rule.endswith("BYSETPOS=-1"):
            return "monthly (last day if shorter)" if "BYSETPOS" in rule else "monthly on the last day"
        return f"monthly on day {rule.rsplit('=', 1)[1]}"
    return rule
