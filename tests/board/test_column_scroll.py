"""Each column of the board scrolls on its own (no swimlanes): the cursor, the page keys and the wheel
move one column's window; a stage move scrolls and repaints only the two columns it touched; a column
longer than its window says so at its edges.  With swimlanes the columns keep one shared scroll."""

from textual import events

from tests.board.test_repaint import Written, whole_screen
from tests.helpers import board_text, cursor, until


def fill(store, counts: list[int]) -> list:
    """``counts[i]`` cards in stage ``i`` (titled "S<i> card <n>")."""
    stages = store.workspace.stages()
    for number, count in enumerate(counts):
        for i in range(count):
            store.items.create(title=f"S{number} card {i}", stage_id=stages[number].id, estimate=1)
    store.forget_undo()
    return stages


def column_text(app, column: int) -> list[str]:  # noqa: ANN001
    """What one column shows on screen, line by line (header included)."""
    view = app.screen.query_one("BoardView")
    _fit, width = view.geometry()
    start = (column - view.first_column) * width
    return [line[start:start + width - 1] for line in board_text(app)]


async def test_a_stage_move_scrolls_and_repaints_only_the_two_columns_it_touched(store, make_app):
    stages = fill(store, [40, 12, 40, 40, 5, 5])
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        view = app.screen.query_one("BoardView")
        await pilot.press("l", "l", "end", "h", "home")  # column 2 scrolled to its end; the cursor in column 1
        await until(pilot, lambda: cursor(app) is not None and cursor(app).title == "S1 card 0", "column 1")
        await pilot.pause()
        tops = list(view.windows.tops)
        assert tops[2] == 40 - view.windows.rows > 0 and tops[0] == 0
        others = {index: column_text(app, index) for index in (2, 3, 4, 5)}
        written = Written(app)
        full = await whole_screen(pilot, app, written)
        await pilot.press("H")  # into Pending review, at the bottom of its 40 cards
        await until(pilot, lambda: store.items.get(cursor(app).id).stage_id == stages[0].id, "the move saved")
        await until(pilot, lambda: view.cursor_column == 0, "the cursor to follow the card")
        await pilot.pause()
        assert [r.title for r in store.items.board_rows() if r.stage_id == stages[0].id][-1] == "S1 card 0"
        assert view.windows.tops[0] == 41 - view.windows.rows  # the target column scrolled to its new last card
        assert view.windows.tops[1:] == tops[1:]  # every other column stayed where it was
        shown = column_text(app, 0)
        assert any(line.startswith("▌ S1 card 0") for line in shown)  # the card is on screen, at the bottom
        assert shown[1].startswith(f"─ ↑ {41 - view.windows.rows} more")
        assert {index: column_text(app, index) for index in (2, 3, 4, 5)} == others
        moved = written.take()
        assert moved < full * 0.45, f"a stage move wrote {moved} of a whole screen's {full}"


async def test_the_page_keys_scroll_the_focused_column_only(store, make_app):
    fill(store, [40, 40, 3, 0, 0, 0])
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        view = app.screen.query_one("BoardView")
        rows = view.windows.rows
        await pilot.press("pagedown")
        await until(pilot, lambda: cursor(app).title == f"S0 card {rows}", "a page down")
        assert view.windows.tops[:2] == [rows, 0]
        assert column_text(app, 0)[2].startswith(f"▌ S0 card {rows}")  # the cursor keeps its place on screen
        assert column_text(app, 1)[2].startswith("▌ S1 card 0")
        await pilot.press("l", "pagedown", "pagedown", "pagedown")
        assert 3 * rows > 40 - rows  # the third page stops at the column's end
        await until(pilot, lambda: cursor(app).title == f"S1 card {3 * rows}", "three pages down in column 1")
        assert view.windows.tops[:2] == [rows, 40 - rows]
        await pilot.press("pageup")
        await until(pilot, lambda: cursor(app).title == f"S1 card {2 * rows}", "a page up")
        assert view.windows.tops[:2] == [rows, 40 - 2 * rows]
        await pilot.press("home")
        await until(pilot, lambda: view.windows.tops[1] == 0, "the first card")
        assert cursor(app).title == "S1 card 0" and view.windows.tops[0] == rows


async def test_a_long_column_says_how_many_cards_lie_beyond_its_edges(store, make_app):
    fill(store, [1040, 3, 0, 0, 0, 0])
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        view = app.screen.query_one("BoardView")
        rows = view.windows.rows
        first, second = column_text(app, 0), column_text(app, 1)
        assert first[1].startswith("─" * 10) and first[-1].strip() == f"↓ {1040 - rows:,} more"
        assert second[-1].strip() == ""  # a short column has nothing beyond its window
        await pilot.press("end")
        await until(pilot, lambda: cursor(app).title == "S0 card 1039", "the last card")
        first = column_text(app, 0)
        assert first[1].startswith(f"─ ↑ {1040 - rows:,} more ─") and first[-1].strip() == ""
        await pilot.press("pageup")
        await until(pilot, lambda: view.windows.tops[0] == 1040 - 2 * rows, "a page up")
        first = column_text(app, 0)
        assert first[1].startswith(f"─ ↑ {1040 - 2 * rows:,} more") and first[-1].strip() == f"↓ {rows} more"


async def test_the_wheel_scrolls_the_column_under_the_pointer(store, make_app):
    fill(store, [40, 40, 0, 0, 0, 0])
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        view = app.screen.query_one("BoardView")
        _fit, width = view.geometry()
        for _ in range(3):  # the pointer over column 1: only it scrolls, the cursor stays in column 0
            await pilot._post_mouse_events([events.MouseScrollDown], view, offset=(width + 3, 10))
        await until(pilot, lambda: view.windows.tops[1] == 3, "column 1 scrolled by three cards")
        assert view.windows.tops[0] == 0 and cursor(app).title == "S0 card 0"
        assert column_text(app, 1)[2].startswith("▌ S1 card 3") and column_text(app, 1)[1].startswith("─ ↑ 3 more")
        await pilot._post_mouse_events([events.MouseScrollUp], view, offset=(width + 3, 10))
        await until(pilot, lambda: view.windows.tops[1] == 2, "one card back")


async def test_swimlanes_keep_one_shared_scroll(store, make_app):
    fill(store, [40, 40, 0, 0, 0, 0])
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        view = app.screen.query_one("BoardView")
        await pilot.press("s")  # swimlanes by owner (here one lane: nobody owns a card)
        await until(pilot, lambda: not view.per_column, "swimlanes")
        await pilot.press("end")
        await until(pilot, lambda: cursor(app).title == "S0 card 39", "the last card")
        assert view.scroll_y > 0  # the whole board scrolled: column 1 moved with column 0
        text = column_text(app, 1)
        assert "S1 card 0" not in "".join(text) and any("S1 card 39" in line for line in text)
        assert not any("more" in line for line in board_text(app))
        await pilot.press("s", "s")  # by iteration, then none: the columns scroll on their own again
        await until(pilot, lambda: view.per_column, "no swimlanes")
        assert view.scroll_y == 0 and view.windows.tops[1] == 0 and cursor(app).title == "S0 card 39"
        assert any(line.startswith("▌ S0 card 39") for line in column_text(app, 0))
