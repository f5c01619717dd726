"""Why a card is blocked: the detail bar's second line is on screen (not under the footer) at every
width, and the card form shows and edits the block reason through the store."""

import pytest

from tests.helpers import cursor, on_screen, until


def screen_lines(app) -> list[str]:  # noqa: ANN001
    """What the terminal shows, line by line (every layer composed: the footer over the board...)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_the_block_reason_and_split_it_show_below_the_board(store, small, make_app, size):
    store.items.set_blocked(small["C"].id, small["C"].version, True, "waiting for the partner's keys")
    store.forget_undo()
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("j")  # Bravo: 3 person-days
        await until(pilot, lambda: cursor(app).title == "Bravo")
        lines = screen_lines(app)
        assert any("estimate above 2 person-days: split it" in line for line in lines), "\n".join(lines[-4:])
        await pilot.press("j")  # Charlie: blocked
        await until(pilot, lambda: cursor(app).title == "Charlie")
        lines = screen_lines(app)
        assert any("BLOCKED: waiting for the partner's keys" in line for line in lines), "\n".join(lines[-4:])
        assert "Move" in lines[-1]  # the footer keeps the last line


async def test_the_card_form_shows_and_edits_the_block_reason(store, small, make_app):
    card = store.items.set_blocked(small["C"].id, small["C"].version, True, "waiting for keys")
    store.forget_undo()
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "e")
        await until(pilot, on_screen(app, "CardFormModal"))
        form = app.screen
        field = form.query_one("#blocked-reason")
        assert field.value == "waiting for keys"
        field.focus()
        await pilot.press("ctrl+u", *"keys arrive Friday", "ctrl+s")
        await until(pilot, on_screen(app, "BoardScreen"))
        stored = store.items.get(card.id)
        assert stored.blocked and stored.blocked_reason == "keys arrive Friday"
        assert stored.version == card.version + 1
        assert any("BLOCKED: keys arrive Friday" in line for line in screen_lines(app))
        # emptying the reason unblocks the card; u undoes it
        await pilot.press("e")
        await until(pilot, on_screen(app, "CardFormModal"))
        app.screen.query_one("#blocked-reason").focus()
        await pilot.press("ctrl+u", "ctrl+s")
        await until(pilot, on_screen(app, "BoardScreen"))
        assert not store.items.get(card.id).blocked
        await pilot.press("u")
        await until(pilot, lambda: store.items.get(card.id).blocked)
        assert store.items.get(card.id).blocked_reason == "keys arrive Friday"


async def test_a_reason_typed_in_the_form_blocks_the_card(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await until(pilot, on_screen(app, "CardFormModal"))
        app.screen.query_one("#blocked-reason").focus()
        await pilot.press(*"needs [legal] sign-off", "ctrl+s")
        await until(pilot, on_screen(app, "BoardScreen"))
        stored = store.items.get(small["A"].id)
        assert stored.blocked and stored.blocked_reason == "needs [legal] sign-off"
