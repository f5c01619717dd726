"""The Retro screen driven by keys: previous action items done / carried over, lanes and dot votes,
and the minutes of the retrospective."""

from textual.widgets import DataTable, OptionList, Select, Static

from cockpit.services.meetings import minutes_dir
from tests.helpers import TODAY, cockpit_app


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


def make(store, settings, mode="retro"):
    return cockpit_app(store, settings=settings, today=TODAY, start_mode=mode)


async def test_finished_demo_retro_is_shown_read_only(demo, settings):
    store, ctx = demo
    app = make(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#iteration", Select).value == ctx.iterations[0].id
        assert "finished (read-only)" in str(screen.query_one("#status", Static).content)
        assert "Delivered: 12 of 13" in str(screen.query_one("#metrics", Static).content)
        improve = screen.query_one("#notes-improve", OptionList)
        assert "●●●● Two cards waited" in str(improve.get_option_at_index(0).prompt)
        await pilot.press("w")                            # lanes are not editable on a finished retro
        assert screen.query_one("#input-well").disabled


async def test_retro_run_by_keys_carries_over_and_votes(demo, settings, clock):
    store, ctx = demo
    app = make(store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#iteration", Select).value = ctx.iterations[1].id
        await pilot.pause()
        assert "R starts one" in str(screen.query_one("#status", Static).content)
        await pilot.press("R")
        await pilot.pause()
        assert type(app.screen).__name__ == "StartMeetingModal"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.live
        meeting = store.meetings.last()
        assert (meeting.kind, meeting.iteration_id) == ("retrospective", ctx.iterations[1].id)

        session = app.workspace.meetings
        await pilot.press("tab")                          # goals vs outcomes -> previous action items
        await pilot.press("tab")                          # refused: two of them are still open
        assert session.current_item().title == "Previous action items"
        previous = screen.query_one("#previous", DataTable)
        assert screen.focused is previous
        previous.focus()
        await pilot.press("down")                         # "Pair on every estimate ..."
        await pilot.press("c")
        await pilot.press("down")                         # "PRD sign-off ..."
        await pilot.press("x")
        await pilot.pause()
        old = {a.text: a.status for a in store.meetings.actions(store.meetings.previous_retrospective(meeting.id).id)}
        assert old["Pair on every estimate over two person-days"] == "carried"
        assert old["PRD sign-off within one working day"] == "done"
        await pilot.press("tab")                          # now every one is settled: on to the rounds
        assert session.current_item().title == "Round: Ann Lee"
        [carried] = store.meetings.actions(meeting.id)
        assert carried.carried_from_id is not None and carried.owner == "Eli Novak"

        await pilot.press("i")
        await type_text(pilot, "Reviews [red]wait[/] too long")
        await pilot.press("enter")
        await type_text(pilot, "Flaky tests")
        await pilot.press("enter")
        await pilot.press("shift+tab")                    # into the lane's notes
        await pilot.press("down", "plus", "plus")         # two dots from the first voter on "Flaky tests"
        await pilot.pause()
        notes = store.meetings.notes(meeting.id)
        assert [(n.text, n.votes) for n in notes] == [("Flaky tests", 2), ("Reviews [red]wait[/] too long", 0)]
        improve = screen.query_one("#notes-improve", OptionList)
        assert str(improve.get_option_at_index(1).prompt) == "Reviews [red]wait[/] too long"
        assert "1 of 3 left" in str(screen.query_one("#status", Static).content)
        clock.advance(minutes=45)
        await pilot.press("ctrl+e")
        await app.meetings.ending.finished.wait()  # the minutes are written in a worker
        await pilot.pause()
    text = (minutes_dir(store) / "2026-11-22-retrospective.md").read_text()
    assert "## Goals vs outcomes" in text and "## Previous action items" in text
    assert "- [ ] Pair on every estimate over two person-days — Eli Novak, 2026-11-30 (carried over)" in text
    assert "- [x] PRD sign-off within one working day — Ann Lee, 2026-11-25" in text
    assert "### To improve\n\n- Flaky tests (2 votes)\n- Reviews \\[red\\]wait\\[/\\] too long\n" in text
    assert "(carried over from the last retrospective)" in text
