"""User text is data: markup-looking titles render literally; CJK and emoji keep columns aligned."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from tests.helpers import board_text
from cockpit.widgets.board_layout import CardData
from cockpit.widgets.card_view import card_text

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


# --- typing joined emoji (issue 14, point 14) ------------------------------------------------------

FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"          # 👨‍👩‍👧: man ZWJ woman ZWJ girl
JOINED = f"Offsite {FAMILY} \U0001F1EB\U0001F1F7 \U0001F44D\U0001F3FD \u2764\ufe0f \U0001F3F3\ufe0f\u200d\U0001F308"


async def type_as_terminal(pilot, text: str) -> None:
    """Type ``text`` key by key as a real terminal delivers it: Textual's own input parser turns the
    characters into Key events, one per code point, sent to the app like the driver does.  (``pilot.press``
    cannot type a joiner or a skin tone: it rebuilds the character from its key name and loses those.)"""
    from textual._xterm_parser import XTermParser

    for event in XTermParser().feed(text):
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
    await pilot.pause()


async def test_joined_emoji_survive_typing_into_a_new_card(store, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "CardFormModal"
        await type_as_terminal(pilot, JOINED)
        assert app.screen.query_one("#title").value == JOINED
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"
        assert [item.title for item in store.items.all()] == [JOINED]
        assert FAMILY in "\n".join(board_text(app))


async def test_a_joiner_typed_in_the_board_filter_is_kept(store, make_app):
    stages = store.workspace.stages()
    store.items.create(title=f"plan the {FAMILY} day", stage_id=stages[0].id)
    store.items.create(title="the man \U0001F468 alone", stage_id=stages[0].id)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await type_as_terminal(pilot, FAMILY)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#board-filter").value == FAMILY
        text = "\n".join(board_text(app))
        assert "plan the" in text and "alone" not in text
