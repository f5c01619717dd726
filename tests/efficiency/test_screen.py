"""The efficiency screen's keys, in the whole app: what it shows and the numbers behind it."""

from datetime import timedelta

import pytest

from cockpit.screens.efficiency import EfficiencyScreen
from tests.efficiency.fixture_history import build
from tests.helpers import TODAY, cockpit_app, until


@pytest.fixture
def history(store, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    build(store)
    return store


def table_rows(screen) -> list[list[str]]:  # noqa: ANN001
    table = screen.query_one("#efficiency-table")
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(screen, selector: str) -> str:  # noqa: ANN001
    return str(screen.query_one(selector).render())


async def test_keys_change_chart_table_period_and_scope(history) -> None:  # noqa: ANN001
    app = cockpit_app(history)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8")
        await until(pilot, lambda: isinstance(app.screen, EfficiencyScreen), "the efficiency screen")
        screen = app.screen
        await until(pilot, lambda: "delivered" in text_of(screen, "#efficiency-summary"))
        summary = text_of(screen, "#efficiency-summary")
        assert "last 12 weeks" in summary and "4 delivered" in summary and "1 valid bug open" in summary
        assert "cycle time median 9.4 d, 85% 15.0 d" in summary
        # Throughput: the table's last two weeks are 9 Nov (A) and 16 Nov (B, C, F).
        await pilot.press("t")
        assert screen.has_class("-table") and screen.query_one("#efficiency-table").display
        rows = table_rows(screen)
        assert rows[-2][:2] == ["09 Nov", "1"] and rows[-1][:2] == ["16 Nov", "3"] and len(rows) == 12
        await pilot.press("w")  # 12 -> 26 weeks
        await until(pilot, lambda: len(table_rows(screen)) == 26, "26 weeks")
        assert "last 26 weeks" in text_of(screen, "#efficiency-summary")
        await pilot.press("w", "w")  # 26 -> 4 -> 12
        await until(pilot, lambda: len(table_rows(screen)) == 12, "12 weeks again")
        await pilot.press("c")  # cycle time
        assert table_rows(screen)[-1] == ["16 Nov", "3", "10.9", "15.0", "11.0", "17.0"]
        await pilot.press("c")  # scatter: the cards delivered, newest first, with their days
        assert [row[1:] for row in table_rows(screen)] == [
            ["F incident", "20 Nov", "10.9", "11.0", "0.0"], ["B reopened", "19 Nov", "15.0", "17.0", "0.0"],
            ["C blocked", "18 Nov", "8.0", "9.0", "2.5"], ["A move back", "09 Nov", "6.0", "7.0", "0.0"]]
        await pilot.press("c")  # cumulative flow: the six cards in their stages at each week's end
        rows = table_rows(screen)
        assert len(rows) == 12 and sum(int(n) for n in rows[-1][1:]) == 6 and rows[-1][0] == "22 Nov"
        await pilot.press("c")  # aging
        assert [row[:4] for row in table_rows(screen)] == [["#5", "E open bug", "Pending development", "5.0"]]
        await pilot.press("c")  # bugs
        assert table_rows(screen)[-2:] == [["09 Nov", "2", "1", "1", "0"], ["16 Nov", "0", "1", "1", "1"]]
        await pilot.press("t")  # back to the chart
        assert not screen.has_class("-table") and screen.query_one("FlowChart").display
        assert "Incidents and valid bugs per week" in screen.query_one("FlowChart").spec.title
        await pilot.press("s")  # the whole campaign (the test project is its campaign's only one)
        await until(pilot, lambda: "campaign" in text_of(screen, "#efficiency-summary"), "the campaign scope")
        assert "4 delivered" in text_of(screen, "#efficiency-summary")


async def test_F_sets_the_weeks_the_forecast_rests_on(history) -> None:  # noqa: ANN001, N802
    from cockpit.services import flow as flow_service

    iteration = history.workspace.add_iteration("1116", TODAY - timedelta(days=6), TODAY + timedelta(days=7))
    card = history.items.get(5)  # E, the open bug: the iteration's one unfinished card
    history.items.update(card.id, card.version, iteration_id=iteration.id)
    app = cockpit_app(history, today=TODAY, start_mode="efficiency")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await until(pilot, lambda: "Forecast" in text_of(screen, "#efficiency-forecast"), "the forecast")
        line = text_of(screen, "#efficiency-forecast")
        assert "iteration 1116 (1 unfinished card, from 12 weeks' throughput)" in line
        await pilot.press("F")
        await until(pilot, lambda: app.screen is not screen, "the form")
        await pilot.press("end", "backspace", "backspace", "2", "enter")
        await until(pilot, lambda: app.screen is screen, "the form to close")
        assert flow_service.forecast_weeks(history) == 2
        await until(pilot, lambda: "from 2 weeks' throughput" in text_of(screen, "#efficiency-forecast"))
        # Two weeks (9 Nov: 1 card, 2 Nov: none): E is done in 1 week at best, or later.
        assert "50% by" in text_of(screen, "#efficiency-forecast")


async def test_a_new_workspace_says_nothing_was_delivered_yet(store) -> None:  # noqa: ANN001
    """A team starts with nothing: the summary says so in words, not with empty figures."""
    app = cockpit_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8")
        await until(pilot, lambda: isinstance(app.screen, EfficiencyScreen), "the efficiency screen")
        await until(pilot, lambda: "delivered" in text_of(app.screen, "#efficiency-summary"))
        summary = text_of(app.screen, "#efficiency-summary")
        assert "0 delivered" in summary and "no cycle time yet (nothing delivered)" in summary
        assert "–" not in summary
