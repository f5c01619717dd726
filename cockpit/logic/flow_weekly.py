"""The efficiency board's figures, week by week, from card flows (cockpit/logic/flow.py).  Pure.

Weeks run Monday to Sunday in the workspace's zone; the last one is the week of today.  A card
counts in the week of its (last) delivery; a bug in the week it was opened and the week it closed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from cockpit.logic.flow import IN_PROGRESS, CardFlow, median, percentile

DAY = timedelta(days=1)


@dataclass(frozen=True)
class Week:
    start: date  # a Monday

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def label(self) -> str:
        return f"{self.start:%d %b}"


@dataclass
class WeekFigures:
    week: Week
    delivered: int = 0
    #: Of those, how many serve an OKR (None: not known, no key results to serve).
    serving_okr: int | None = None
    cycle_median: float | None = None
    cycle_p85: float | None = None
    lead_median: float | None = None
    lead_p85: float | None = None
    incidents_opened: int = 0
    incidents_closed: int = 0
    bugs_opened: int = 0  # valid bugs
    bugs_closed: int = 0

    @property
    def okr_share(self) -> float | None:
        if self.serving_okr is None or not self.delivered:
            return None
        return self.serving_okr / self.delivered


@dataclass(frozen=True)
class ScatterPoint:
    card_id: int
    title: str
    delivered: date
    cycle_days: float
    lead_days: float
    blocked_days: float
    confidential: bool = False


@dataclass(frozen=True)
class Aging:
    card_id: int
    title: str
    stage: str
    age_days: float
    blocked_days: float
    #: Older than the 85th percentile of cycle time over the period.
    late: bool
    confidential: bool = False


@dataclass
class Efficiency:
    weeks: list[WeekFigures]
    scatter: list[ScatterPoint]
    #: Stage names in board order, and per week-end the number of cards in each (same order).
    cfd_stages: list[str]
    cfd: list[tuple[date, list[int]]]
    aging: list[Aging]
    #: The period's cycle time percentiles (aging compares with p85).
    cycle_p50: float | None = None
    cycle_p85: float | None = None
    bugs_open: int = 0
    incidents_open: int = 0
    delivered: int = 0
    serving_okr: int | None = None
    extra: dict = field(default_factory=dict)


def weeks_ending(today: date, count: int) -> list[Week]:
    """The ``count`` weeks (Monday to Sunday) up to and including the week of ``today``."""
    monday = today - timedelta(days=today.weekday())
    return [Week(monday - timedelta(weeks=back)) for back in range(count - 1, -1, -1)]


def _local(moment: datetime | None, zone: tzinfo | None) -> date | None:
    return None if moment is None else moment.astimezone(zone).date()


def efficiency(flows: list[CardFlow], stages: list[tuple[int, str, str]], today: date, now: datetime,
               week_count: int, zone: tzinfo | None = None, *,
               serving: "Callable[[list[CardFlow]], int] | None" = None, scatter_size: int = 60,
               cumulative: bool = True) -> Efficiency:
    """Every figure of the efficiency screen over the last ``week_count`` weeks.  ``stages``: (id,
    name, category) in board order (a campaign's projects may share names: columns are by name).
    ``serving``: how many of the cards delivered in a week serve an OKR (the goals' definition,
    cockpit/logic/investment.py; None: the OKR share is left out).  ``cumulative``: False leaves the
    cumulative flow diagram out (a sort of every stage change: the weekly report has no use for it)."""
    weeks = weeks_ending(today, week_count)
    first, last = weeks[0].start, weeks[-1].end
    figures = {week.start: WeekFigures(week) for week in weeks}
    delivered_in: dict[date, list[CardFlow]] = {week.start: [] for week in weeks}

    def week_of(day: date | None) -> WeekFigures | None:
        if day is None or day < first or day > last:
            return None
        return figures.get(day - timedelta(days=day.weekday()))

    cycles: dict[date, list[float]] = {week.start: [] for week in weeks}
    leads: dict[date, list[float]] = {week.start: [] for week in weeks}
    period_cycles: list[float] = []
    scatter: list[ScatterPoint] = []
    for flow in flows:
        delivered = _local(flow.delivered, zone)
        row = week_of(delivered)
        if row is not None:
            row.delivered += 1
            delivered_in[row.week.start].append(flow)
            if flow.cycle_days is not None:
                cycles[row.week.start].append(flow.cycle_days)
                period_cycles.append(flow.cycle_days)
            leads[row.week.start].append(flow.lead_days or 0.0)
            scatter.append(ScatterPoint(flow.card.id, flow.card.title, delivered, flow.cycle_days or 0.0,  # type: ignore[arg-type]
                                        flow.lead_days or 0.0, flow.blocked_days, flow.card.confidential))
        if flow.is_bug:
            opened, closed = week_of(_local(flow.card.created, zone)), week_of(_local(flow.closed, zone))
            if flow.incident:
                if opened is not None:
                    opened.incidents_opened += 1
                if closed is not None:
                    closed.incidents_closed += 1
            if flow.valid_bug:
                if opened is not None:
                    opened.bugs_opened += 1
                if closed is not None:
                    closed.bugs_closed += 1
    for start, row in figures.items():
        row.cycle_median, row.cycle_p85 = median(cycles[start]), percentile(cycles[start], 0.85)
        row.lead_median, row.lead_p85 = median(leads[start]), percentile(leads[start], 0.85)
        row.serving_okr = serving(delivered_in[start]) if serving is not None else None
    scatter.sort(key=lambda point: (point.delivered, point.card_id))
    p85 = percentile(period_cycles, 0.85)
    result = Efficiency(
        weeks=list(figures.values()), scatter=scatter[-scatter_size:], cfd_stages=[], cfd=[],
        aging=aging(flows, stages, now, p85), cycle_p50=median(period_cycles), cycle_p85=p85,
        bugs_open=sum(1 for f in flows if f.valid_bug and f.closed is None),
        incidents_open=sum(1 for f in flows if f.incident and f.closed is None),
    )
    result.delivered = sum(row.delivered for row in result.weeks)
    result.serving_okr = sum(row.serving_okr or 0 for row in result.weeks) if serving is not None else None
    if cumulative:
        result.cfd_stages, result.cfd = cumulative_flow(flows, stages, weeks, zone)
    return result


def aging(flows: list[CardFlow], stages: list[tuple[int, str, str]], now: datetime,
          p85: float | None) -> list[Aging]:
    """Each card in progress now, oldest first, with its age since it started."""
    names = {stage_id: name for stage_id, name, _category in stages}
    in_progress = {stage_id for stage_id, _name, category in stages if category in IN_PROGRESS}
    rows = []
    for flow in flows:
        if flow.card.stage_id not in in_progress:
            continue
        started = flow.started or flow.card.created
        age = max((now - started) / DAY, 0.0)
        rows.append(Aging(flow.card.id, flow.card.title, names.get(flow.card.stage_id, "?"), age, flow.blocked_days,
                          p85 is not None and age > p85, flow.card.confidential))
    rows.sort(key=lambda row: (-row.age_days, row.card_id))
    return rows


def cumulative_flow(flows: list[CardFlow], stages: list[tuple[int, str, str]], weeks: list, zone: tzinfo | None,
                    ) -> tuple[list[str], list[tuple[date, list[int]]]]:
    """How many cards were in each stage (by name, board order) at the end of each week: one sweep
    over every stage change in time order."""
    names: list[str] = []
    for _id, name, _category in stages:
        if name not in names:
            names.append(name)
    column = {stage_id: names.index(name) for stage_id, name, _category in stages}
    counts = [0] * len(names)
    where: dict[int, int] = {}
    changes = iter(sorted((at, flow.card.id, stage) for flow in flows for at, stage in flow.stages))
    samples: list[tuple[date, list[int]]] = []
    pending = next(changes, None)
    for week in weeks:
        cut = datetime.combine(week.end + DAY, time(0), tzinfo=zone).astimezone(None) if zone else \
            datetime.combine(week.end + DAY, time(0)).astimezone()
        while pending is not None and pending[0] < cut:
            _at, card, stage = pending
            if card in where and where[card] is not None:
                counts[where[card]] -= 1
            index = column.get(stage)
            where[card] = index  # type: ignore[assignment]
            if index is not None:
                counts[index] += 1
            pending = next(changes, None)
        samples.append((week.end, list(counts)))
    return names, samples
