"""Shared fixtures: a store on a fresh database (never the user's data), a fixed clock, the demo.

``COCKPIT_TEST_DB_URL`` switches the database fixtures to another engine (PostgreSQL team mode).
"""

import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest

from cockpit.settings import Settings
from db.engine import make_engine
from db.migrate import upgrade
from db.store import Store

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


class FakeClock:
    """An injectable clock: ``clock()`` returns a fixed time that tests move on explicitly."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(autouse=True)
def cockpit_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own COCKPIT_HOME, so nothing touches the user's real folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COCKPIT_HOME", str(home))
    return home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_url(tmp_path) -> str:
    """A fresh database URL: a SQLite file in tmp_path, or the engine named by COCKPIT_TEST_DB_URL."""
    return os.environ.get("COCKPIT_TEST_DB_URL") or f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator:
    engine = make_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine, clock: FakeClock) -> Store:
    """An empty workspace with the default workflow (project, roles, six gated stages)."""
    store = Store(engine, actor="tester", clock=clock)
    store.workspace.setup_defaults("Test project")
    store.forget_undo()
    return store


@pytest.fixture
def demo(engine, clock: FakeClock):
    """The demo workspace built for TODAY: returns (store, DemoContext)."""
    from cockpit.demo import build_demo

    store = Store(engine, actor="tester", clock=clock)
    ctx = build_demo(store, today=TODAY)
    store.clock = clock
    return store, ctx


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.load(tmp_path / "settings.json")
