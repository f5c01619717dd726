"""The KR numbers against hand-computed fixtures (issue 17, point 8): missing days, a zero previous
week, a lower-is-better metric, a target already passed, a KR with no check-ins, a same-day second
check-in; and the OKR board built from the store with the linked cards counted by stage category.

TODAY is Sunday 22 November 2026: the 7-day window is 16–22 Nov, the previous one 9–15 Nov."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from cockpit.logic.okr import avg7_text, kr_figures, number, progress_text, wow_text
from cockpit.services.okr import kr_row, okr_board
from tests.helpers import TODAY


@dataclass
class Kr:
    baseline: float = 0.0
    target: float = 40.0
    direction: str = "higher"
    monthly_targets: dict = field(default_factory=dict)


@dataclass
class C:
    day: date
    value: float


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def test_missing_days_average_only_the_days_checked_in():
    # this week: 22 Nov = 10, 20 Nov = 20, 17 Nov = 30 (four days missing) -> 60 / 3 = 20
    # previous week: 15 Nov = 5, 9 Nov = 15 -> 10; 8 Nov (1000) is outside both windows
    checkins = [C(ago(0), 10), C(ago(2), 20), C(ago(5), 30), C(ago(7), 5), C(ago(13), 15), C(ago(14), 1000)]
    f = kr_figures(Kr(), checkins, TODAY)
    assert (f.avg7, f.avg7_days, f.prev7, f.prev7_days) == (20.0, 3, 10.0, 2)
    assert f.wow_pct == pytest.approx(100.0) and wow_text(f.wow_pct) == "+100%"
    assert f.progress == pytest.approx(0.5) and progress_text(f.progress) == "50%"
    assert avg7_text(f, "%") == "20% (3 days)"
    assert len(f.spark) == 30 and f.spark[-1] == 10 and f.spark[-2] is None and f.spark[-3] == 20
    assert f.spark[0] is None and f.spark[-14] == 15 and f.spark[-15] == 1000  # spark[-1] is today
    assert (f.latest, f.latest_day) == (10, TODAY)


def test_a_zero_or_empty_previous_week_is_not_available_never_infinite():
    zero = kr_figures(Kr(), [C(ago(0), 4), C(ago(8), 0), C(ago(10), 0)], TODAY)
    assert (zero.prev7, zero.wow_pct, wow_text(zero.wow_pct)) == (0.0, None, "n/a")
    empty = kr_figures(Kr(), [C(ago(0), 4)], TODAY)
    assert (empty.prev7, empty.prev7_days, empty.wow_pct) == (None, 0, None)
    falling = kr_figures(Kr(), [C(ago(1), 9), C(ago(9), 12)], TODAY)
    assert falling.wow_pct == pytest.approx(-25.0) and wow_text(falling.wow_pct) == "−25%"
    negative = kr_figures(Kr(), [C(ago(1), -1), C(ago(9), -2)], TODAY)
    assert negative.wow_pct == pytest.approx(50.0)  # from -2 to -1 is up by half of |-2|


def test_lower_is_better_progress_runs_from_baseline_down_to_target():
    churn = Kr(baseline=8.0, target=5.0, direction="lower")
    halfway = kr_figures(churn, [C(ago(0), 6.0), C(ago(3), 7.0)], TODAY)  # avg 6.5: 1.5 of the 3 points
    assert halfway.avg7 == 6.5 and halfway.progress == pytest.approx(0.5)
    worse = kr_figures(churn, [C(ago(1), 9.0)], TODAY)  # one point the wrong way: -1/3
    assert worse.progress == pytest.approx(-1 / 3) and not worse.reached
    done = kr_figures(churn, [C(ago(1), 4.0)], TODAY, period_end=ago(0))
    assert done.progress == pytest.approx(4 / 3) and done.reached and done.achieved is True
    assert kr_figures(churn, [C(ago(1), 5.5)], TODAY, period_end=ago(0)).achieved is False


def test_a_target_already_passed_goes_over_100_percent_and_is_achieved_at_the_period_end():
    kr = Kr(baseline=100, target=120)
    checkins = [C(ago(0), 130), C(ago(1), 130), C(ago(12), 90)]
    f = kr_figures(kr, checkins, TODAY, period_end=ago(10))
    assert f.progress == pytest.approx(1.5) and progress_text(f.progress) == "150%" and f.reached
    # decided on the week ending 12 Nov (period end): only 10 Nov = 90 -> below 120, not achieved
    assert f.achieved is False
    assert kr_figures(kr, checkins, TODAY, period_end=ago(0)).achieved is True
    assert kr_figures(kr, checkins, TODAY, period_end=ago(-1)).achieved is None  # the period runs on
    assert kr_figures(kr, checkins, TODAY).achieved is None  # no period end


def test_a_kr_with_no_check_ins_says_no_data():
    f = kr_figures(Kr(monthly_targets={"2026-12": 30}), [], TODAY, period_end=ago(1))
    assert (f.avg7, f.avg7_days, f.wow_pct, f.progress, f.latest) == (None, 0, None, None, None)
    assert avg7_text(f) == "no data" and progress_text(f.progress) == "no data" and wow_text(f.wow_pct) == "n/a"
    assert f.spark == (None,) * 30 and f.achieved is False
    assert [(m.month, m.target, m.actual) for m in f.monthly] == [("2026-11", None, None), ("2026-12", 30, None)]


def test_monthly_actuals_beside_their_targets_and_future_days_ignored():
    kr = Kr(monthly_targets={"2026-10": 10, "2026-11": 12})
    checkins = [C(date(2026, 10, 3), 8), C(date(2026, 10, 30), 10), C(date(2026, 11, 1), 11),
                C(ago(0), 14), C(ago(-1), 99)]
    f = kr_figures(kr, checkins, TODAY)
    assert [(m.month, m.target, m.actual, m.days) for m in f.monthly] == [
        ("2026-10", 10, 9.0, 2), ("2026-11", 12, 12.5, 2)]
    assert f.latest == 14 and f.avg7 == 14


def test_the_same_day_twice_counts_once_with_the_later_value():
    f = kr_figures(Kr(), [C(ago(0), 10), C(ago(0), 30)], TODAY)
    assert (f.avg7, f.avg7_days) == (30.0, 1)


def test_numbers_are_worded_with_their_unit():
    assert number(1234.5, "users") == "1,234.5 users" and number(12.0, "%") == "12%" and number(None) == "no data"
    assert number(-0.001) == "0"


# --- the board, from the store ------------------------------------------------------------------------


def test_okr_board_rows_with_owner_figures_and_linked_cards(store):
    ann = store.workspace.add_person("Ann Lee", "ann")
    objective = store.goals.add_objective("Grow repeat purchases", owner_id=ann.id)
    rate = store.goals.add_kr(objective.id, "Repeat rate", owner_id=ann.id, baseline=20, target=30, unit="%",
                              monthly_targets={"2026-10": 21, "2026-11": 24})
    churn = store.goals.add_kr(objective.id, "Churn", direction="lower", baseline=8, target=5)
    store.goals.check_in(rate.id, TODAY, 21.0)
    store.goals.check_in(rate.id, TODAY, 25.0)  # the same day again: replaces 21
    store.goals.check_in(rate.id, ago(7), 20.0)
    store.goals.check_in(rate.id, date(2026, 10, 5), 19.0)  # October: outside the daily window
    stages = {s.category: s.id for s in store.workspace.stages()}
    for title, category in (("Badge", "done"), ("Points", "after_release"), ("Wallet", "in_progress"),
                            ("Idea", "backlog"), ("Release note", "awaiting_release")):
        store.items.create(title=title, stage_id=stages[category], kr_id=rate.id)
    store.items.create(title="Unlinked", stage_id=stages["done"])

    [block] = okr_board(store, None, TODAY)
    assert block.objective.id == objective.id and block.owner == "Ann Lee"
    first, second = block.rows
    assert (first.kr.code, first.owner, first.delivered, first.in_progress) == ("O1-KR1", "Ann Lee", 2, 2)
    assert (first.figures.avg7, first.figures.avg7_days, first.figures.wow_pct) == (25.0, 1, 25.0)
    assert first.figures.progress == pytest.approx(0.5)
    assert [(m.month, m.target, m.actual, m.days) for m in first.figures.monthly] == [("2026-11", 24, 22.5, 2)]
    assert kr_row(store, rate.id, TODAY).figures.monthly == first.figures.monthly
    detail = kr_row(store, rate.id, TODAY, all_months=True)  # the detail has every month
    assert [(m.month, m.target, m.actual, m.days) for m in detail.figures.monthly] == [
        ("2026-10", 21, 19.0, 1), ("2026-11", 24, 22.5, 2)]
    assert detail.figures.avg7 == first.figures.avg7 and (detail.delivered, detail.owner) == (2, "Ann Lee")
    [full] = okr_board(store, None, TODAY, all_months=True)
    assert full.rows[0].figures.monthly == detail.figures.monthly
    assert (second.kr.id, second.owner, second.delivered, second.figures.avg7) == (churn.id, "", 0, None)
    other = store.portfolio.add_project("Elsewhere")
    assert okr_board(store, other.id, TODAY) == []


def test_the_board_reads_the_check_ins_once_and_averages_the_month_from_them(store, engine):
    """The board and a KR's row read the check-ins in one statement, from the first of the month on,
    and work this month's mean out of those days; only the detail (every month) asks for the monthly
    means.  The month's first day lies outside the 30-day window here: its value still counts."""
    from sqlalchemy import event

    month_end = date(2026, 12, 31)  # the window runs from 2 Dec; 1 Dec is this month's too
    objective = store.goals.add_objective("Faster answers")
    kr = store.goals.add_kr(objective.id, "First answer", unit="h", baseline=10, target=2, direction="lower",
                            monthly_targets={"2026-12": 4})
    for day, value in ((date(2026, 12, 1), 9.0), (date(2026, 12, 2), 3.0), (date(2026, 12, 30), 4.5),
                       (date(2026, 11, 30), 100.0)):  # November's: not this month's mean
        store.goals.check_in(kr.id, day, value)
    ran: list[str] = []

    def remember(_conn, _cursor, statement, *_rest) -> None:  # noqa: ANN001
        ran.append(statement)

    event.listen(engine, "before_cursor_execute", remember)
    try:
        [block] = okr_board(store, None, month_end)
        board_reads = [sql for sql in ran if "FROM checkin" in sql]
        ran.clear()
        row = kr_row(store, kr.id, month_end)
        row_reads = [sql for sql in ran if "FROM checkin" in sql]
        ran.clear()
        detail = kr_row(store, kr.id, month_end, all_months=True)
        detail_reads = [sql for sql in ran if "FROM checkin" in sql]
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert (len(board_reads), len(row_reads), len(detail_reads)) == (1, 1, 2)
    expected = [("2026-12", 4, pytest.approx(5.5), 3)]  # (9 + 3 + 4.5) / 3
    assert [(m.month, m.target, m.actual, m.days) for m in block.rows[0].figures.monthly] == expected
    assert [(m.month, m.target, m.actual, m.days) for m in row.figures.monthly] == expected
    assert [(m.month, m.target, m.actual, m.days) for m in detail.figures.monthly] == expected
    assert (len(row.figures.spark), row.figures.spark[0]) == (30, 3.0)  # from 2 Dec: 1 Dec is not drawn


def test_a_mapping_of_days_gives_the_same_figures_as_check_ins():
    checkins = [C(ago(0), 10), C(ago(2), 20), C(ago(9), 5)]
    assert kr_figures(Kr(), {c.day: c.value for c in checkins}, TODAY) == kr_figures(Kr(), checkins, TODAY)
