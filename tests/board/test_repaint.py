"""What a key repaints (issue 15): only the cells that changed, counted in the updates the app hands
to its terminal driver (``App._display``: what a real terminal would be sent), never a whole screen
for a cursor key or a reorder."""

from textual.app import App

from tests.helpers import board_text, cursor, footer_keys, until


class Written:
    """Records the size of every screen update the app writes (its terminal bytes, as text)."""

    def __init__(self, app: App) -> None:
        self.sizes: list[int] = []
        display = app._display

        def record(screen, renderable) -> None:  # noqa: ANN001
            if renderable is not None and hasattr(renderable, "render_segments"):
                self.sizes.append(len(renderable.render_segments(app.console)))
            display(screen, renderable)

        app._display = record  # type: ignore[method-assign]

    def take(self) -> int:
        total = sum(self.sizes)
        self.sizes.clear()
        return total


def fill(store, per_stage: int = 12) -> list:
    """``per_stage`` cards in each of the six stages: every column of the board has cards on screen."""
    stages = store.workspace.stages()
    for number, stage in enumerate(stages):
        for i in range(per_stage):
            store.items.create(title=f"S{number} card {i}", stage_id=stage.id, estimate=1)
    store.forget_undo()
    return stages


async def whole_screen(pilot, app: App, written: Written) -> int:
    """The size of one repaint of the whole screen, the yardstick."""
    await pilot.pause()
    written.take()
    app.screen.refresh()
    await until(pilot, lambda: written.sizes, "a whole repaint")
    await pilot.pause()
    return written.take()


async def test_a_cursor_key_repaints_two_cards_and_the_detail_bar(store, make_app):
    fill(store)
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        written = Written(app)
        full = await whole_screen(pilot, app, written)
        for key, title in (("j", "S0 card 1"), ("j", "S0 card 2"), ("k", "S0 card 1")):
            await pilot.press(key)
            await until(pilot, lambda: title in app.screen.query_one("#board-detail").text.plain, "the detail bar")
            await pilot.pause()
            assert cursor(app).title == title
            assert written.take() < full / 8, f"{key} repainted far more than two cards"
        await pilot.press("l")  # another column: its header and the card under the cursor
        await until(pilot, lambda: cursor(app).stage_id != app.screen.model.stages[0].id, "the next column")
        await pilot.pause()
        assert written.take() < full / 8


async def test_a_reorder_repaints_the_two_cards_it_swapped(store, make_app):
    stages = fill(store)
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        await pilot.press("j")
        await pilot.pause()
        written = Written(app)
        full = await whole_screen(pilot, app, written)
        view = app.screen.query_one("BoardView")
        scroll = view.scroll_y
        await pilot.press("J")
        await until(pilot, lambda: [r.title for r in store.items.board_rows() if r.stage_id == stages[0].id][1:3]
                    == ["S0 card 2", "S0 card 1"], "the reorder saved")
        await until(pilot, lambda: view.layout_data.in_column(0)[2].title == "S0 card 1", "the board reloaded")
        await pilot.pause()
        assert cursor(app).title == "S0 card 1" and view.scroll_y == scroll  # the cursor follows, the view stays
        first_column = [line[:26] for line in board_text(app)]
        assert first_column.index("▌ S0 card 2               ") < first_column.index("▌ S0 card 1               ")
        assert written.take() < full / 8, "a reorder repainted far more than two cards"


async def test_a_dialog_keeps_the_board_scope_in_the_header(store, small, make_app):
    """With a dialog on top, the header still says what the board under it shows: the sub-title
    flipping to the iteration and back repainted the whole screen behind the dialog each time."""
    from cockpit.screens.shared.confirm import ConfirmModal

    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        scope = app.screen.header_scope()
        assert scope and scope in app.sub_title
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal), "the delete question")
        app.title_line.update()  # as the header's every-second tick does during a meeting
        assert scope in app.sub_title
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmModal), "the board again")
        assert scope in app.sub_title and len(store.items.board_rows()) == 4


async def test_a_key_that_greys_a_footer_key_is_one_update(store, make_app):
    """From the first column ``l`` lights "◀ Move" and ``h`` greys it again: the footer key is painted
    in the same update as the cards and the detail bar, not in one of its own a frame later."""
    fill(store)
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: cursor(app) is not None, "the board")
        def move_left_greyed() -> bool:
            return not next(key for key in footer_keys(app).values() if key.action == "move(-1)").applies

        assert move_left_greyed()  # nothing is left of the first column
        written = Written(app)
        await pilot.pause()
        written.take()
        for key, title, greyed in (("l", "S1 card 0", False), ("h", "S0 card 0", True)):
            await pilot.press(key)
            await until(pilot, lambda: title in app.screen.query_one("#board-detail").text.plain
                        and move_left_greyed() == greyed, "the detail bar and the footer")
            await pilot.pause()
            assert move_left_greyed() == greyed and cursor(app).title == title
            assert len(written.sizes) == 1, f"{key} reached the terminal in {len(written.sizes)} updates"
            written.take()
