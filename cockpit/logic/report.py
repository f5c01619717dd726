"""The daily and weekly reports' contents (issue 18, point 4), as plain values for their templates.

Pure: change rows, read models and flow figures in, report sections out.  The figures themselves
are defined elsewhere, once: delivery and cycle time in ``cockpit.logic.flow`` / ``flow_weekly``,
the KR numbers in ``cockpit.logic.okr``; this module only picks what a report shows and words it.

- *The daily's period*: from the end of the last stand-up held before the report's day, or else from
  the start of the previous working day (weekends and calendar holidays skipped), to the end of the
  report's day.
- *Moved*: the card moves of the period that still stand (an undone move is not one), per card owner,
  each card with the stages it went through ("new → Pending review" for a card created then).
- *Newly blocked*: cards blocked during the period, with the reason given then.
- *New or escalated risks*: risks created in the period, or whose score rose, or whose response
  became "escalate" during it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from cockpit.db.models import ChangeRead
from cockpit.logic.minutes import net_actions
from cockpit.logic.okr import number

UNASSIGNED = "Unassigned"
#: The start of the path of a card created in the period.
NEW = "new"
#: How far back the previous working day is looked for (a long closure still ends somewhere).
MAX_DAYS_BACK = 60


# --- the period ------------------------------------------------------------------------------------


def previous_working_day(day: date, holidays: Iterable[date]) -> date:
    """The last day before ``day`` that is neither a Saturday, a Sunday nor a holiday."""
    closed = set(holidays)
    candidate = day - timedelta(days=1)
    for _ in range(MAX_DAYS_BACK):
        if candidate.weekday() < 5 and candidate not in closed:
            return candidate
        candidate -= timedelta(days=1)
    return day - timedelta(days=1)


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of ``day``'s week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def days_text(value: float | None) -> str:
    """``6 days``, ``1 day``, ``10.88 days``; ``—`` when there is none."""
    if value is None:
        return "—"
    return f"{number(value)} {'day' if value == 1 else 'days'}"


# --- the daily's sections --------------------------------------------------------------------------


@dataclass(frozen=True)
class CardInfo:
    """What a report says about a card: its title and its owner's name ("" for none)."""

    title: str
    owner: str = ""


@dataclass(frozen=True)
class Move:
    card_id: int
    title: str
    #: The stages it went through in the period, the first where it was before.
    path: tuple[str, ...]
    at: str  # the local time of its last move ("14:05", or "Fri 14:05" on an earlier day)


@dataclass(frozen=True)
class PersonMoves:
    person: str
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class Delivered:
    card_id: int
    title: str
    owner: str
    cycle: str  # "6 days" or "—"


@dataclass(frozen=True)
class Blocked:
    card_id: int
    title: str
    owner: str
    reason: str
    at: str
    #: Still blocked at the end of the period (else it was unblocked since).
    still: bool


@dataclass(frozen=True)
class RiskNews:
    risk_id: int
    title: str
    owner: str
    score: int
    #: "new", "score 6 → 12", "escalated" (or several, joined by "; ").
    why: str


@dataclass(frozen=True)
class Entry:
    """A dated thing of the calendar: a key node or a meeting (time "all day" or "09:30")."""

    day: date
    time: str
    title: str
    kind: str
    detail: str = ""  # the iteration of a key node


def _clock(moment: datetime, zone: tzinfo | None, day: date) -> str:
    local = moment.astimezone(zone)
    return f"{local:%H:%M}" if local.date() == day else f"{local:%a %d %b %H:%M}"


def standing(changes: list[ChangeRead]) -> list[ChangeRead]:
    """The change rows of the user actions that still stand (an action and its undo cancel out)."""
    return [row for group in net_actions(changes) for row in group]


def moves_by_person(changes: list[ChangeRead], cards: Mapping[int, CardInfo], stage_names: Mapping[int, str],
                    zone: tzinfo | None, day: date) -> list[PersonMoves]:
    """The moves among ``changes`` (item rows setting ``stage_id``), per card owner (by name, the
    unassigned last), each card once with its path; cards no longer on the board are left out."""
    paths: dict[int, list[str]] = {}
    last: dict[int, datetime] = {}
    for row in standing(changes):
        after, before = row.after or {}, row.before or {}
        if row.entity != "item" or "stage_id" not in after or row.entity_id not in cards:
            continue
        start = NEW if row.action == "create" else stage_names.get(before.get("stage_id"), "?")
        path = paths.setdefault(row.entity_id, [start])
        target = stage_names.get(after["stage_id"], "?")
        if path[-1] != target:
            path.append(target)
        last[row.entity_id] = row.at
    grouped: dict[str, list[Move]] = {}
    for card_id, path in paths.items():
        if len(path) < 2 or path[0] == path[-1] and len(path) == 2:
            continue
        card = cards[card_id]
        grouped.setdefault(card.owner or UNASSIGNED, []).append(
            Move(card_id, card.title, tuple(path), _clock(last[card_id], zone, day)))
    order = sorted(grouped, key=lambda name: (name == UNASSIGNED, name.casefold()))
    return [PersonMoves(name, tuple(sorted(grouped[name], key=lambda m: m.title.casefold()))) for name in order]


def newly_blocked(changes: list[ChangeRead], cards: Mapping[int, CardInfo], blocked_now: Mapping[int, bool],
                  zone: tzinfo | None, day: date) -> list[Blocked]:
    """Cards blocked during the period (their last blocking in it), with the reason given then."""
    found: dict[int, Blocked] = {}
    for row in standing(changes):
        after = row.after or {}
        if row.entity != "item" or after.get("blocked") is not True or row.entity_id not in cards:
            continue
        card = cards[row.entity_id]
        found[row.entity_id] = Blocked(row.entity_id, card.title, card.owner or UNASSIGNED,
                                       str(after.get("blocked_reason") or ""), _clock(row.at, zone, day),
                                       bool(blocked_now.get(row.entity_id)))
    return sorted(found.values(), key=lambda b: b.title.casefold())


@dataclass(frozen=True)
class RiskNow:
    """A risk as it is now (what the daily names)."""

    id: int
    title: str
    owner: str
    probability: int
    impact: int
    response: str


def risk_news(changes: list[ChangeRead], risks: Iterable[RiskNow]) -> list[RiskNews]:
    """Risks created in the period, or whose score rose, or whose response became "escalate" in it
    (``changes``: the period's risk rows), highest score first."""
    rows = [row for row in standing(changes) if row.entity == "risk"]
    news: list[RiskNews] = []
    for risk in risks:
        mine = [row for row in rows if row.entity_id == risk.id]
        if not mine:
            continue
        score = risk.probability * risk.impact
        reasons = []
        if any(row.action == "create" for row in mine):
            reasons.append("new")
        else:  # each factor as it was before the first change of it in the period
            prior: dict[str, int] = {}
            for row in mine:
                for name in ("probability", "impact"):
                    if name not in prior and name in (row.before or {}):
                        prior[name] = int(row.before[name])  # type: ignore[index]
            before = prior.get("probability", risk.probability) * prior.get("impact", risk.impact)
            if score > before:
                reasons.append(f"score {before} → {score}")
        if risk.response == "escalate" and any((row.after or {}).get("response") == "escalate" for row in mine):
            reasons.append("escalated")
        if reasons:
            news.append(RiskNews(risk.id, risk.title, risk.owner or UNASSIGNED, score, "; ".join(reasons)))
    return sorted(news, key=lambda n: (-n.score, n.title.casefold()))


@dataclass
class Daily:
    project: str
    day: date
    #: Where the period starts, in words ("the stand-up of Fri 20 Nov 2026, 09:15").
    since: str
    moved: list[PersonMoves] = field(default_factory=list)
    delivered: list[Delivered] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)
    risks: list[RiskNews] = field(default_factory=list)
    key_nodes: list[Entry] = field(default_factory=list)
    meetings: list[Entry] = field(default_factory=list)


# --- the weekly's sections -------------------------------------------------------------------------


@dataclass(frozen=True)
class FlowLine:
    """One figure of the week beside the previous week's."""

    name: str
    this: str
    previous: str
    change: str


def change_text(this: float | None, previous: float | None, unit: str = "") -> str:
    """``+2``, ``−1.5 days``, ``no change``; ``—`` when either side is missing."""
    if this is None or previous is None:
        return "—"
    delta = this - previous
    if abs(delta) < 1e-9:
        return "no change"
    text = number(abs(delta))
    return f"{'+' if delta > 0 else '−'}{text}{' ' + unit if unit else ''}"


@dataclass(frozen=True)
class OkrLine:
    objective: str
    code: str
    title: str
    owner: str
    avg7: str
    target: str
    baseline: str
    wow: str
    progress: str


@dataclass(frozen=True)
class RiskDue:
    risk_id: int
    title: str
    owner: str
    score: int
    review: date
    overdue: bool


@dataclass(frozen=True)
class DecisionLine:
    meeting: str
    day: date
    text: str


@dataclass(frozen=True)
class ActionLine:
    text: str
    owner: str
    due: str
    meeting: str


@dataclass
class Weekly:
    project: str
    day: date
    week_start: date
    week_end: date
    flow: list[FlowLine] = field(default_factory=list)
    okr: list[OkrLine] = field(default_factory=list)
    risks_due: list[RiskDue] = field(default_factory=list)
    train: list[Entry] = field(default_factory=list)
    key_nodes: list[Entry] = field(default_factory=list)
    decisions: list[DecisionLine] = field(default_factory=list)
    actions: list[ActionLine] = field(default_factory=list)
