"""Fixtures of the risk register tests: a workspace with people, and a helper to add risks."""

import pytest

from cockpit.db.store import Store

@pytest.fixture
def db_url(db_url: str) -> str:
    """In memory for speed (the risk tests are about behaviour, not durability), unless the run is
    on another engine (COCKPIT_TEST_DB_URL): then the fresh per-test database of tests/conftest.py."""
    return db_url if not db_url.startswith("sqlite") else "sqlite://"


@pytest.fixture
def people(store: Store) -> dict:
    """Three people in the test workspace, by handle."""
    made = {handle: store.workspace.add_person(name, handle, ["Product manager"])
            for name, handle in (("Ann Lee", "ann"), ("Ben Okafor", "ben"), ("Zoë Ærø", "zoe"))}
    store.forget_undo()
    return made


@pytest.fixture
def add_risk(store: Store):
    """add_risk(title, **fields) -> RiskRead, with sensible defaults."""
    def add(title: str = "Vendor late", **fields):
        return store.risks.create(title=title, **fields)
    return add
