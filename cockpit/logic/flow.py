"""Flow of work, defined once (issue 18): when a card was delivered, its cycle, lead and blocked
time, and when a bug was opened and closed.  Pure: plain facts in (the cards and what the change
log says happened to them), values out.  The efficiency screen, the reports and the tests use these.

Definitions:

- **delivered**: a card that is now in a delivered stage (category ``done``, or ``after_release``
  which only follows it), at the last moment it entered one from a stage before it; a card reopened
  and delivered again counts once, at its last delivery; a card reopened and not yet delivered again
  is not delivered.
- **started**: the first time the card entered an ``in_progress`` stage (or a later category, for a
  card that skipped the in-progress stages).
- **cycle time**: started → delivered; **lead time**: created → delivered (days, fractional).
- **blocked time**: the time the card spent blocked between its creation and its delivery (or now).
- **bugs** (kind ``bug``): an *incident* is a bug found in production; a bug is *valid* unless it is
  resolved as invalid, duplicate or won't fix.  A valid bug is open until it is delivered; a bug
  resolved otherwise closes when it was last so resolved, and is not delivered work (not counted in
  the throughput, wherever its card was moved).
"""

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta

DELIVERED = frozenset({"done", "after_release"})
STARTED = frozenset({"in_progress", "awaiting_release", "done", "after_release"})
#: Work in progress: what the aging chart shows.
IN_PROGRESS = frozenset({"in_progress", "awaiting_release"})
DAY = timedelta(days=1)


@dataclass(frozen=True)
class CardFacts:
    """What the flow needs of a card, as it is now."""

    id: int
    project_id: int
    title: str
    kind: str
    created: datetime
    stage_id: int
    blocked: bool = False
    severity: str | None = None
    in_production: bool = False
    resolution: str = "valid"
    #: The key result the card serves (None: none, or goals are not in this workspace).
    kr_id: int | None = None
    confidential: bool = False


@dataclass(frozen=True)
class Event:
    """One change of a card from the change log: a move (``stage_id`` is where it went), a block or
    unblock (``blocked``), a resolution set (``resolution``); fields not touched are None."""

    item_id: int
    at: datetime
    stage_id: int | None = None
    from_stage_id: int | None = None
    blocked: bool | None = None
    resolution: str | None = None


@dataclass
class CardFlow:
    """A card's history, reduced to what the charts need."""

    card: CardFacts
    #: (when, stage id) of every stage the card was in, the first at its creation.
    stages: list[tuple[datetime, int]] = field(default_factory=list)
    started: datetime | None = None
    delivered: datetime | None = None
    #: A bug's end: its delivery, or when it was last resolved otherwise (invalid, duplicate, won't fix).
    closed: datetime | None = None
    blocked_days: float = 0.0
    #: How many times it left a delivered stage for an earlier one.
    reopened: int = 0

    @property
    def cycle_days(self) -> float | None:
        if self.delivered is None or self.started is None:
            return None
        return max((self.delivered - self.started) / DAY, 0.0)

    @property
    def lead_days(self) -> float | None:
        if self.delivered is None:
            return None
        return max((self.delivered - self.card.created) / DAY, 0.0)

    @property
    def is_bug(self) -> bool:
        return self.card.kind == "bug"

    @property
    def valid_bug(self) -> bool:
        return self.is_bug and self.card.resolution == "valid"

    @property
    def incident(self) -> bool:
        return self.is_bug and self.card.in_production

    def stage_at(self, moment: datetime) -> int | None:
        """The stage the card was in at ``moment`` (None: not created yet)."""
        index = bisect_right([at for at, _stage in self.stages], moment) - 1
        return None if index < 0 else self.stages[index][1]


def card_flow(card: CardFacts, events: list[Event], categories: dict[int, str], now: datetime) -> CardFlow:
    """The flow of one card from its change events (any order), given each stage's category."""
    events = sorted(events, key=lambda e: e.at)
    moves = [e for e in events if e.stage_id is not None]
    first_stage = moves[0].from_stage_id if moves else card.stage_id  # where it was created
    if first_stage is None:
        first_stage = card.stage_id
    flow = CardFlow(card, stages=[(card.created, first_stage)])
    for move in moves:
        flow.stages.append((move.at, move.stage_id))  # type: ignore[arg-type]
    was_delivered = False
    for at, stage in flow.stages:
        category = categories.get(stage, "backlog")
        if flow.started is None and category in STARTED:
            flow.started = at
        if category in DELIVERED and not was_delivered:
            flow.delivered = at
        elif category not in DELIVERED and was_delivered:
            flow.reopened += 1
        was_delivered = category in DELIVERED
    if not was_delivered:
        flow.delivered = None
    flow.closed = flow.delivered
    if card.kind == "bug" and card.resolution != "valid":
        resolved = [e.at for e in events if e.resolution is not None and e.resolution != "valid"]
        flow.closed = resolved[-1] if resolved else (flow.delivered or card.created)
        flow.delivered = None
    flow.blocked_days = _blocked_days(card, events, flow.closed or now)
    return flow


def _blocked_days(card: CardFacts, events: list[Event], end: datetime) -> float:
    total = timedelta()
    since: datetime | None = None
    changes = [e for e in events if e.blocked is not None]
    if changes and changes[0].blocked is False:  # blocked at creation, unblocked later
        since = card.created
    elif not changes and card.blocked:
        since = card.created
    for change in changes:
        if change.blocked and since is None:
            since = change.at
        elif not change.blocked and since is not None:
            total += min(change.at, end) - min(since, end)
            since = None
    if since is not None:
        total += max(end - since, timedelta())
    return total / DAY


def flows(cards: list[CardFacts], events: list[Event], categories: dict[int, str], now: datetime) -> list[CardFlow]:
    """``card_flow`` for every card, from one list of events of them all."""
    by_card: dict[int, list[Event]] = {}
    for event in events:
        by_card.setdefault(event.item_id, []).append(event)
    return [card_flow(card, by_card.get(card.id, []), categories, now) for card in cards]


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` 0.85 → the smallest value with 85 % at or below it)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(round(share * len(ordered), 9)))  # round: 0.85 * 20 is 17, not 17.000…01
    return ordered[min(rank, len(ordered)) - 1]


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
