"""The Meeting screen driven by keys: a scripted stand-up whose minutes equal a golden file, minutes
on ctrl+q, notes saved as typed, and the offer to close a meeting left unfinished by a crash."""

import os
from pathlib import Path

from textual.widgets import OptionList, TextArea

from cockpit.services.meetings import minutes_dir
from cockpit.widgets.meeting_timer import MeetingTimer

GOLDEN = Path(__file__).parent / "golden" / "standup.md"


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


async def test_scripted_standup_minutes_equal_the_golden_file(store, team, clock, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")                       # stand-up, everyone, default title
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "MeetingScreen"
        assert store.meeting_id is not None
        await pilot.press("space")                       # Ann speaks
        clock.advance(seconds=95)
        await pilot.press("n")
        await type_text(pilot, "Coupons [b]shipped[/b]")
        await pilot.press("escape")
        await pilot.press("d")
        await pilot.pause()
        await type_text(pilot, "Ship on Wednesday")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Write the release checklist")
        await pilot.press("tab", "tab")                  # owner (Ann, the speaker) -> due date
        await type_text(pilot, "2026-11-29")
        await pilot.press("enter")
        await pilot.pause()
        card = team["card"]                              # a card moved on the board meanwhile
        store.items.move(card.id, card.version, team["stages"][2].id)
        await pilot.press("tab")                         # Ben, the timer keeps running
        await pilot.pause()
        clock.advance(seconds=150)
        screen.refresh_data()                            # what the one-second tick does
        app.title_line.update()
        timer = screen.query_one(MeetingTimer)
        assert "overrun 0:30" in str(timer.content) and "Ben Okafor" in str(timer.content)
        assert "● Stand-up 22 Nov 2026 · 4:05" in app.sub_title
        await pilot.press("s")                           # skip Eli
        await pilot.pause()
        clock.advance(seconds=30)
        await pilot.press("ctrl+e")
        await app.meetings.ending.finished.wait()  # the minutes are written in a worker
        await pilot.pause()
        assert store.meeting_id is None
    [written] = minutes_dir(store).iterdir()
    assert written.name == "2026-11-22-stand-up.md"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(written.read_text(encoding="utf-8"), encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert written.read_text(encoding="utf-8") == expected


async def test_ctrl_q_ends_the_meeting_and_writes_the_minutes(store, team, clock, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "typed just before quitting")
        clock.advance(minutes=3)
        await pilot.press("ctrl+q")
        await pilot.pause()
    meeting = store.meetings.last()
    assert meeting.ended is not None
    text = (minutes_dir(store) / "2026-11-22-stand-up.md").read_text()
    assert "typed just before quitting" in text and "- **Duration:** 3 min" in text


async def test_notes_are_saved_while_typing(store, team, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        await pilot.press("n")
        await type_text(pilot, "abc")
        assert screen._save_timer is not None           # a save is scheduled (debounced)
        session = app.workspace.meetings
        assert session.pending_notes == {session.current_id: "abc"}
        screen._save_timer._callback()                   # the debounce fires (it queues the save)
        await pilot.pause()
        item = session.current_item()
        assert item.notes == "abc" and session.pending_notes == {}
        assert isinstance(screen.focused, TextArea)
        await pilot.press("escape")
        assert isinstance(screen.focused, OptionList)


async def test_unfinished_meeting_is_offered_for_closing(store, team, clock, make_app):
    meeting = store.meetings.start(kind="design-review", title="Design review", attendee_ids=[team["ann"].id],
                                   agenda=[{"title": "Walkthrough", "box_seconds": 600}])
    clock.advance(minutes=20)
    card = team["card"]
    store.items.move(card.id, card.version, team["stages"][2].id)
    store.meeting_id = None                              # the window was killed
    from sqlmodel import select

    from cockpit.db.models_meetings import Meeting
    with store.write("simulate a dead window", undoable=False) as tx:
        row = tx.session.exec(select(Meeting)).one()
        row.host = "elsewhere:1"
    clock.advance(hours=2)
    app = make_app(store, "board")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "UnfinishedMeetingModal"
        await pilot.press("c")
        await pilot.pause()
    closed = store.meetings.get(meeting.id)
    assert closed.ended == meeting.started.replace() + (closed.ended - meeting.started)
    assert (closed.ended - meeting.started).total_seconds() == 20 * 60   # ended at its last change
    text = (minutes_dir(store) / "2026-11-22-design-review.md").read_text()
    assert "Pending development → Pending test" in text


async def test_start_dialog_kind_sets_title_and_agenda(store, team, make_app):
    from textual.widgets import Input, Select, SelectionList

    card = team["card"]
    store.items.move(card.id, card.version, team["stages"][3].id)   # pending release
    app = make_app(store, "board")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#kind", Select).value = "release-review"
        await pilot.pause()
        assert modal.query_one("#title", Input).value == "Release review 22 Nov 2026"
        attendees = modal.query_one("#attendees", SelectionList)
        attendees.focus()
        await pilot.press("space")                           # leave Ann out
        modal.query_one("#title", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        detail = app.workspace.meetings.detail()
        assert [name for _id, name in detail.attendees] == ["Ben Okafor", "Eli Novak"]
        assert [item.title for item in detail.agenda] == ["Pending release: Coupon service", "Release go / no-go"]
        agenda = app.screen.query_one(OptionList)
        assert "Pending release: Coupon service" in str(agenda.get_option_at_index(0).prompt)


async def test_markup_in_a_meeting_title_is_shown_literally(store, team, make_app):
    app = make_app(store)
    title = "[@click=app.quit]x[/] deadline [/"
    app.workspace.meetings.start("other", title, [team["ann"].id])
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        app.title_line.update()
        await pilot.pause()
        assert title in app.sub_title
        assert app.is_running
        timer = app.screen.query_one(MeetingTimer)
        assert "Topic" in str(timer.content)
        await pilot.press("ctrl+e")
        await app.meetings.ending.finished.wait()  # the minutes are written in a worker
        await pilot.pause()
        assert app.is_running and store.meetings.last().ended is not None


async def test_agenda_items_can_be_added_during_the_meeting(store, team, make_app):
    from cockpit.screens.meetings.screen import split_time_box

    assert split_time_box("Pricing rules 10") == ("Pricing rules", 10)
    assert split_time_box("Release 2.0") == ("Release 2.0", 5)
    app = make_app(store)
    app.workspace.meetings.start("other", "Sync", [team["ann"].id])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await type_text(pilot, "Pricing rules 10")
        await pilot.press("enter")
        await pilot.pause()
        last = app.workspace.meetings.detail().agenda[-1]
        assert (last.title, last.box_seconds) == ("Pricing rules", 600)
        agenda = app.screen.query_one(OptionList)
        assert "Pricing rules" in str(agenda.get_option_at_index(agenda.option_count - 1).prompt)
