"""Team investment (issue 17, point 4; the efficiency board of issue 18 uses the same definition):
how many cards each team delivered in a period and what share of them served each objective.

Definitions, from the change log only:

* **Delivered** in ``[start, end)``: a card that entered a finished stage (category ``done`` or
  ``after_release``) from an unfinished one at a moment inside the period, and was still in a finished
  stage at the period's end (a card sent back is not delivered; one sent back and finished again is
  delivered when it was finished again).  Deleted cards do not count.
* **Its team**: the team of the card's owner *at that moment* (the owner at that moment from the card's
  changes, the owner's team at that moment from the person's changes: someone who moved team later
  leaves their deliveries with the team they were in).  No owner or no team → ``NO_TEAM``.
* **Serving an objective**: the card names a KR (``kr_id``) of that objective; the share is per team
  (cards serving it / cards the team delivered) and overall ("share of delivered work that serves an
  OKR": cards naming any KR / all cards delivered).

Pure: change rows and maps in, values out.  ``delivered_cards`` is the clear function other
features call; ``team_investment`` adds it up.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FINISHED_CATEGORIES = frozenset({"done", "after_release"})
NO_TEAM = "(no team)"


@dataclass(frozen=True)
class DeliveredCard:
    item_id: int
    at: datetime  # when it reached a finished stage
    owner_id: int | None  # its owner then
    team: str  # that owner's team then (NO_TEAM when none)


@dataclass
class _Card:
    stages: list[tuple[datetime, int]] = field(default_factory=list)
    owners: list[tuple[datetime, int | None]] = field(default_factory=list)
    deleted: bool = False


def _value_at(timeline: list[tuple[datetime, Any]], moment: datetime, default: Any = None) -> Any:
    value = default
    for at, new in timeline:
        if at > moment:
            break
        value = new
    return value


def _value_before(timeline: list[tuple[datetime, Any]], end: datetime) -> Any:
    value = None
    for at, new in timeline:
        if at >= end:
            break
        value = new
    return value


def team_timelines(person_changes: Iterable[Any]) -> dict[int, list[tuple[datetime, str]]]:
    """person id -> [(since, team)] from the people's change rows (create and update of ``team``)."""
    timelines: dict[int, list[tuple[datetime, str]]] = {}
    for change in person_changes:
        after = change.after or {}
        if change.action == "delete" or "team" not in after:
            continue
        timelines.setdefault(change.entity_id, []).append((change.at, after["team"] or ""))
    return timelines


def team_at(timelines: Mapping[int, list[tuple[datetime, str]]], teams_now: Mapping[int, str],
            person_id: int | None, moment: datetime) -> str:
    """The team ``person_id`` was in at ``moment`` (their first team before their first change; their
    team now if the log never shows one)."""
    if person_id is None:
        return NO_TEAM
    timeline = timelines.get(person_id)
    if not timeline:
        return teams_now.get(person_id) or NO_TEAM
    return _value_at(timeline, moment, timeline[0][1]) or NO_TEAM


def delivered_cards(item_changes: Iterable[Any], stage_category: Mapping[int, str], start: datetime,
                    end: datetime, person_changes: Iterable[Any] = (),
                    teams_now: Mapping[int, str] | None = None) -> list[DeliveredCard]:
    """The cards delivered in ``[start, end)`` with their owner and team at delivery (see the module's
    docstring).  ``item_changes``/``person_changes``: change rows oldest first; ``stage_category``:
    stage id -> category; ``teams_now``: person id -> team today (for people the log never shows)."""
    cards: dict[int, _Card] = {}
    for change in item_changes:
        if change.entity != "item":
            continue
        card = cards.setdefault(change.entity_id, _Card())
        if change.action == "delete":
            card.deleted = True
            continue
        card.deleted = False
        after = change.after or {}
        if "stage_id" in after:
            card.stages.append((change.at, after["stage_id"]))
        if "owner_id" in after:
            card.owners.append((change.at, after["owner_id"]))
    timelines = team_timelines(person_changes)
    result = []
    for item_id, card in cards.items():
        if card.deleted:
            continue
        entered, was_finished = None, False
        for at, stage in card.stages:  # the last time it went from unfinished to finished before the end
            if at >= end:
                break
            finished = stage_category.get(stage) in FINISHED_CATEGORIES
            if finished and not was_finished:
                entered = at
            was_finished = finished
        if entered is None or entered < start:
            continue
        if stage_category.get(_value_before(card.stages, end)) not in FINISHED_CATEGORIES:
            continue  # sent back before the period's end
        owner = _value_at(card.owners, entered)
        result.append(DeliveredCard(item_id, entered, owner, team_at(timelines, teams_now or {}, owner, entered)))
    return sorted(result, key=lambda d: (d.at, d.item_id))


@dataclass(frozen=True)
class TeamShare:
    team: str
    delivered: int
    #: objective id -> cards of this team's delivered ones that served it
    by_objective: Mapping[int, int]
    serving: int  # cards naming any KR

    def share(self, objective_id: int) -> float:
        return self.by_objective.get(objective_id, 0) / self.delivered if self.delivered else 0.0

    @property
    def okr_share(self) -> float:
        return self.serving / self.delivered if self.delivered else 0.0


@dataclass(frozen=True)
class Investment:
    teams: tuple[TeamShare, ...]
    delivered: int
    serving: int
    by_objective: Mapping[int, int]

    @property
    def okr_share(self) -> float | None:
        """Share of delivered work that serves an OKR (None: nothing delivered)."""
        return self.serving / self.delivered if self.delivered else None


def team_investment(cards: Iterable[DeliveredCard], kr_of_item: Mapping[int, int | None],
                    objective_of_kr: Mapping[int, int]) -> Investment:
    """Add up ``delivered_cards`` per team; ``kr_of_item``: the KR each card names (now);
    ``objective_of_kr``: each KR's objective.  Teams by name, "(no team)" last."""
    teams: dict[str, dict[str, Any]] = {}
    overall: dict[int, int] = {}
    serving_all = delivered_all = 0
    for card in cards:
        entry = teams.setdefault(card.team, {"delivered": 0, "serving": 0, "by": {}})
        entry["delivered"] += 1
        delivered_all += 1
        kr_id = kr_of_item.get(card.item_id)
        objective = objective_of_kr.get(kr_id) if kr_id is not None else None
        if objective is not None:
            entry["serving"] += 1
            entry["by"][objective] = entry["by"].get(objective, 0) + 1
            overall[objective] = overall.get(objective, 0) + 1
            serving_all += 1
    ordered = sorted(teams, key=lambda team: (team == NO_TEAM, team.casefold()))
    return Investment(
        teams=tuple(TeamShare(team, teams[team]["delivered"], dict(teams[team]["by"]), teams[team]["serving"])
                    for team in ordered),
        delivered=delivered_all, serving=serving_all, by_objective=overall)


__all__ = ["DeliveredCard", "Investment", "NO_TEAM", "TeamShare", "delivered_cards", "team_at",
           "team_investment", "team_timelines"]
