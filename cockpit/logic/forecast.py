"""When will these cards be done?  A Monte Carlo simulation over past weekly throughput.  Pure.

Each trial draws, week after week, one of the past weeks' throughput (with replacement) until the
remaining cards are done; the trial's answer is the number of weeks it took.  Over many trials, the
50 / 85 / 95 % answers are the weeks by which that share of the trials had finished (nearest rank),
turned into dates from today.  The random generator is passed in, so a test fixes its seed.
"""

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

LEVELS = (0.50, 0.85, 0.95)
#: Weeks a trial may take before the forecast gives up (ten years: the throughput is too low).
LIMIT_WEEKS = 520


@dataclass(frozen=True)
class Forecast:
    remaining: int
    #: The throughput history used (cards per week, oldest first).
    history: tuple[int, ...]
    #: (share, weeks, date) for each level; empty when no forecast can be made.
    levels: tuple[tuple[float, int, date], ...]
    reason: str = ""

    @property
    def possible(self) -> bool:
        return bool(self.levels) or self.remaining == 0

    def summary(self) -> str:
        if self.remaining == 0:
            return "nothing left to do"
        if not self.levels:
            return self.reason
        return " · ".join(f"{share:.0%} by {day:%a %d %b}" for share, _weeks, day in self.levels)


def forecast(remaining: int, history: list[int], today: date, *, trials: int = 10_000,
             rng: random.Random | None = None) -> Forecast:
    """The dates by which ``remaining`` cards are done with 50 / 85 / 95 % confidence."""
    history_t = tuple(history)
    if remaining <= 0:
        return Forecast(0, history_t, tuple((share, 0, today) for share in LEVELS))
    if not history or not any(history):
        return Forecast(remaining, history_t, (), "no forecast: nothing was delivered in the weeks it rests on")
    rng = rng or random.Random()
    samples = list(history)
    outcomes = []
    for _ in range(trials):
        done = weeks = 0
        while done < remaining and weeks < LIMIT_WEEKS:
            done += rng.choice(samples)
            weeks += 1
        outcomes.append(weeks)
    outcomes.sort()
    levels = []
    for share in LEVELS:
        weeks = outcomes[max(1, math.ceil(round(share * trials, 9))) - 1]
        levels.append((share, weeks, today + timedelta(weeks=weeks)))
    if levels[-1][1] >= LIMIT_WEEKS:
        return Forecast(remaining, history_t, (), "no forecast: at this pace it would take over ten years")
    return Forecast(remaining, history_t, tuple(levels))
