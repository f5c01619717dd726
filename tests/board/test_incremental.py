"""A saved change costs what it touches (issue 15): the board's model patches the columns of the
changed cards in place and the layout keeps its index of untouched columns.  Both must show exactly
what a full reload shows."""

from cockpit.screens.board.model import BoardModel
from cockpit.widgets.board_layout import BoardLayout
from tests.helpers import TODAY


def shown(model: BoardModel) -> list[list[tuple[int, int, str]]]:
    return [[(card.id, card.version, card.title) for card in column] for column in model.cards()]


def test_patched_columns_and_layout_match_a_full_reload(store):
    stages = store.workspace.stages()
    cards = [store.items.create(title=f"card {i}", stage_id=stages[i % 3].id) for i in range(30)]
    model = BoardModel(store)
    model.load(TODAY)
    layout = BoardLayout(model.cards())
    before = model.cards()

    def step() -> None:
        nonlocal layout
        assert model.refresh(TODAY)
        fresh = BoardModel(store)
        fresh.load(TODAY)
        assert shown(model) == shown(fresh)
        assert [model.count(s.id) for s in stages] == [fresh.count(s.id) for s in stages]
        layout = BoardLayout(model.cards(), previous=layout)
        assert layout.where == BoardLayout(fresh.cards()).where

    get = store.items.get
    store.items.reorder(cards[3].id, get(cards[3].id).version, 1, neighbour_id=cards[6].id)
    step()
    untouched = [column is old for column, old in zip(model.cards(), before)]
    assert untouched[1:] == [True, True, True, True, True] and not untouched[0]  # only the reordered column
    store.items.move(cards[4].id, get(cards[4].id).version, stages[0].id)
    step()
    store.items.delete(cards[0].id, get(cards[0].id).version)
    store.items.create(title="late", stage_id=stages[2].id)
    store.items.set_blocked(cards[5].id, get(cards[5].id).version, True, "waiting")
    step()
    store.undo()
    store.undo()
    step()
    model.set_filter("card 1")  # a filter in force: patched columns still hold only matching cards
    store.items.reorder(cards[10].id, get(cards[10].id).version, -1, neighbour_id=cards[1].id)
    assert model.refresh(TODAY)
    fresh = BoardModel(store)
    fresh.load(TODAY)
    fresh.set_filter("card 1")
    assert shown(model) == shown(fresh)
