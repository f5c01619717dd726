"""Shared fixtures: a store on a fresh database (never the user's data), a fixed clock, the demo.

``COCKPIT_TEST_DB_URL`` switches the database fixtures to another engine (PostgreSQL team mode):
``COCKPIT_TEST_DB_URL=postgresql://cockpit@/cockpit?host=/tmp/pg python -m pytest`` gives every test
its own new, empty database on that server (the role needs CREATEDB), dropped after the test.
``.ci/postgres.sh start DIR`` starts such a server.

Markers for the few tests that hold on one engine only (always with the reason; the skipped ones
are listed at the end of the run):

    @pytest.mark.sqlite_only("VACUUM INTO backups are a SQLite file feature")
    @pytest.mark.postgres_only("a refused login needs a server")
"""

import copy
import itertools
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from cockpit.settings import Settings
from cockpit.db.engine import is_postgres, make_engine, sqlite_path
from cockpit.db.migrate import upgrade
from cockpit.db.store import Store
from tests.helpers import TODAY, FakeClock

# Property tests are derandomized by default (the same examples on every run, so a submission never
# fails by chance, in CI or here); HYPOTHESIS_PROFILE=explore searches freely, on request, and a case
# it finds is then pinned with @example.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

TEST_DB_URL = os.environ.get("COCKPIT_TEST_DB_URL", "").strip()
ON_POSTGRES = bool(TEST_DB_URL) and is_postgres(TEST_DB_URL)
ENGINE_NAME = "PostgreSQL" if ON_POSTGRES else "SQLite"


@pytest.fixture(autouse=True)
def cockpit_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own COCKPIT_HOME, so nothing touches the user's real folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COCKPIT_HOME", str(home))
    return home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


# --- engine selection ------------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): holds on SQLite only; skipped, with the reason, "
                                       "when COCKPIT_TEST_DB_URL names a PostgreSQL server")
    config.addinivalue_line("markers", "postgres_only(reason): needs a PostgreSQL server (COCKPIT_TEST_DB_URL)")


def _reason(marker: pytest.Mark, item: pytest.Item) -> str:
    reason = (marker.args[0] if marker.args else marker.kwargs.get("reason", "")).strip()
    if not reason:
        raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.{marker.name} needs a reason")
    return reason


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skipped: list[tuple[str, str]] = []
    for item in items:
        for name, applies in (("sqlite_only", ON_POSTGRES), ("postgres_only", not ON_POSTGRES)):
            marker = item.get_closest_marker(name)
            if marker is None:
                continue
            reason = _reason(marker, item)
            if applies:
                label = "SQLite only" if name == "sqlite_only" else "PostgreSQL only (set COCKPIT_TEST_DB_URL)"
                item.add_marker(pytest.mark.skip(reason=f"{label}: {reason}"))
                skipped.append((item.nodeid, reason))
    config.stash[_ENGINE_SKIPS] = skipped


_ENGINE_SKIPS = pytest.StashKey[list[tuple[str, str]]]()


def pytest_report_header(config: pytest.Config) -> str:
    where = make_url(TEST_DB_URL).render_as_string(hide_password=True) if TEST_DB_URL else "a file per test"
    return f"cockpit database fixtures: {ENGINE_NAME} ({where})"


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:  # noqa: ANN001
    reported = {report.nodeid for report in terminalreporter.stats.get("skipped", [])}
    skipped = [(nodeid, reason) for nodeid, reason in config.stash.get(_ENGINE_SKIPS, []) if nodeid in reported]
    if skipped:
        terminalreporter.section(f"tests that do not run on {ENGINE_NAME}, and why")
        for nodeid, reason in skipped:
            terminalreporter.write_line(f"{nodeid}: {reason}")


class PostgresDatabases:
    """New databases on the server of COCKPIT_TEST_DB_URL, one per test, dropped after it.

    Creating a database costs about 0.3 s and migrating it about as much, so a worker thread keeps
    the next ones ready while tests run: empty ones (template0), and migrated ones cloned from a
    template migrated once per session (for tests that use the ``engine`` fixture).  The C collation
    makes text sort by code point, as on SQLite.
    """

    AHEAD = 2

    def __init__(self, url: str) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from cockpit.db.engine import make_engine, to_url
        from cockpit.db.migrate import upgrade

        self.base = make_url(to_url(url))
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT", poolclass=_null_pool())
        self.prefix = f"cockpit_test_{os.getpid()}"
        self.names = (f"{self.prefix}_{n}" for n in itertools.count(1))
        self.template = f"{self.prefix}_template"
        self._create(self.template, "template0")
        engine = make_engine(self.url(self.template))
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-test-databases")
        self.ready: dict[bool, list] = {False: [], True: []}

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def _create(self, name: str, template: str) -> str:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" ENCODING 'UTF8' "
                                 "LC_COLLATE 'C' LC_CTYPE 'C'")
        return self.url(name)

    def take(self, migrated: bool) -> str:
        """The URL of a new database: empty, or migrated to the newest schema."""
        queue = self.ready[migrated]
        template = self.template if migrated else "template0"
        while len(queue) < self.AHEAD + 1:
            queue.append(self.worker.submit(self._create, next(self.names), template))
        return queue.pop(0).result()

    def _drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop(self, url: str) -> None:
        self.worker.submit(self._drop, make_url(url).database)

    def close(self) -> None:
        for queue in self.ready.values():
            for future in queue:
                self.worker.submit(self._drop, make_url(future.result()).database)
        self.worker.submit(self._drop, self.template)
        self.worker.shutdown(wait=True)
        self.admin.dispose()


def _null_pool():  # noqa: ANN202
    from sqlalchemy.pool import NullPool

    return NullPool


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases | None]:
    if not ON_POSTGRES:
        yield None
        return
    databases = PostgresDatabases(TEST_DB_URL)
    yield databases
    databases.close()


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path, postgres_databases: PostgresDatabases | None) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file in tmp_path, or a new database on the PostgreSQL
    server named by COCKPIT_TEST_DB_URL (dropped after the test).  When the test also uses the
    ``engine`` fixture, the PostgreSQL database comes already migrated (the same Alembic revisions,
    run once on a template), which the ``engine`` fixture's own upgrade then finds at head."""
    if postgres_databases is None:
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    url = postgres_databases.take(migrated="engine" in request.fixturenames)
    yield url
    postgres_databases.drop(url)


@pytest.fixture
def on_postgres() -> bool:
    """Whether the database fixtures run on PostgreSQL (for the rare assertion that differs)."""
    return ON_POSTGRES


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to the newest schema once per session (per worker under xdist): each
    test's database is a copy of it, which costs about 10 ms where running the migrations costs 0.4 s."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()  # the last connection's close checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


def _restore(template: Path, engine) -> None:  # noqa: ANN001 - an Engine
    """Replace the engine's SQLite database with a copy of ``template`` (SQLite's backup API): for a
    ``sqlite://`` engine, its one StaticPool connection."""
    raw = engine.raw_connection()
    try:
        with closing(sqlite3.connect(template)) as source:
            source.backup(raw.driver_connection)
    finally:
        raw.close()


@pytest.fixture
def engine(request: pytest.FixtureRequest, db_url: str) -> Iterator:
    """The database of ``db_url`` at the newest schema.  A SQLite database starts as a copy of the
    session's migrated template (PostgreSQL ones are cloned from a migrated template database, see
    ``PostgresDatabases``); ``upgrade`` then finds it at head, as the app would."""
    on_sqlite = make_url(db_url).get_backend_name() == "sqlite"
    template: Path | None = request.getfixturevalue("sqlite_template") if on_sqlite else None
    path = sqlite_path(db_url)
    if template is not None and path is not None and not path.exists():
        shutil.copyfile(template, path)
    engine = make_engine(db_url)
    if template is not None and path is None:
        _restore(template, engine)
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


@pytest.fixture(scope="session")
def sqlite_demo_template(sqlite_template: Path):  # noqa: ANN201
    """The demo built once per session (per worker) in a copy of the migrated template: (path, ctx).
    The demo is deterministic (its history is written with a simulated clock from TODAY)."""
    from cockpit.demo import build_demo

    path = sqlite_template.with_name("demo.db")
    shutil.copyfile(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        ctx = build_demo(Store(engine, actor="tester", clock=FakeClock()), today=TODAY)
    finally:
        engine.dispose()
    return path, ctx


@pytest.fixture
def demo(request: pytest.FixtureRequest, engine, clock: FakeClock):
    """The demo workspace built for TODAY: returns (store, DemoContext).  On SQLite, a copy of the
    session's demo (building it costs a second or more); on PostgreSQL, built for the test."""
    if make_url(engine.url).get_backend_name() == "sqlite":
        path, ctx = request.getfixturevalue("sqlite_demo_template")
        _restore(path, engine)
        return Store(engine, actor="tester", clock=clock), copy.deepcopy(ctx)
    from cockpit.demo import build_demo

    store = Store(engine, actor="tester", clock=clock)
    ctx = build_demo(store, today=TODAY)
    store.clock = clock
    return store, ctx


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.load(tmp_path / "settings.toml")
