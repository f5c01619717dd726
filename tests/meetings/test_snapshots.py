"""How the Meeting and Retro screens look at 80x24 and 160x48 (today and the clock injected)."""

import pytest

from tests.helpers import TODAY, cockpit_app


def meeting_app(demo, settings):
    store, ctx = demo
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="meeting")
    people = [ctx.people[h].id for h in ("ann", "ben", "eli", "fatima")]
    session = app.workspace.meetings
    session.start("stand-up", "Stand-up 22 Nov 2026", people)
    session.toggle_timer()
    store.clock.advance(seconds=75)
    session.next_item()
    store.meetings.add_decision(session.meeting_id, "Bundle pricing goes first [/]")
    store.meetings.add_action(session.meeting_id, "Ask legal about the fraud rules", owner_id=ctx.people["eli"].id)
    store.clock.advance(seconds=140)
    return app


def retro_app(demo, settings):
    store, ctx = demo
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="retro")
    people = [ctx.people[h].id for h in ("ann", "ben", "chen", "eli")]
    session = app.workspace.meetings
    session.start("retrospective", "Retrospective 1106", people, iteration_id=ctx.iterations[1].id)
    well = store.meetings.add_note(session.meeting_id, "well", "Loyalty points shipped on time")
    store.meetings.add_note(session.meeting_id, "improve", "Leaderboard blocked for days [b]")
    store.meetings.vote(well.id, ctx.people["ann"].id)
    store.meetings.vote(well.id, ctx.people["ben"].id)
    return app


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_meeting_screen(demo, settings, snap_compare, size):
    assert snap_compare(meeting_app(demo, settings), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_retro_screen(demo, settings, snap_compare, size):
    assert snap_compare(retro_app(demo, settings), terminal_size=size)
