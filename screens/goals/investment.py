"""Team investment on the Goals screen (``t``): per team, the cards delivered in the last weeks and the
share of them that served each objective, and overall the share of delivered work that serves an OKR.

The figures are ``cockpit.services.investment``'s (a card is delivered as on the Efficiency screen,
once, at its last delivery; its team is its owner's at that moment).  ``w`` cycles the period; nothing
is written; ``escape`` closes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from cockpit.logic.investment import Investment
from cockpit.logic.wording import plural

#: The periods ``w`` cycles through, in weeks (ending today).
PERIODS = (4, 2, 13)


@dataclass(frozen=True)
class InvestmentView:
    """What the dialog shows: a heading, the table's columns and rows, and the overall line."""

    heading: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    overall: str


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def investment_view(figures: Investment, objectives: list[tuple[int, str]], start: date, end: date) -> InvestmentView:
    """The table of ``figures`` with one column per objective (id, label: "O1", masked while presenting)."""
    columns = ("Team", "Delivered", *(label for _id, label in objectives), "Serving an OKR")
    rows = [(team.team, str(team.delivered), *(share(team.by_objective.get(oid, 0), team.delivered)
                                                for oid, _label in objectives),
             share(team.serving, team.delivered))
            for team in figures.teams]
    overall = (f"{plural(figures.delivered, 'card')} delivered, {share(figures.serving, figures.delivered)} "
               "of them serving an OKR" if figures.delivered else "No card was delivered in this period.")
    heading = f"Team investment · {start:%d %b} – {end:%d %b %Y}"
    return InvestmentView(heading, columns, rows, overall)


def period(today: date, weeks: int) -> tuple[date, date]:
    """The ``weeks`` weeks ending today (both days included)."""
    return today - timedelta(days=7 * weeks - 1), today


class InvestmentModal(ModalScreen[None]):
    DEFAULT_CSS = """
    InvestmentModal { align: center middle; }
    InvestmentModal > Vertical {
        width: 100; max-width: 98%; height: auto; max-height: 90%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    InvestmentModal #investment-heading { text-style: bold; }
    InvestmentModal #investment-table { height: auto; max-height: 20; margin: 1 0; }
    InvestmentModal #investment-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("w", "period", "Period", id="goals_investment.period", tooltip="Last 4, 2 or 13 weeks"),
        Binding("escape,q", "close", "Close", id="goals_investment.close", tooltip="Back to the OKR board"),
    ]

    def __init__(self, load: Callable[[int], InvestmentView]) -> None:
        super().__init__()
        self._load, self.weeks = load, PERIODS[0]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="investment-heading", markup=False)
            yield DataTable(id="investment-table", cursor_type="none", zebra_stripes=True, show_cursor=False)
            yield Static("", id="investment-overall", markup=False)
            yield Static("w: 4, 2 or 13 weeks · escape: back to the board", id="investment-keys", markup=False)

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        view = self._load(self.weeks)
        self.query_one("#investment-heading", Static).update(f"{view.heading} ({plural(self.weeks, 'week')})")
        table = self.query_one("#investment-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*view.columns)
        table.add_rows([tuple(Text(cell) for cell in row) for row in view.rows])
        self.query_one("#investment-overall", Static).update(view.overall)

    def action_period(self) -> None:
        self.weeks = PERIODS[(PERIODS.index(self.weeks) + 1) % len(PERIODS)]
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)
