"""Calendar test helpers: events made through the store, occurrences as plain days."""

from datetime import date

import pytest

from cockpit.logic.recurrence import expand


def days(store, start: date, end: date, title: str | None = None) -> list[date]:
    return [o.day for o in expand(store.calendar.events(start, end), start, end) if title is None or o.title == title]


@pytest.fixture
def make_event(store):
    def make(**fields):
        fields.setdefault("title", "Event")
        fields.setdefault("start_day", date(2026, 11, 2))
        return store.calendar.create_event(**fields)
    return make
