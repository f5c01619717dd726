"""Team investment (issue 17, point 4; the efficiency board of issue 18 uses the same definition):
how many cards each team delivered in a period and what share of them served each objective.

Definitions, from the change log only:

* **Delivered** in ``[start, end)``: the one definition of ``cockpit.logic.flow`` (the efficiency
  board's): a card counts once, at its last delivery (entering a ``done`` or ``after_release`` stage),
  if it is delivered now; a card sent back and finished again counts when it was finished again, in
  that period only; a bug resolved other than valid is never delivered.  Deleted cards do not count.
* **Its team**: the team of the card's owner *at that moment* (the owner at that moment from the card's
  changes, the owner's team at that moment from the person's changes: someone who moved team later
  leaves their deliveries with the team they were in).  No owner or no team → ``NO_TEAM``.
* **Serving an objective**: the card names a KR (``kr_id``) of that objective; the share is per team
  (cards serving it / cards the team delivered) and overall ("share of delivered work that serves an
  OKR": cards naming any KR / all cards delivered).

Pure: change rows and maps in, values out.  ``attribute`` gives each delivery its owner and team;
``team_investment`` adds them up.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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


def _value_at(timeline: list[tuple[datetime, Any]], moment: datetime, default: Any = None) -> Any:
    value = default
    for at, new in timeline:
        if at > moment:
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


def owner_timelines(item_changes: Iterable[Any]) -> dict[int, list[tuple[datetime, int | None]]]:
    """card id -> [(since, owner id)] from the cards' change rows (create and updates of ``owner_id``)."""
    timelines: dict[int, list[tuple[datetime, int | None]]] = {}
    for change in item_changes:
        after = change.after or {}
        if change.entity == "item" and change.action != "delete" and "owner_id" in after:
            timelines.setdefault(change.entity_id, []).append((change.at, after["owner_id"]))
    return timelines


def attribute(deliveries: Iterable[tuple[int, datetime]], item_changes: Iterable[Any],
              person_changes: Iterable[Any] = (), teams_now: Mapping[int, str] | None = None) -> list[DeliveredCard]:
    """Each delivery (card id, when; by ``cockpit.logic.flow``'s definition) with the card's owner and
    that owner's team at that moment.  ``item_changes``/``person_changes``: change rows oldest first;
    ``teams_now``: person id -> team today (for people the log never shows)."""
    owners = owner_timelines(item_changes)
    teams = team_timelines(person_changes)
    result = []
    for item_id, at in deliveries:
        owner = _value_at(owners.get(item_id, []), at)
        result.append(DeliveredCard(item_id, at, owner, team_at(teams, teams_now or {}, owner, at)))
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
    """Add up the delivered cards (``attribute``) per team; ``kr_of_item``: the KR each card names (now);
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


__all__ = ["DeliveredCard", "Investment", "NO_TEAM", "TeamShare", "attribute", "owner_timelines", "team_at",
           "team_investment", "team_timelines"]
