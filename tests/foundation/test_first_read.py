"""The board's first read (db/first_read.py): a SQLite file at the newest schema is read with plain
``sqlite3`` before SQLAlchemy is imported, and the board is drawn from it (the first frame); the store
comes up behind it, then the board screen takes over.  The first paint shows what the board shows,
keys pressed at once are honoured once the store is up, and anything else takes the normal path."""

import threading
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit import cli, workspace
from cockpit.db.files import DatabaseError
from cockpit.db.first_read import FIRST_WINDOW, read_board
from cockpit.screens.board.first_paint import BoardFirstPaint, first_columns
from cockpit.screens.board.model import BoardModel
from cockpit.screens.board.screen import BoardScreen
from cockpit.widgets.board_view import BoardView
from tests.board.test_dialog_paint import Painted, settle
from tests.helpers import TODAY, cockpit_app, until


def seeded(path: Path):  # noqa: ANN201 - a Store on a file, with every kind of card the board draws
    store = workspace.open_workspace(path, actor="ann")
    ws = store.workspace
    stages = ws.stages()
    ann = ws.add_person("Ann Lee", "ann")
    bob = ws.add_person("Bob Stone", "bob")
    earlier = ws.add_iteration("0901", TODAY - timedelta(days=40), TODAY - timedelta(days=20))
    current = ws.add_iteration("0929", TODAY - timedelta(days=5), TODAY + timedelta(days=9))
    later = ws.add_iteration("1013", TODAY + timedelta(days=10), TODAY + timedelta(days=24))
    objective = store.goals.add_objective("Grow")
    kr = store.goals.add_kr(objective.id, "Weekly users")
    kinds = [
        {"owner_id": ann.id, "iteration_id": current.id, "estimate": 3, "kr_id": kr.id},
        {"owner_id": bob.id, "iteration_id": earlier.id, "due": TODAY + timedelta(days=3)},
        {"iteration_id": later.id, "priority": "urgent"},  # another iteration's: hidden by the scope
        {"confidential": True, "kind": "bug"},
        {"owner_id": ann.id},
    ]
    for stage in stages:
        for n, fields in enumerate(kinds):
            store.items.create(title=f"C{n} {stage.name} [b]not markup[/b]", stage_id=stage.id, **fields)
    first = store.items.board_rows()[0]
    store.items.set_blocked(first.id, first.version, True, "waiting for the API")
    store.forget_undo()
    return store


def board_of(store) -> BoardModel:  # noqa: ANN001
    model = BoardModel(store)
    model.load(TODAY)
    return model


@pytest.mark.parametrize("presenting", [False, True])
def test_the_first_read_draws_each_column_as_the_board_does(tmp_path, presenting):
    store = seeded(tmp_path / "work.db")
    model = board_of(store)
    model.set_presenting(presenting)
    for per_column in (2, 60):
        read = read_board(tmp_path / "work.db", per_column=per_column, today=TODAY)
        columns, cards = first_columns(read, presenting)
        assert columns == model.columns()  # names, counts, WIP limits, gates and "shown of count"
        assert cards == [column[:per_column] for column in model.cards()]  # the same cards, in order
    assert any(column.shown != -1 for column in columns)  # the iteration scope hides cards: counted apart
    assert any(card.confidential and (card.title == "■■■■■■ confidential") == presenting
               for column in cards for card in column)


def board_lines(app) -> list[str]:  # noqa: ANN001
    view = app.screen.query_one(BoardView)
    strips = app.screen._compositor.render_strips()
    return [strip.text for strip in strips[view.region.y: view.region.bottom]]


async def test_the_first_paint_is_the_board_and_a_key_pressed_at_once_is_honoured(tmp_path, settings):
    path = tmp_path / "work.db"
    store = seeded(path)
    review = store.workspace.stages()[0]
    top, second = [row for row in store.items.board_rows() if row.stage_id == review.id][:2]
    gate = threading.Event()

    def open_store():  # noqa: ANN202 - the store comes up in a thread, when the test lets it
        assert gate.wait(30)
        return store

    app = cockpit_app(None, open_store=open_store, settings=settings, today=TODAY,
                      first_read=read_board(path, today=TODAY))
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, BoardFirstPaint) and app.screen.query_one(BoardView).painted)
        first = board_lines(app)
        assert f"C0 {review.name} [b]" in "\n".join(first)
        await pilot.press("J")  # the first card down its column, before the store is up
        assert not app.started and store.items.get(top.id).version == top.version  # held, not dropped
        gate.set()
        await until(pilot, lambda: store.items.get(top.id).version == top.version + 1, "the held key's move")
        assert isinstance(app.screen, BoardScreen)
        order = [row.id for row in store.items.board_rows() if row.stage_id == review.id][:2]
        assert order == [second.id, top.id]
        await pilot.pause()
        text = "\n".join(board_lines(app))
        assert text.index(f"C1 {review.name}") < text.index(f"C0 {review.name}")
        assert store.items.get(top.id).version == top.version + 1  # honoured once, not twice


async def taken_over(path: Path, store, settings, painted: bool = False) -> list[str]:  # noqa: ANN001
    """The board's lines on its first paint (with the store held back), checked to be the board's once
    the store is up and the board took over; with ``painted``, the updates written until then."""
    gate = threading.Event()

    def open_store():  # noqa: ANN202
        assert gate.wait(30)
        return store

    app = cockpit_app(None, open_store=open_store, settings=settings, today=TODAY,
                      first_read=read_board(path, today=TODAY))
    written = Painted(app)
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, BoardFirstPaint) and app.screen.query_one(BoardView).painted)
        await settle(pilot)
        updates, first = written.take(), board_lines(app)
        rows = app.screen.query_one(BoardView).windows.rows
        gate.set()
        await until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.screen.view.painted)
        await pilot.pause()
        assert board_lines(app) == first  # the same cards, order, counts and WIP, where they were
    return [rows, *updates] if painted else first


async def test_the_board_takes_over_from_its_first_paint_without_a_change_on_screen(tmp_path, settings):
    first = await taken_over(tmp_path / "work.db", seeded(tmp_path / "work.db"), settings)
    assert any("C0 " in line for line in first)


async def test_the_first_frame_is_the_whole_board_and_is_sent_once(tmp_path, settings):
    """As many cards as fit, and a column longer than the first read says how many more it holds (the
    first frame showed one card a column, then all of them a frame later, under "↓ N more" counted
    from the first read).  Nothing paints the board again until the store is up (Textual did, on the
    screen's resume: 33 KB more at 5,000 cards), nor the widgets painted in it (the clock's corner and
    the detail bar were, blank, a frame later); the board then takes over with the same lines."""
    store = workspace.open_workspace(tmp_path / "work.db", actor="ann")
    review = store.workspace.stages()[0]
    long = FIRST_WINDOW + 15
    for n in range(long):
        store.items.create(title=f"Long {n}", stage_id=review.id)
    rows, *updates = await taken_over(tmp_path / "work.db", store, settings, painted=True)
    boards = [update for update in updates if "Long 0" in update]
    assert rows > 5 and len(boards) == 1
    assert f"Long {rows - 1}" in boards[0] and f"↓ {long - rows} more" in boards[0]
    later = updates[updates.index(boards[0]) + 1:]  # the footer's keys, the title: nothing painted again as it was
    assert later and all("Move" in update or "Cockpit" in update for update in later)


def test_the_command_line_reads_the_board_first_for_a_file_at_the_newest_schema(tmp_path, headless_run):
    seeded(tmp_path / "work.db").engine.dispose()
    assert cli.main(["--db", str(tmp_path / "work.db")]) == 0
    [(app, given_a_store)] = headless_run
    assert not given_a_store and app.startup.first_read is not None and app.started


def test_an_empty_board_an_old_schema_and_a_server_take_the_normal_path(tmp_path, headless_run, monkeypatch):
    from cockpit.db.engine import make_engine
    from cockpit.db.migrate import upgrade

    workspace.open_workspace(tmp_path / "empty.db").engine.dispose()  # no card: nothing to draw first
    old = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(old, target="0012")  # a schema behind: upgraded (with a backup) before the screen
    old.dispose()
    assert cli.main(["--db", str(tmp_path / "empty.db")]) == 0
    assert cli.main(["--db", str(tmp_path / "old.db")]) == 0
    served = seeded(tmp_path / "served.db")
    monkeypatch.setattr(workspace, "open_workspace", lambda *_args, **_kwargs: served)
    assert cli.main(["--db", "postgresql://ann@db.example/cockpit"]) == 0  # a server: never read with sqlite3
    assert [(ran.app.startup.first_read, ran.given_a_store) for ran in headless_run] == \
        [(None, False), (None, True), (None, True)]


def test_a_damaged_file_is_refused_before_the_screen_even_when_its_first_pages_read(tmp_path):
    import sqlite3

    path = tmp_path / "work.db"
    seeded(path).engine.dispose()
    conn = sqlite3.connect(path)
    [(root,)] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'change'").fetchall()
    [(page,)] = conn.execute("PRAGMA page_size").fetchall()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page: (root - 1) * page + 8] = b"\xff" * 8  # the change log's page: the board never reads it
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    assert cli.board_first_read(path) is not None  # the first read alone would not notice
    with pytest.raises(DatabaseError, match="left untouched"):
        cli.ReadAhead(path).result()
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["work.db"]
