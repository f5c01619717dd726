"""Every board key is in the footer or the F1 help and is a palette command; what cannot apply is greyed."""

from tests.helpers import cursor

BOARD_ACTIONS = ["Card above", "Card below", "Column left", "Column right", "◀ Move", "Move ▶", "Up in column",
                 "Down in column", "New", "Edit", "Delete", "Block", "Lanes", "Filter", "Undo", "Redo"]


async def test_f1_lists_every_board_key(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        help_text = app.screen.query_one("Markdown").source
        for description in BOARD_ACTIONS + ["Clear filter"]:
            assert f"| {description} |" in help_text, description
        assert "`H`" not in help_text or "shift+left" in help_text.lower() or "⇧" in help_text


async def test_every_board_action_is_a_palette_command(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")  # Bravo: the middle of the first column
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for description in BOARD_ACTIONS:
            if description != "◀ Move":  # greyed in the first stage, so not offered
                assert description in titles, description
        assert "◀ Move" not in titles
        await pilot.press("l")  # Delta, in the second stage
        assert "◀ Move" in {command.title for command in app.get_system_commands(app.screen)}


async def test_moves_that_cannot_apply_are_greyed_out(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert cursor(app).title == "Alpha"
        assert screen.check_action("move", (-1,)) is None and screen.check_action("move", (1,)) is True
        assert screen.check_action("reorder", (-1,)) is None and screen.check_action("reorder", (1,)) is True
        await pilot.press("l", "l")  # an empty column: nothing to edit, move or delete
        assert cursor(app) is None
        assert screen.check_action("edit", ()) is None and screen.check_action("delete", ()) is None
        assert screen.check_action("new", ()) is True
        await pilot.press("x", "b", "L")  # nothing happens, nothing is written
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen" and store.items.count() == 4
