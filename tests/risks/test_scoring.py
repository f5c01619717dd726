"""Scoring, severity bands, heat map counts, review state and the table filter."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.logic.risk_scoring import (
    RiskFilter,
    band,
    band_ranges,
    heat_counts,
    in_review_queue,
    review_state,
    score,
)
from cockpit.db.models_risks import RiskRead

TODAY = date(2026, 11, 22)
NOW = "2026-11-22T09:00:00+00:00"


def risk(id=1, p=3, i=3, **fields) -> RiskRead:  # noqa: A002
    data = {"id": id, "project_id": 1, "title": f"Risk {id}", "probability": p, "impact": i,
            "created": NOW, "updated": NOW, "version": 1} | fields
    return RiskRead.model_validate(data)


@pytest.mark.parametrize(("value", "expected"), [
    (1, "low"), (4, "low"), (5, "medium"), (9, "medium"), (10, "high"), (16, "high"), (20, "critical"),
    (25, "critical"),
])
def test_default_bands_follow_the_issue(value, expected):
    assert band(value) == expected


def test_every_possible_score_has_the_band_of_its_range():
    seen = {}
    for p in range(1, 6):
        for i in range(1, 6):
            seen.setdefault(band(score(p, i)), set()).add(p * i)
    assert seen == {"low": {1, 2, 3, 4}, "medium": {5, 6, 8, 9}, "high": {10, 12, 15, 16}, "critical": {20, 25}}


def test_configured_thresholds_move_the_bands():
    assert band(12, (2, 6, 11)) == "critical"
    assert band(4, (2, 6, 11)) == "medium"
    assert band_ranges((2, 6, 11)) == {"low": "1–2", "medium": "3–6", "high": "8–10", "critical": "12–25"}
    assert band_ranges() == {"low": "1–4", "medium": "5–9", "high": "10–16", "critical": "20–25"}


@given(st.integers(1, 5), st.integers(1, 5))
def test_score_is_probability_times_impact(p, i):
    assert score(p, i) == p * i == risk(p=p, i=i).score


@pytest.mark.parametrize(("p", "i"), [(0, 3), (6, 1), (3, -1)])
def test_score_refuses_values_outside_one_to_five(p, i):
    with pytest.raises(ValueError):
        score(p, i)


def test_heat_counts_count_active_risks_per_cell_and_skip_closed():
    risks = [risk(1, 5, 5), risk(2, 5, 5), risk(3, 1, 2), risk(4, 5, 5, status="closed"),
             risk(5, 2, 2, status="occurred")]
    counts = heat_counts(risks)
    assert len(counts) == 25
    assert counts[(5, 5)] == 2 and counts[(1, 2)] == 1 and counts[(2, 2)] == 1
    assert sum(counts.values()) == 4


def test_residual_heat_map_uses_residual_cells_and_falls_back_to_inherent():
    risks = [risk(1, 5, 5, residual_probability=2, residual_impact=3), risk(2, 4, 4)]
    residual = heat_counts(risks, "residual")
    assert residual[(2, 3)] == 1 and residual[(4, 4)] == 1 and residual[(5, 5)] == 0
    assert heat_counts(risks, "inherent")[(5, 5)] == 1


def test_review_state_and_queue():
    assert review_state(risk(next_review=TODAY - timedelta(days=1)), TODAY) == "overdue"
    assert review_state(risk(next_review=TODAY + timedelta(days=2)), TODAY) == "due"
    assert review_state(risk(next_review=TODAY + timedelta(days=3)), TODAY) == "ok"
    assert review_state(risk(), TODAY) == "none"
    assert review_state(risk(next_review=TODAY - timedelta(days=9), status="closed"), TODAY) == "none"
    assert in_review_queue(risk(next_review=TODAY), TODAY)
    assert not in_review_queue(risk(next_review=TODAY + timedelta(days=5)), TODAY)


def test_filter_terms_text_owner_status_category_cell_and_queue():
    risks = [
        risk(1, 4, 5, title="Coupon abuse", category="Security", owner_handle="eli", owner_name="Eli Novak"),
        risk(2, 2, 3, title="Vendor late", category="Vendor", status="occurred", owner_handle="ben",
             next_review=TODAY),
        risk(3, 4, 5, title="Old worry", status="closed"),
    ]

    def ids(flt):
        return [r.id for r in risks if flt.matches(r, TODAY)]

    assert ids(RiskFilter("coupon")) == [1]
    assert ids(RiskFilter("@ben")) == [2]
    assert ids(RiskFilter("@novak")) == [1]
    assert ids(RiskFilter("status:occ")) == [2]
    assert ids(RiskFilter("cat:sec")) == [1]
    assert ids(RiskFilter("vendor status:occurred")) == [2]
    assert ids(RiskFilter(cell=(4, 5))) == [1]  # closed risks are not on the heat map
    assert ids(RiskFilter(queue=True)) == [2]
    assert ids(RiskFilter("")) == [1, 2, 3]
    assert not RiskFilter().active and RiskFilter(queue=True).active
