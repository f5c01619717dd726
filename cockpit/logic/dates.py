"""The one parser of dates typed by people, for every date field (the card form, the action-item
form...): strict ISO (``2026-12-04``) or relative (``fri``, ``+3``, ``+3d``, ``next mon``).

UI-free; forms show the parsed date back as it is typed (``describe``).  Rules (``today`` is injected):

- ``today`` / ``tod``, ``tomorrow`` / ``tom``;
- ``+3`` (days), ``+3d``, ``+2w``, ``+1m`` (days, weeks, months from today; ``-1d`` counts back);
- a weekday (``mon`` … ``sun`` or its full name): the first such day on or after today;
- ``next <weekday>``: that day in next calendar week (weeks start on Monday);
- ``YYYY-MM-DD``; day and month with a slash (``25/12``, ``12/25/2026``) only when one reading
  alone is a real date: ``04/12`` could be 4 December or 12 April, so it is refused, naming both.
  Without a year, the first such day on or after today.
"""

import re
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

_WEEKDAYS = {
    "mon": MO, "monday": MO, "tue": TU, "tues": TU, "tuesday": TU, "wed": WE, "wednesday": WE,
    "thu": TH, "thur": TH, "thurs": TH, "thursday": TH, "fri": FR, "friday": FR,
    "sat": SA, "saturday": SA, "sun": SU, "sunday": SU,
}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_OFFSET = re.compile(r"([+-])\s*(\d{1,4})\s*([dwm]?)")
_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?")

HINT = "a date like 2026-12-04, fri, next mon, +3, +3d, +2w or today"


class DateError(ValueError):
    """Text that is not a date this parser accepts; the message says what is."""


def parse_due(text: str, today: date) -> date | None:
    """The date ``text`` names, or None for empty text; DateError otherwise."""
    value = " ".join(text.strip().lower().split())
    if not value:
        return None
    if _ISO.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise DateError(f"{text.strip()} is not a real date") from None
    if value in ("today", "tod"):
        return today
    if value in ("tomorrow", "tom"):
        return today + timedelta(days=1)
    if match := _OFFSET.fullmatch(value):
        sign, amount, unit = match.groups()
        count = int(amount) * (-1 if sign == "-" else 1)
        delta = {"d": relativedelta(days=count), "w": relativedelta(weeks=count), "m": relativedelta(months=count)}
        return today + delta[unit or "d"]
    if match := _SLASHED.fullmatch(value):
        return _slashed(text.strip(), match, today)
    if value in _WEEKDAYS:
        return today + relativedelta(weekday=_WEEKDAYS[value])
    words = value.split(" ")
    if len(words) == 2 and words[0] == "next" and words[1] in _WEEKDAYS:
        next_monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return next_monday + relativedelta(weekday=_WEEKDAYS[words[1]])
    raise DateError(f"{text.strip()!r} is not {HINT}")


def parse_past(text: str, today: date) -> date | None:
    """A day looked back to (a filter's ``since:``): as ``parse_due``, except that a weekday is the
    last such day on or before today, ``last <weekday>`` that day in the previous calendar week,
    ``yesterday`` / ``yest`` works, and a bare count (``3d``, ``2w``, ``1m``) counts back."""
    value = " ".join(text.strip().lower().split())
    if value in ("yesterday", "yest"):
        return today - timedelta(days=1)
    if value in _WEEKDAYS:
        return today + relativedelta(weekday=_WEEKDAYS[value](-1))
    words = value.split(" ")
    if len(words) == 2 and words[0] == "last" and words[1] in _WEEKDAYS:
        last_monday = today - timedelta(days=today.weekday()) - timedelta(days=7)
        return last_monday + relativedelta(weekday=_WEEKDAYS[words[1]])
    if re.fullmatch(r"\d{1,4}[dwm]", value):
        return parse_due("-" + value, today)
    try:
        return parse_due(text, today)
    except DateError:
        raise DateError(f"{text.strip()!r} is not a date like 2026-12-04, monday, last fri, yesterday, 3d or 2w") from None


def _day_month(day: int, month: int, year: int | None, today: date) -> date | None:
    """The date, or None if there is no such day; without a year, the first on or after today."""
    for candidate in ((year,) if year else (today.year, today.year + 1)):
        try:
            found = date(candidate, month, day)
        except ValueError:
            continue
        if year or found >= today:
            return found
    return None


def _slashed(text: str, match: re.Match[str], today: date) -> date:
    first, second, year = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
    day_month = _day_month(first, second, year, today)   # 04/12: 4 December
    month_day = _day_month(second, first, year, today)   # 04/12: April 12
    readings = {d for d in (day_month, month_day) if d is not None}
    if not readings:
        raise DateError(f"{text} is not a real date")
    if len(readings) > 1:
        raise DateError(f"{text} is ambiguous: {day_month:%-d %B %Y} or {month_day:%-d %B %Y}? "
                        f"type it as {day_month.isoformat()} or {month_day.isoformat()}")
    return readings.pop()


def describe(day: date, today: date) -> str:
    """``Fri 27 Nov 2026 (in 5 days)``: how the form shows a parsed date."""
    delta = (day - today).days
    when = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(
        delta, f"in {delta} days" if delta > 0 else f"{-delta} days ago")
    return f"{day:%a %d %b %Y} ({when})"
