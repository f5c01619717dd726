"""How a board row becomes what the board shows, and which rows the default scope shows: shared by the
board's model (rows read through the store) and its first paint (rows read with ``sqlite3`` before the
store is up, db/first_read.py), so both draw the same cards.  Imports neither the store nor the models.
"""

from datetime import date, timedelta
from typing import Protocol

from cockpit.logic.present import shown
from cockpit.db.first_read import BoardRow
from cockpit.db.kinds import MAX_ESTIMATE_DAYS
from cockpit.widgets.board_layout import CardData, ColumnData

NO_OWNER = "Unassigned"
NO_ITERATION = "No iteration"


class Person(Protocol):
    @property
    def handle(self) -> str: ...

    @property
    def name(self) -> str: ...


class Iteration(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def start(self) -> date: ...


def in_scope(row: BoardRow, current: Iteration | None, iterations: "dict[int, Iteration]", finished: set[int],
             all_iterations: bool = False) -> bool:
    """The current iteration's cards, and unfinished ones of earlier iterations or of none."""
    if current is None or all_iterations or row.iteration_id == current.id:
        return True
    if row.stage_id in finished:
        return False
    iteration = iterations.get(row.iteration_id) if row.iteration_id is not None else None
    return iteration is None or (iteration.start, iteration.id) < (current.start, current.id)


def make_card(row: BoardRow, *, people: "dict[int, Person]", iterations: "dict[int, Iteration]",
              kr_codes: dict[int, str], today: date, utc_offset: timedelta, presenting: bool,
              lanes: str = "none") -> CardData:
    """The card a row shows (``utc_offset``: the workspace zone's, so "days in stage" counts local days)."""
    owner = people.get(row.owner_id) if row.owner_id is not None else None
    iteration = iterations.get(row.iteration_id) if row.iteration_id is not None else None
    entered = (row.stage_entered + utc_offset).date()  # local date; one offset, not a tz lookup per card
    lane = ""
    if lanes == "owner":
        lane = owner.name if owner else NO_OWNER
    elif lanes == "iteration":
        lane = iteration.name if iteration else NO_ITERATION
    return CardData(
        id=row.id, version=row.version, stage_id=row.stage_id,
        title=shown(row.title, row.confidential, presenting),
        owner=owner.handle if owner else "", owner_name=owner.name if owner else "",
        estimate=row.estimate, oversized=row.estimate is not None and row.estimate > MAX_ESTIMATE_DAYS,
        days=max((today - entered).days, 0), blocked=row.blocked,
        reason=shown(row.blocked_reason, row.confidential, presenting),
        kind=row.kind, priority=row.priority, iteration=iteration.name if iteration else "",
        due=row.due.isoformat() if row.due else "", lane=lane, confidential=row.confidential,
        kr=kr_codes.get(row.kr_id, "") if row.kr_id is not None else "",
    )


def column(stage_id: int, name: str, limit: int | None, gated: bool, count: int, shown_count: int,
           filtering: bool = False) -> ColumnData:
    """A column's header data: ``count`` every card of the stage (WIP), ``shown_count`` those shown."""
    return ColumnData(stage_id, name, count, limit, gated, shown_count if filtering or shown_count != count else -1)
