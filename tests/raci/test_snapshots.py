"""How the RACI screen looks: the demo table at 80x24 (codes) and 160x48 (names, role load)."""

from tests.helpers import TODAY, cockpit_app


def test_raci_80x24(demo, settings, snap_compare):
    store, _ctx = demo
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="raci")

    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.pause()
        await pilot.press("down", "down", "right")  # the activity without an A
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_raci_160x48_with_role_load(demo, settings, snap_compare):
    store, _ctx = demo
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="raci")

    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.pause()
        await pilot.press("down", "l")  # PRD writing: a gate into Pending development
        await pilot.pause()

    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)


def test_raci_160x48_role_names(demo, settings, snap_compare):
    store, _ctx = demo
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="raci")

    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "down", "down", "right", "right")  # Smoke test / QA
        await pilot.pause()

    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)
