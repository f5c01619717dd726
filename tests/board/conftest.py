"""Board fixtures: the app hosted on a store, and a small board (helpers are in tests/helpers.py)."""

import pytest

from tests.helpers import TODAY, cockpit_app


@pytest.fixture
def make_app(settings):
    def make(store, **kwargs):
        return cockpit_app(store, settings=settings, today=TODAY, start_mode=kwargs.pop("start_mode", "board"), **kwargs)
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
