"""The meeting package on the shared contracts: its forms check as you type and keep what was typed
when the store refuses; a stale write is refused through the screen's write helper; ctrl+e writes the
minutes in a worker while the cockpit stays live, and ctrl+q meanwhile waits for them."""

import threading
from datetime import timedelta

from textual.widgets import DataTable, Input, Static

from cockpit.services.meetings import minutes_dir
from cockpit.screens.shared.progress import ProgressModal
from tests.helpers import TODAY, cockpit_app


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


def error_text(app) -> str:
    return str(app.screen.query_one("#form-error", Static).content)


async def test_action_form_checks_the_due_date_as_you_type(store, team, make_app):
    app = make_app(store)
    app.workspace.meetings.start("stand-up", "Stand-up", [team["ann"].id])
    meeting_id = app.workspace.meetings.meeting_id
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "ActionFormModal"
        await type_text(pilot, "Book the room")
        await pilot.press("tab", "tab")                  # owner -> due
        await type_text(pilot, "zz")
        due = app.screen.query_one("#due", Input)
        assert "due: 'zz' is not a date like" in error_text(app) and due.has_class("-invalid")
        await pilot.press("ctrl+s")                      # refused by the form: nothing written
        await pilot.pause()
        assert type(app.screen).__name__ == "ActionFormModal" and store.meetings.actions(meeting_id) == []
        await pilot.press("backspace", "backspace", "plus", "3")
        assert error_text(app) == "" and not due.has_class("-invalid")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        [action] = store.meetings.actions(meeting_id)
        assert (action.text, action.due) == ("Book the room", TODAY + timedelta(days=3))
        assert "Book the room" in str(app.screen.query_one("#outcomes", Static).content)


async def test_a_refused_agenda_item_keeps_the_form_and_what_was_typed(store, team, make_app):
    app = make_app(store)
    app.workspace.meetings.start("other", "Planning", [team["ann"].id], agenda=[])
    meeting_id = app.workspace.meetings.meeting_id
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        field = app.screen.query_one("#text", Input)
        field.value = "x" * 201 + " 10"                 # past the store's 200 characters for a title
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TextFormModal"   # refused by the store: still open
        assert "title" in error_text(app) and field.value == "x" * 201 + " 10"
        assert store.meetings.detail(meeting_id).agenda == []
        await pilot.press("ctrl+a", "ctrl+k")            # clear and type a good one
        await type_text(pilot, "Pricing 10")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        [item] = store.meetings.detail(meeting_id).agenda
        assert (item.title, item.box_seconds) == ("Pricing", 600)
        assert app.workspace.meetings.current_id == item.id  # the first item of an empty agenda is current


async def test_a_stale_previous_action_is_refused_not_overwritten(engine, store, team, settings, clock):
    from cockpit.db.store import Store

    older = store.meetings.start(kind="retrospective", title="Retro before", attendee_ids=[team["ann"].id])
    action = store.meetings.add_action(older.id, "Fix the flaky tests", owner_id=team["ann"].id)
    store.meetings.end(older.id, store.meetings.get(older.id).version)
    store.meeting_id = None
    clock.advance(days=1)
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="retro", live=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#previous", DataTable)
        assert [a.text for a in app.screen.previous] == ["Fix the flaky tests"] and table.row_count == 1
        other = Store(engine, actor="bob", clock=store.clock)    # another window marks it done first
        other.meetings.set_action_status(action.id, action.version, "done")
        table.focus()
        await pilot.press("x")                           # this window still holds the old version
        await pilot.pause()
        [stored] = store.meetings.actions(older.id)
        assert stored.status == "done" and stored.version == action.version + 1
        assert app.screen.previous[0].status == "done"   # reloaded: the other window's change shows


async def test_ctrl_e_writes_the_minutes_in_a_worker_and_ctrl_q_waits_for_them(store, team, make_app, monkeypatch):
    from cockpit.services import meetings as meeting_session

    release = threading.Event()
    order: list[str] = []
    real_write = meeting_session.write_minutes

    def slow_write(*args, **kwargs):
        release.wait(30)
        path = real_write(*args, **kwargs)
        order.append("minutes written")
        return path

    monkeypatch.setattr(meeting_session, "write_minutes", slow_write)
    app = make_app(store)
    app.workspace.meetings.start("stand-up", "Stand-up", [team["ann"].id])
    app.shutdown.hooks.append(lambda: order.append("shutdown hooks done"))

    def release_once_quitting() -> None:
        while not app.shutdown.done:                     # ctrl+q has begun the shutdown hooks
            threading.Event().wait(0.01)
        release.set()

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        ending = app.meetings.ending
        assert ending is not None and not ending.finished.is_set()   # the minutes are being written
        while not isinstance(app.screen, ProgressModal):  # past half a second: the progress dialog
            await pilot.pause()                          # (the cockpit stays live meanwhile)
        assert app.screen.heading == "Ending the meeting" and not ending.finished.is_set()
        helper = threading.Thread(target=release_once_quitting)
        helper.start()
        await pilot.press("ctrl+q")
        helper.join(30)
    assert order == ["minutes written", "shutdown hooks done"]    # quitting waited for the minutes
    assert store.meetings.last().ended is not None
    [written] = minutes_dir(store).iterdir()
    assert written.name == "2026-11-22-stand-up.md"
