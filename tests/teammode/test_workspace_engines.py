"""Opening, creating and refusing workspaces: the same behaviour on a SQLite file and on PostgreSQL
(the ``db_url`` fixture names a new, empty database of the engine under test)."""

import pytest
from sqlalchemy import create_engine, inspect, text

from cockpit.services.files import WorkspaceFiles
from cockpit.workspace import WorkspaceExists, open_workspace
from cockpit.db.engine import make_engine, sqlite_path, to_url
from cockpit.db.files import DatabaseError, display_name
from cockpit.db.migrate import current, heads
from cockpit.db.schema import metadata


def tables_in(url: str) -> set[str]:
    engine = make_engine(to_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_a_new_workspace_is_migrated_and_gets_the_default_workflow(db_url):
    store = open_workspace(db_url, actor="ann")
    try:
        assert current(store.engine) == heads()
        assert set(metadata.tables) <= tables_in(db_url)
        assert [s.name for s in store.workspace.stages()][0] == "Pending review"
        assert store.workspace.project().name == "My project"
        assert not store.can_undo
    finally:
        store.engine.dispose()


def test_init_with_the_demo_and_reopening_keeps_the_data(db_url):
    first = open_workspace(db_url, new=True, demo=True)
    items = first.items.count()
    first.engine.dispose()
    again = open_workspace(db_url, create=False)
    try:
        assert items >= 20 and again.items.count() == items
        assert again.last_change_id() > 0
    finally:
        again.engine.dispose()


def test_init_never_overwrites_a_workspace(db_url):
    open_workspace(db_url, new=True).engine.dispose()
    with pytest.raises(WorkspaceExists, match="never overwrite"):
        open_workspace(db_url, new=True)


def test_opening_without_create_makes_nothing(db_url):
    with pytest.raises(DatabaseError, match="does not exist|holds no workspace"):
        open_workspace(db_url, create=False)
    path = sqlite_path(to_url(db_url))
    if path is not None:
        assert not path.exists()
    else:
        assert tables_in(db_url) == set()


def test_a_database_of_another_application_is_refused_and_left_untouched(db_url):
    engine = create_engine(to_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(40))"))
        conn.execute(text("INSERT INTO customers (id, name) VALUES (1, 'Ada')"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="not a Cockpit database.*left untouched"):
        open_workspace(db_url)
    assert tables_in(db_url) == {"customers"}
    engine = create_engine(to_url(db_url))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM customers")).scalars().all() == ["Ada"]
    engine.dispose()


def test_an_unreachable_server_is_one_readable_line_without_the_password(closed_port):
    url = f"postgresql://ann:s3cret@127.0.0.1:{closed_port}/team"
    with pytest.raises(DatabaseError) as error:
        open_workspace(url)
    message = str(error.value)
    assert "\n" not in message and "s3cret" not in message
    assert f"cannot open postgresql://ann:***@127.0.0.1:{closed_port}/team" in message
    assert "is the PostgreSQL server running" in message


@pytest.mark.postgres_only("needs a server to refuse the login")
def test_a_refused_login_and_a_missing_database_are_named(db_url):
    from sqlalchemy.engine import make_url

    url = make_url(to_url(db_url))
    with pytest.raises(DatabaseError, match=r'role "no_such_pm" does not exist'):
        open_workspace(url.set(username="no_such_pm").render_as_string(hide_password=False))
    with pytest.raises(DatabaseError, match=r'database "no_such_db_here" does not exist \(create it first'):
        open_workspace(url.set(database="no_such_db_here").render_as_string(hide_password=False))


def test_ids_are_never_reused_after_a_delete_nor_after_undoing_one(db_url):
    store = open_workspace(db_url)
    try:
        stage = store.workspace.stages()[0].id
        first = store.items.create(title="First", stage_id=stage)
        last = store.items.create(title="Last", stage_id=stage)
        store.items.delete(last.id, last.version)
        after_delete = store.items.create(title="After delete", stage_id=stage)
        assert after_delete.id > last.id
        store.items.delete(first.id, first.version)
        store.undo()  # the row comes back with its old id, inserted explicitly
        assert store.items.get(first.id).title == "First"
        after_restore = store.items.create(title="After restore", stage_id=stage)
        assert after_restore.id > after_delete.id
        assert len({item.id for item in store.items.all()}) == 3
    finally:
        store.engine.dispose()


def test_long_titles_fit_the_change_log_on_every_engine(store):
    title = "Ü" * 200  # the label "create card <title>" is longer than the change log's 200 characters
    item = store.items.create(title=title, stage_id=store.workspace.stages()[0].id)
    store.items.update(item.id, item.version, title="ok")
    label = store.changes(entity="item")[0].label
    assert len(label) == 200 and label.startswith("create card ÜÜ") and label.endswith("…")
    assert store.undo().startswith("edit card")
    assert store.items.get(item.id).title == title


def test_long_actor_names_fit_the_change_log(engine):
    from cockpit.db.store import Store

    store = Store(engine, actor="A very long name " * 10)
    store.workspace.setup_defaults("P")
    assert len(store.changes()[0].actor) == 80


def test_json_and_timestamps_come_back_as_they_went_in(store, clock):
    stage = store.workspace.stages()[1]
    assert stage.criteria[0] == "PRD written"
    item = store.items.create(title="Card", stage_id=stage.id)
    assert item.created == clock.now and item.created.tzinfo is not None
    moved = store.items.move(item.id, item.version, store.workspace.stages()[2].id, detail={"gate": ["a", 1]})
    change = store.changes(entity="item", entity_id=item.id)[-1]
    assert change.detail == {"from_stage": stage.name, "to_stage": "Pending test", "gate": ["a", 1]}
    assert moved.stage_entered == clock.now


def test_search_is_case_insensitive_on_every_engine(store):
    stage = store.workspace.stages()[0].id
    store.items.create(title="Write the PRD", stage_id=stage)
    store.items.create(title="prd review", stage_id=stage)
    assert [i.title for i in store.items.search("PrD")] == ["Write the PRD", "prd review"]


def test_the_change_counter_and_catching_up_after_it(engine, store):
    """What a second window polls to see the first one's changes (live updates)."""
    from cockpit.db.store import Store

    other = Store(make_engine(engine.url.render_as_string(hide_password=False)), actor="bob")
    try:
        seen = other.last_change_id()
        created = store.items.create(title="Shared", stage_id=store.workspace.stages()[0].id)
        assert other.last_change_id() > seen
        [change] = other.changes(after_id=seen)
        assert (change.entity, change.entity_id, change.actor) == ("item", created.id, "tester")
        assert other.changes(after_id=other.last_change_id()) == []
    finally:
        other.engine.dispose()


def test_files_go_beside_a_file_workspace_or_in_a_private_team_folder(db_url, cockpit_home):
    store = open_workspace(db_url)
    try:
        folder = WorkspaceFiles.of(store).root
        path = sqlite_path(to_url(db_url))
        if path is not None:
            assert folder == path.parent
        else:
            assert folder.parent == cockpit_home / "data" / "teams"
            assert "@" not in folder.name and ":" not in folder.name
    finally:
        store.engine.dispose()


def test_display_name_hides_passwords():
    assert display_name("postgresql://ann:pw@db.example/team") == "postgresql://ann:***@db.example/team"
    assert display_name("postgresql://ann@h/team?password=pw") == "postgresql://ann@h/team?password=***"
    assert display_name("work.db") == "work.db"


def test_a_value_the_database_refuses_is_a_store_error_and_nothing_is_written(store, on_postgres):
    """PostgreSQL enforces column lengths that SQLite does not: whatever slips past validation is
    refused as one readable line, and the transaction (change log included) is rolled back."""
    from cockpit.db.errors import StoreError
    from cockpit.db.models import Person

    before = store.last_change_id()
    too_long = "x" * 81  # the column is VARCHAR(80)
    if on_postgres:
        with pytest.raises(StoreError, match=r"^add person: refused by the database \(value too long"):
            with store.write("add person") as tx:
                tx.insert(Person(name=too_long, handle="long"))
        assert store.last_change_id() == before
        assert [p.handle for p in store.workspace.people()] == []
    else:
        with store.write("add person") as tx:
            tx.insert(Person(name=too_long, handle="long"))
        assert store.last_change_id() == before + 1


def test_reads_from_a_server_that_cannot_be_reached_are_a_store_error(closed_port):
    from cockpit.db.errors import DatabaseUnavailable
    from cockpit.db.store import Store

    store = Store(make_engine(f"postgresql://ann@127.0.0.1:{closed_port}/team"))
    with pytest.raises(DatabaseUnavailable, match="cannot be read right now"):
        store.workspace.project()
    store.engine.dispose()
