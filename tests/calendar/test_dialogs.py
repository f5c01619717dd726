"""The calendar on the shared dialogs: the one confirm (y / n / escape / enter), a form that validates
as you type and keeps what was typed when a save is refused (a stale version), and an .ics import run
in a worker that can be cancelled with nothing written.  Real keys; the screen and the database."""

import threading
from datetime import date, timedelta

from cockpit.db.store import Store
from cockpit.screens.calendar.event_form import EventFormModal
from cockpit.screens.calendar.screen import CalendarScreen
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.screens.shared.progress import ProgressModal
from tests.helpers import TODAY, cockpit_app
from cockpit.widgets.month_grid import MonthGrid


def calendar_app(store, settings):
    return cockpit_app(store, settings=settings, today=TODAY, start_mode="calendar")


def grid_text(app) -> str:
    return "\n".join(app.screen.query_one(MonthGrid).lines_text())


def big_ics(count: int) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Load//EN"]
    for n in range(count):
        day = date(2027, 1, 1) + timedelta(days=n % 300)
        lines += ["BEGIN:VEVENT", f"UID:load-{n}@example.org", "DTSTAMP:20260101T000000Z",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"SUMMARY:Load {n}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


async def test_the_delete_confirm_cancels_on_n_escape_and_a_fresh_enter_and_deletes_on_y(store, settings):
    event = store.calendar.create_event(title="Design sync", start_day=TODAY)
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.selected_entry().event_id == event.id
        for cancel in ("n", "escape", "enter"):  # enter presses the highlighted button: the safe one
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press(cancel)
            await pilot.pause()
            assert app.screen is screen, cancel
            assert [e.title for e in store.calendar.events()] == ["Design sync"], cancel
            assert "•Design" in grid_text(app)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert store.calendar.events() == []
        assert "•Design" not in grid_text(app)


async def test_the_event_form_marks_a_bad_day_as_you_type_and_clears_it_when_fixed(store, settings):
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventFormModal)
        await pilot.press(*"Retro")
        start = form.query_one("#start_day")
        start.focus()
        await pilot.press("end", "backspace", "backspace")  # 2026-11-
        error = form.query_one("#form-error")
        assert "start day: '2026-11-' is not a date like 2026-12-04" in str(error.render())
        assert start.has_class("-invalid")
        await pilot.press("2", "1")  # 2026-11-21 (the end day, the 22nd, is after it)
        assert str(error.render()) == "" and not start.has_class("-invalid")
        assert store.calendar.events() == []  # nothing saved while typing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        [event] = store.calendar.events()
        assert (event.title, event.start_day) == ("Retro", date(2026, 11, 21))
        assert app.screen.cursor == date(2026, 11, 21)


async def test_calendar_dates_are_read_by_the_one_parser_and_shown_back(store, settings):
    """The event form reads ``fri`` and ``+4d`` as the card form does (TODAY is Sunday 22 November),
    shows the day it understood, and refuses an ambiguous ``04/12`` naming both readings."""
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventFormModal)
        await pilot.press(*"Demo day")
        form.query_one("#start_day").focus()
        await pilot.press("ctrl+u", *"04/12")
        error = str(form.query_one("#form-error").render())
        assert "4 December 2026 or 12 April 2027" in error and form.query_one("#start_day").has_class("-invalid")
        await pilot.press("ctrl+u", *"fri")
        form.query_one("#end_day").focus()
        await pilot.press("ctrl+u", *"+4d")
        assert str(form.query_one("#form-error").render()) == ""
        assert "Fri 27 Nov 2026 (in 5 days)" in str(form.query_one("#start_day-parsed").render())
        assert "Thu 26 Nov 2026" in str(form.query_one("#end_day-parsed").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "the end is before the start" in str(form.query_one("#form-error").render())
        assert store.calendar.events() == []
        await pilot.press("ctrl+u", *"+1w")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        [event] = store.calendar.events()
        assert (event.title, event.start_day, event.end_day) == ("Demo day", date(2026, 11, 27), date(2026, 11, 29))


async def test_a_stale_edit_keeps_the_form_open_with_what_was_typed_and_writes_nothing(engine, store, settings):
    event = store.calendar.create_event(title="Review", start_day=TODAY)
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventFormModal)
        other = Store(engine, actor="bob", clock=store.clock)  # another window edits the event first
        other.calendar.update_event(event.id, event.version, title="Bob's review")
        await pilot.press("end", *" notes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#title").value == "Review notes"
        message = str(form.query_one("#form-error").render())
        assert message and "bob" in message
        assert store.calendar.event(event.id).title == "Bob's review"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)


async def test_an_import_cancelled_from_its_progress_dialog_writes_nothing(store, settings, tmp_path, monkeypatch):
    path = tmp_path / "load.ics"
    path.write_bytes(big_ics(300))
    reached = threading.Event()  # the worker is writing (a batch of events inserted) ...
    release = threading.Event()  # ... and waits here until the test has pressed Cancel
    seen: list[int] = []
    import_events = store.calendar.import_events

    def slow_import(events, label="import calendar", progress=None):
        def report(done: int, total: int) -> None:
            seen.append(done)
            if done > total // 2 and not reached.is_set():  # past the checks: a batch is written
                reached.set()
                release.wait(timeout=30)
            progress(done, total)
        return import_events(events, label=label, progress=report)

    monkeypatch.setattr(store.calendar, "import_events", slow_import)
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("I")
        await pilot.pause()
        app.screen.query_one("#path").value = str(path)
        await pilot.press("enter")
        # the dialog shows once the work takes over half a second; the work is held mid-write
        while not (reached.is_set() and isinstance(app.screen, ProgressModal)):
            await pilot.pause()
        await pilot.press("escape")  # the dialog's Cancel
        release.set()
        await screen.slow.finished.wait()
        await pilot.pause()
        assert screen.slow.outcome == "cancelled"
        assert app.screen is screen
        assert any("cancelled, nothing was changed" in str(n.message) for n in app._notifications)
    assert max(seen) > 300  # it was past the checks, writing, when it stopped
    assert store.calendar.events() == []
