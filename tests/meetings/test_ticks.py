"""Checkboxes read ticked or not by their shape: action items of the meeting screen, and the
checkboxes of forms (an unticked box is empty, a ticked one shows its mark)."""

from textual.widgets import Checkbox, Static

from cockpit.logic.wording import TICKED, UNTICKED, plural, tick
from tests.meetings.test_meeting_screen import type_text


def test_tick_and_plural():
    assert (tick(True), tick(False)) == (TICKED, UNTICKED) and TICKED != UNTICKED
    assert [plural(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert plural(1.0, "day") == "1 day" and plural(2.5, "day") == "2.5 days"
    assert plural(1, "calendar entry", "calendar entries") == "1 calendar entry"
    assert plural(3, "calendar entry", "calendar entries") == "3 calendar entries"


async def test_a_done_action_item_is_ticked_on_the_meeting_screen(store, team, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # a stand-up
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Write the release checklist")
        await pilot.press("enter")
        await pilot.pause()
        outcomes = app.screen.query_one("#outcomes", Static)
        assert f"{UNTICKED} Write the release checklist" in str(outcomes.render())
        [action] = store.meetings.actions(store.meeting_id)
        store.meetings.set_action_status(action.id, action.version, "done")  # settled in another window
        app.screen.refresh_data()
        await pilot.pause()
        assert f"{TICKED} Write the release checklist" in str(outcomes.render())
    [action] = store.meetings.actions(store.meetings.last().id)
    assert action.status == "done"


async def test_an_unticked_checkbox_is_empty_and_a_ticked_one_shows_its_mark(store, team, make_app):
    app = make_app(store, mode="board")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # a new card: its form has the Confidential checkbox
        await pilot.pause()
        box = app.screen.query_one("#confidential", Checkbox)

        def mark_visible() -> bool:
            style = box.get_component_rich_style("toggle--button")
            return style.color != style.bgcolor

        assert not box.value and not mark_visible()
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and mark_visible()
        app.theme = "cockpit-high-contrast"
        await pilot.pause()
        assert mark_visible()
        await pilot.press("space")
        await pilot.pause()
        assert not box.value and not mark_visible()
