"""Pilot tests of the calendar screen: real keys, then the screen and the database are checked."""

from datetime import date, timedelta

from cockpit.app import CockpitApp
from cockpit.screens.calendar.screen import CalendarScreen
from cockpit.screens.calendar.choice import ChoiceModal
from cockpit.screens.shared.confirm import ConfirmModal
from cockpit.screens.calendar.day import DayModal
from cockpit.screens.calendar.event_form import EventFormModal
from cockpit.screens.calendar.iteration_form import IterationFormModal
from tests.helpers import TODAY, cockpit_app
from cockpit.widgets.agenda import Agenda
from cockpit.widgets.month_grid import MonthGrid


def calendar_app(store, settings) -> CockpitApp:
    return cockpit_app(store, settings=settings, today=TODAY, start_mode="calendar")


def grid_text(app) -> str:
    return "\n".join(app.screen.query_one(MonthGrid).lines_text())


async def test_arrows_months_and_today_move_the_cursor(demo, settings):
    store, _ctx = demo
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CalendarScreen) and screen.cursor == TODAY
        await pilot.press("right", "down", "left", "up", "up")
        assert screen.cursor == TODAY - timedelta(days=7)
        await pilot.press("right_square_bracket")
        assert (screen.month, screen.cursor) == (date(2026, 12, 1), date(2026, 12, 15))
        assert "December 2026" in str(screen.query_one("#cal-title").render())
        await pilot.press("pagedown", "pagedown")
        assert screen.month == date(2027, 2, 1)
        await pilot.press("left_square_bracket")
        assert screen.month == date(2027, 1, 1)
        await pilot.press("t")
        assert (screen.month, screen.cursor) == (date(2026, 11, 1), TODAY)
        text = grid_text(app)
        assert "Mon" in text.splitlines()[0] and text.splitlines()[0].index("Mon") < text.splitlines()[0].index("Sun")
        assert "◆Design" in text and "▲Release" in text


async def test_the_grid_says_how_many_more_when_a_day_is_full(store, settings):
    for n in range(8):
        store.calendar.create_event(title=f"Meeting {n}", start_day=TODAY)
    app = calendar_app(store, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "+7 more" in grid_text(app)


async def test_agenda_lists_the_next_days_and_each_iterations_next_key_node(demo, settings):
    store, _ctx = demo
    app = calendar_app(store, settings)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        agenda = str(app.screen.query_one(Agenda).render())
        assert "1120 Requirement review: Mon 23 Nov, tomorrow" in agenda
        assert "1106 Iteration end: Tue 01 Dec, in 9 days" in agenda
        assert "Release review (every Friday)" in agenda
        assert "Public holiday" in agenda


async def test_new_event_with_a_weekly_preset(store, settings):
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventFormModal)
        await pilot.press(*"Sprint demo")
        form.query_one("#repeat").value = "weekly"
        form.query_one("#weekday").value = 3
        await pilot.pause()
        assert "every Thursday" in str(form.query_one("#rule-info").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        [event] = store.calendar.events()
        assert (event.title, event.rrule, event.start_day) == ("Sprint demo", "FREQ=WEEKLY;BYDAY=TH", TODAY)
        assert grid_text(app).count("•Sprint") == 2  # Thu 26 Nov and Thu 3 Dec
        await pilot.press("u")
        assert store.calendar.events() == []


async def test_a_bad_custom_rule_keeps_the_form_open_with_the_reason(store, settings):
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Odd")
        form.query_one("#repeat").value = "custom"
        form.query_one("#rule").value = "FREQ=WEEKLY;BYDAY=XX"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "rule: not a valid recurrence rule" in str(form.query_one("#form-error").render())
        assert store.calendar.events() == []


async def test_new_iteration_previews_its_key_dates_then_saves_them_in_one_undo_step(store, settings):
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, IterationFormModal)
        form.query_one("#start").value = "2026-11-23"
        await pilot.pause()
        preview = str(form.query_one("#preview").render())
        assert "Mon 23 Nov 2026  Requirement focus meeting" in preview
        assert "Mon 21 Dec 2026  Release" in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        [iteration] = store.workspace.iterations()
        assert (iteration.start, iteration.end) == (date(2026, 11, 23), date(2026, 12, 20))
        assert len(store.calendar.key_dates(iteration_id=iteration.id)) == 6
        await pilot.press("u")
        await pilot.pause()
        assert store.workspace.iterations() == [] and store.calendar.key_dates() == []


async def test_shift_right_moves_a_key_node_and_undo_moves_it_back(demo, settings):
    store, _ctx = demo
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("down")  # Sun 29 Nov -> no; go to Wed 25 Nov, the design review of 1120
        await pilot.press("left", "left", "left", "left")
        assert screen.cursor == date(2026, 11, 25)
        key = screen.selected_entry()
        assert key.name == "Design review" and key.iteration_name == "1120"
        await pilot.press("shift+right")
        await pilot.pause()
        assert store.calendar.key_date(key.id).day == date(2026, 11, 26)
        assert screen.cursor == date(2026, 11, 26) and screen.selected_entry().id == key.id
        await pilot.press("shift+right")
        assert store.calendar.key_date(key.id).day == date(2026, 11, 27)
        await pilot.press("u")
        await pilot.pause()
        assert store.calendar.key_date(key.id).day == date(2026, 11, 26)


async def test_moving_a_repeating_event_asks_this_occurrence_or_all(demo, settings):
    store, _ctx = demo
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("left", "left", "left", "left")  # Wed 18 Nov: Release
        assert screen.selected_entry().title == "Release"
        await pilot.press("shift+right")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("o")
        await pilot.pause()
        release = next(e for e in store.calendar.events() if e.title == "Release" and e.series_id is None)
        [override] = [e for e in store.calendar.events() if e.series_id == release.id]
        assert (override.original_day, override.start_day) == (date(2026, 11, 18), date(2026, 11, 19))
        assert release.rrule == "FREQ=WEEKLY;BYDAY=WE"
        await pilot.press("shift+right")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceModal)  # an override moves alone
        assert store.calendar.event(override.id).start_day == date(2026, 11, 20)
        await pilot.press("tab", "tab", "tab")
        await pilot.press("t", "left", "left", "left", "left", "left", "left", "left")  # Sun 15 -> Wed 11
        await pilot.press("down")  # Wed 18 Nov no longer has the release
        assert all(getattr(e, "title", "") != "Release" for e in [screen.selected_entry()])


async def test_enter_opens_the_day_with_events_key_nodes_and_cards_due(demo, settings):
    store, ctx = demo
    due_day = ctx.items[-1].due
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.go_to(due_day)
        await pilot.press("enter")
        await pilot.pause()
        day = app.screen
        assert isinstance(day, DayModal)
        table = day.query_one("DataTable")
        rows = ["|".join(str(cell) for cell in table.get_row_at(r)) for r in range(table.row_count)]
        due = [item.title for item in store.items.all() if item.due == due_day]
        assert due and all(any(title in row for row in rows) for title in due)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)


async def test_the_day_view_deletes_a_key_node(demo, settings):
    store, _ctx = demo
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.go_to(date(2026, 11, 25))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DayModal)
        assert [k.name for k in store.calendar.key_dates(date(2026, 11, 25), date(2026, 11, 25))] == []
        rows = app.screen.query_one("DataTable").row_count
        assert rows == 1  # the Wednesday release is left


async def test_titles_with_markup_render_literally(store, settings):
    store.calendar.create_event(title="deadline [/", start_day=TODAY)
    store.calendar.create_event(title="[@click=app.quit]x[/]", start_day=TODAY + timedelta(days=1))
    app = calendar_app(store, settings)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        text = grid_text(app)
        assert "deadline [/" in text and "[@click=app.quit]x[/]" in text
        await pilot.press("enter")
        await pilot.pause()
        assert "deadline [/" in str(app.screen.query_one("DataTable").get_row_at(0)[1])


async def test_export_from_the_palette_command_writes_beside_the_database(demo, settings, db_url, on_postgres):
    store, _ctx = demo
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Export .ics" in commands
        await pilot.press("E")
        await pilot.pause()
        path = app.screen.query_one("#path").value
        # beside the database file; a server workspace has no file, so its files folder is used
        assert path.endswith("cockpit-calendar.ics" if on_postgres else "test-calendar.ics")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        await app.screen.slow.finished.wait()  # written in a worker
    from pathlib import Path
    assert Path(path).read_bytes().startswith(b"BEGIN:VCALENDAR")


async def test_the_template_editor_adds_a_key_node_used_by_the_next_iteration(store, settings):
    from cockpit.screens.calendar.template_form import NodeFormModal, TemplateModal

    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TemplateModal)
        assert app.screen.query_one("DataTable").row_count == 6
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NodeFormModal)
        await pilot.press(*"Grey release")
        form.query_one("#offset").value = "twenty"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "whole number" in str(form.query_one("#form-error").render())
        form.query_one("#offset").value = "26"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TemplateModal) and app.screen.query_one("DataTable").row_count == 7
        await pilot.press("escape")
        await pilot.pause()
    template = store.calendar.default_template()
    assert ("Grey release", 26) in [(n.name, n.offset_days) for n in template.nodes]
    assert "Grey release" in [name for name, _day, _kind in store.calendar.preview(template.id, TODAY)]


async def test_import_from_the_screen_refuses_a_bad_file_and_adds_a_good_one(store, settings, tmp_path):
    from tests.calendar.test_ics import HOLIDAYS

    bad, good = tmp_path / "bad.ics", tmp_path / "good.ics"
    bad.write_bytes(b"not a calendar")
    good.write_bytes(HOLIDAYS)
    app = calendar_app(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        prompt = app.screen
        prompt.query_one("#path").value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        await screen.slow.finished.wait()  # read and written in a worker
        assert screen.slow.outcome == "failed"
        assert any("nothing was imported" in str(n.message) for n in app._notifications)
        assert store.calendar.events() == []
        await pilot.press("I")
        await pilot.pause()
        app.screen.query_one("#path").value = str(good)
        await pilot.press("enter")
        await pilot.pause()
        await screen.slow.finished.wait()
        await pilot.pause()
        assert app.screen is screen and screen.slow.outcome == "done"
        assert len(store.calendar.events()) == 3
        app.screen.go_to(date(2026, 12, 3))
        await pilot.pause()
        assert "Town hall" in grid_text(app)


async def test_the_grid_takes_the_new_theme_colours_at_once(demo, settings):
    """The grid resolves its styles once per theme: f5 (the presentation theme) must recolour it."""
    store, _ctx = demo
    app = calendar_app(store, settings)

    def today_background(grid: MonthGrid):
        week = next(row for row in range(1, grid.size.height) if "22" in grid.render_line(row).text)
        segment = next(s for s in grid.render_line(week) if s.text == "22")
        return segment.style.bgcolor

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(MonthGrid)
        before = today_background(grid)
        assert before == grid.get_component_rich_style("month-grid--today").bgcolor
        await pilot.press("f5")
        await pilot.pause()
        assert app.presenting
        grid = app.screen.query_one(MonthGrid)
        after = today_background(grid)
        assert after != before
        assert after == grid.get_component_rich_style("month-grid--today").bgcolor  # resolved afresh
