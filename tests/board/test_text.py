"""User text is data: markup-looking titles render literally; CJK and emoji keep columns aligned."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from tests.helpers import board_text
from widgets.board_layout import CardData
from widgets.card_view import card_text

TITLES = ["数据埋点评审 🚀 发布计划 and a long tail of words", "deadline [/", "[@click=app.quit]x[/]",
          "family 👨‍👩‍👧 ok 👍🏽", "[b]bold?[/b] \\[escaped]"]


def column_starts(line: str) -> list[int]:
    """The cell offsets of the card edges (▌) in a drawn line (graphemes measured as rich does)."""
    return [cell_len(line[:index]) for index, char in enumerate(line) if char == "▌"]


async def test_markup_and_wide_titles_render_literally_and_aligned(store, make_app):
    stages = store.workspace.stages()
    for index, title in enumerate(TITLES):
        store.items.create(title=title, stage_id=stages[index % 2].id)
        store.items.create(title="plain", stage_id=stages[2].id)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("BoardView")
        lines = board_text(app)
        text = "\n".join(lines)
        assert "deadline [/" in text and "[@click=app.quit]x[/]" in text and "[b]bold?[/b]" in text
        assert "数据埋点评审" in text and "🚀" in text
        width = view.scrollable_content_region.width
        assert all(view.render_line(y).cell_length == width for y in range(view.size.height))
        card_lines = [line for line in lines if "▌" in line]
        assert {tuple(column_starts(line)) for line in card_lines if len(column_starts(line)) == 3} == {(0, 30, 60)}
        await pilot.press("slash", *"[/", "enter")
        await pilot.pause()
        assert app.is_running  # a filter that looks like markup is just text


STYLES = {name: Style() for name in ("card", "cursor", "edge", "blocked", "owner", "oversized", "muted", "bug")}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(min_size=1, max_size=300), width=st.integers(min_value=4, max_value=60))
def test_a_card_line_is_always_exactly_its_width(title, width):
    card = CardData(id=1, version=1, stage_id=1, title=title, owner="ann", owner_name="Ann", estimate=3.0,
                    oversized=True, days=4, blocked=True, reason=title, kind="bug", priority="urgent",
                    iteration="", due="")
    for line in (0, 1):
        assert card_text(card, line, width, STYLES, focused=False).cell_len == width
