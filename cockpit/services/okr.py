"""The OKR board read from the store: the ONE source of the Goals screen, the OKR export and the
retro's "goals vs outcomes".  A few queries whatever the size (objectives, KRs, people, the linked
cards counted by stage category, the check-ins of the window the figures need); the figures
themselves come from ``cockpit.logic.okr``.
"""

from datetime import date, timedelta
from typing import TYPE_CHECKING

from cockpit.db.models_goals import KeyResultRead, ObjectiveRead
from cockpit.db.repos.portfolio import FINISHED, IN_PROGRESS
from cockpit.logic.okr import SPARK_DAYS, WINDOW_DAYS, KrRow, ObjectiveBlock, kr_figures

if TYPE_CHECKING:
    from cockpit.db.store import Store


def _first_day_needed(today: date, objectives: list[ObjectiveRead], krs: list[KeyResultRead]) -> date:
    """The earliest check-in any figure looks at: the spark, the previous week, the months with a
    target, and the last week of a period that has ended."""
    first = today - timedelta(days=max(SPARK_DAYS, 2 * WINDOW_DAYS) - 1)
    first = min([first, today.replace(day=1)])
    for kr in krs:
        for month in kr.monthly_targets or {}:
            first = min(first, date.fromisoformat(f"{month}-01"))
    for objective in objectives:
        if objective.period_end is not None and objective.period_end <= today:
            first = min(first, objective.period_end - timedelta(days=WINDOW_DAYS - 1))
    return first


def okr_board(store: "Store", project_id: int | None, today: date) -> list[ObjectiveBlock]:
    """The objectives of the project (its own and its campaigns'), each with its KRs and their figures
    as of ``today``; ``project_id`` None: this window's project."""
    objectives = store.goals.objectives(project_id)
    krs = store.goals.key_results(project_id=project_id) if objectives else []
    if not objectives:
        return []
    people = {p.id: p.name for p in store.workspace.people()}
    counts = store.goals.linked_counts([kr.id for kr in krs])
    checkins = store.goals.checkin_rows([kr.id for kr in krs], since=_first_day_needed(today, objectives, krs),
                                        until=today)
    period_end = {o.id: o.period_end for o in objectives}
    rows: dict[int, list[KrRow]] = {o.id: [] for o in objectives}
    for kr in krs:
        linked = counts.get(kr.id, {})
        rows[kr.objective_id].append(KrRow(
            kr=kr, owner=people.get(kr.owner_id, "") if kr.owner_id is not None else "",
            figures=kr_figures(kr, checkins.get(kr.id, []), today, period_end.get(kr.objective_id)),
            delivered=sum(n for category, n in linked.items() if category in FINISHED),
            in_progress=sum(n for category, n in linked.items() if category in IN_PROGRESS),
        ))
    return [ObjectiveBlock(o, people.get(o.owner_id, "") if o.owner_id is not None else "", tuple(rows[o.id]))
            for o in objectives]


def kr_row(store: "Store", kr_id: int, today: date) -> KrRow:
    """One KR's row (its detail view, a check-in from the command line), computed as on the board."""
    kr = store.goals.kr(kr_id)
    objective = store.goals.objective(kr.objective_id)
    since = _first_day_needed(today, [objective], [kr])
    checkins = store.goals.checkin_rows([kr.id], since=since, until=today)[kr.id]
    linked = store.goals.linked_counts([kr.id]).get(kr.id, {})
    owner = store.workspace.person(kr.owner_id).name if kr.owner_id is not None else ""
    return KrRow(kr=kr, owner=owner, figures=kr_figures(kr, checkins, today, objective.period_end),
                 delivered=sum(n for c, n in linked.items() if c in FINISHED),
                 in_progress=sum(n for c, n in linked.items() if c in IN_PROGRESS))


__all__ = ["KrRow", "ObjectiveBlock", "kr_row", "okr_board"]
