"""How the History screen looks at 120x40 (a fixed, dated history; the time zone set)."""

from tests.history.scenario import build


def test_history_120x40(store, clock, make_app, snap_compare, monkeypatch):
    monkeypatch.setenv("COCKPIT_TZ", "UTC")
    build(store, clock)

    async def narrow(pilot):
        await pilot.press("slash", *"kind:move kind:block", "enter")
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=(120, 40), run_before=narrow)
