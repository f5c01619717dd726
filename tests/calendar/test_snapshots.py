"""Snapshots: November 2026 with three overlapping iterations and the release train, today injected."""

import pytest

from cockpit.app import CockpitApp
from tests.helpers import TODAY, cockpit_app


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_month_with_three_iterations_and_the_release_train(demo, settings, snap_compare, size):
    store, _ctx = demo
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="calendar")

    async def settle(pilot):
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=settle)
