"""Live updates on PostgreSQL: LISTEN/NOTIFY instead of polling (db/listen.py, db/watch.py).

Each test waits on a condition (an Event the listener sets, with a deadline so that a broken feature
fails instead of hanging), never for a fixed time.
"""

import threading

import psycopg
import pytest
from sqlalchemy import event

from cockpit.db.engine import make_engine
from cockpit.db.listen import CHANNEL
from cockpit.db.models import Item
from cockpit.db.store import Store
from cockpit.db.watch import ChangeWatcher

pytestmark = pytest.mark.postgres_only("LISTEN/NOTIFY is PostgreSQL's")

DEADLINE_S = 20


def other_window(engine):  # noqa: ANN001, ANN201 - a Store on its own engine (another process's pool)
    other = make_engine(engine.url.render_as_string(hide_password=False))
    return Store(other, actor="bob")


def statements(engine) -> list[str]:  # noqa: ANN001
    """The statements ``engine`` runs from now on (the list grows)."""
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: seen.append(sql))
    return seen


def ready(watcher: ChangeWatcher) -> None:
    assert watcher.listener is not None
    assert watcher.listener.ready.wait(DEADLINE_S), "the listener never connected"
    watcher.changed()  # the one poll after connecting (what was committed before LISTEN)


def test_a_change_reaches_a_listening_window_without_polling(engine, store):
    woke = threading.Event()
    bob = other_window(engine)
    stage = bob.workspace.stages()[0].id
    try:
        with ChangeWatcher(store, wake=woke.set) as watcher:
            ready(watcher)
            asked = statements(engine)
            assert not watcher.changed() and not watcher.changed()  # idle: nothing asked of the server
            card = bob.items.create(title="From Bob", stage_id=stage)
            assert woke.wait(DEADLINE_S), "the notification never arrived"
            assert watcher.changed() and not watcher.changed()  # reported once
            store.items.update(card.id, card.version, title="Mine now")  # this window's own write
            assert _arrives(watcher, store.own_txns[-1])
            assert not watcher.changed()  # its own write is not another window's change
            assert not [sql for sql in asked if "max(" in sql.lower()], asked  # the watcher never polled
    finally:
        bob.engine.dispose()


def _arrives(watcher: ChangeWatcher, txn: str) -> bool:
    """Wait (on the listener's own notifications) until ``txn`` was received."""
    listener = watcher.listener
    assert listener is not None
    got = threading.Event()
    original = listener._received

    def spy(payload: str) -> None:
        original(payload)
        if payload == txn:
            got.set()

    listener._received = spy  # type: ignore[method-assign]
    if txn in listener.received:
        return True
    return got.wait(DEADLINE_S)


def test_a_rolled_back_write_notifies_nothing(engine, store):
    bob = other_window(engine)
    stage, project = bob.workspace.stages()[0].id, bob.workspace.project().id
    try:
        with ChangeWatcher(store) as watcher:
            ready(watcher)
            doomed = None
            with pytest.raises(RuntimeError):
                with bob.write("create card") as tx:
                    tx.insert(Item(title="Never saved", stage_id=stage, project_id=project, position=99))
                    doomed = tx.txn  # its NOTIFY was sent inside the transaction...
                    raise RuntimeError("the write fails after its first change row")
            assert doomed in bob.own_txns
            kept = bob.items.create(title="Saved", stage_id=stage)
            kept_txn = bob.own_txns[-1]
            assert _arrives(watcher, kept_txn)  # notifications arrive in commit order
            assert doomed not in watcher.listener.received  # ...and died with the rollback
            assert [c.entity_id for c in store.changes(entity="item")] == [kept.id]
    finally:
        bob.engine.dispose()


def test_a_lost_listener_falls_back_to_polling_and_reconnects(engine, store):
    gate = threading.Event()
    gate.set()

    def connect(conninfo: str):  # noqa: ANN202 - refuses while the gate is closed (the server "down")
        if not gate.is_set():
            raise psycopg.OperationalError("the server is down (test)")
        return psycopg.connect(conninfo, autocommit=True)

    bob = other_window(engine)
    stage = bob.workspace.stages()[0].id
    try:
        with ChangeWatcher(store, retry_seconds=0.05, connect=connect) as watcher:
            listener = watcher.listener
            ready(watcher)
            first = listener.backend_pid
            gate.clear()
            with bob.engine.connect() as conn:  # cut the line: the server ends the LISTEN session
                conn.exec_driver_sql(f"SELECT pg_terminate_backend({first})")
            assert listener.lost.wait(DEADLINE_S), "the lost connection was not noticed"
            assert not listener.listening
            asked = statements(engine)
            bob.items.create(title="While nobody listens", stage_id=stage)
            assert watcher.changed()  # polled: the change log's newest id moved
            assert any("max" in sql.lower() for sql in asked)
            assert not watcher.changed()
            gate.set()
            assert listener.ready.wait(DEADLINE_S), "the listener did not reconnect"
            assert listener.backend_pid != first and listener.connections == 2
            bob.items.create(title="Missed between the poll and LISTEN", stage_id=stage)
            assert watcher.changed()  # the resync poll after reconnecting catches it
            del asked[:]
            woke = threading.Event()
            listener.wake = woke.set
            bob.items.create(title="Notified again", stage_id=stage)
            assert woke.wait(DEADLINE_S)
            assert watcher.changed() and not asked  # listening again: no query
    finally:
        bob.engine.dispose()


def test_every_write_transaction_notifies_its_txn_once(engine, store):
    """The payload is the transaction's id (a window tells its own writes by it, without a query)."""
    raw = psycopg.connect(engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
                          autocommit=True)
    try:
        raw.execute(f"LISTEN {CHANNEL}")
        card = store.items.create(title="One", stage_id=store.workspace.stages()[0].id)
        store.items.update(card.id, card.version, title="Two", estimate=1)
        payloads = [note.payload for note in raw.notifies(timeout=DEADLINE_S, stop_after=2)]
        assert payloads == list(store.own_txns)[-2:]
        assert len(set(payloads)) == 2
    finally:
        raw.close()


async def test_a_cockpit_on_postgresql_shows_another_windows_card_when_notified(engine, store, settings,
                                                                              monkeypatch):
    """The real app: its timer is set to an hour, so only the notification can bring the card in."""
    from cockpit import changes
    from tests.helpers import TODAY, board_text, cockpit_app, until

    monkeypatch.setattr(changes, "LIVE_POLL_SECONDS", 3600)
    bob = other_window(engine)
    app = cockpit_app(store, live=True, settings=settings, today=TODAY, start_mode="board")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.changes.watcher is not None and app.changes.watcher.listener.ready.is_set(),
                        "the window listening")
            card = bob.items.create(title="Added by Bob", stage_id=bob.workspace.stages()[0].id)
            await until(pilot, lambda: any("Added by Bob" in line for line in board_text(app)), "Bob's card on the board")
            assert bob.own_txns[-1] in app.changes.watcher.listener.received
            assert store.items.get(card.id).title == "Added by Bob"
    finally:
        bob.engine.dispose()
