"""During a meeting the header keeps the speaker and the time left in sight at 80 columns, on every
screen: the iteration, the project name and the rest of the meeting give way first (issue 14)."""

import pytest

from rich.cells import cell_len

from cockpit.header import MeetingLine, fitted
from cockpit.modes import MODES
from tests.helpers import cockpit_app, until

LONG_PROJECT = "Holiday growth campaign for the whole of Europe and beyond"


def header_line(app) -> str:  # noqa: ANN001
    """The header's first row as drawn."""
    return app.screen._compositor.render_strips()[0].text


@pytest.fixture
def meeting_store(engine, clock):  # noqa: ANN001, ANN201
    from cockpit.db.store import Store

    store = Store(engine, actor="tester", clock=clock)
    store.workspace.setup_defaults(LONG_PROJECT)
    store.forget_undo()
    return store


@pytest.mark.parametrize("mode", list(MODES))
async def test_the_speaker_and_the_time_left_stay_in_the_header_at_80_columns(meeting_store, settings, clock, mode):
    app = cockpit_app(meeting_store, settings=settings, start_mode=mode)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.started and app.screen.is_mounted)
        app.workspace.meetings.start("stand-up", "Weekly release review of the campaign", [],
                                  agenda=[{"title": "Fatima Al-Sayed", "box_seconds": 120, "owner_id": None}])
        app.workspace.meetings.toggle_timer()
        clock.advance(seconds=50)
        app.title_line.update()  # what the one-second tick does
        await until(pilot, lambda: "Fatima Al-Sayed" in header_line(app), "the speaker in the header")
        line = header_line(app)
        assert "Fatima Al-Sayed" in line and "1:10 left" in line, line
        assert "Iteration" not in line  # the iteration gave way first
        assert meeting_store.meetings.unfinished()[0].title == "Weekly release review of the campaign"
        clock.advance(seconds=100)  # past the time box: how much over
        app.title_line.update()
        await until(pilot, lambda: "0:30 over" in header_line(app), "the overrun in the header")
        assert "Fatima Al-Sayed" in header_line(app)


def test_everything_is_shown_when_it_fits_and_the_rest_gives_way_in_order():
    line = MeetingLine("Stand-up 22 Nov 2026", "4:05", speaker="Ann Lee", running=True, used="1:30/2:00",
                       left="0:30 left")
    sub = f"{line.full()}  ·  Iteration 12 · 16 Nov – 29 Nov"
    assert fitted("Cockpit", sub, line, 200).plain == f"Cockpit — {sub}"
    assert fitted("Cockpit", sub, line, 62).plain == f"Cockpit — {line.full()}"
    assert fitted("Cockpit", sub, line, 40).plain == "▶ Ann Lee 0:30 left · 4:05"
    assert fitted("Cockpit", sub, line, 16).plain == "▶ Ann… 0:30 left"
    assert fitted("Cockpit", "Stand-up 04:12", None, 24).plain == "Cockpit — Stand-up 04:12"  # it fits


def test_without_a_meeting_a_narrow_header_words_the_scope_shorter_then_cuts_the_project_name():
    scope = "Iteration 0929 + unfinished earlier work"
    assert fitted("Holiday growth campaign", scope, None, 80).plain == f"Holiday growth campaign — {scope}"
    # 80 columns leave 62 for the title: the board's scope is worded shorter, never cut mid-word
    assert fitted("Holiday growth campaign", scope, None, 62).plain == "Holiday growth campaign — Iteration 0929 + unfinished"
    assert fitted("Holiday growth campaign", scope, None, 47).plain == "Holiday growth campaign — It. 0929 + unfinished"
    assert fitted("Holiday growth campaign", scope, None, 40).plain == "Holiday growth… — It. 0929 + unfinished"
    iteration = "Iteration 12 · 16 Nov – 29 Nov"
    assert fitted("Checkout revamp (Retail › Payments)", iteration, None, 40).plain == "Checkout revamp (Retail › Paym… — It. 12"
    assert fitted("A", "All iterations (none running)", None, 20).plain == "A — all iterations"
    assert cell_len(fitted("Checkout", scope, None, 12).plain) <= 12
