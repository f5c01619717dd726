"""Starting a meeting (m): the dialog's kind list, title and iteration; the started meeting shown at
once; and a meeting started by mistake discarded (X), with no minutes left behind."""

from datetime import date

from textual.widgets import Input, Select

from cockpit.services.meetings import minutes_dir
from tests.helpers import TODAY, cockpit_app, on_screen, until


def make(store, settings, mode="board"):
    return cockpit_app(store, settings=settings, today=TODAY, start_mode=mode)


async def open_dialog(pilot, app):
    await pilot.press("m")
    await until(pilot, on_screen(app, "StartMeetingModal"), "the start dialog")
    return app.screen


async def test_kind_list_opens_on_enter_and_the_title_follows_the_kind_unless_typed(store, team, settings):
    app = make(store, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = await open_dialog(pilot, app)
        kind, title = dialog.query_one("#kind", Select), dialog.query_one("#title", Input)
        await pilot.press("shift+tab")                      # from the title to the kind list
        assert dialog.focused is kind
        await pilot.press("enter")                          # enter opens the list
        await until(pilot, lambda: kind.expanded, "the kind list to open")
        await pilot.press(*["down"] * 5, "enter")           # Retrospective
        await until(pilot, lambda: kind.value == "retrospective")
        assert title.value == "Retrospective 22 Nov 2026"   # not typed by the PM: it follows the kind
        await pilot.press("tab", "end", *" Q4", "shift+tab", "enter", "up", "enter")  # typed, then Release review
        await until(pilot, lambda: kind.value == "release-review")
        assert title.value == "Retrospective 22 Nov 2026 Q4"  # typed by the PM: kept
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace.meetings.active, "the meeting to start")
        meeting = store.meetings.last()
        assert (meeting.kind, meeting.title) == ("release-review", "Retrospective 22 Nov 2026 Q4")


async def test_iteration_defaults_to_the_running_one_latest_started(store, team, settings):
    ws = store.workspace
    ws.add_iteration("Ended", date(2026, 10, 1), date(2026, 10, 28))
    ws.add_iteration("Closing", date(2026, 11, 1), date(2026, 11, 28))
    latest = ws.add_iteration("Starting", date(2026, 11, 15), date(2026, 12, 12))  # overlaps "Closing"
    ws.add_iteration("Next", date(2026, 12, 1), date(2026, 12, 28))
    app = make(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        dialog = await open_dialog(pilot, app)
        assert dialog.query_one("#iteration", Select).value == latest.id
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace.meetings.active, "the meeting to start")
        assert store.meetings.last().iteration_id == latest.id


async def test_a_retro_started_from_the_board_is_shown_at_once(demo, settings):
    store, ctx = demo
    app = make(store, settings, mode="retro")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        retro = app.screen
        assert retro.query_one("#iteration", Select).value == ctx.iterations[0].id  # the last ended one
        await pilot.press("1")
        await until(pilot, on_screen(app, "BoardScreen"), "the board")
        dialog = await open_dialog(pilot, app)
        await pilot.press("shift+tab", "enter", *["down"] * 5, "enter")
        await until(pilot, lambda: dialog.query_one("#kind", Select).value == "retrospective")
        running = store.workspace.current_iteration(TODAY)
        assert running.id != ctx.iterations[0].id
        assert dialog.query_one("#iteration", Select).value == running.id  # the running one
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is retro, "the retro screen")
        await pilot.pause()
        meeting = store.meetings.last()
        assert (meeting.kind, meeting.iteration_id) == ("retrospective", running.id)
        assert retro.live and retro.meeting.id == meeting.id
        assert retro.query_one("#iteration", Select).value == running.id
        assert "Voting as" in str(retro.query_one("#status").content)


async def test_a_meeting_started_by_mistake_is_discarded_and_leaves_no_minutes(store, team, settings):
    app = make(store, settings, mode="meeting")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await open_dialog(pilot, app)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace.meetings.active and screen.query_one("#meeting-body").display,
                    "the running meeting on the Meeting screen")
        meeting = store.meetings.last()
        card = team["card"]
        moved = store.items.move(card.id, card.version, team["stages"][2].id)  # a change made during it
        await pilot.press("X")
        await until(pilot, on_screen(app, "ConfirmModal"), "the question")
        await pilot.press("n")                               # not this time: it keeps running
        await until(pilot, lambda: app.screen is screen)
        assert app.workspace.meetings.active and store.meetings.all() != []
        await pilot.press("X")
        await until(pilot, on_screen(app, "ConfirmModal"), "the question")
        await pilot.press("y")
        await until(pilot, lambda: not app.workspace.meetings.active, "the meeting to be discarded")
        await until(pilot, lambda: screen.query_one("#idle").display, "the idle Meeting screen")
        assert store.meeting_id is None and store.meetings.all() == []
        assert store.items.get(card.id).stage_id == moved.stage_id           # what was done meanwhile stays
        discard = [c for c in store.changes() if c.label.startswith("discard meeting")]
        assert {c.entity for c in discard} >= {"meeting", "agenda_item", "meeting_attendee"}
        assert all(c.entity_id != meeting.id or c.action == "delete" for c in discard)
        assert not minutes_dir(store).exists() or not any(minutes_dir(store).iterdir())
