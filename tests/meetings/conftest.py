"""Fixtures of the meetings tests: a small team, local time pinned to UTC, the app factory."""

import time

import pytest

from tests.helpers import TODAY, cockpit_app


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch):
    """Minutes show local times: pin the zone so golden files do not depend on the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def team(store):
    """Three people and two cards (one in each of the first two stages)."""
    ann = store.workspace.add_person("Ann Lee", "ann", ["Product manager"])
    ben = store.workspace.add_person("Ben Okafor", "ben", ["Technical PM"])
    eli = store.workspace.add_person("Eli Novak", "eli", ["Tech lead"])
    stages = store.workspace.stages()
    card = store.items.create(title="Coupon service", stage_id=stages[1].id, owner_id=eli.id, estimate=1.5)
    store.forget_undo()
    return {"ann": ann, "ben": ben, "eli": eli, "stages": stages, "card": card}


@pytest.fixture
def make_app(settings):
    def make(store, mode: str = "meeting"):
        return cockpit_app(store, settings=settings, today=TODAY, start_mode=mode)

    return make
