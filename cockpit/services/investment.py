"""Team investment read from the store (issue 17, point 4): per team, the cards delivered in a period
and the share that served each objective; the overall share of delivered work that serves an OKR.
A card is delivered by the efficiency board's definition (``cockpit.services.flow``, one read of the
flow); its team by ``cockpit.logic.investment``.
"""

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from cockpit.logic.investment import DeliveredCard, Investment, attribute, team_investment
from cockpit.services import flow

if TYPE_CHECKING:
    from cockpit.db.store import Store


def _midnight(day: date, zone) -> datetime:  # noqa: ANN001 - a tzinfo or None (this computer's)
    naive = datetime.combine(day, time.min)
    return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()


def period_bounds(store: "Store", start: date, end: date) -> tuple[datetime, datetime]:
    """The days ``start`` to ``end`` (both included, the workspace's time zone) as ``[from, to)``."""
    zone = store.settings.zone()
    return _midnight(start, zone), _midnight(end + timedelta(days=1), zone)


def delivered_in(store: "Store", start: date, end: date, project_id: int | None = None) -> list[DeliveredCard]:
    """The cards delivered from ``start`` to ``end`` (days, both included) with their owner and team at
    delivery; ``project_id``: only that project's stages (None: every project)."""
    first, after = period_bounds(store, start, end)
    project_ids = [project_id] if project_id is not None else [
        project.id for project in store.workspace.projects(include_closed=True)]
    deliveries = [(card.card.id, card.delivered) for card in flow.load(store, project_ids).flows
                  if card.delivered is not None and first <= card.delivered < after]
    teams_now = {person.id: person.team for person in store.workspace.people()}
    return attribute(deliveries, store.changes(entity="item", until=after),
                     store.changes(entity="person", until=after), teams_now)


def investment(store: "Store", start: date, end: date, project_id: int | None = None) -> Investment:
    """Per team, the cards delivered in the period and how many served each objective (by objective id)."""
    cards = delivered_in(store, start, end, project_id)
    objective_of_kr = {kr.id: kr.objective_id for kr in store.goals.all_key_results()}
    return team_investment(cards, store.kr_links.item_krs(), objective_of_kr)


__all__ = ["delivered_in", "investment", "period_bounds"]
