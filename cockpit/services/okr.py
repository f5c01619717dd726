"""The OKR board read from the store: the ONE source of the Goals screen, the OKR export and the
retro's "goals vs outcomes".  A few queries whatever the size (objectives, KRs, people, the linked
cards counted by stage category, the check-ins of the window the figures need); the figures
themselves come from ``cockpit.logic.okr``.
"""

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from cockpit.db.models_goals import KeyResultRead, ObjectiveRead
from cockpit.db.repos.portfolio import FINISHED, IN_PROGRESS
from cockpit.logic.okr import SPARK_DAYS, WINDOW_DAYS, KrRow, ObjectiveBlock, kr_figures, outcome_lines, outcome_summary

if TYPE_CHECKING:
    from cockpit.db.store import Store


def _daily_since(today: date, objectives: list[ObjectiveRead]) -> date:
    """The earliest day whose value a figure needs: the spark's 30 days (which hold both weeks of
    the week-over-week), and the last week of a period that has ended."""
    first = today - timedelta(days=max(SPARK_DAYS, 2 * WINDOW_DAYS) - 1)
    for objective in objectives:
        if objective.period_end is not None and objective.period_end <= today:
            first = min(first, objective.period_end - timedelta(days=WINDOW_DAYS - 1))
    return first


def _months_since(today: date, krs: list[KeyResultRead]) -> date:
    """The first day of the earliest month with a target (or of this month)."""
    first = today.replace(day=1)
    for kr in krs:
        for month in kr.monthly_targets or {}:
            first = min(first, date.fromisoformat(f"{month}-01"))
    return first


def _rows(store: "Store", objectives: list[ObjectiveRead], krs: list[KeyResultRead], today: date,
          people: dict[int, str], all_months: bool, count_cards: bool = True) -> dict[int, list[KrRow]]:
    """objective id -> its KRs' rows.  Two queries whatever the number of KRs: the daily values of
    the last 30 days (and of ended periods' last week; from the first of the month on, whose mean
    they give, unless ``all_months``), the linked cards (unless not ``count_cards``: then none are
    counted); with ``all_months``, a third: the monthly means of every month with a target."""
    ids = [kr.id for kr in krs]
    counts = store.kr_links.linked_counts(ids) if count_cards else {}
    since = _daily_since(today, objectives)
    months: dict[int, dict[str, tuple[float, int]]] | None = None
    if all_months:
        months = store.goals.monthly_means(ids, since=_months_since(today, krs), until=today)
    else:  # this month's mean is worked out from its daily values: read them from its first day
        since = min(since, today.replace(day=1))
    daily = store.goals.daily_values(ids, since=since, until=today)
    period_end = {o.id: o.period_end for o in objectives}
    rows: dict[int, list[KrRow]] = {o.id: [] for o in objectives}
    for kr in krs:
        linked = counts.get(kr.id, {})
        # unless ``all_months``, earlier months were not read: they are left out rather than shown empty
        figures = kr_figures(kr, daily.get(kr.id, {}), today, period_end.get(kr.objective_id),
                             months.get(kr.id, {}) if months is not None else None,
                             months_from="" if all_months else f"{today:%Y-%m}")
        rows[kr.objective_id].append(KrRow(
            kr=kr, owner=people.get(kr.owner_id, "") if kr.owner_id is not None else "",
            figures=figures,
            delivered=sum(n for category, n in linked.items() if category in FINISHED),
            in_progress=sum(n for category, n in linked.items() if category in IN_PROGRESS),
        ))
    return rows


def okr_board(store: "Store", project_id: int | None, today: date, *,
              all_months: bool = False, people: dict[int, str] | None = None) -> list[ObjectiveBlock]:
    """The objectives of the project (its own and its campaigns'), each with its KRs and their figures
    as of ``today``; ``project_id`` None: this window's project.  The figures' monthly actuals are
    this month's and later targets' only, unless ``all_months`` (a KR's detail: ``kr_row``).
    ``people``: id -> name, when the caller has just read them (one read fewer)."""
    objectives = store.goals.objectives(project_id)
    if not objectives:
        return []
    krs = store.goals.key_results_of([o.id for o in objectives])
    if people is None:
        people = {p.id: p.name for p in store.workspace.people()}
    rows = _rows(store, objectives, krs, today, people, all_months)
    return [ObjectiveBlock(o, people.get(o.owner_id, "") if o.owner_id is not None else "", tuple(rows[o.id]))
            for o in objectives]


def kr_row(store: "Store", kr_id: int, today: date, *, all_months: bool = False,
           known: tuple[KeyResultRead, ObjectiveRead, str] | None = None,
           cards: tuple[int, int] | None = None) -> KrRow:
    """One KR's row, computed as on the board (after a check-in: the screen's row, the command line's
    answer); ``all_months``: with the monthly actuals of every month that has a target (its detail).
    ``known``: the KR, its objective and its owner's name as the caller read them and knows them
    unchanged (the screen after its own check-in): three reads fewer; ``cards``: its delivered and
    in-progress cards, likewise known (a check-in does not move cards): one read fewer."""
    if known is not None:
        kr, objective, owner = known
        people = {kr.owner_id: owner} if kr.owner_id is not None else {}
    else:
        kr = store.goals.kr(kr_id)
        objective = store.goals.objective(kr.objective_id)
        people = {kr.owner_id: store.workspace.person(kr.owner_id).name} if kr.owner_id is not None else {}
    row = _rows(store, [objective], [kr], today, people, all_months, count_cards=cards is None)[objective.id][0]
    return row if cards is None else replace(row, delivered=cards[0], in_progress=cards[1])


def retro_outcomes(store: "Store", project_id: int, at: datetime, *, short: bool = False) -> list[str]:
    """The KR lines of a retrospective's "goals vs outcomes": the project's KRs with their figures as
    of the day of ``at`` (the meeting's start, or now) in the workspace's time zone.  ``short``: the
    two lines of the Retro screen's panel (codes and progress; no titles, nothing to mask)."""
    today = at.astimezone(store.settings.zone()).date()
    blocks = okr_board(store, project_id, today)
    return outcome_summary(blocks) if short else outcome_lines(blocks)


__all__ = ["KrRow", "ObjectiveBlock", "kr_row", "okr_board", "retro_outcomes"]
