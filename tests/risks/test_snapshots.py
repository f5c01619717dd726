"""How the Risks screen looks, with today injected (2026-11-22): 80×24 and 160×48, and the form."""

from datetime import date

import pytest

from cockpit.demo import build_demo
from cockpit.db.engine import make_engine
from cockpit.db.migrate import upgrade
from cockpit.db.store import Store
from tests.helpers import FakeClock, cockpit_app

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('snap') / 'demo.db'}")
    upgrade(engine)
    build_demo(Store(engine, actor="tester", clock=FakeClock()), today=TODAY)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_app(demo_engine, settings):
    return cockpit_app(Store(demo_engine, actor="tester", clock=FakeClock()), settings=settings, today=TODAY,
                      start_mode="risks")


def test_risks_screen_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24))


def test_risks_screen_160x48(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(160, 48))


def test_residual_heat_map_with_a_chosen_cell_160x48(snap_compare, demo_app):
    async def choose(pilot):
        await pilot.press("t", "tab")
        await pilot.press("down", "down", "enter")  # from (3, 3) down to P1 × I3
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(160, 48), run_before=choose)


def test_edit_form_80x24(snap_compare, demo_app):
    async def edit(pilot):
        from textual.widgets import Input

        await pilot.press("e")
        await pilot.pause()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=edit)
