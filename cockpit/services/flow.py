"""The flow metrics of a project or a campaign, read from the store's change log (one read of three
queries) and computed by cockpit/logic/flow.py and flow_weekly.py; and the Monte Carlo forecast
(cockpit/logic/forecast.py) over the project's recent weekly throughput."""

import random
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from cockpit.logic.flow import CardFacts, CardFlow, Event, flows
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
    #: Whether cards can name a key result in this workspace (the OKR share is left out otherwise).
    goals: bool
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


def load(store: "Store", project_ids: list[int], now: datetime | None = None) -> FlowSet:
    """The cards of ``project_ids`` with their flows, from one read of the store."""
    from cockpit.db.models import Item

    data = store.flow.data(project_ids)
    now = now or store.now()
    categories = {row[0]: row[3] for row in data.stages}
    cards = [CardFacts(id=r[0], project_id=r[1], title=r[2], kind=r[3], created=r[4], stage_id=r[5], blocked=r[6],
                       severity=r[7], in_production=r[8], resolution=r[9], confidential=r[10], kr_id=r[12])
             for r in data.items]
    events = []
    for item_id, at, before, after in data.changes:
        after = after or {}
        before = before or {}
        stage, blocked, resolution = after.get("stage_id"), after.get("blocked"), after.get("resolution")
        if stage is None and blocked is None and resolution is None:
            continue
        events.append(Event(item_id, at, stage_id=stage, from_stage_id=before.get("stage_id") if stage else None,
                            blocked=blocked, resolution=resolution))
    stages = [(row[0], row[2], row[3]) for row in data.stages]
    return FlowSet(flows(cards, events, categories, now), stages, hasattr(Item, "kr_id"),
                   {r[0]: r[11] for r in data.items})


def board(store: "Store", flow_set: FlowSet, weeks: int, today: date | None = None,
          now: datetime | None = None) -> Efficiency:
    """The efficiency screen's figures over the last ``weeks`` weeks."""
    return efficiency(flow_set.flows, flow_set.stages, today or store.today(), now or store.now(), weeks,
                      store.settings.zone(), goals=flow_set.goals)


def forecast_weeks(store: "Store") -> int:
    """How many past weeks of throughput the forecast rests on (the ``forecast_weeks`` setting)."""
    try:
        return max(1, min(int(store.settings.get(FORECAST_WEEKS) or DEFAULT_FORECAST_WEEKS), 104))
    except ValueError:
        return DEFAULT_FORECAST_WEEKS


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
