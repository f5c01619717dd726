"""Board fixtures: the app hosted on a store, and helpers to read what the board shows."""

import pytest

from cockpit.app import CockpitApp
from tests.conftest import TODAY


@pytest.fixture
def make_app(settings):
    def make(store, **kwargs):
        return CockpitApp(store, settings=settings, today=TODAY, start_mode=kwargs.pop("start_mode", "board"), **kwargs)
    return make


@pytest.fixture
def small(store):
    """Four cards: three in Pending review (A, B, C in that order), one in Pending development (D)."""
    stages = store.workspace.stages()
    ann = store.workspace.add_person("Ann Lee", "ann")
    ben = store.workspace.add_person("Ben Okafor", "ben")
    it = store.workspace.add_iteration("0929", TODAY.replace(day=1), TODAY.replace(day=28))
    a = store.items.create(title="Alpha", stage_id=stages[0].id, owner_id=ann.id, estimate=1, iteration_id=it.id)
    b = store.items.create(title="Bravo", stage_id=stages[0].id, owner_id=ben.id, estimate=3)
    c = store.items.create(title="Charlie", stage_id=stages[0].id)
    d = store.items.create(title="Delta", stage_id=stages[1].id, owner_id=ann.id)
    store.forget_undo()
    return {"stages": stages, "ann": ann, "ben": ben, "iteration": it, "A": a, "B": b, "C": c, "D": d}


def board_text(app) -> list[str]:
    """Every line the board widget draws, as plain text."""
    view = app.screen.query_one("BoardView")
    return [view.render_line(y).text for y in range(view.size.height)]


def cursor(app):
    return app.screen.query_one("BoardView").cursor_card


async def typed(pilot, app, expected: str) -> None:
    """Wait until the board has applied the filter ``expected`` (waits on messages, not on time)."""
    for _ in range(100):
        await pilot.pause()
        screen = app.screen
        if screen.model.filter_text == screen.query_one("#board-filter").value == expected:
            return
    raise AssertionError(f"the filter never became {expected!r}")
