"""Meeting screens and minutes show times in the workspace's time zone (Setup), not the machine's
(the fixtures pin the machine to UTC; the workspace here is in Tokyo, nine hours ahead)."""

from textual.widgets import DataTable

from cockpit.services.meetings import minutes_text
from tests.helpers import on_screen, until


def _past_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#past", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def test_past_meetings_and_minutes_use_the_workspace_zone(store, team, clock, make_app):
    store.settings.set_time_zone("Asia/Tokyo")
    meeting = store.meetings.start(kind="stand-up", title="Stand-up", attendee_ids=[team["ann"].id])
    clock.advance(minutes=15)
    store.meetings.end(meeting.id, store.meetings.get(meeting.id).version)  # 09:00-09:15 UTC
    assert "18:00–18:15" in minutes_text(store, meeting.id)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, on_screen(app, "MeetingScreen"), "the meeting screen")
        await until(pilot, lambda: app.screen.query("#past") and _past_rows(app), "the past meetings")
        assert _past_rows(app)[0][1] == "2026-11-22 18:00"


async def test_an_unfinished_meeting_says_when_it_started_in_the_workspace_zone(store, team, clock, make_app):
    from sqlmodel import select

    from cockpit.db.models_meetings import Meeting

    store.settings.set_time_zone("Asia/Tokyo")
    store.meetings.start(kind="stand-up", title="Stand-up", attendee_ids=[team["ann"].id])
    store.meeting_id = None  # the window running it was killed
    with store.write("simulate a dead window", undoable=False) as tx:
        tx.session.exec(select(Meeting)).one().host = "elsewhere:1"
    clock.advance(hours=2)
    app = make_app(store, "board")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, on_screen(app, "UnfinishedMeetingModal"), "the question")
        assert "started Sun 22 Nov 18:00" in str(app.screen.query_one("Static").render())
