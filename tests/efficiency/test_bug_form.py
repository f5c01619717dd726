"""The card form's bug fields: shown for a bug only, saved on the card (and left out for other kinds)."""

from textual.widgets import Select

from tests.helpers import cockpit_app, until


async def test_a_bug_gets_severity_production_flag_and_resolution(store) -> None:  # noqa: ANN001
    app = cockpit_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        await pilot.press("n")
        await until(pilot, lambda: app.screen is not board, "the card form")
        form = app.screen
        bug_row = form.query_one("#bug-row")
        assert not bug_row.display  # a task has no severity
        await pilot.press(*"Checkout crashes on an empty cart")
        form.query_one("#kind", Select).value = "bug"
        await until(pilot, lambda: bug_row.display, "the bug fields")
        form.query_one("#severity", Select).value = "critical"
        form.query_one("#resolution", Select).value = "duplicate"
        form.query_one("#in-production").focus()
        await pilot.press("space", "ctrl+s")
        await until(pilot, lambda: app.screen is board, "the form to close")
    card = store.items.all()[-1]
    assert (card.kind, card.severity, card.in_production, card.resolution) == ("bug", "critical", True, "duplicate")


async def test_another_kind_keeps_the_defaults(store) -> None:  # noqa: ANN001
    app = cockpit_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        await pilot.press("n")
        await until(pilot, lambda: app.screen is not board, "the card form")
        form = app.screen
        await pilot.press(*"A feature")
        form.query_one("#kind", Select).value = "bug"
        await pilot.pause()
        form.query_one("#severity", Select).value = "major"
        form.query_one("#kind", Select).value = "feature"  # changed its mind: not a bug after all
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is board, "the form to close")
    card = store.items.all()[-1]
    assert (card.kind, card.severity, card.in_production, card.resolution) == ("feature", None, False, "valid")
