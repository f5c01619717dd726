"""UI-free pieces: due dates, the filter line, the card form's checks and the board's arithmetic."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.logic.board_filter import parse_filter
from cockpit.logic.card_draft import DraftError, check_draft
from cockpit.logic.dates import DateError, describe, parse_due
from cockpit.widgets.board_layout import CARD_HEIGHT, BoardLayout, CardData

SUNDAY = date(2026, 11, 22)
WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(("text", "today", "expected"), [
    ("2026-12-04", SUNDAY, date(2026, 12, 4)),
    ("fri", SUNDAY, date(2026, 11, 27)),
    ("Friday", WEDNESDAY, date(2026, 11, 27)),
    ("wed", WEDNESDAY, WEDNESDAY),
    ("next mon", SUNDAY, date(2026, 11, 23)),
    ("next fri", WEDNESDAY, date(2026, 12, 4)),
    ("next mon", WEDNESDAY, date(2026, 11, 30)),
    ("+3d", SUNDAY, date(2026, 11, 25)),
    ("+2w", SUNDAY, date(2026, 12, 6)),
    ("+1m", date(2026, 1, 31), date(2026, 2, 28)),
    ("-1d", SUNDAY, date(2026, 11, 21)),
    ("today", SUNDAY, SUNDAY),
    ("tomorrow", SUNDAY, date(2026, 11, 23)),
    ("", SUNDAY, None),
    ("   ", SUNDAY, None),
])
def test_due_dates(text, today, expected):
    assert parse_due(text, today) == expected


@pytest.mark.parametrize("text", ["2026-12-4", "12/04", "2026-02-30", "20261204", "next", "fri fri", "+3x", "soon"])
def test_loose_or_wrong_dates_are_refused(text):
    with pytest.raises(DateError):
        parse_due(text, SUNDAY)


def test_describe_says_how_far():
    assert describe(date(2026, 11, 27), SUNDAY) == "Fri 27 Nov 2026 (in 5 days)"
    assert describe(SUNDAY, SUNDAY).endswith("(today)")


@given(st.text(max_size=40))
def test_any_text_is_a_date_or_a_date_error(text):
    try:
        result = parse_due(text, SUNDAY)
    except DateError as error:
        assert str(error)
    else:
        assert result is None or isinstance(result, date)


def test_filter_parses_owners_iterations_words():
    f = parse_filter("@Ann #0929 coupon  is:blocked Bulk")
    assert f.owners == ("ann",) and f.iterations == ("0929",) and f.words == ("coupon", "bulk") and f.blocked
    assert f.matches("Issue Bulk COUPON codes", "ann", "Ann Lee", "0929", blocked=True)
    assert not f.matches("Issue Bulk COUPON codes", "ann", "Ann Lee", "0929", blocked=False)
    assert not f.matches("Issue coupon codes", "ann", "Ann Lee", "0929", blocked=True)


def test_filter_owner_prefix_name_and_none():
    assert parse_filter("@fat").matches("x", "fatima", "Fatima Khan", None)
    assert parse_filter("@khan").matches("x", "fatima", "Fatima Khan", None)
    assert not parse_filter("@ben").matches("x", "fatima", "Fatima Khan", None)
    assert parse_filter("@none").matches("x", None, None, None)
    assert parse_filter("@ann @ben").matches("x", "ben", "Ben", None)  # several owners widen
    assert not parse_filter("").active and parse_filter("@a").active


@given(st.text(max_size=60))
def test_filter_never_crashes_on_user_text(text):
    f = parse_filter(text)
    assert isinstance(f.matches(text, "ann", "Ann", "0929"), bool)


@pytest.mark.parametrize(("values", "field"), [
    ({"title": ""}, "title"),
    ({"title": "   "}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"title": "ok", "estimate": "-1"}, "estimate"),
    ({"title": "ok", "estimate": "two"}, "estimate"),
    ({"title": "ok", "estimate": "nan"}, "estimate"),
    ({"title": "ok", "due": "2026-13-01"}, "due"),
    ({"title": "ok", "due": "someday"}, "due"),
])
def test_draft_errors_name_the_field(values, field):
    with pytest.raises(DraftError) as error:
        check_draft(values, SUNDAY)
    assert error.value.field == field and str(error.value).startswith(f"{field}: ")


def test_draft_accepts_good_input():
    draft = check_draft({"title": "  Ship \x1b[31m it ", "estimate": "1,5", "due": "fri", "kind": "bug"}, SUNDAY)
    assert (draft.title, draft.estimate, draft.due, draft.kind) == ("Ship [31m it", 1.5, date(2026, 11, 27), "bug")
    assert check_draft({"title": "x" * 200, "estimate": "0"}, SUNDAY).estimate == 0


def card(card_id: int, stage: int = 0, lane: str = "") -> CardData:
    return CardData(id=card_id, version=1, stage_id=stage, title=f"c{card_id}", owner="", owner_name="",
                    estimate=None, oversized=False, days=0, blocked=False, reason="", kind="task",
                    priority="medium", iteration="", due="", lane=lane)


def test_layout_without_lanes_is_arithmetic():
    layout = BoardLayout([[card(1), card(2)], [], [card(3)]])
    assert layout.height == 2 * CARD_HEIGHT
    assert layout.card_at(0, CARD_HEIGHT).id == 2 and layout.card_at(1, 0) is None
    assert layout.top_of(2) == CARD_HEIGHT and layout.neighbour(1, 1).id == 2 and layout.neighbour(1, -1) is None
    assert layout.nearest(2, 2 * CARD_HEIGHT).id == 3


def test_layout_lanes_line_up_across_columns():
    layout = BoardLayout([[card(1, lane="ann"), card(2, lane="ben"), card(3, lane="ann")], [card(4, lane="ben")]],
                         ["ann", "ben", "eve"])
    assert [lane.title for lane in layout.lanes] == ["ann", "ben"]  # empty lanes are not drawn
    ben = layout.lanes[1]
    assert ben.top == 1 + 2 * CARD_HEIGHT  # after ann's header and her two slots
    assert layout.top_of(4) == layout.top_of(2) == ben.top + 1
    assert layout.neighbour(1, 1).id == 3  # reordering stays inside the lane
    assert [c.id for c in layout.in_column(0)] == [1, 3, 2]
