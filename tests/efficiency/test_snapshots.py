"""How the efficiency screen looks: the demo's twelve weeks at 120x40 (today injected)."""

from tests.helpers import TODAY, cockpit_app


def test_demo_efficiency_120x40(demo, settings, snap_compare, monkeypatch):
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    store, _ctx = demo
    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="efficiency")
    assert snap_compare(app, terminal_size=(120, 40))


def test_demo_efficiency_table_120x40(demo, settings, snap_compare, monkeypatch):
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    store, _ctx = demo

    async def cycle_table(pilot):
        await pilot.press("c", "t")

    app = cockpit_app(store, settings=settings, today=TODAY, start_mode="efficiency")
    assert snap_compare(app, terminal_size=(120, 40), run_before=cycle_table)
