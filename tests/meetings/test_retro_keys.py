"""The Retro screen's keys: a finished retro is read-only (no R, no boxes), votes go to the current
lane from keys shown in the footer and F1, and ending with unsettled action items asks first."""

from textual.widgets import Select

from cockpit.services.meetings import minutes_dir
from tests.helpers import TODAY, cockpit_app, on_screen, until
from cockpit.widgets.keys_footer import KeysFooter


def make(store, settings):
    return cockpit_app(store, settings=settings, today=TODAY, start_mode="retro")


async def start_retro(pilot, app, iteration_id):
    screen = app.screen
    screen.query_one("#iteration", Select).value = iteration_id
    await pilot.pause()
    await pilot.press("R")
    await until(pilot, on_screen(app, "StartMeetingModal"), "the start dialog")
    await pilot.press("ctrl+s")
    await until(pilot, lambda: app.screen is screen and screen.live, "the running retro")
    return screen


def footer_keys(screen) -> list[str]:
    return [key.description for key in screen.query_one(KeysFooter).keys or []]


async def test_a_finished_retro_offers_no_start_and_no_input_boxes(demo, settings):
    store, ctx = demo
    app = make(store, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "finished" in str(screen.query_one("#status").content)
        assert "Start retro" not in footer_keys(screen)
        assert not any(box.display for box in screen.query("RetroLanes Input"))
        before = len(store.meetings.all())
        await pilot.press("R")
        await pilot.pause()
        assert app.screen is screen and len(store.meetings.all()) == before   # nothing started
        screen.query_one("#iteration", Select).value = ctx.iterations[2].id  # no retro yet there: R applies
        await until(pilot, lambda: "Start retro" in footer_keys(screen), "R in the footer")


async def test_votes_go_to_the_current_lane_with_keys_in_footer_and_help(demo, settings):
    store, ctx = demo
    app = make(store, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await start_retro(pilot, app, ctx.iterations[2].id)
        meeting = screen.meeting
        await pilot.press("w", *"Demo v+", "enter")       # v and + are text while typing
        await until(pilot, lambda: [n.text for n in store.meetings.notes(meeting.id)] == ["Demo v+"])
        await pilot.press("escape")                         # from the box to the lane's notes
        assert "Vote" in footer_keys(screen) and "Unvote" in footer_keys(screen)
        await pilot.press("plus", "v")
        await until(pilot, lambda: store.meetings.notes(meeting.id)[0].votes == 2, "two dots")
        assert "●● Demo v+" in str(screen.query_one("#notes-well").get_option_at_index(0).prompt)
        await pilot.press("right", "plus")                  # "to improve" has no note: nothing voted
        await pilot.pause()
        assert store.meetings.notes(meeting.id)[0].votes == 2
        await pilot.press("left", "minus")
        await until(pilot, lambda: store.meetings.notes(meeting.id)[0].votes == 1, "a dot taken back")
        await pilot.press("f1")
        await until(pilot, on_screen(app, "HelpModal"), "the help")
        assert {"Vote", "Unvote"} <= {description for _keys, description in app.screen.keys}


async def test_ending_a_retro_with_unsettled_previous_actions_asks_first(demo, settings):
    store, ctx = demo
    app = make(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await start_retro(pilot, app, ctx.iterations[2].id)
        assert [a.status for a in screen.previous].count("open") == 2
        await pilot.press("ctrl+e")
        await until(pilot, on_screen(app, "ConfirmModal"), "the question")
        assert "2 of last time's action items" in str(app.screen.query_one("#confirm-question").content)
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen)
        assert app.workspace.meetings.active and store.meetings.last().ended is None
        await pilot.press("ctrl+e")
        await until(pilot, on_screen(app, "ConfirmModal"), "the question")
        await pilot.press("y")
        await until(pilot, lambda: app.meetings.ending is not None, "the minutes to be written")
        await app.meetings.ending.finished.wait()
        await pilot.pause()
        assert store.meetings.last().ended is not None
        assert any(minutes_dir(store).glob("*-retrospective*.md"))
