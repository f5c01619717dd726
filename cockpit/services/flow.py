"""The flow metrics of a project or a campaign, read from the store's change log (one read of three
queries) and computed by cockpit/logic/flow.py and flow_weekly.py; and the Monte Carlo forecast
(cockpit/logic/forecast.py) over the project's recent weekly throughput."""

import random
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from cockpit.logic.flow import CardFacts, CardFlow, Event, flows
from cockpit.logic.investment import NO_TEAM, DeliveredCard, team_investment
from cockpit.logic.flow_weekly import Efficiency, efficiency, weeks_ending
from cockpit.logic.forecast import Forecast, forecast

if TYPE_CHECKING:
    from cockpit.db.store import Store

#: The workspace setting naming how many past weeks of throughput the forecast rests on.
FORECAST_WEEKS = "forecast_weeks"
DEFAULT_FORECAST_WEEKS = 12


@dataclass
class FlowSet:
    """Every card of the scope with its flow, and the scope's stages (id, name, category) in order."""

    flows: list[CardFlow]
    stages: list[tuple[int, str, str]]
    #: key result id -> its objective's id (a card serves an OKR when it names one of them).
    objective_of_kr: dict[int, int]
    iteration_of: dict[int, int | None]


def scope(store: "Store", project_id: int, campaign: bool) -> tuple[list[int], str]:
    """The projects shown (the project, or every project of its campaign and its sub-campaigns) and
    a label for the header."""
    projects = store.workspace.projects(include_closed=True)
    project = next((p for p in projects if p.id == project_id), None)
    if not campaign or project is None or project.campaign_id is None:
        return [project_id], project.name if project else "project"
    campaigns = store.portfolio.campaigns()
    wanted = {project.campaign_id}
    grew = True
    while grew:
        below = {c.id for c in campaigns if c.parent_id in wanted} - wanted
        grew = bool(below)
        wanted |= below
    name = next((c.name for c in campaigns if c.id == project.campaign_id), "campaign")
    ids = [p.id for p in projects if p.campaign_id in wanted and (not p.closed or p.id == project_id)]
    return ids, f"campaign {name} ({len(ids)} project{'s' if len(ids) != 1 else ''})"


def load(store: "Store", project_ids: list[int], now: datetime | None = None,
         touched_since: datetime | None = None) -> FlowSet:
    """The cards of ``project_ids`` with their flows, from one read of the store (``touched_since``:
    only the cards changed since then, enough for what was delivered since then: the reports)."""
    data = store.flow.data(project_ids, touched_since)
    now = now or store.now()
    categories = {row[0]: row[3] for row in data.stages}
    cards = [CardFacts(id=r[0], project_id=r[1], title=r[2], kind=r[3], created=r[4], stage_id=r[5], blocked=r[6],
                       severity=r[7], in_production=r[8], resolution=r[9], confidential=r[10], kr_id=r[12])
             for r in data.items]
    events = [Event(item_id, at, stage, before if stage is not None else None, blocked, resolution)
              for item_id, at, before, stage, blocked, resolution in data.changes]
    stages = [(row[0], row[2], row[3]) for row in data.stages]
    objective_of_kr = {kr.id: kr.objective_id for kr in store.goals.all_key_results()}
    return FlowSet(flows(cards, events, categories, now), stages, objective_of_kr, {r[0]: r[11] for r in data.items})


def serving_okr(flow_set: FlowSet, delivered: list[CardFlow]) -> int:
    """How many of ``delivered`` serve an OKR, by the goals' definition (cockpit/logic/investment.py:
    the card names a key result of an objective), counted by its ``team_investment``."""
    cards = [DeliveredCard(f.card.id, f.delivered, None, NO_TEAM) for f in delivered if f.delivered is not None]
    return team_investment(cards, {f.card.id: f.card.kr_id for f in delivered}, flow_set.objective_of_kr).serving


def board(store: "Store", flow_set: FlowSet, weeks: int, today: date | None = None,
          now: datetime | None = None, *, cumulative: bool = True) -> Efficiency:
    """The efficiency screen's figures over the last ``weeks`` weeks (``cumulative``: False leaves the
    cumulative flow diagram out)."""
    serving = (lambda delivered: serving_okr(flow_set, delivered)) if flow_set.objective_of_kr else None
    return efficiency(flow_set.flows, flow_set.stages, today or store.today(), now or store.now(), weeks,
                      store.settings.zone(), serving=serving, cumulative=cumulative)


def forecast_weeks(store: "Store") -> int:
    """How many past weeks of throughput the forecast rests on (the ``forecast_weeks`` setting)."""
    try:
        return max(1, min(int(store.settings.get(FORECAST_WEEKS) or DEFAULT_FORECAST_WEEKS), 104))
    except ValueError:
        return DEFAULT_FORECAST_WEEKS


def set_forecast_weeks(store: "Store", weeks: int) -> None:
    """Set the ``forecast_weeks`` setting (through the write path: logged, undoable)."""
    from cockpit.db.errors import ValidationFailed

    if not 1 <= weeks <= 104:
        raise ValidationFailed("weeks", "from 1 to 104 weeks")
    store.settings.set(FORECAST_WEEKS, str(weeks), label=f"forecast from {weeks} weeks of throughput")


def throughput(flow_set: FlowSet, today: date, weeks: int, zone) -> list[int]:  # noqa: ANN001
    """Cards delivered in each of the last ``weeks`` full weeks (the current week is not over)."""
    span = weeks_ending(today, weeks + 1)[:-1]
    counts = {week.start: 0 for week in span}
    for flow in flow_set.flows:
        if flow.delivered is None:
            continue
        day = flow.delivered.astimezone(zone).date()
        monday = date.fromordinal(day.toordinal() - day.weekday())
        if monday in counts:
            counts[monday] += 1
    return list(counts.values())


def forecast_cards(store: "Store", flow_set: FlowSet, card_ids: "set[int] | None", today: date | None = None,
                   rng: random.Random | None = None) -> Forecast:
    """When the cards of ``card_ids`` (None: every card of the set) still undelivered will be done,
    from the set's throughput of the last ``forecast_weeks`` weeks."""
    today = today or store.today()
    history = throughput(flow_set, today, forecast_weeks(store), store.settings.zone())
    remaining = sum(1 for f in flow_set.flows if f.delivered is None and (card_ids is None or f.card.id in card_ids))
    return forecast(remaining, history, today, rng=rng)


def iteration_cards(flow_set: FlowSet, iteration_id: int | None) -> set[int]:
    """The cards of an iteration (none without one)."""
    return {card for card, iteration in flow_set.iteration_of.items() if iteration == iteration_id and iteration_id}
