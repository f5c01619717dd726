"""The one line a check-in is typed in (the Goals screen's check-in bar): ``VALUE [DAY] [NOTE]``.

UI-free.  ``today`` is injected (the workspace clock).

- ``VALUE``: the metric's value, the first word: ``42``, ``2.5``, ``12,5`` (a decimal comma),
  ``2.5%`` (a trailing ``%`` is dropped);
- ``DAY`` (optional, today when left out): the words after the value that name a day looked back
  to, as the History filter reads them (``yesterday``, ``mon`` = the last Monday, ``last fri``,
  ``-2d``, ``3d``, ``2026-11-30``, ``30/11``); never after today;
- ``NOTE`` (optional): everything after that.  A note whose first word would read as a day starts
  with ``#`` (``42 # mon was a holiday``); the ``#`` is dropped.

``42``, ``42 yesterday``, ``42 2026-11-30 campaign ended`` and ``2,5% -1d after the outage`` all
read.  A word that looks like a date but is not one (``2026-13-01``, ``31/02``) is an error, not a note.
"""

import re
from dataclasses import dataclass
from datetime import date

from cockpit.logic.dates import DateError, parse_past
from cockpit.logic.okr_io import parse_value

SYNTAX = "value [day] [note], e.g. 42 · 42 yesterday · 42 2026-11-30 note"

#: Words that can only be meant as a date: an error when they do not read as one.
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|[+-]\d{1,4}[dwm]?|\d{1,4}[dwm]|\d{1,2}[/.]\d{1,2}(?:[/.]\d{4})?")
_SLASHED_NO_YEAR = re.compile(r"\d{1,2}[/.]\d{1,2}")


class EntryError(ValueError):
    """A line that cannot be saved: ``field`` is ``"value"`` or ``"day"``; the message names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CheckinEntry:
    value: float
    day: date
    note: str
    day_typed: bool  # False: the day was left out (today)


def _past_day(words: list[str], today: date) -> date | None:
    text = " ".join(words)
    try:
        day = parse_past(text, today)
    except DateError:
        return None
    if day is not None and day > today and _SLASHED_NO_YEAR.fullmatch(text):
        try:  # 30/12 typed on 3 January: last December's, not next
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29/02
            return None
    return day


def parse_entry(text: str, today: date) -> CheckinEntry:
    """The check-in a line names; EntryError naming the field otherwise (nothing is saved)."""
    words = text.split()
    if not words:
        raise EntryError("value", f"Value: type the metric's value ({SYNTAX})")
    first = words[0]
    try:
        value = parse_value(first[:-1] if first.endswith("%") else first)
    except ValueError:
        raise EntryError("value", f"Value: {first!r} is not a number ({SYNTAX})") from None
    rest = words[1:]
    day, used = today, 0
    if rest and not rest[0].startswith("#"):
        for count in (2, 1):  # "last fri" before "last"
            if len(rest) >= count and (found := _past_day(rest[:count], today)) is not None:
                day, used = found, count
                break
        else:
            if _DATE_LIKE.fullmatch(rest[0].lower()):
                raise EntryError("day", f"Day: {rest[0]!r} is not a real date (2026-11-30, yesterday, -2d, mon)")
    if day > today:
        raise EntryError("day", f"Day: {day:%a %d %b %Y} is after today: a check-in records what was measured")
    note_words = rest[used:]
    note = " ".join(note_words)
    if note.startswith("#"):
        note = note[1:].strip()
    return CheckinEntry(value=value, day=day, note=note, day_typed=bool(used))
