"""Pilot tests: the real keys on the board, checked on the screen and in the database."""

import re

from cockpit.palette import jump_to_item
from tests.helpers import board_text, cursor, typed


def ids_in(store, stage) -> list[int]:
    return [row.id for row in store.items.board_rows() if row.stage_id == stage.id]


async def test_board_shows_stages_wip_and_cards(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        text = "\n".join(board_text(app))
        assert re.search(r"Pending review +3 ", text) and re.search(r"◆ Pending development +1/8", text)
        assert "Alpha" in text and "@ann 1pd" in text and "3pd!" in text  # oversized estimate flagged
        assert cursor(app).title == "Alpha"


async def test_cursor_keys_move_between_cards_and_columns(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        assert cursor(app).title == "Bravo"
        await pilot.press("down")
        assert cursor(app).title == "Charlie"
        await pilot.press("k", "up")
        assert cursor(app).title == "Alpha"
        await pilot.press("l")
        assert cursor(app).title == "Delta"
        await pilot.press("right")
        assert cursor(app) is None and app.screen.query_one("BoardView").cursor_column == 2
        await pilot.press("h", "left")
        assert cursor(app).title == "Alpha"
        detail = app.screen.query_one("#board-detail").text.plain
        assert "Alpha" in detail and "@ann" in detail


async def test_move_back_without_gate_is_saved_and_undone(store, small, make_app):
    stages = small["stages"]
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")  # on Delta, in Pending development
        await pilot.press("H")
        assert store.items.get(small["D"].id).stage_id == stages[0].id
        assert cursor(app).title == "Delta" and cursor(app).stage_id == stages[0].id
        await pilot.press("u")
        await pilot.pause()
        assert store.items.get(small["D"].id).stage_id == stages[1].id
        assert cursor(app).stage_id == stages[1].id
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert store.items.get(small["D"].id).stage_id == stages[0].id
        await pilot.press("shift+right")  # into a gated stage: the gate opens
        await pilot.pause()
        assert type(app.screen).__name__ == "GateModal"


async def test_reorder_with_shift_keys_and_capitals(store, small, make_app):
    stages = small["stages"]
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("J")
        assert ids_in(store, stages[0]) == [small["B"].id, small["A"].id, small["C"].id]
        await pilot.press("shift+down")
        assert ids_in(store, stages[0]) == [small["B"].id, small["C"].id, small["A"].id]
        assert cursor(app).title == "Alpha"
        lines = [line for line in board_text(app) if "Alpha" in line or "Bravo" in line or "Charlie" in line]
        assert ["Bravo" in lines[0], "Charlie" in lines[1], "Alpha" in lines[2]] == [True, True, True]
        await pilot.press("K", "shift+up")
        assert ids_in(store, stages[0]) == [small["A"].id, small["B"].id, small["C"].id]
        await pilot.press("u")
        await pilot.pause()
        assert ids_in(store, stages[0]) == [small["B"].id, small["A"].id, small["C"].id]


async def test_block_asks_a_reason_and_unblock_is_undoable(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("enter")  # no reason: refused
        assert "reason" in str(app.screen.query_one("#form-error").render())
        await pilot.press(*"API keys [/b] late", "enter")
        await pilot.pause()
        item = store.items.get(small["A"].id)
        assert item.blocked and item.blocked_reason == "API keys [/b] late"
        assert "⊘" in "\n".join(board_text(app))
        assert "BLOCKED: API keys [/b] late" in app.screen.query_one("#board-detail").text.plain
        await pilot.press("b")
        await pilot.pause()
        assert not store.items.get(small["A"].id).blocked
        await pilot.press("u")
        await pilot.pause()
        assert store.items.get(small["A"].id).blocked
        assert cursor(app).blocked


async def test_delete_asks_first_and_undo_brings_it_back(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")  # no
        await pilot.pause()
        assert store.items.count() == 4
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.items.count() == 3
        assert "Alpha" not in "\n".join(board_text(app)) and cursor(app).title == "Bravo"
        await pilot.press("u")
        await pilot.pause()
        assert store.items.count() == 4 and "Alpha" in "\n".join(board_text(app))


async def test_swimlanes_cycle_owner_iteration_none(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        text = "\n".join(board_text(app))
        assert "Ann Lee (2)" in text and "Ben Okafor (1)" in text and "Unassigned (1)" in text
        await pilot.press("s")
        text = "\n".join(board_text(app))
        assert "0929 (1)" in text and "No iteration (3)" in text
        await pilot.press("s")
        assert "Unassigned" not in "\n".join(board_text(app)) and "No iteration" not in "\n".join(board_text(app))


async def test_filter_by_owner_iteration_and_text_and_escape_clears(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"@ann")
        await typed(pilot, app, "@ann")
        text = "\n".join(board_text(app))
        assert "Alpha" in text and "Delta" in text and "Bravo" not in text and "1 of 3" in text
        await pilot.press("enter")
        assert app.screen.focused is app.screen.query_one("BoardView")
        await pilot.press("slash", "end", *" #0929")  # / again selects the filter; end keeps it
        await typed(pilot, app, "@ann #0929")
        text = "\n".join(board_text(app))
        assert "Alpha" in text and "Delta" not in text
        await pilot.press("escape")
        await typed(pilot, app, "")
        text = "\n".join(board_text(app))
        assert all(name in text for name in ("Alpha", "Bravo", "Charlie", "Delta"))
        await pilot.press("slash", *"char", "enter")
        await typed(pilot, app, "char")
        assert "Charlie" in "\n".join(board_text(app)) and "Alpha" not in "\n".join(board_text(app))
        assert cursor(app).title == "Charlie"
        await pilot.press("escape")
        await typed(pilot, app, "")
        assert "Alpha" in "\n".join(board_text(app))


async def test_undo_survives_a_screen_reload(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("J")
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert [c.title for c in app.screen.query_one("BoardView").layout_data.in_column(0)] == \
            ["Alpha", "Bravo", "Charlie"]


async def test_focus_item_jumps_to_a_card_and_clears_a_hiding_filter(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"bravo")
        await typed(pilot, app, "bravo")
        await pilot.press("enter")
        jump_to_item(app, small["D"].id)  # what the palette does when a card is chosen
        await pilot.pause()
        await pilot.pause()
        assert cursor(app).title == "Delta" and app.screen.model.filter_text == ""


async def test_changes_from_another_window_show_on_refresh_keeping_the_cursor(engine, store, small, make_app):
    from cockpit.db.store import Store

    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")  # Bravo
        other = Store(engine, actor="bob", clock=store.clock)
        other.items.create(title="From Bob", stage_id=small["stages"][0].id)
        other.items.update(small["A"].id, other.items.get(small["A"].id).version, title="Alpha renamed")
        app.screen.refresh_data()
        await pilot.pause()
        text = "\n".join(board_text(app))
        assert "From Bob" in text and "Alpha renamed" in text and cursor(app).title == "Bravo"
