"""The numbers of a key result, defined once (issue 17, point 2): the Goals screen, the OKR export,
the retro's "goals vs outcomes" and the reports all call ``kr_figures``.

Given a KR (baseline, target, direction, monthly targets), its check-ins (one value per day) and
"today" (the workspace clock):

* 7-day average (``avg7``): the mean of the check-ins dated in the 7 days ending today (today and the
  6 days before); ``avg7_days`` says how many days it rests on; no check-in in those days → None,
  shown "no data".
* Week-over-week (``wow_pct``): ``avg7`` against the same average for the 7 days before, in per cent
  of the previous one's size: ``(avg7 − prev7) / |prev7| × 100``.  No data in either week, or a
  previous average of zero → None, shown "n/a" (never a crash nor an infinity).
* Progress: ``(avg7 − baseline) / (target − baseline)``: 0 at the baseline, 1 at the target, above 1
  past it, below 0 when going the wrong way.  Direction-aware by construction (a lower-is-better KR has
  target < baseline); a target equal to its baseline gives 1 once reached, else 0.  No data → None.
* Monthly actual: the mean of a month's check-ins, beside that month's target, for every month that
  has a target and for the current month.
* Achieved: decided only once the objective's period has ended: the 7-day average ending on the
  period's last day reached the target (direction-aware; no data then → not achieved).  Before the end,
  or without a period end, None ("not decided yet").
* Spark: the values of the last 30 days ending today, oldest first, None for a day without check-in.

Check-ins dated after today are not counted.  Pure: no store, no Textual.
"""

from calendar import monthrange
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Protocol

WINDOW_DAYS = 7
SPARK_DAYS = 30
NO_DATA = "no data"
NOT_AVAILABLE = "n/a"


class KrLike(Protocol):
    baseline: float
    target: float
    direction: str
    monthly_targets: Mapping[str, float]


class CheckinLike(Protocol):
    day: date
    value: float


@dataclass(frozen=True)
class MonthFigure:
    month: str  # "YYYY-MM"
    target: float | None
    actual: float | None  # the mean of the month's check-ins (None: none yet)
    days: int  # how many check-ins the actual rests on


@dataclass(frozen=True)
class KrFigures:
    avg7: float | None
    avg7_days: int
    prev7: float | None
    prev7_days: int
    wow_pct: float | None
    progress: float | None
    monthly: tuple[MonthFigure, ...]
    achieved: bool | None
    spark: tuple[float | None, ...]
    latest: float | None  # the last value checked in (up to today)
    latest_day: date | None

    @property
    def reached(self) -> bool:
        """The 7-day average is at or past the target now (progress ≥ 1)."""
        return self.progress is not None and self.progress >= 1.0


@dataclass(frozen=True)
class KrRow:
    """One row of the OKR board: a KR (a ``KeyResultRead``), its owner's name, its figures and the
    cards linked to it (delivered: done or after-release stages; in progress: in-progress or
    awaiting-release stages)."""

    kr: Any
    owner: str
    figures: KrFigures
    delivered: int
    in_progress: int


@dataclass(frozen=True)
class ObjectiveBlock:
    """An objective (an ``ObjectiveRead``) with its owner's name and its KRs' rows."""

    objective: Any
    owner: str
    rows: tuple[KrRow, ...]


def reached(value: float, target: float, direction: str) -> bool:
    """``value`` is at or past ``target`` in the KR's direction ("higher" or "lower" is better)."""
    return value <= target if direction == "lower" else value >= target


@lru_cache(maxsize=64)
def days_back(last: date, days: int) -> tuple[date, ...]:
    """``last`` and the ``days - 1`` days before it, newest first (cached: a board asks for the same
    days for every KR)."""
    return tuple(last - timedelta(days=back) for back in range(days))


def window_mean(values: Mapping[date, float], last: date, days: int = WINDOW_DAYS) -> tuple[float | None, int]:
    """The mean of the values dated in the ``days`` days ending on ``last`` and how many there are."""
    found = [values[day] for day in days_back(last, days) if day in values]
    return (sum(found) / len(found) if found else None), len(found)


def progress(avg: float | None, baseline: float, target: float, direction: str) -> float | None:
    if avg is None:
        return None
    if target == baseline:
        return 1.0 if reached(avg, target, direction) else 0.0
    return (avg - baseline) / (target - baseline)


def week_over_week(current: float | None, previous: float | None) -> float | None:
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / abs(previous) * 100.0


def kr_figures(kr: KrLike, checkins: Iterable[CheckinLike] | Mapping[date, float], today: date,
               period_end: date | None = None,
               month_means: Mapping[str, tuple[float, int]] | None = None,
               months_from: str = "") -> KrFigures:
    """Every figure of one KR (see the module's docstring for the definitions).  ``checkins``: objects
    with ``day`` and ``value``, or a mapping day -> value (one value a day).  ``month_means``:
    "YYYY-MM" -> (mean, count) of each month's check-ins when the caller has them already (the
    store adds a year up in one query); ``checkins`` then need only cover the last 30 days and the
    period end's week.  ``months_from`` ("YYYY-MM"): the monthly figures of that month and later
    only (the board, which reads this month's check-ins only)."""
    if isinstance(checkins, Mapping):
        values = {day: float(value) for day, value in checkins.items() if day <= today}
    else:
        values = {c.day: float(c.value) for c in checkins if c.day <= today}
    avg7, avg7_days = window_mean(values, today)
    prev7, prev7_days = window_mean(values, today - timedelta(days=WINDOW_DAYS))
    achieved: bool | None = None
    if period_end is not None and period_end <= today:
        at_end, _days = window_mean(values, period_end)
        achieved = at_end is not None and reached(at_end, kr.target, kr.direction)
    latest_day = max(values) if values else None
    return KrFigures(
        avg7=avg7, avg7_days=avg7_days, prev7=prev7, prev7_days=prev7_days,
        wow_pct=week_over_week(avg7, prev7),
        progress=progress(avg7, kr.baseline, kr.target, kr.direction),
        monthly=monthly(values, kr.monthly_targets or {}, today, month_means, months_from),
        achieved=achieved,
        spark=tuple(values.get(day) for day in reversed(days_back(today, SPARK_DAYS))),
        latest=values[latest_day] if latest_day else None, latest_day=latest_day,
    )


def monthly(values: Mapping[date, float], targets: Mapping[str, float], today: date,
            means: Mapping[str, tuple[float, int]] | None = None, since: str = "") -> tuple[MonthFigure, ...]:
    """Per month (each month with a target, and the current month; from ``since`` on, "YYYY-MM"):
    target and mean of its check-ins (from ``means`` when given, else from ``values``)."""
    months = sorted({month for month in targets if month >= since} | {f"{today:%Y-%m}"})
    if means is None:
        means = {}
        for month in months:
            year, number = int(month[:4]), int(month[5:7])
            if (year, number) > (today.year, today.month):
                continue  # nothing after today is counted
            last = today if (year, number) == (today.year, today.month) else (
                date(year, number, monthrange(year, number)[1]))
            # the month's days looked up, oldest first (cached: the board asks the same for every KR)
            found = [values[day] for day in reversed(days_back(last, last.day)) if day in values]
            if found:
                means[month] = (sum(found) / len(found), len(found))
    return tuple(MonthFigure(month, targets.get(month), means[month][0] if month in means else None,
                             means[month][1] if month in means else 0)
                 for month in months)


# --- wording shared by the screen, the export and the reports -------------------------------------


def number(value: float | None, unit: str = "", *, missing: str = NO_DATA) -> str:
    """A figure as people read it: up to two decimals, trailing zeros dropped, the unit after it."""
    if value is None:
        return missing
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def wow_text(pct: float | None) -> str:
    """"+12.5%", "−3%", or "n/a"."""
    if pct is None:
        return NOT_AVAILABLE
    text = f"{abs(pct):.1f}".rstrip("0").rstrip(".")
    if text == "0":
        return "0%"
    return f"{'+' if pct > 0 else '−'}{text}%"


def progress_text(value: float | None) -> str:
    return NO_DATA if value is None else f"{value * 100:.0f}%"


def avg7_text(figures: KrFigures, unit: str = "") -> str:
    """"23.4 % (5 days)" or "no data"."""
    if figures.avg7 is None:
        return NO_DATA
    days = "1 day" if figures.avg7_days == 1 else f"{figures.avg7_days} days"
    return f"{number(figures.avg7, unit)} ({days})"


def achieved_text(value: bool | None) -> str:
    return "not decided yet" if value is None else ("achieved" if value else "not achieved")


MASKED = "(confidential)"


def outcome_lines(blocks: Iterable[ObjectiveBlock], *, masked: bool = False) -> list[str]:
    """One line per KR for a retrospective's "goals vs outcomes" (screen and minutes).  ``masked``:
    the KR titles of confidential objectives are hidden (presentation mode)."""
    lines = []
    for block in blocks:
        for row in block.rows:
            kr, f = row.kr, row.figures
            title = MASKED if masked and block.objective.confidential else kr.title
            lines.append(f"KR {kr.code} {title}: 7-day average {avg7_text(f, kr.unit)}, target "
                         f"{number(kr.target, kr.unit)} (baseline {number(kr.baseline, kr.unit)}), progress "
                         f"{progress_text(f.progress)}, week over week {wow_text(f.wow_pct)}; cards: "
                         f"{row.delivered} delivered, {row.in_progress} in progress")
    return lines


def outcome_summary(blocks: Iterable[ObjectiveBlock]) -> list[str]:
    """The KRs in one short line for the Retro screen's panel: how many are at their target (by the
    7-day average), then each KR's code with its progress ("O1-KR1 61% · O1-KR2 no data")."""
    rows = [row for block in blocks for row in block.rows]
    if not rows:
        return []
    at_target = sum(1 for row in rows if row.figures.reached)
    return [" · ".join([f"Key results at target: {at_target} of {len(rows)}"]
                       + [f"{row.kr.code} {progress_text(row.figures.progress)}" for row in rows])]


__all__ = [
    "KrFigures", "KrRow", "MonthFigure", "ObjectiveBlock", "NO_DATA", "NOT_AVAILABLE", "achieved_text", "avg7_text", "kr_figures",
    "number", "outcome_lines", "outcome_summary", "progress", "progress_text", "reached", "week_over_week", "window_mean", "wow_text",
]
