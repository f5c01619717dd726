"""The table and heat map widgets on their own: user text stays text, cells map to clicks."""

from hypothesis import given
from hypothesis import strategies as st

from cockpit.db.text import clean_line
from cockpit.widgets.risk_detail import history_line
from cockpit.widgets.risk_heatmap import RiskHeatMap
from cockpit.widgets.risk_table import RiskRow, RiskTable


@given(st.text(min_size=1, max_size=80))
def test_any_title_is_drawn_literally(title):
    title = clean_line(title) or "x"
    cell = RiskTable._cell("title", RiskRow(id=1, title=title), 200)
    assert cell.plain == title and not cell.spans  # no markup parsed out of it


def test_confidential_marker_and_overdue_review():
    from datetime import date

    row = RiskRow(id=1, title="Budget cut", confidential=True, next_review=date(2026, 11, 19), review_state="overdue")
    assert RiskTable._cell("title", row, 40).plain == "🔒 Budget cut"
    assert RiskTable._cell("next_review", row, 40).plain == "!19 Nov"


def test_heat_map_cell_under_a_point():
    heat = RiskHeatMap()
    assert heat.cell_at(3, 1) == (5, 1)  # first cell of the top row
    assert heat.cell_at(3 + 4 * heat.cell_width, 5) == (1, 5)
    assert heat.cell_at(0, 3) is None and heat.cell_at(5, 0) is None


def test_history_line_keeps_distinct_scores():
    from datetime import datetime, timezone

    from cockpit.db.models_risks import ScorePoint

    at = datetime(2026, 11, 1, tzinfo=timezone.utc)
    points = [ScorePoint(at=at, actor="a", probability=p, impact=2) for p in (1, 2, 2, 3, 4, 5, 4, 3, 2)]
    assert history_line(points) == "… → 6 → 8 → 10 → 8 → 6 → 4"
    assert history_line([]) == ""
