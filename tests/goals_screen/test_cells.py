"""The OKR board's cells drawn straight to segments (``cell_lines``) look exactly as Rich draws them
(``DataTable``'s way: the cell padded and styled through Rich), character for character and style
for style, in every column, narrow and wide, on the cursor row and off it; a line that does not fit
is left to Rich."""

import pytest
from rich.console import Console
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from textual.renderables.styled import Styled

from cockpit.widgets.okr_cells import LazyCell, cell_lines, kr_cell
from cockpit.widgets.okr_table import COLUMNS, OkrLine

LINES = [
    OkrLine(key="o:1", objective_id=1, kr_id=None, code="O1", title="Make self-serve onboarding the default",
            detail="Jan 1 – Mar 31", owner="ann", achieved=True),
    OkrLine(key="o:2", objective_id=2, kr_id=None, code="O2", title="Cut costs", owner="", achieved=False),
    OkrLine(key="k:1", objective_id=1, kr_id=1, code="O1-KR1", title="Activation within a day of signing up",
            detail="activation % · higher is better", owner="bo", module="payments", delivered=3, in_progress=2,
            target="60%", baseline="41%", average="52.5", days=6, change="+4.1%", change_sign=1,
            change_up=True, progress=0.6, spark=tuple(float(n % 7) if n % 5 else None for n in range(30))),
    OkrLine(key="k:2", objective_id=1, kr_id=2, code="O1-KR2", title="Tickets", detail="tickets · lower",
            target="10", baseline="40", average="35", days=7, change="-3.0%", change_sign=-1, change_up=False,
            progress=1.2, spark=(None,) * 30),
    OkrLine(key="k:3", objective_id=1, kr_id=3, code="O1-KR3", title="No data yet", target="1", baseline="0"),
]
CURSOR = Style(color="black", bgcolor="yellow", bold=True)


def styled_cells(lines: list[list[Segment]]) -> list[list[tuple[str, Style]]]:
    """Each line as (character, style) pairs: what a terminal shows, whatever the segments' cuts."""
    return [[(char, segment.style or Style.null()) for segment in line for char in segment.text] for line in lines]


@pytest.mark.parametrize("line", LINES, ids=lambda line: line.key)
@pytest.mark.parametrize("width", [8, 12, 20])
@pytest.mark.parametrize("post", [Style.null(), Style(bgcolor="blue")], ids=["no-post", "post"])
def test_a_cell_is_drawn_as_rich_draws_it(line, width, post):
    console = Console(width=120, color_system="truecolor")
    height = 1 if line.kr_id is None else 2
    drawn = 0
    for key in COLUMNS:
        cell = LazyCell(lambda key=key: kr_cell(line, key, width - 2))
        for pre in (Style(bgcolor="#202020") + Style.from_meta({"row": 3, "column": 1}), CURSOR):
            ours = cell_lines(console, cell.lines, width, height, 1, pre, post)
            options = console.options.update_dimensions(width, height)
            rich = console.render_lines(Styled(Padding(cell, (0, 1)), pre_style=pre, post_style=post),
                                        options.update(no_wrap=True) if height == 1 else options)
            if ours is None:  # Rich wraps it: only when a line is wider than the column
                assert max(len(part) for part in str(cell).split("\n")) > width - 2, f"{key} at {width}"
                continue
            drawn += 1
            assert styled_cells(ours) == styled_cells(rich), f"{line.key} {key} at {width}"
    assert drawn >= len(COLUMNS), "most cells are drawn directly"


def test_a_line_that_does_not_fit_is_left_to_rich():
    console = Console(width=120)
    wide = (("a title far wider than its column", ""),)
    assert cell_lines(console, (wide,), 12, 1, 1, Style.null(), Style.null()) is None
    assert cell_lines(console, ((("a\ttab", ""),),), 12, 1, 1, Style.null(), Style.null()) is None
    assert cell_lines(console, (wide,), 40, 1, 1, Style.null(), Style.null()) is not None


def test_a_cell_reads_as_its_words_and_equals_a_cell_of_the_same_runs():
    first = LazyCell(lambda: kr_cell(LINES[2], "avg", 10))
    assert str(first) == "52.5 ·6d\n▲ +4.1%"
    assert first == LazyCell(lambda: kr_cell(LINES[2], "avg", 10))
    assert first != LazyCell(lambda: kr_cell(LINES[3], "avg", 10))
    assert first.text.plain == str(first)
