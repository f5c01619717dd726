"""Goals vs outcomes of an iteration, computed from the change log (never typed in).

* committed: every card that belonged to the iteration at some time before its end;
  ``added_late`` are those that joined after the first ``COMMIT_DAYS`` days (scope change);
* delivered: committed cards that had reached the first "done" stage (or a later one) by the end;
* carried over: committed cards not delivered by the end (still open while the iteration runs);
* cycle time: from entering the first "in progress" stage to delivery, median in days;

Stages are found by their category (backlog, in progress, awaiting release, done, after release), never by
name: renaming a stage changes no figure.
* blocked days: time committed cards spent blocked inside the iteration, summed;
* oversized: committed cards estimated over two person-days (design.md §2).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from statistics import median

from cockpit.db.models import MAX_ESTIMATE_DAYS, ChangeRead, IterationRead, StageRead
from cockpit.logic.wording import plural

COMMIT_DAYS = 2
DONE_CATEGORY = "done"
WORKING_CATEGORY = "in_progress"


@dataclass
class CardHistory:
    item_id: int
    title: str = ""
    created: datetime | None = None
    deleted: datetime | None = None
    iterations: list[tuple[datetime, int | None]] = field(default_factory=list)
    stages: list[tuple[datetime, int]] = field(default_factory=list)
    blocked: list[tuple[datetime, bool]] = field(default_factory=list)
    estimates: list[tuple[datetime, float | None]] = field(default_factory=list)

    @staticmethod
    def value_at(timeline: list, moment: datetime, default=None):  # noqa: ANN001, ANN205
        value = default
        for at, new in timeline:
            if at > moment:
                break
            value = new
        return value


@dataclass
class RetroMetrics:
    iteration: IterationRead
    finished: bool
    committed: list[str]
    delivered: list[str]
    carried_over: list[str]
    added_late: list[str]
    cycle_days: list[float]
    blocked_days: float
    oversized: list[tuple[str, float]]

    @property
    def median_cycle_days(self) -> float | None:
        return round(median(self.cycle_days), 1) if self.cycle_days else None

    def summary_lines(self) -> list[str]:
        """The figures as short lines of text (screens and minutes use them)."""
        cycle = plural(float(self.median_cycle_days), "day") if self.median_cycle_days is not None else "n/a"
        carried = "carried over" if self.finished else "not delivered yet"
        oversized = ", ".join(f"{title} ({days:g} d)" for title, days in self.oversized) or "none"
        return [
            f"Committed: {plural(len(self.committed), 'card')} ({len(self.added_late)} added after the first {COMMIT_DAYS} days)",
            f"Delivered: {len(self.delivered)} of {len(self.committed)}",
            f"{carried.capitalize()}: {len(self.carried_over)}",
            f"Median cycle time: {cycle} (over {plural(len(self.cycle_days), 'delivered card')})",
            f"Blocked: {plural(float(self.blocked_days), 'card-day')}",
            f"Estimates over {MAX_ESTIMATE_DAYS:g} person-days: {len(self.oversized)} ({oversized})",
        ]


    def compact_lines(self) -> list[str]:
        """The same figures in short lines, for narrow terminals."""
        cycle = f"{self.median_cycle_days:g} d" if self.median_cycle_days is not None else "n/a"
        carried = "carried over" if self.finished else "not yet"
        return [
            f"Committed {len(self.committed)} · {len(self.added_late)} added late",
            f"Delivered {len(self.delivered)} · {carried} {len(self.carried_over)}",
            f"Median cycle {cycle} · blocked {self.blocked_days:g} d",
            f"Over {MAX_ESTIMATE_DAYS:g} person-days: {len(self.oversized)}",
        ]


def histories(changes: list[ChangeRead]) -> dict[int, CardHistory]:
    """Each card's timelines (iteration, stage, blocked, estimate) rebuilt from its change rows."""
    cards: dict[int, CardHistory] = {}
    for change in changes:
        if change.entity != "item":
            continue
        card = cards.setdefault(change.entity_id, CardHistory(change.entity_id))
        if change.action == "delete":
            card.deleted = change.at
            continue
        after = change.after or {}
        if change.action == "create" or card.created is None:
            card.created = card.created or change.at
            card.deleted = None
        if "title" in after:
            card.title = after["title"]
        if "iteration_id" in after:
            card.iterations.append((change.at, after["iteration_id"]))
        if "stage_id" in after:
            card.stages.append((change.at, after["stage_id"]))
        if "blocked" in after:
            card.blocked.append((change.at, bool(after["blocked"])))
        if "estimate" in after:
            card.estimates.append((change.at, after["estimate"]))
    return cards


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def _done_position(stages: list[StageRead]) -> int:
    for stage in sorted(stages, key=lambda s: s.position):
        if stage.category == DONE_CATEGORY:
            return stage.position
    return max((s.position for s in stages), default=0)


def _working_position(stages: list[StageRead]) -> int:
    ordered = sorted(stages, key=lambda s: s.position)
    for stage in ordered:
        if stage.category == WORKING_CATEGORY:
            return stage.position
    return ordered[1].position if len(ordered) > 1 else 0


def compute(iteration: IterationRead, changes: list[ChangeRead], stages: list[StageRead],
            now: datetime) -> RetroMetrics:
    start = _day_start(iteration.start)
    end = _day_start(iteration.end + timedelta(days=1))
    cutoff = min(end, now)
    commit_by = start + timedelta(days=COMMIT_DAYS)
    position = {stage.id: stage.position for stage in stages}
    done_at = _done_position(stages)
    working = _working_position(stages)

    committed, delivered, carried, late, cycle = [], [], [], [], []
    oversized: list[tuple[str, float]] = []
    blocked_seconds = 0.0
    for card in histories(changes).values():
        if card.created is None or card.created > cutoff or (card.deleted and card.deleted <= cutoff):
            continue
        joined = [at for at, it in card.iterations if it == iteration.id and at <= cutoff]
        if not joined:
            continue
        title = card.title or f"card #{card.item_id}"
        committed.append(title)
        if joined[0] > commit_by:
            late.append(title)
        entered_done = next((at for at, stage in card.stages
                             if at <= cutoff and position.get(stage, -1) >= done_at), None)
        stage_now = card.value_at(card.stages, cutoff)
        if stage_now is not None and position.get(stage_now, -1) >= done_at and entered_done is not None:
            delivered.append(title)
            began = next((at for at, stage in card.stages if position.get(stage, -1) >= working), card.created)
            cycle.append(round(max((entered_done - min(began, entered_done)).total_seconds(), 0) / 86400, 1))
        else:
            carried.append(title)
        blocked_seconds += _blocked_seconds(card, max(start, card.created), cutoff)
        estimate = card.value_at(card.estimates, cutoff)
        if estimate is not None and estimate > MAX_ESTIMATE_DAYS:
            oversized.append((title, estimate))
    return RetroMetrics(iteration=iteration, finished=now >= end, committed=committed, delivered=delivered,
                        carried_over=carried, added_late=late, cycle_days=sorted(cycle),
                        blocked_days=round(blocked_seconds / 86400, 1), oversized=oversized)


def _blocked_seconds(card: CardHistory, start: datetime, end: datetime) -> float:
    total = 0.0
    since: datetime | None = None
    for at, blocked in card.blocked:
        if blocked and since is None:
            since = at
        elif not blocked and since is not None:
            total += max((min(at, end) - max(since, start)).total_seconds(), 0)
            since = None
    if since is not None:
        total += max((end - max(since, start)).total_seconds(), 0)
    return total
