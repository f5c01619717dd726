"""An iteration's capacity against its committed estimates (person-days).

Capacity: for each person of the team, the working days (Monday to Friday) of the iteration that are
not among their days off (weekday names such as "fri", or ISO dates), times their availability share
(per cent).  Committed: the estimates of the iteration's cards; cards without an estimate are counted
apart, so a plan that looks light because nothing is estimated says so.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def working_days(start: date, end: date, days_off: Sequence[str] = ()) -> int:
    """Monday-to-Friday days from ``start`` to ``end`` (both included) that are not days off."""
    off = {str(day).lower() for day in days_off}
    count = 0
    day = start
    while day <= end:
        if day.weekday() < 5 and WEEKDAYS[day.weekday()] not in off and day.isoformat() not in off:
            count += 1
        day += timedelta(days=1)
    return count


def person_days(availability: int, days_off: Sequence[str], start: date, end: date) -> float:
    """One person's capacity in the iteration, in person-days."""
    return working_days(start, end, days_off) * max(0, min(availability, 100)) / 100


@dataclass(frozen=True)
class Capacity:
    committed: float  #: person-days estimated on the iteration's cards
    capacity: float  #: person-days the team has in the iteration
    unestimated: int = 0  #: cards of the iteration without an estimate
    people: int = 0  #: people counted

    @property
    def over(self) -> bool:
        return self.committed > self.capacity

    @property
    def load(self) -> int | None:
        """Committed as a share of capacity, in per cent (None without capacity)."""
        return round(100 * self.committed / self.capacity) if self.capacity else None

    def short(self) -> str:
        """"12/20 pd", "23/20 pd!" when over: for a table cell."""
        return f"{_num(self.committed)}/{_num(self.capacity)} pd" + ("!" if self.over else "")

    def text(self) -> str:
        """One line for a form: what is committed against what the team has, and what is missing."""
        if not self.people:
            return f"Committed {_num(self.committed)} pd; capacity unknown: nobody holds a role in this project"
        load = f" ({self.load} %)" if self.load is not None else ""
        line = (f"Committed {_num(self.committed)} of {_num(self.capacity)} person-days{load}, "
                f"{self.people} {'person' if self.people == 1 else 'people'}")
        if self.over:
            line += f": over capacity by {_num(self.committed - self.capacity)} pd"
        if self.unestimated:
            line += f"; {self.unestimated} card{'s' if self.unestimated != 1 else ''} not estimated"
        return line


def capacity(people: Iterable[tuple[int, Sequence[str]]], estimates: Iterable[float | None],
             start: date, end: date) -> Capacity:
    """``people``: (availability %, days off) of each person of the team; ``estimates``: the
    iteration's cards (None: not estimated)."""
    team = list(people)
    values = list(estimates)
    return Capacity(committed=round(sum(e for e in values if e is not None), 2),
                    capacity=round(sum(person_days(a, off, start, end) for a, off in team), 2),
                    unestimated=sum(1 for e in values if e is None), people=len(team))


def _num(value: float) -> str:
    return f"{value:g}" if value == round(value, 1) else f"{value:.1f}"
