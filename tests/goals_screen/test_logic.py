"""The Goals screen's UI-free pieces: naming a KR by what is typed, the OKR filter, the board's
``kr:`` filter, the text sparkline."""

import pytest

from cockpit.logic.board_filter import parse_filter
from cockpit.logic.kr_pick import KrChoice, KrPickError, completion, pick_kr
from cockpit.logic.okr_filter import parse_okr_filter
from cockpit.widgets.okr_cells import spark_text

KRS = [KrChoice(1, "O1-KR1", "Checkout conversion to 3%"), KrChoice(2, "O1-KR2", "Checkout time under 40 s"),
       KrChoice(3, "O2-KR1", "Support tickets per 1,000 orders")]


@pytest.mark.parametrize(("typed", "expected"), [
    ("", None), ("   ", None), ("o1-kr2", 2), ("O2-KR1", 3), ("O2", 3), ("o2-kr1 · Support tickets", 3),
    ("tickets", 3), ("checkout time", 2), ("CONVERSION", 1),
])
def test_a_kr_is_named_by_code_prefix_or_title_words(typed, expected):
    chosen = pick_kr(typed, KRS)
    assert (chosen.id if chosen else None) == expected


@pytest.mark.parametrize(("typed", "message"), [
    ("checkout", "matches 2 key results (O1-KR1, O1-KR2)"), ("O1", "matches 2"), ("refunds", "no key result matches"),
])
def test_an_ambiguous_or_unknown_kr_says_which(typed, message):
    with pytest.raises(KrPickError, match=message.replace("(", r"\(").replace(")", r"\)")):
        pick_kr(typed, KRS)


def test_completion_fills_in_the_one_code_that_starts_so():
    assert completion("o2", KRS) == "o2-KR1 · Support tickets per 1,000 orders"
    assert completion("O1-KR", KRS) is None  # two of them
    assert completion("", KRS) is None


def test_the_okr_filter_reads_owners_modules_and_words():
    okr = parse_okr_filter("@fat mod:pay conv")
    assert okr.matches(text="O1-KR1 Checkout conversion", owner_handle="fatima", module="Payments")
    assert not okr.matches(text="O1-KR1 Checkout conversion", owner_handle="ann", module="Payments")
    assert not okr.matches(text="O1-KR1 Checkout conversion", owner_handle="fatima", module="Growth")
    assert not okr.matches(text="O1-KR2 Checkout time", owner_handle="fatima", module="Payments")
    assert parse_okr_filter("@ann").matches(text="x", owner_name="Ann Lee")
    assert not parse_okr_filter("").active


def test_the_board_filter_names_a_kr():
    wanted = parse_filter("kr:O1-KR2")
    assert wanted.active and wanted.describe() == "kr:O1-KR2"
    assert wanted.matches("Pay faster", "ann", "Ann", None, kr="O1-KR2")
    assert not wanted.matches("Pay faster", "ann", "Ann", None, kr="O1-KR1")
    assert not wanted.matches("Pay faster", "ann", "Ann", None)
    objective = parse_filter("kr:o1")
    assert objective.matches("x", None, None, None, kr="O1-KR1") and not objective.matches("x", None, None, None, kr="O11-KR1")
    assert parse_filter("kr:none").matches("x", None, None, None) and not parse_filter("kr:none").matches(
        "x", None, None, None, kr="O1-KR1")


def test_the_sparkline_scales_between_the_lowest_and_highest_and_leaves_gaps():
    assert spark_text([1.0, 2.0, 3.0], 3) == "▁▅█"
    assert spark_text([None, 5.0, 5.0], 3) == " ██"
    assert spark_text([float(n) for n in range(30)], 15)[0] == "▁" and spark_text([float(n) for n in range(30)], 15)[-1] == "█"
    assert spark_text([None] * 30, 10) == " " * 10
    assert len(spark_text([1.0] * 30, 10)) == 10
