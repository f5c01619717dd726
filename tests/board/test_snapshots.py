"""How the board looks: the demo at 80x24 and 160x48, and the gate dialog (today injected)."""

from tests.helpers import board_text


def test_demo_board_80x24(demo, make_app, snap_compare):
    store, _ctx = demo
    assert snap_compare(make_app(store), terminal_size=(80, 24))


def test_demo_board_160x48(demo, make_app, snap_compare):
    store, _ctx = demo
    assert snap_compare(make_app(store), terminal_size=(160, 48))


def test_demo_board_swimlanes_by_owner_160x48(demo, make_app, snap_compare):
    store, _ctx = demo

    async def lanes(pilot):
        await pilot.press("s")

    assert snap_compare(make_app(store), terminal_size=(160, 48), run_before=lanes)


def test_gate_dialog(demo, make_app, snap_compare, monkeypatch):
    store, _ctx = demo
    monkeypatch.setattr(store.raci, "gate_approver", lambda stage_id: "Tech lead: Eli Novak")

    async def open_gate(pilot):
        # first card of Pending review into Pending development: full (y: in anyway), then its gate
        await pilot.press("L", "y", "space")
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=(100, 30), run_before=open_gate)


async def test_80x24_keeps_the_focused_column_in_view(demo, make_app):
    store, _ctx = demo
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = board_text(app)[0]
        assert header.startswith("Pending review") and "Retro done" not in header and "▶" in header
        await pilot.press("l", "l", "l", "l", "l")
        await pilot.pause()
        header = board_text(app)[0]
        assert "Retro done" in header and header.startswith("◀") and "Pending review" not in header
        assert app.screen.query_one("BoardView").cursor_column == 5
