"""``f`` on the board: when will the cards the board shows now (its filter and iteration view) be
done?  A Monte Carlo forecast over the project's weekly throughput (cockpit/services/flow.py), shown
in a small dialog that any key closes."""

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from cockpit.logic.forecast import Forecast
from cockpit.services import flow as flow_service

if TYPE_CHECKING:
    from datetime import date

    from cockpit.db.store import Store


def forecast_shown(store: "Store", project_id: int, card_ids: set[int], today: "date") -> Forecast:
    """The forecast of ``card_ids`` (those still undelivered) from the project's throughput."""
    flows = flow_service.load(store, [project_id])
    return flow_service.forecast_cards(store, flows, card_ids, today)


class ForecastModal(ModalScreen[None]):
    DEFAULT_CSS = """
    ForecastModal { align: center middle; }
    ForecastModal > Vertical {
        width: 72; max-width: 95%; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    ForecastModal #forecast-title { text-style: bold; margin-bottom: 1; }
    ForecastModal #forecast-dates { text-style: bold; color: $success; }
    ForecastModal #forecast-note { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,enter,f,q", "close", "Close", id="forecast.close", tooltip="Close the forecast")]

    def __init__(self, result: Forecast, what: str) -> None:
        super().__init__()
        self.result = result
        self.what = what

    def compose(self) -> ComposeResult:
        result = self.result
        with Vertical():
            yield Static(f"Forecast: {self.what}", id="forecast-title", markup=False)
            yield Static(f"{result.remaining} card{'s' if result.remaining != 1 else ''} not delivered yet",
                         id="forecast-remaining", markup=False)
            lines = [f"{share:.0%} sure: by {day:%a %d %b %Y} ({weeks} week{'s' if weeks != 1 else ''})"
                     for share, weeks, day in result.levels] if result.levels and result.remaining else [result.summary()]
            yield Static("\n".join(lines), id="forecast-dates", markup=False)
            history = ", ".join(map(str, result.history))
            yield Static(f"From the project's cards delivered per week over the last {len(result.history)} weeks "
                         f"({history}), 10,000 simulated futures.  Any of escape, enter or f closes.",
                         id="forecast-note", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
