"""The store methods the board adds: slim rows, catching up from the change log, reorder with a neighbour."""

import pytest

from cockpit.db.errors import ValidationFailed
from cockpit.db.store import Store
from tests.helpers import cursor


def test_board_rows_are_by_stage_then_position(store, small):
    rows = store.items.board_rows()
    assert [r.title for r in rows] == ["Alpha", "Bravo", "Charlie", "Delta"]
    assert store.items.board_rows([small["D"].id])[0].stage_id == small["stages"][1].id
    assert store.items.board_rows([]) == []


def test_board_rows_share_repeated_values_and_match_the_columns(store, small):
    """At 50,000 cards a copy of each card's kind, priority, estimate and due date per row was 7 MB."""
    from datetime import date

    from sqlmodel import select

    from cockpit.db.first_read import BoardRow
    from cockpit.db.models import Item

    stage = small["stages"][0]
    for n in range(3):
        store.items.create(title=f"Same {n}", stage_id=stage.id, kind="bug", priority="high", estimate=2.5,
                           due=date(2026, 12, 24))
    rows = [r for r in store.items.board_rows() if r.title.startswith("Same")]
    for field in ("kind", "priority", "estimate", "due"):
        assert len({id(getattr(r, field)) for r in rows}) == 1, field
    with store.read() as session:
        query = select(*(getattr(Item, name) for name in BoardRow._fields)).order_by(Item.stage_id, Item.position, Item.id)
        plain = [BoardRow._make(row) for row in session.connection().execute(query)]
    assert store.items.board_rows() == plain  # each value in its own field


def test_changed_since_names_changed_and_deleted_items(engine, store, small):
    start = store.last_change_id()
    assert store.items.changed_since(start).item_ids == frozenset()
    store.items.update(small["A"].id, small["A"].version, title="Alpha 2")
    store.items.delete(small["B"].id, small["B"].version)
    store.workspace.add_person("Eve", "eve")
    changed = store.items.changed_since(start)
    assert changed.item_ids == {small["A"].id, small["B"].id} and "person" in changed.other
    assert [r.title for r in changed.rows] == ["Alpha 2"]  # Bravo is gone
    assert changed.last_change_id == store.last_change_id()


def test_reorder_with_a_neighbour_swaps_with_that_card_and_undoes(store, small):
    a, c = small["A"], small["C"]
    store.items.reorder(a.id, a.version, 1, neighbour_id=c.id)
    assert [r.title for r in store.items.board_rows()][:3] == ["Charlie", "Bravo", "Alpha"]
    store.undo()
    assert [r.title for r in store.items.board_rows()][:3] == ["Alpha", "Bravo", "Charlie"]
    with pytest.raises(ValidationFailed):
        store.items.reorder(a.id, store.items.get(a.id).version, 2)


async def test_reload_keeps_cursor_and_scroll_on_a_long_column(engine, store, make_app):
    stage = store.workspace.stages()[0]
    items = [store.items.create(title=f"Card {i}", stage_id=stage.id) for i in range(60)]
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("BoardView")
        for _ in range(40):
            await pilot.press("j")
        await pilot.pause()
        scrolled = view.windows.tops[0]
        assert scrolled > 0 and cursor(app).title == "Card 40"
        other = Store(engine, actor="bob", clock=store.clock)
        other.items.update(items[50].id, items[50].version, title="Renamed by Bob")
        other.items.delete(items[2].id, items[2].version)  # a card above the cursor disappears
        app.screen.refresh_data()
        await pilot.pause()
        assert cursor(app).title == "Card 40"
        assert view.windows.tops[0] == scrolled - 1  # the column's window moved with the card, by one card
        assert any("Card 40" in view.render_line(y).text for y in range(view.size.height))
