"""The board in presentation mode (f5): roomy cards, fewer details, confidential cards masked."""

from textual.widgets import Checkbox, Input

from cockpit.logic.present import MASK
from cockpit.screens.board.card_form import CardFormModal
from tests.helpers import board_text, cursor
from cockpit.widgets.board_layout import CARD_HEIGHT, ROOMY_CARD_HEIGHT
from cockpit.widgets.detail_bar import DetailBar

SECRET = "PRD: partner co-marketing"  # confidential in the demo; the first card of Pending review
BLOCKED_SECRET = "partner has not sent credentials"  # the block reason of the other confidential demo card


def screen_text(app) -> str:
    """What the board and its detail bar show."""
    return "\n".join(board_text(app)) + "\n" + app.screen.query_one(DetailBar).text.plain


async def test_f5_masks_confidential_cards_and_f5_again_shows_them(demo, make_app):
    store, _ctx = demo
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert cursor(app).title == SECRET  # the cursor sits on it: the detail bar shows it too
        assert "PRD: partner co-mar" in screen_text(app)
        await pilot.press("f5")
        await pilot.pause()
        text = screen_text(app)
        assert app.presenting
        assert "partner co-mar" not in text and BLOCKED_SECRET not in text
        assert MASK in board_text(app)[2] and MASK in app.screen.query_one(DetailBar).text.plain
        card = cursor(app)
        assert card.title == MASK and card.version == store.items.get(card.id).version  # ids/versions real
        assert store.items.get(card.id).title == SECRET  # nothing written
        await pilot.press("f5")
        await pilot.pause()
        assert not app.presenting
        assert "PRD: partner co-mar" in screen_text(app) and MASK not in screen_text(app)


async def test_presenting_cards_are_roomier_with_fewer_details(demo, make_app):
    store, _ctx = demo
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("BoardView")
        assert view.layout_data.card_height == CARD_HEIGHT
        assert "0d task med" in board_text(app)[3]  # days in stage, kind, priority
        await pilot.press("f5")
        await pilot.pause()
        assert view.layout_data.card_height == ROOMY_CARD_HEIGHT
        lines = board_text(app)
        # A card: the title over two lines (long titles wrap instead of being cut), the details, a gap.
        # (the focused card: one solid block, marked ▶ on its first line)
        assert lines[2].startswith("▶ ■■■■■■ confidential") and lines[3].startswith("   ")
        assert lines[4].startswith("  @ann ") and "0d" not in lines[4] and "task" not in lines[4]
        assert lines[5].strip() == "" and lines[6].startswith("▌ Data tracking plan")
        start = lines[2].index("▌ Accessibility")  # the second column
        column2 = [line[start:start + 26] for line in lines[2:5]]
        assert column2[0].startswith("▌ Accessibility review of") and column2[1].startswith("▌ campaign pages")
        assert "…" not in column2[0] + column2[1] and column2[2].startswith("▌ @dana")
        await pilot.press("j")  # the cursor still walks card by card
        await pilot.pause()
        assert cursor(app).title.startswith("Data tracking plan")


async def test_the_filter_cannot_find_a_confidential_card_by_its_words_while_presenting(demo, make_app):
    store, _ctx = demo
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"co-marketing")  # not presenting: the filter finds it (it is on the board)
        await pilot.pause()
        assert any("PRD: partner co-mar" in line for line in board_text(app))
        await pilot.press("escape", "f5", "slash", *"co-marketing")
        await pilot.pause()
        assert app.presenting
        assert all("PRD" not in line for line in board_text(app))
        assert app.screen.query_one("#board-filter", Input).value == "co-marketing"


async def test_the_form_of_a_confidential_card_does_not_open_while_presenting(demo, make_app):
    store, _ctx = demo
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "e")
        await pilot.pause()
        assert not isinstance(app.screen, CardFormModal)
        assert any("confidential" in n.message for n in app._notifications)
        await pilot.press("j", "e")  # a card that is not confidential opens as usual
        await pilot.pause()
        assert isinstance(app.screen, CardFormModal)


async def test_presenting_with_a_confidential_card_open_closes_its_form_unsaved(demo, make_app):
    store, _ctx = demo
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CardFormModal)
        app.screen.query_one("#title", Input).value = "changed"
        await pilot.press("f5")  # app keys do not reach past a modal form: nothing switches
        await pilot.pause()
        assert isinstance(app.screen, CardFormModal) and not app.presenting
        app.action_toggle_presentation()  # switched anyway (by code): the form must not stay on screen
        await pilot.pause()
        assert not isinstance(app.screen, CardFormModal) and app.presenting
        assert "changed" not in screen_text(app) and SECRET not in screen_text(app)
        assert store.items.get(cursor(app).id).title == SECRET


async def test_the_card_form_checkbox_saves_confidential(store, small, make_app):
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one("#confidential", Checkbox)
        assert box.value is False
        box.focus()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CardFormModal)
        assert store.items.get(small["A"].id).confidential is True
        await pilot.press("u")  # undoable like any edit
        await pilot.pause()
        assert store.items.get(small["A"].id).confidential is False
        await pilot.press("n", *"Secret deal")
        app.screen.query_one("#confidential", Checkbox).focus()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        made = [item for item in store.items.all() if item.title == "Secret deal"]
        assert len(made) == 1 and made[0].confidential is True
        await pilot.press("f5")
        await pilot.pause()
        assert "Secret deal" not in screen_text(app) and "Alpha" in screen_text(app)


def _present(pilot):
    async def run(pilot):
        await pilot.press("f5")
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()
    return run(pilot)


def test_demo_board_presenting_80x24(demo, make_app, snap_compare):
    store, _ctx = demo
    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=_present)


def test_demo_board_presenting_200x60(demo, make_app, snap_compare):
    store, _ctx = demo
    assert snap_compare(make_app(store), terminal_size=(200, 60), run_before=_present)
