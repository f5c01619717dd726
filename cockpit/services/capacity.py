"""An iteration's committed estimates against its team's capacity, read from the store (the
arithmetic is cockpit/logic/capacity.py).  The team: the active people holding a role in the
project, and the active owners of the iteration's cards."""

from datetime import date

from cockpit.db.models import IterationRead
from cockpit.db.store import Store
from cockpit.logic.capacity import Capacity, capacity


def iteration_capacity(store: Store, iteration: IterationRead) -> Capacity:
    cards = store.portfolio.iteration_cards(iteration.id)
    owners = {owner for _estimate, owner in cards if owner is not None}
    team = store.portfolio.team(iteration.project_id, owners)
    return capacity([(p.availability, p.days_off) for p in team], [estimate for estimate, _owner in cards],
                    iteration.start, iteration.end)


def planned_capacity(store: Store, project_id: int, start: date, end: date) -> Capacity:
    """What the project's team has between ``start`` and ``end`` (a new iteration: nothing committed)."""
    team = store.portfolio.team(project_id)
    return capacity([(p.availability, p.days_off) for p in team], [], start, end)
