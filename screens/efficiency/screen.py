"""The efficiency board (key 8, palette "Efficiency"): what was delivered week by week and how fast,
for the project shown or its whole campaign, over 4, 12 or 26 weeks; one chart at a time, its numbers
one key away as a table; and when the current iteration's unfinished cards will be done."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from cockpit.db.errors import StoreError
from cockpit.logic.present import shown
from cockpit.screens.base import CockpitScreen
from cockpit.screens.efficiency.controller import CHARTS, EfficiencyController
from cockpit.widgets.flow_chart import FlowChart

if TYPE_CHECKING:
    from cockpit.context import Workspace

HELP = """\
Numbers from the recorded history, never typed in.  **Delivered**: a card that reached a *done*
stage (a card reopened and delivered again counts once, at its last delivery).  **Cycle time**: from
the first move into an *in progress* stage to the delivery; **lead time**: from creation to the
delivery; time blocked is shown beside them.  **Aging**: each card in progress, against the 85th
percentile of the period's cycle time.  **Bugs**: cards of kind *bug*; an *incident* is a bug found
in production; a *valid* bug is open until delivered (invalid, duplicate and won't-fix bugs are not
counted as valid).

`c` / `C` next / previous chart, `t` the chart's numbers as a table (and back), `w` the period (4,
12 or 26 weeks), `s` the project shown or its whole campaign.  The forecast line says by when the
current iteration's unfinished cards will be done (a Monte Carlo simulation over the project's weekly
throughput of the last 12 weeks, the workspace setting `forecast_weeks`), at 50, 85 and 95 %.
"""


class EfficiencyScreen(CockpitScreen):
    HELP = HELP
    DEFAULT_CSS = """
    EfficiencyScreen #efficiency-summary { height: auto; padding: 0 1; text-style: bold; }
    EfficiencyScreen #efficiency-forecast { height: auto; padding: 0 1; color: $text-muted; }
    EfficiencyScreen #efficiency-charts { height: 1; padding: 0 1; }
    EfficiencyScreen #efficiency-table { height: 1fr; display: none; }
    EfficiencyScreen.-table #efficiency-table { display: block; }
    EfficiencyScreen.-table FlowChart { display: none; }
    """
    BINDINGS = [
        Binding("c", "chart(1)", "Next chart", id="efficiency.next_chart", tooltip="Show the next chart"),
        Binding("C", "chart(-1)", "Prev chart", id="efficiency.previous_chart", show=False,
                tooltip="Show the previous chart"),
        Binding("t", "table", "Table", id="efficiency.table", tooltip="The chart's numbers as a table (and back)"),
        Binding("w", "period", "Weeks", id="efficiency.period", tooltip="Over 4, 12 or 26 weeks"),
        Binding("s", "scope", "Project/campaign", id="efficiency.scope",
                tooltip="The project shown or its whole campaign"),
    ]

    def __init__(self, workspace: "Workspace", **kwargs: object) -> None:
        super().__init__(workspace, **kwargs)
        self.controller = EfficiencyController(workspace.store, workspace.project_id)

    def compose_body(self) -> ComposeResult:
        yield Static("", id="efficiency-summary", markup=False)
        yield Static("", id="efficiency-forecast", markup=False)
        yield Static("", id="efficiency-charts")
        yield FlowChart(id="efficiency-chart")
        yield DataTable(id="efficiency-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.refresh_data()

    def header_scope(self) -> str | None:
        return f"Efficiency: {self.controller.scope_label}" if self.controller.campaign else "Efficiency"

    # --- showing -------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        try:
            self.controller.load(self.today)
        except StoreError as error:
            self.report(error)
            return
        self.query_one("#efficiency-summary", Static).update(self.controller.summary())
        self.query_one("#efficiency-forecast", Static).update(self.controller.forecast_line())
        self.show_chart()
        self.scope_changed()

    def show_chart(self) -> None:
        current = self.controller.chart
        tabs = Content(" ").join(
            Content.styled(f" {name} ", "reverse bold" if i == current else "dim") for i, name in enumerate(CHARTS))
        self.query_one("#efficiency-charts", Static).update(tabs)
        self.query_one(FlowChart).show(self.controller.spec())
        self.fill_table()

    def fill_table(self) -> None:
        table = self.query_one("#efficiency-table", DataTable)
        data = self.controller.table()
        table.clear(columns=True)
        table.add_columns(*data.columns)
        presenting = self.presenting
        for row, confidential in zip(data.rows, data.confidential):
            cells = [shown(cell, confidential, presenting) if i == 1 and confidential else cell
                     for i, cell in enumerate(row)]
            table.add_row(*(Text(cell) for cell in cells))

    # --- actions -------------------------------------------------------------------------------

    def action_chart(self, step: int) -> None:
        self.controller.step_chart(step)
        self.show_chart()

    def action_table(self) -> None:
        self.toggle_class("-table")
        if self.has_class("-table"):
            self.query_one("#efficiency-table", DataTable).focus()

    def action_period(self) -> None:
        weeks = self.controller.cycle_period()
        self.refresh_data()
        self.notify(f"Over the last {weeks} weeks", markup=False)

    def action_scope(self) -> None:
        campaign = self.controller.toggle_scope()
        self.refresh_data()
        self.notify("The whole campaign" if campaign else "The project shown", markup=False)

    def project_changed(self) -> None:
        self.controller.project_id = self.workspace.project_id
        self.refresh_data()
