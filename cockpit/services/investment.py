"""Team investment read from the store (issue 17, point 4): per team, the cards delivered in a period
and the share that served each objective; the overall share of delivered work that serves an OKR.
The definitions are ``cockpit.logic.investment``'s; the efficiency board calls ``delivered_in`` too.
"""

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from cockpit.logic.investment import DeliveredCard, Investment, delivered_cards, team_investment

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
    stages = store.workspace.stages(project_id) if project_id is not None else [
        stage for project in store.workspace.projects(include_closed=True) for stage in store.workspace.stages(project.id)]
    categories = {stage.id: stage.category for stage in stages}
    teams_now = {person.id: person.team for person in store.workspace.people()}
    return delivered_cards(store.changes(entity="item", until=after), categories, first, after,
                           store.changes(entity="person", until=after), teams_now)


def investment(store: "Store", start: date, end: date, project_id: int | None = None) -> Investment:
    """Per team, the cards delivered in the period and how many served each objective (by objective id)."""
    cards = delivered_in(store, start, end, project_id)
    objective_of_kr = {kr.id: kr.objective_id for kr in store.goals.all_key_results()}
    return team_investment(cards, store.goals.item_krs(), objective_of_kr)


__all__ = ["delivered_in", "investment", "period_bounds"]
