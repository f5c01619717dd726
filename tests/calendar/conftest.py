"""Calendar fixtures: events made through the store (``days`` is in tests/helpers.py)."""

from datetime import date

import pytest


@pytest.fixture
def make_event(store):
    def make(**fields):
        fields.setdefault("title", "Event")
        fields.setdefault("start_day", date(2026, 11, 2))
        return store.calendar.create_event(**fields)
    return make
