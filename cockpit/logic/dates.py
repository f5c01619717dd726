"""Due dates typed by people: strict ISO (``2026-12-04``) or relative (``fri``, ``+3d``, ``next mon``).

UI-free; the card form shows the parsed date before saving.  Rules (``today`` is injected):

- ``today`` / ``tod``, ``tomorrow`` / ``tom``;
- ``+3d``, ``+2w``, ``+1m`` (days, weeks, months from today; ``-1d`` counts back);
- a weekday (``mon`` … ``sun`` or its full name): the first such day on or after today;
- ``next <weekday>``: that day in next calendar week (weeks start on Monday);
- ``YYYY-MM-DD`` and nothing looser (``12/04`` or ``2026-12-4`` are refused: too ambiguous).
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
_OFFSET = re.compile(r"([+-])\s*(\d{1,4})\s*([dwm])")

HINT = "a date like 2026-12-04, fri, next mon, +3d, +2w or today"


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
        return today + delta[unit]
    if value in _WEEKDAYS:
        return today + relativedelta(weekday=_WEEKDAYS[value])
    words = value.split(" ")
    if len(words) == 2 and words[0] == "next" and words[1] in _WEEKDAYS:
        next_monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return next_monday + relativedelta(weekday=_WEEKDAYS[words[1]])
    raise DateError(f"{text.strip()!r} is not {HINT}")


def describe(day: date, today: date) -> str:
    """``Fri 27 Nov 2026 (in 5 days)``: how the form shows a parsed date."""
    delta = (day - today).days
    when = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(
        delta, f"in {delta} days" if delta > 0 else f"{-delta} days ago")
    return f"{day:%a %d %b %Y} ({when})"
