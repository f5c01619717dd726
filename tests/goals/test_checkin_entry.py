"""The check-in bar's line, ``VALUE [DAY] [NOTE]`` (cockpit/logic/checkin_entry.py), read against a
fixed today (Thursday 3 December 2026)."""

from datetime import date

import pytest

from cockpit.logic.checkin_entry import EntryError, parse_entry

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(("line", "value", "day", "note"), [
    ("42", 42.0, TODAY, ""),
    ("  42  ", 42.0, TODAY, ""),
    ("42 yesterday", 42.0, date(2026, 12, 2), ""),
    ("42 2026-11-30 campaign ended", 42.0, date(2026, 11, 30), "campaign ended"),
    ("2,5% -1d after the outage", 2.5, date(2026, 12, 2), "after the outage"),
    ("1177 mon", 1177.0, date(2026, 11, 30), ""),           # the last Monday, not the next
    ("98 last fri late count", 98.0, date(2026, 11, 27), "late count"),
    ("98 3d", 98.0, date(2026, 11, 30), ""),                # three days back
    ("98 30/11", 98.0, date(2026, 11, 30), ""),
    ("98 25/12", 98.0, date(2025, 12, 25), ""),             # no year: the last one, not the next
    ("42 3 apples", 42.0, TODAY, "3 apples"),               # not a day: the note starts there
    ("42 # mon was a holiday", 42.0, TODAY, "mon was a holiday"),  # '#': a note that starts like a day
    ("-0.5 today", -0.5, TODAY, ""),
])
def test_a_line_reads_as_value_day_and_note(line, value, day, note):
    entry = parse_entry(line, TODAY)
    assert (entry.value, entry.day, entry.note) == (value, day, note)


@pytest.mark.parametrize(("line", "field", "message"), [
    ("", "value", "Value: type the metric's value"),
    ("x42", "value", "Value: 'x42' is not a number"),
    ("nan", "value", "Value: 'nan' is not a number"),
    ("42 2026-13-01", "day", "Day: '2026-13-01' is not a real date"),
    ("42 31/02", "day", "Day: '31/02' is not a real date"),
    ("42 tomorrow", "day", "Day: Fri 04 Dec 2026 is after today"),
    ("42 +2d", "day", "Day: Sat 05 Dec 2026 is after today"),
])
def test_a_bad_line_names_the_field(line, field, message):
    with pytest.raises(EntryError) as error:
        parse_entry(line, TODAY)
    assert error.value.field == field and str(error.value).startswith(message)
