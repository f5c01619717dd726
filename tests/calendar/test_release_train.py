"""The release train and holidays: a train date skipped for a holiday says so on that day (grid, day
view, .ics), and a template's Release node lands on a train day when one is in range."""

from datetime import date, time

from icalendar import Calendar

from cockpit.commands.ics import export_calendar
from cockpit.logic.recurrence import skipped_trains
from cockpit.screens.calendar.day import DayModal
from cockpit.screens.calendar.iteration_form import IterationFormModal
from cockpit.widgets.month_grid import MonthGrid
from tests.helpers import TODAY, cockpit_app, until

THANKSGIVING = date(2026, 11, 26)  # a Thursday; TODAY is Sunday 22 Nov 2026


def train_with_a_holiday(store):  # noqa: ANN001, ANN201
    """Release review every Thursday, skipped on Thanksgiving; a release every Wednesday."""
    review = store.calendar.create_event(title="Release review", kind="review", start_day=date(2026, 11, 5),
                                         all_day=False, start_time=time(16), end_time=time(17),
                                         rrule="FREQ=WEEKLY;BYDAY=TH", exdates=[THANKSGIVING])
    release = store.calendar.create_event(title="Release", kind="release", start_day=date(2026, 11, 4),
                                          all_day=False, start_time=time(10), end_time=time(11),
                                          rrule="FREQ=WEEKLY;BYDAY=WE")
    store.calendar.create_event(title="Thanksgiving", kind="holiday", start_day=THANKSGIVING, all_day=True)
    return review, release


def test_a_skipped_train_date_names_the_holiday_covering_it(store):
    review, _release = train_with_a_holiday(store)
    store.calendar.skip_occurrence(review.id, review.version, date(2026, 12, 3))  # no holiday that day
    skips = skipped_trains(store.calendar.events(), date(2026, 11, 1), date(2026, 12, 31))
    assert [(s.event_id, s.day, s.holiday, s.label) for s in skips] == [
        (review.id, THANKSGIVING, "Thanksgiving", "train skipped: Thanksgiving"),
        (review.id, date(2026, 12, 3), "", "Release review skipped")]
    assert skipped_trains(store.calendar.events(), date(2026, 12, 1), date(2026, 12, 31)) == skips[1:]


async def test_the_grid_and_the_day_view_mark_the_skipped_train(store, settings):
    train_with_a_holiday(store)
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="calendar")
    async with app.run_test(size=(200, 50)) as pilot:
        await until(pilot, lambda: app.screen.query(MonthGrid), "the calendar")
        await pilot.pause()
        grid = "\n".join(app.screen.query_one(MonthGrid).lines_text())
        assert "✕train skipped: Thank" in grid, grid
        for _ in range(4):  # Sunday 22 -> Thursday 26
            await pilot.press("right")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DayModal), "the day view")
        table = app.screen.query_one("DataTable")
        rows = ["|".join(str(cell) for cell in table.get_row_at(r)) for r in range(table.row_count)]
        assert any("train skipped: Thanksgiving" in row and "Release review" in row for row in rows), rows
        assert any("Thanksgiving" in row and "holiday" in row for row in rows)
        # the note is not an entry to edit: the day view's keys do not apply to it
        await pilot.press("home")
        assert app.screen.highlighted() is None
    [series] = [event for event in store.calendar.events() if event.title == "Release review"]
    assert series.exdates == [THANKSGIVING] and series.version == 1


def test_the_ics_export_says_why_the_train_is_skipped(store, tmp_path):
    train_with_a_holiday(store)
    export_calendar(store, tmp_path / "cal.ics")
    events = list(Calendar.from_ical((tmp_path / "cal.ics").read_bytes()).walk("VEVENT"))
    review = next(e for e in events if str(e["summary"]) == "Release review")
    assert str(review["comment"]) == "train skipped on 2026-11-26: Thanksgiving"
    release = next(e for e in events if str(e["summary"]) == "Release")
    assert "comment" not in release


async def test_a_new_iterations_release_lands_on_a_train_day(store, settings):
    train_with_a_holiday(store)
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="calendar")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen.query(MonthGrid), "the calendar")
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, IterationFormModal), "the iteration form")
        form = app.screen
        form.query_one("#start").value = "2026-11-23"
        await pilot.pause()
        preview = str(form.query_one("#preview").render())
        # 27 days after the start is Sunday 20 Dec (Monday 21 Dec after the weekend rule): the Release
        # catches the next train, Wednesday 23 Dec
        assert "Wed 23 Dec 2026  Release" in preview, preview
        assert "Mon 23 Nov 2026  Requirement focus meeting" in preview
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, IterationFormModal), "the form to close")
    [iteration] = store.workspace.iterations()
    days = {key.name: key.day for key in store.calendar.key_dates(iteration_id=iteration.id)}
    assert days["Release"] == date(2026, 12, 23) and days["Iteration end"] == date(2026, 12, 18)


def test_the_release_stays_on_its_template_day_without_a_train_that_week(store):
    _review, release = train_with_a_holiday(store)
    store.calendar.skip_occurrence(release.id, release.version, date(2026, 12, 23))
    template = store.calendar.ensure_default_template()
    # the train of 23 Dec is skipped and 30 Dec is more than a week away: Monday 21 Dec, as before
    assert ("Release", date(2026, 12, 21), "release") in store.calendar.preview(template.id, date(2026, 11, 23))
    # a one-off release on the Tuesday is not the train: the node does not move to it
    store.calendar.create_event(title="Release", kind="release", start_day=date(2026, 12, 22), all_day=True)
    iteration = store.calendar.new_iteration("Dec", date(2026, 11, 23), date(2026, 12, 20), template_id=template.id)
    days = {key.name: key.day for key in store.calendar.key_dates(iteration_id=iteration.id)}
    assert days["Release"] == date(2026, 12, 21)
