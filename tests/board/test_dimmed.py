"""The board below a dialog is dimmed from a cache of its tinted lines (issue 15): the same lines as
Textual's ``BackgroundScreen`` draws, and never a stale board: a change under the dialog shows."""

from textual._context import visible_screen_stack
from textual.renderables.background_screen import BackgroundScreen
from textual.visual import Visual, visualize

from cockpit.dimmed import DimmedBelow, dimmed_lines
from cockpit.screens.shared.confirm import ConfirmModal
from tests.board.test_dialog_paint import Painted, settle
from tests.board.test_repaint import fill
from tests.helpers import board_text, cursor, until


def textual_dims(modal, below) -> list[list]:  # noqa: ANN001
    """What Textual 8 renders for the screen below ``modal`` (the segments of each line)."""
    width, height = modal.size
    visual = visualize(modal, BackgroundScreen(below, modal.styles.background))
    return [list(strip) for strip in Visual.to_strips(modal, visual, width, height, modal.visual_style)]


async def open_question(pilot, app):  # noqa: ANN001, ANN201
    await until(pilot, lambda: cursor(app) is not None, "the board")
    board = app.screen
    await pilot.press("L")  # "Pending development" is over its WIP limit: the full column's question
    await until(pilot, lambda: isinstance(app.screen, ConfirmModal) and app.screen.query("#no"), "the question")
    await settle(pilot)
    return board, app.screen


async def test_the_dimmed_board_is_what_textual_draws(store, make_app):
    fill(store)
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        board, modal = await open_question(pilot, app)
        visible_screen_stack.set(app._background_screens)  # as Textual's compositor sets it to render
        assert isinstance(modal.render(), DimmedBelow)  # the dialog draws the board from the cache
        theirs = textual_dims(modal, board)
        ours = [list(strip) for strip in dimmed_lines(board, modal.styles.background, *modal.size, modal.visual_style.rich_style)]
        assert ours == theirs
        again = [list(strip) for strip in dimmed_lines(board, modal.styles.background, *modal.size, modal.visual_style.rich_style)]
        assert again == theirs  # from the cache: the same


async def test_a_change_under_the_dialog_shows_dimmed_and_after_it(store, make_app):
    fill(store)
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        board, modal = await open_question(pilot, app)
        painted = Painted(app)
        first = next(item for item in store.items.board_rows() if item.title == "S2 card 0")
        store.items.update(first.id, first.version, title="Renamed under the dialog")  # as another window would
        board.refresh_data()  # the board reloads under the dialog (a live update)
        await until(pilot, lambda: any("Renamed under" in update for update in painted.updates), "the dimmed board repainted")
        await settle(pilot)
        assert app.screen is modal and "is full" in painted.updates[-1] or any("is full" in u for u in painted.updates)
        ours = [list(strip) for strip in dimmed_lines(board, modal.styles.background, *modal.size, modal.visual_style.rich_style)]
        assert ours == textual_dims(modal, board)  # the cached lines of the old title are not used
        assert any("Renamed under" in "".join(segment.text for segment in line) for line in ours)
        painted.take()
        await pilot.press("n")
        await until(pilot, lambda: app.screen is board and painted.updates, "the board again")
        assert any("Renamed under" in line for line in board_text(app))
        assert store.items.get(first.id).title == "Renamed under the dialog"
        assert [r.stage_id for r in store.items.board_rows() if r.id == first.id] == [first.stage_id]
