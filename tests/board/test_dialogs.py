"""The board's dialogs on the shared contract: the one confirm's keys, the card form validating as you
type, and a refused save (a stale version) that keeps the form and what was typed."""

from cockpit.db.store import Store
from cockpit.screens.board.card_form import CardFormModal
from cockpit.screens.board.screen import BoardScreen
from cockpit.screens.shared.confirm import ConfirmModal
from tests.helpers import board_text, cursor


async def test_delete_asks_enter_n_and_escape_keep_the_card_y_deletes(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in ("enter", "n", "escape"):  # enter on a fresh dialog presses the safe button
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen) and store.items.count() == 4, key
            assert "Alpha" in "\n".join(board_text(app))
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.items.count() == 3 and "Alpha" not in "\n".join(board_text(app))


async def test_card_form_marks_a_bad_estimate_as_you_type_and_clears_it(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CardFormModal)
        await pilot.press(*"Spike")
        form.query_one("#estimate").focus()
        await pilot.press("x")  # not a number: said at once, before any save
        await pilot.pause()
        error = form.query_one("#form-error")
        assert str(error.render()).startswith("estimate:") and form.query_one("#estimate").has_class("-invalid")
        await pilot.press("backspace", "2")
        await pilot.pause()
        assert str(error.render()) == "" and not form.query_one("#estimate").has_class("-invalid")
        assert store.items.count() == 4
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and store.items.count() == 5
        assert (cursor(app).title, store.items.get(cursor(app).id).estimate) == ("Spike", 2)


async def test_a_stale_edit_is_refused_and_the_form_keeps_what_was_typed(store, small, make_app, engine, clock):
    app = make_app(store)
    alpha = small["A"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CardFormModal)
        other = Store(engine, actor="other window", clock=clock)  # a second window edits the card meanwhile
        other.items.update(alpha.id, alpha.version, title="Alpha (elsewhere)")
        await pilot.press("end", *" v2", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#title").value == "Alpha v2"
        assert str(form.query_one("#form-error").render())  # says why
        assert store.items.get(alpha.id).title == "Alpha (elsewhere)"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and store.items.get(alpha.id).title == "Alpha (elsewhere)"


async def test_a_stale_block_is_refused_and_keeps_the_typed_reason(store, small, make_app, engine, clock):
    app = make_app(store)
    alpha = small["A"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        dialog = app.screen
        Store(engine, actor="other window", clock=clock).items.update(alpha.id, alpha.version, title="Alpha 2")
        await pilot.press(*"API keys late", "enter")
        await pilot.pause()
        assert app.screen is dialog and dialog.query_one("#reason").value == "API keys late"
        assert str(dialog.query_one("#form-error").render())
        assert not store.items.get(alpha.id).blocked
