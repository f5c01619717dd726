"""The efficiency screen's keys, in the whole app: what it shows and the numbers behind it."""

import pytest

from cockpit.screens.efficiency import EfficiencyScreen
from tests.efficiency.fixture_history import build
from tests.helpers import cockpit_app, until


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
        await pilot.press("c", "c", "c")  # scatter, cumulative flow, aging
        assert [row[:4] for row in table_rows(screen)] == [["#5", "E open bug", "Pending development", "5.0"]]
        await pilot.press("c")  # bugs
        assert table_rows(screen)[-2:] == [["09 Nov", "2", "1", "1", "0"], ["16 Nov", "0", "1", "1", "1"]]
        await pilot.press("t")  # back to the chart
        assert not screen.has_class("-table") and screen.query_one("FlowChart").display
        assert "Incidents and valid bugs per week" in screen.query_one("FlowChart").spec.title
        await pilot.press("s")  # the whole campaign (the test project is its campaign's only one)
        await until(pilot, lambda: "campaign" in text_of(screen, "#efficiency-summary"), "the campaign scope")
        assert "4 delivered" in text_of(screen, "#efficiency-summary")
