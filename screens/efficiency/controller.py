"""The efficiency screen's state and what it shows: the scope (the project shown or its whole
campaign), the period (4, 12 or 26 weeks), the chart on display, each chart's numbers as a table, and
the forecast of the current iteration.  A plain class; the figures come from cockpit/services/flow.py."""

from dataclasses import dataclass
from datetime import date

from cockpit.logic.flow_weekly import Efficiency
from cockpit.logic.forecast import Forecast
from cockpit.services import flow as flow_service
from cockpit.widgets.flow_chart import ChartSpec

PERIODS = (4, 12, 26)
CHARTS = ("Throughput", "Cycle time", "Scatter", "Cumulative flow", "Aging", "Bugs")
#: The aging chart shows the oldest cards (the table lists them all).
AGING_BARS = 30


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    #: Per row, whether it quotes a confidential card's title (masked while presenting).
    confidential: list[bool]


class EfficiencyController:
    def __init__(self, store, project_id: int) -> None:  # noqa: ANN001 - the Store
        self.store = store
        self.project_id = project_id
        self.weeks = 12
        self.campaign = False
        self.chart = 0
        self.scope_label = ""
        self.data: Efficiency | None = None
        self.forecast: Forecast | None = None
        self.iteration_name = ""
        #: What the figures were computed for (the newest change, the scope, the period, today): a
        #: refresh with nothing new (coming back to the screen, f5) does not read the history again.
        self.loaded_for: tuple | None = None

    # --- state ---------------------------------------------------------------------------------

    def cycle_period(self) -> int:
        self.weeks = PERIODS[(PERIODS.index(self.weeks) + 1) % len(PERIODS)] if self.weeks in PERIODS else 12
        return self.weeks

    def toggle_scope(self) -> bool:
        self.campaign = not self.campaign
        return self.campaign

    def step_chart(self, step: int) -> str:
        self.chart = (self.chart + step) % len(CHARTS)
        return CHARTS[self.chart]

    # --- reading -------------------------------------------------------------------------------

    def up_to_date(self, today: date) -> bool:
        return self.data is not None and self.loaded_for == self._key(today)

    def _key(self, today: date) -> tuple:
        return (self.store.last_change_id(), self.project_id, self.campaign, self.weeks, today)

    def load(self, today: date) -> Efficiency:
        """Read the scope's history once and compute every figure and the forecast."""
        self.loaded_for = self._key(today)
        ids, self.scope_label = flow_service.scope(self.store, self.project_id, self.campaign)
        now = self.store.now()
        flow_set = flow_service.load(self.store, ids, now)
        self.data = flow_service.board(self.store, flow_set, self.weeks, today, now)
        project = flow_service.FlowSet([f for f in flow_set.flows if f.card.project_id == self.project_id],
                                       flow_set.stages, flow_set.objective_of_kr, flow_set.iteration_of)
        iteration = self.store.workspace.current_iteration(today, self.project_id)
        self.iteration_name = iteration.name if iteration else ""
        cards = flow_service.iteration_cards(project, iteration.id if iteration else None)
        self.forecast = flow_service.forecast_cards(self.store, project, cards, today) if iteration else None
        return self.data

    def summary(self) -> str:
        data = self.data
        if data is None:
            return ""
        parts = [f"{self.scope_label} · last {self.weeks} weeks", f"{data.delivered} delivered"]
        if data.serving_okr is not None and data.delivered:
            parts.append(f"{data.serving_okr / data.delivered:.0%} serving an OKR")
        parts.append(f"cycle time median {_days(data.cycle_p50)} d, 85% {_days(data.cycle_p85)} d"
                     if data.cycle_p50 is not None else "no cycle time yet (nothing delivered)")
        parts.append(f"{data.bugs_open} valid bug{'s' if data.bugs_open != 1 else ''} open, "
                     f"{data.incidents_open} incident{'s' if data.incidents_open != 1 else ''} open")
        return " · ".join(parts)

    def forecast_line(self) -> str:
        if not self.iteration_name:
            return "Forecast: no current iteration"
        result = self.forecast
        if result is None:
            return ""
        weeks = len(result.history)
        return (f"Forecast for iteration {self.iteration_name} ({result.remaining} unfinished card"
                f"{'s' if result.remaining != 1 else ''}, from {weeks} weeks' throughput): {result.summary()}")

    # --- charts and tables ---------------------------------------------------------------------

    def spec(self) -> ChartSpec:
        data = self.data
        assert data is not None
        name = CHARTS[self.chart]
        labels = [row.week.label for row in data.weeks]
        if name == "Throughput":
            return ChartSpec("Cards delivered per week", "bar", labels,
                             [("delivered", [row.delivered for row in data.weeks])], ylabel="cards")
        if name == "Cycle time":
            return ChartSpec("Cycle time per week (days)", "multibar", labels,
                             [("median", [row.cycle_median or 0 for row in data.weeks]),
                              ("85th percentile", [row.cycle_p85 or 0 for row in data.weeks])], ylabel="days")
        if name == "Scatter":
            today = data.weeks[-1].week.end
            x = [-(today - point.delivered).days for point in data.scatter]
            return ChartSpec(f"Cycle time of the last {len(data.scatter)} cards delivered", "scatter", x,
                             [("cycle time", [point.cycle_days for point in data.scatter])],
                             xlabel="days before the end of this week", ylabel="days",
                             hline=data.cycle_p85, hline_label=f"85%: {_days(data.cycle_p85)} d")
        if name == "Cumulative flow":
            order = list(range(len(data.cfd_stages)))[::-1]  # the finished stages at the bottom
            return ChartSpec("Cards in each stage at the end of each week", "stacked", labels,
                             [(data.cfd_stages[i], [counts[i] for _day, counts in data.cfd]) for i in order])
        if name == "Aging":
            oldest = data.aging[:AGING_BARS]
            return ChartSpec(f"Age of the {len(oldest)} oldest cards in progress (days since started)", "bar",
                             [f"#{row.card_id}" for row in oldest], [("age", [round(row.age_days, 1) for row in oldest])],
                             ylabel="days", hline=data.cycle_p85, hline_label=f"85% cycle time: {_days(data.cycle_p85)} d",
                             empty="no card in progress")
        return ChartSpec(f"Incidents and valid bugs per week · {data.bugs_open} valid bugs open", "multibar", labels,
                         [("incidents opened", [row.incidents_opened for row in data.weeks]),
                          ("incidents closed", [row.incidents_closed for row in data.weeks]),
                          ("bugs opened", [row.bugs_opened for row in data.weeks]),
                          ("bugs closed", [row.bugs_closed for row in data.weeks])])

    def table(self) -> Table:
        data = self.data
        assert data is not None
        name = CHARTS[self.chart]
        weekly = data.weeks
        if name == "Throughput":
            rows = [[row.week.label, str(row.delivered),
                     "–" if row.okr_share is None else f"{row.okr_share:.0%}"] for row in weekly]
            return Table(["Week of", "Delivered", "Serving an OKR"], rows, [False] * len(rows))
        if name == "Cycle time":
            rows = [[row.week.label, str(row.delivered), _days(row.cycle_median), _days(row.cycle_p85),
                     _days(row.lead_median), _days(row.lead_p85)] for row in weekly]
            return Table(["Week of", "Delivered", "Cycle median", "Cycle 85%", "Lead median", "Lead 85%"],
                         rows, [False] * len(rows))
        if name == "Scatter":
            points = data.scatter[::-1]
            rows = [[f"#{p.card_id}", p.title, f"{p.delivered:%d %b}", _days(p.cycle_days), _days(p.lead_days),
                     _days(p.blocked_days)] for p in points]
            return Table(["Card", "Title", "Delivered", "Cycle d", "Lead d", "Blocked d"], rows,
                         [p.confidential for p in points])
        if name == "Cumulative flow":
            rows = [[f"{day:%d %b}", *map(str, counts)] for day, counts in data.cfd]
            return Table(["Week ending", *data.cfd_stages], rows, [False] * len(rows))
        if name == "Aging":
            rows = [[f"#{a.card_id}", a.title, a.stage, _days(a.age_days), _days(a.blocked_days),
                     "over 85%" if a.late else ""] for a in data.aging]
            return Table(["Card", "Title", "Stage", "Age d", "Blocked d", ""], rows, [a.confidential for a in data.aging])
        rows = [[row.week.label, str(row.incidents_opened), str(row.incidents_closed), str(row.bugs_opened),
                 str(row.bugs_closed)] for row in weekly]
        return Table(["Week of", "Incidents opened", "Incidents closed", "Valid bugs opened", "closed"],
                     rows, [False] * len(rows))
