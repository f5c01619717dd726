"""Capacity logic, by hand-computed cases (the iteration of 2026-11-16 Mon to 2026-11-29 Sun: ten
working days)."""

from datetime import date

from cockpit.logic.capacity import Capacity, capacity, person_days, working_days

START, END = date(2026, 11, 16), date(2026, 11, 29)


def test_working_days_leave_out_weekends_and_days_off():
    assert working_days(START, END) == 10
    assert working_days(START, END, ["fri"]) == 8  # two Fridays
    assert working_days(START, END, ["2026-11-18", "sat", "2026-12-25"]) == 9  # one date inside, Saturday no work day
    assert working_days(date(2026, 11, 21), date(2026, 11, 22)) == 0  # a weekend
    assert working_days(END, START) == 0


def test_a_persons_days_are_their_working_days_times_their_share():
    assert person_days(100, [], START, END) == 10
    assert person_days(50, ["mon"], START, END) == 4  # 8 days at half time
    assert person_days(80, ["2026-11-20"], START, END) == 7.2


def test_committed_estimates_against_the_teams_capacity():
    team = [(100, []), (50, ["mon"]), (80, ["2026-11-20"])]  # 10 + 4 + 7.2
    cap = capacity(team, [2, 1.5, None, 2, None], START, END)
    assert (cap.committed, cap.capacity, cap.unestimated, cap.people) == (5.5, 21.2, 2, 3)
    assert not cap.over and cap.load == 26
    assert cap.short() == "5.5/21.2 pd"
    assert cap.text() == "Committed 5.5 of 21.2 person-days (26 %), 3 people; 2 cards not estimated"
    over = capacity([(50, [])], [2, 2, 2], START, END)
    assert over.over and over.short() == "6/5 pd!" and over.text().endswith("over capacity by 1 pd")
    assert Capacity(committed=3, capacity=0).text().startswith("Committed 3 pd; capacity unknown")
