"""``f`` on the board: the forecast of the cards the board shows."""

from cockpit.screens.board.forecast_modal import ForecastModal
from tests.efficiency.fixture_history import build
from tests.helpers import cockpit_app, until


async def test_f_forecasts_the_cards_the_filter_shows(store, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    build(store)
    app = cockpit_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"open bug", "enter")
        await until(pilot, lambda: app.screen.model.filter_text == "open bug", "the filter")
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, ForecastModal), "the forecast")
        modal = app.screen
        # Only E is shown and undelivered; one card a week in the last 12 weeks (the week of 9 Nov).
        assert modal.result.remaining == 1 and modal.result.history == (0,) * 11 + (1,)
        assert "1 card not delivered yet" in str(modal.query_one("#forecast-remaining").render())
        assert "50% sure: by" in str(modal.query_one("#forecast-dates").render())
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ForecastModal), "the forecast to close")
        await pilot.press("escape")  # clear the filter: D and E are undelivered
        await until(pilot, lambda: not app.screen.model.filter_text, "the filter cleared")
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, ForecastModal), "the forecast again")
        assert app.screen.result.remaining == 2
