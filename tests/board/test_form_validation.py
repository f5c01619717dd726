"""Forms validate as you type, with one date parser for every date field; a save refused because
another window changed the card keeps what was typed, shows their change and offers to load it."""

from datetime import timedelta

from textual import events
from textual.widgets import Input, Static

from cockpit.db.store import Store
from tests.helpers import TODAY, cursor, on_screen, until


def error_text(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#form-error", Static).content)


async def open_form(pilot, app, key: str) -> None:  # noqa: ANN001
    await pilot.press(key)
    await until(pilot, on_screen(app, "CardFormModal"), "the card form")


async def back_to_board(pilot, app) -> None:  # noqa: ANN001
    await until(pilot, on_screen(app, "BoardScreen"), "the board")


async def test_a_bad_estimate_and_date_are_marked_at_once_and_cleared_when_fixed(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_form(pilot, app, "n")
        form = app.screen
        estimate, due = form.query_one("#estimate", Input), form.query_one("#due", Input)
        estimate.focus()  # the title is still empty: the estimate's own problem is the one shown
        await pilot.press(*"lots")
        assert estimate.has_class("-invalid") and "estimate: 'lots' is not a number" in error_text(app)
        assert "title" not in error_text(app)
        await pilot.press("ctrl+u", "1", ".", "5")
        assert not estimate.has_class("-invalid") and error_text(app) == ""
        due.focus()
        await pilot.press(*"soon")
        assert due.has_class("-invalid") and "due: 'soon' is not a date" in error_text(app)
        await pilot.press("ctrl+u", *"next", "space", *"mon")
        assert not due.has_class("-invalid") and error_text(app) == ""
        assert "Mon 23 Nov 2026" in str(form.query_one("#due-parsed", Static).content)
        await pilot.press("ctrl+s")  # the untouched empty title is reported on save; nothing written
        assert "title: say what is to be done" in error_text(app)
        assert store.items.count() == 4
        form.query_one("#title", Input).focus()
        await pilot.press(*"Echo", "ctrl+s")
        await back_to_board(pilot, app)
        [echo] = [i for i in store.items.all() if i.title == "Echo"]
        assert (echo.estimate, echo.due) == (1.5, TODAY + timedelta(days=1))
        assert cursor(app).title == "Echo"


async def test_an_ambiguous_date_is_refused_naming_both_readings(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_form(pilot, app, "e")
        due = app.screen.query_one("#due", Input)
        due.focus()
        await pilot.press("0", "4", "slash", "1", "2")
        assert due.has_class("-invalid")
        assert "4 December 2026 or 12 April 2027" in error_text(app)
        await pilot.press("ctrl+s")
        assert type(app.screen).__name__ == "CardFormModal" and store.items.get(small["A"].id).due is None
        await pilot.press("ctrl+u", "plus", "3", "ctrl+s")
        await back_to_board(pilot, app)
        assert store.items.get(small["A"].id).due == TODAY + timedelta(days=3)


async def test_the_title_limit_counts_what_was_typed(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_form(pilot, app, "e")
        title = app.screen.query_one("#title", Input)
        await pilot.press("ctrl+u")
        title.post_message(events.Paste("x" * 300))  # pasted from a chat: 300 characters
        await until(pilot, lambda: len(title.value) == 300, "the pasted title")
        assert title.has_class("-invalid") and "now 300" in error_text(app)
        await pilot.press("ctrl+s")
        assert store.items.get(small["A"].id).title == "Alpha"


async def test_a_stale_save_keeps_the_typing_shows_their_change_and_offers_to_reload(store, small, make_app, engine):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_form(pilot, app, "e")
        form = app.screen
        other = Store(engine, actor="other window", clock=store.clock)  # another window saves first
        card = other.items.get(small["A"].id)
        other.items.update(card.id, card.version, title="Alpha (split)", estimate=2)
        form.query_one("#estimate", Input).focus()
        await pilot.press("ctrl+u", "0", ".", "5", "ctrl+s")
        await pilot.pause()
        assert app.screen is form and form.query_one("#estimate", Input).value == "0.5"
        stale = str(form.query_one("#stale", Static).content)
        assert "title: “Alpha” → “Alpha (split)”" in stale and "estimate: 1 pd → 2 pd" in stale
        assert "ctrl+l" in stale and "Not saved" in error_text(app)
        stored = store.items.get(small["A"].id)
        assert (stored.title, stored.estimate) == ("Alpha (split)", 2)
        await pilot.press("ctrl+l")  # load theirs, then change it again
        assert form.query_one("#title", Input).value == "Alpha (split)"
        assert form.query_one("#estimate", Input).value == "2" and not form.has_class("-stale")
        form.query_one("#estimate", Input).focus()
        await pilot.press("ctrl+u", "0", ".", "5", "ctrl+s")
        await back_to_board(pilot, app)
        stored = store.items.get(small["A"].id)
        assert (stored.title, stored.estimate, stored.version) == ("Alpha (split)", 0.5, card.version + 2)


async def test_the_action_item_form_reads_dates_as_the_card_form_does(store, small, settings):
    from tests.helpers import cockpit_app

    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="meeting")
    app.workspace.meetings.start("stand-up", "Stand-up", [small["ann"].id])
    meeting_id = app.workspace.meetings.meeting_id
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await until(pilot, on_screen(app, "ActionFormModal"), "the action form")
        await pilot.press(*"Book", "space", *"the", "space", *"room")
        due = app.screen.query_one("#due", Input)
        due.focus()
        await pilot.press("0", "4", "slash", "1", "2")
        assert due.has_class("-invalid") and "4 December 2026 or 12 April 2027" in error_text(app)
        await pilot.press("ctrl+u", *"next", "space", *"mon")
        assert not due.has_class("-invalid") and error_text(app) == ""
        assert "Mon 23 Nov 2026" in str(app.screen.query_one("#due-parsed", Static).content)
        await pilot.press("ctrl+u", "plus", "1", "w")
        await pilot.press("ctrl+s")
        await until(pilot, on_screen(app, "MeetingScreen"), "the meeting screen")
        [action] = store.meetings.actions(meeting_id)
        assert (action.text, action.due) == ("Book the room", TODAY + timedelta(weeks=1))
