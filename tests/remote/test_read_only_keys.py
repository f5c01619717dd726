"""A read-only view (``--read-only``, the browser view) offers no key that changes data, and refuses a
change reached another way (enter on a row) before any form opens."""

from textual.widgets import DataTable, Static

from cockpit.db.store import Store
from cockpit.key_listing import help_rows
from cockpit.widgets.keys_footer import KeysFooter
from tests.helpers import TODAY, cockpit_app, until
from tests.helpers import footer_keys as footer_keys_by_description


def footer_keys(app) -> set[str]:  # noqa: ANN001
    return set(footer_keys_by_description(app))


def seed(store: Store) -> None:
    stage = store.workspace.stages()[0].id
    store.items.create(title="Ship the coupon service", stage_id=stage)
    store.risks.create(title="Vendor late", probability=3, impact=4)


async def test_the_board_offers_no_change_and_opens_no_form(engine, store, settings):
    seed(store)
    viewer = Store(engine, actor="viewer", read_only=True)
    app = cockpit_app(viewer, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.screen.query(KeysFooter) and "Lanes" in footer_keys(app), "the board")
        keys = footer_keys(app)
        assert not keys & {"New", "Edit", "Delete", "Block", "Move ▶", "Undo"}, keys
        assert {"Lanes", "Filter"} <= keys
        help_keys = {description for _keys, description in help_rows(app.screen, app.get_key_display)}
        commands = {command.title for command in app.get_system_commands(app.screen)}
        for offered in (help_keys, commands):  # F1 and the palette
            assert "Lanes" in offered and not offered & {"New", "Edit", "Delete", "Block", "Undo"}, offered
        screen = app.screen
        for key in ("n", "e", "enter", "x", "b", "L", "u"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, f"{key!r} opened {app.screen!r}"
    assert [item.title for item in store.items.all()] == ["Ship the coupon service"]


async def test_risks_and_calendar_offer_no_change(engine, store, settings):
    seed(store)
    viewer = Store(engine, actor="viewer", read_only=True)
    app = cockpit_app(viewer, settings=settings, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.screen.query(KeysFooter) and "Lanes" in footer_keys(app), "the board")
        await pilot.press("3")
        await until(pilot, lambda: "Heat map" in footer_keys(app), "the risks")
        assert not footer_keys(app) & {"New", "Edit", "P+", "I+", "Reviewed"}, footer_keys(app)
        risks = app.screen
        await pilot.press("n", "e", "p")
        await pilot.press("enter")
        await until(pilot, lambda: any("read-only" in n.message for n in app._notifications), "the notice")
        assert app.screen is risks
        await pilot.press("2")
        await until(pilot, lambda: "Today" in footer_keys(app), "the calendar")
        assert not footer_keys(app) & {"New event", "New iteration", "Edit", "Delete"}, footer_keys(app)
        calendar = app.screen
        await pilot.press("n", "i")
        await pilot.pause()
        assert app.screen is calendar
        await pilot.press("enter")  # the day view opens, without its edit keys
        await until(pilot, lambda: app.screen is not calendar, "the day view")
        day = app.screen
        offered = {active.binding.description for active in day.active_bindings.values()}
        assert not offered & {"Edit", "Delete", "Earlier", "Later"} and "Close" in offered, offered
        assert "edit" not in str(day.query_one("#day-help", Static).content)
        assert day.query_one(DataTable).row_count
        await pilot.press("e", "x", "shift+right")
        await pilot.pause()
        assert app.screen is day
    (risk,) = store.risks.all()
    assert (risk.probability, risk.version) == (3, 1)
