"""The flow definitions (cockpit/logic/flow*.py through cockpit/services/flow.py) on a fixture
history whose figures are computed by hand (tests/efficiency/fixture_history.py)."""

import random
from datetime import date, timedelta

import pytest

from cockpit.logic.flow import median, percentile
from cockpit.logic.forecast import forecast
from cockpit.services import flow as flow_service
from tests.efficiency.fixture_history import at, build
from tests.helpers import NOW, TODAY


@pytest.fixture
def history(store, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    ids = build(store)
    flows = flow_service.load(store, [store.workspace.project().id], NOW)
    return store, ids, {f.card.title: f for f in flows.flows}, flows


def test_card_definitions(history) -> None:  # noqa: ANN001
    _store, _ids, by_title, _set = history
    a, b, c = by_title["A move back"], by_title["B reopened"], by_title["C blocked"]
    assert (a.delivered, a.started, a.cycle_days, a.lead_days, a.reopened) == (at(9), at(3), 6.0, 7.0, 0)
    assert (b.delivered, b.started, b.cycle_days, b.lead_days, b.reopened) == (at(19), at(4), 15.0, 17.0, 1)
    assert (c.cycle_days, c.lead_days, c.blocked_days) == (8.0, 9.0, 2.5)
    assert a.blocked_days == 0.0
    d, e, f = by_title["D duplicate"], by_title["E open bug"], by_title["F incident"]
    assert (d.incident, d.valid_bug, d.closed, d.delivered) == (True, False, at(12), None)
    assert (e.valid_bug, e.closed) == (True, None)
    assert (f.incident, f.valid_bug, f.closed, f.cycle_days, f.lead_days) == (True, True, at(20), 10.875, 11.0)


def test_a_reopened_card_that_is_not_yet_delivered_again_is_not_delivered(history) -> None:  # noqa: ANN001
    store, ids, _by_title, _set = history
    card = store.items.get(ids["A move back"])
    store.items.move(card.id, card.version, store.workspace.stages()[2].id)
    again = {f.card.title: f for f in flow_service.load(store, [card.project_id], NOW).flows}["A move back"]
    assert (again.delivered, again.reopened, again.cycle_days) == (None, 1, None)


def test_a_bug_resolved_as_duplicate_is_closed_not_delivered(history) -> None:  # noqa: ANN001
    store, ids, _by_title, _set = history
    card = store.items.get(ids["D duplicate"])
    store.items.move(card.id, card.version, store.workspace.stages()[4].id)  # tidied into Released
    d = {f.card.title: f for f in flow_service.load(store, [card.project_id], NOW).flows}["D duplicate"]
    assert (d.delivered, d.closed, d.valid_bug) == (None, at(12), False)


def test_weekly_figures(history) -> None:  # noqa: ANN001
    store, _ids, _by_title, flow_set = history
    board = flow_service.board(store, flow_set, 4, TODAY, NOW)
    weeks = {row.week.start: row for row in board.weeks}
    assert list(weeks) == [date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    # 2 Nov: B's first release does not count (it was reopened): a week with no deliveries.
    assert [row.delivered for row in board.weeks] == [0, 0, 1, 3]
    w9, w16 = weeks[date(2026, 11, 9)], weeks[date(2026, 11, 16)]
    assert (w9.cycle_median, w9.cycle_p85, w9.lead_median) == (6.0, 6.0, 7.0)
    # 16 Nov: B 15, C 8, F 10.875 -> median 10.875, p85 (3rd of 3) 15; leads 17, 9, 11.
    assert (w16.cycle_median, w16.cycle_p85, w16.lead_median, w16.lead_p85) == (10.875, 15.0, 11.0, 17.0)
    assert weeks[date(2026, 11, 2)].cycle_median is None
    # Incidents: D and F opened the week of 9 Nov, D closed (duplicate) that week, F the next.
    assert [(r.incidents_opened, r.incidents_closed) for r in board.weeks] == [(0, 0), (0, 0), (2, 1), (0, 1)]
    # Valid bugs: F opened 9 Nov, closed 20 Nov; E opened 16 Nov, still open; D never valid.
    assert [(r.bugs_opened, r.bugs_closed) for r in board.weeks] == [(0, 0), (0, 0), (1, 0), (1, 1)]
    assert (board.bugs_open, board.incidents_open) == (1, 0)
    # The period: cycles 6, 8, 10.875, 15 -> p85 is the 4th.
    assert (board.delivered, board.cycle_p50, board.cycle_p85) == (4, 9.4375, 15.0)


def test_cumulative_flow_and_aging(history) -> None:  # noqa: ANN001
    store, _ids, _by_title, flow_set = history
    board = flow_service.board(store, flow_set, 4, TODAY, NOW)
    assert board.cfd_stages[0] == "Pending review" and len(board.cfd_stages) == 6
    assert [counts for _day, counts in board.cfd] == [
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 1, 1, 0],  # A waiting for release, B released (before its reopening)
        [1, 3, 0, 0, 1, 0],  # D new; B, C, F in development; A released
        [1, 1, 0, 0, 4, 0],  # E in development; A, B, C, F released
    ]
    assert [(row.title, row.age_days, row.late) for row in board.aging] == [("E open bug", 5.0, False)]


def test_throughput_history_and_forecast(history) -> None:  # noqa: ANN001
    store, _ids, _by_title, flow_set = history
    # The 12 full weeks before this one: only the week of 9 Nov delivered (A); B, C, F are this week's.
    assert flow_service.throughput(flow_set, TODAY, 12, None) == [0] * 11 + [1]
    result = flow_service.forecast_cards(store, flow_set, None, TODAY, rng=random.Random(1))
    assert result.remaining == 2  # D (a duplicate, in the backlog) and E are not delivered
    store.settings.set(flow_service.FORECAST_WEEKS, "2")
    assert flow_service.throughput(flow_set, TODAY, flow_service.forecast_weeks(store), None) == [0, 1]


def test_forecast_with_a_known_answer() -> None:
    steady = forecast(10, [5] * 12, TODAY, rng=random.Random(7))
    assert [(share, weeks) for share, weeks, _day in steady.levels] == [(0.5, 2), (0.85, 2), (0.95, 2)]
    assert steady.levels[0][2] == TODAY + timedelta(weeks=2)
    # One week in three delivers all 10 cards, the others none: P(done by week k) = 1 - (2/3)^k, so
    # 50 % by week 2 (0.56), 85 % by week 5 (0.87), 95 % by week 8 (0.96).
    lumpy = forecast(10, [0, 0, 10], TODAY, rng=random.Random(2026))
    assert [weeks for _share, weeks, _day in lumpy.levels] == [2, 5, 8]
    assert forecast(3, [0, 0], TODAY).levels == () and "nothing was delivered" in forecast(3, [0, 0], TODAY).summary()
    assert forecast(0, [1], TODAY).summary() == "nothing left to do"


def test_percentiles() -> None:
    assert percentile([], 0.85) is None and median([]) is None
    assert percentile(list(range(1, 21)), 0.85) == 17  # nearest rank: the 17th of 20
    assert median([1, 2, 3, 10]) == 2.5


def test_share_serving_an_okr_uses_the_goals_definition(history) -> None:  # noqa: ANN001
    store, ids, _by_title, flow_set = history
    board = flow_service.board(store, flow_set, 4, TODAY, NOW)
    assert board.serving_okr is None and board.weeks[-1].okr_share is None  # no key results: left out
    objective = store.goals.add_objective("Faster checkout")
    kr = store.goals.add_kr(objective.id, "Checkout time")
    card = store.items.get(ids["B reopened"])
    store.items.update(card.id, card.version, kr_id=kr.id)
    board = flow_service.board(store, flow_service.load(store, [card.project_id], NOW), 4, TODAY, NOW)
    # 16 Nov: B, C and F delivered, B serves a KR -> 1 of 3; 9 Nov: A alone, serving none.
    assert [row.serving_okr for row in board.weeks] == [0, 0, 0, 1]
    assert board.weeks[-1].okr_share == 1 / 3 and board.serving_okr == 1


def test_the_reports_read_only_the_cards_changed_since_with_their_whole_history(history) -> None:  # noqa: ANN001
    store, _ids, _by_title, _set = history
    store.clock = lambda: at(21)  # G: filed straight into Released on Sat 21 Nov (delivered then)
    store.items.create(title="G filed as done", stage_id=store.workspace.stages()[4].id)
    recent = flow_service.load(store, [store.workspace.project().id], NOW, touched_since=at(17))
    by_title = {f.card.title: f for f in recent.flows}
    # A (last moved 9 Nov) and D (resolved 12 Nov) are left out; B, C, E, F moved on or after 17 Nov.
    assert sorted(by_title) == ["B reopened", "C blocked", "E open bug", "F incident", "G filed as done"]
    assert by_title["G filed as done"].delivered == at(21)
    b, c = by_title["B reopened"], by_title["C blocked"]  # their figures still start before 17 Nov
    assert (b.delivered, b.cycle_days, b.lead_days, b.reopened) == (at(19), 15.0, 17.0, 1)
    assert (c.cycle_days, c.blocked_days) == (8.0, 2.5)
