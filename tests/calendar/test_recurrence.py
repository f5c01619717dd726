"""Recurrence: expansion for the visible range only, skipped dates, COUNT, UNTIL, month ends, leap days."""

from datetime import date, time

import pytest

from cockpit.logic.recurrence import by_day, describe, expand, preset_of, preset_rule
from cockpit.db.errors import ValidationFailed
from cockpit.db.models_calendar import check_rule
from tests.helpers import days


def test_weekly_rule_skips_its_exdates(store, make_event):
    make_event(title="Review", start_day=date(2026, 11, 6), rrule="FREQ=WEEKLY;BYDAY=FR",
               exdates=[date(2026, 11, 27)])
    assert days(store, date(2026, 11, 1), date(2026, 12, 6)) == [
        date(2026, 11, 6), date(2026, 11, 13), date(2026, 11, 20), date(2026, 12, 4)]


def test_count_limits_the_series_even_outside_the_range(store, make_event):
    make_event(start_day=date(2026, 11, 2), rrule="FREQ=DAILY;COUNT=3")
    assert days(store, date(2026, 11, 1), date(2026, 11, 30)) == [date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4)]
    assert days(store, date(2026, 11, 4), date(2026, 11, 30)) == [date(2026, 11, 4)]


def test_until_is_inclusive(store, make_event):
    make_event(start_day=date(2026, 11, 2), rrule="FREQ=WEEKLY;UNTIL=20261116")
    assert days(store, date(2026, 11, 1), date(2026, 12, 31)) == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]


def test_until_in_utc_is_read_as_floating_time(store, make_event):
    event = make_event(start_day=date(2026, 11, 2), all_day=False, start_time=time(9),
                       rrule="FREQ=DAILY;UNTIL=20261104T235959Z")
    assert event.rrule == "FREQ=DAILY;UNTIL=20261104T235959"
    assert len(days(store, date(2026, 11, 1), date(2026, 11, 30))) == 3


def test_plain_bymonthday_31_skips_short_months_as_rfc5545_says(store, make_event):
    make_event(start_day=date(2027, 1, 31), rrule="FREQ=MONTHLY;BYMONTHDAY=31")
    assert days(store, date(2027, 1, 1), date(2027, 5, 31)) == [date(2027, 1, 31), date(2027, 3, 31), date(2027, 5, 31)]


def test_monthly_preset_from_the_31st_keeps_to_the_last_day(store, make_event):
    rule = preset_rule("monthly", date(2027, 1, 31))
    make_event(start_day=date(2027, 1, 31), rrule=rule)
    assert days(store, date(2027, 1, 1), date(2027, 4, 30)) == [
        date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]


def test_monthly_preset_from_the_30th_falls_back_in_february(store, make_event):
    rule = preset_rule("monthly", date(2027, 12, 30))
    assert rule == "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"
    make_event(start_day=date(2027, 12, 30), rrule=rule)
    assert days(store, date(2027, 12, 1), date(2028, 4, 30)) == [
        date(2027, 12, 30), date(2028, 1, 30), date(2028, 2, 29), date(2028, 3, 30), date(2028, 4, 30)]


def test_leap_day_repeats_only_in_leap_years(store, make_event):
    make_event(title="Leap", start_day=date(2024, 2, 29), rrule="FREQ=YEARLY")
    assert days(store, date(2024, 1, 1), date(2032, 12, 31)) == [date(2024, 2, 29), date(2028, 2, 29), date(2032, 2, 29)]


def test_only_the_visible_range_is_expanded_for_an_endless_rule(store, make_event):
    make_event(start_day=date(2000, 1, 3), rrule="FREQ=DAILY")
    found = days(store, date(2026, 11, 1), date(2026, 11, 7))
    assert found == [date(2026, 11, d) for d in range(1, 8)]


def test_a_multi_day_event_starting_before_the_range_is_shown_on_its_days(store, make_event):
    make_event(title="Offsite", start_day=date(2026, 10, 30), end_day=date(2026, 11, 2), rrule="FREQ=YEARLY")
    occurrences = expand(store.calendar.events(date(2026, 11, 1), date(2026, 11, 30)), date(2026, 11, 1), date(2026, 11, 30))
    assert [o.day for o in occurrences] == [date(2026, 10, 30)]
    assert sorted(by_day(occurrences, date(2026, 11, 1), date(2026, 11, 30))) == [date(2026, 11, 1), date(2026, 11, 2)]


def test_an_edited_occurrence_replaces_the_series_occurrence(store, make_event):
    series = make_event(title="Release", start_day=date(2026, 11, 4), rrule="FREQ=WEEKLY;BYDAY=WE")
    store.calendar.edit_occurrence(series.id, series.version, date(2026, 11, 11), start_day=date(2026, 11, 12),
                                   end_day=date(2026, 11, 12), title="Release (late)")
    found = expand(store.calendar.events(date(2026, 11, 1), date(2026, 11, 30)), date(2026, 11, 1), date(2026, 11, 30))
    assert [(o.day, o.title, o.series_id) for o in found] == [
        (date(2026, 11, 4), "Release", series.id), (date(2026, 11, 12), "Release (late)", series.id),
        (date(2026, 11, 18), "Release", series.id), (date(2026, 11, 25), "Release", series.id)]


def test_occurrences_sort_all_day_first_then_by_time(store, make_event):
    make_event(title="Late", all_day=False, start_time=time(16))
    make_event(title="Early", all_day=False, start_time=time(9))
    make_event(title="Holiday", kind="holiday")
    assert [o.title for o in expand(store.calendar.events(), date(2026, 11, 2), date(2026, 11, 2))] == ["Holiday", "Early", "Late"]


@pytest.mark.parametrize(("rule", "message"), [
    ("WEEKLY", "FREQ="),
    ("FREQ=SOMETIMES", "not a valid"),
    ("FREQ=WEEKLY;BYDAY=XX", "not a valid"),
    ("FREQ=DAILY;COUNT=2;UNTIL=20270101", "COUNT or UNTIL"),
    ("FREQ=DAILY\nEXDATE:20260101", "one RRULE"),
])
def test_a_bad_custom_rule_is_refused_with_the_reason(store, rule, message):
    with pytest.raises(ValueError, match=message):
        check_rule(rule)
    with pytest.raises(ValidationFailed) as error:
        store.calendar.create_event(title="x", start_day=date(2026, 11, 2), rrule=rule)
    assert error.value.field == "rrule"
    assert store.calendar.events() == []


def test_rules_are_normalised():
    assert check_rule(" rrule:freq=weekly;byday=fr ") == "FREQ=WEEKLY;BYDAY=FR"


@pytest.mark.parametrize(("preset", "start", "weekday", "rule", "text"), [
    ("none", date(2026, 11, 2), None, "", "once"),
    ("weekdays", date(2026, 11, 2), None, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"),
    ("weekly", date(2026, 11, 2), 4, "FREQ=WEEKLY;BYDAY=FR", "every Friday"),
    ("biweekly", date(2026, 11, 4), None, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "every other Wednesday"),
    ("monthly", date(2026, 11, 15), None, "FREQ=MONTHLY;BYMONTHDAY=15", "monthly on day 15"),
    ("monthly", date(2026, 11, 30), None, "FREQ=MONTHLY;BYMONTHDAY=-1", "monthly on the last day"),
])
def test_presets_round_trip(preset, start, weekday, rule, text):
    assert preset_rule(preset, start, weekday) == rule
    assert preset_of(rule)[0] == preset
    assert describe(rule) == text


@pytest.mark.parametrize("rule", [
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    "FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=20270301",
    "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
])
def test_skipping_ahead_for_old_series_gives_the_same_occurrences(store, make_event, rule):
    from datetime import datetime

    from dateutil.rrule import rrulestr

    start = date(2019, 3, 5)
    make_event(start_day=start, rrule=rule, exdates=[date(2026, 11, 13), date(2019, 3, 8)])
    window = (date(2026, 11, 1), date(2026, 12, 31))
    expected = [d.date() for d in rrulestr(rule, dtstart=datetime.combine(start, time.min)).between(
        datetime.combine(window[0], time.min), datetime.combine(window[1], time.max), inc=True)
        if d.date() != date(2026, 11, 13)]
    assert days(store, *window) == expected and expected
