"""Goals vs outcomes from a seeded change log: committed, delivered, carried over, cycle time,
blocked days, estimates over two person-days."""

from datetime import date, datetime, timezone

from cockpit.services.reports import retro_metrics


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=timezone.utc)


def seed(store, clock):
    clock.now = at(1, 8)
    iteration = store.workspace.add_iteration("1101", date(2026, 11, 1), date(2026, 11, 14))
    other = store.workspace.add_iteration("1115", date(2026, 11, 15), date(2026, 11, 28))
    stages = {s.name: s.id for s in store.workspace.stages()}
    cards = {}

    def create(name, day, iteration_id=iteration.id, **fields):
        clock.now = at(day)
        cards[name] = store.items.create(title=name, stage_id=stages["Pending review"], iteration_id=iteration_id, **fields)

    def move(name, day, stage, hour=10):
        clock.now = at(day, hour)
        cards[name] = store.items.move(cards[name].id, cards[name].version, stages[stage])

    def block(name, day, blocked):
        clock.now = at(day)
        cards[name] = store.items.set_blocked(cards[name].id, cards[name].version, blocked, "waiting" if blocked else "")

    for name in ("A", "B", "C", "F"):
        create(name, 1, estimate=3.0 if name == "C" else 1.0)
    create("D", 5)                                   # joins after the commitment window
    create("E", 1, iteration_id=other.id)            # another iteration: not counted
    move("A", 2, "Pending development"); move("A", 4, "Pending test"); move("A", 6, "Released")
    move("B", 3, "Pending development"); block("B", 4, True); block("B", 6, False); move("B", 9, "Released")
    move("C", 2, "Pending development"); block("C", 12, True)
    move("F", 2, "Pending development"); move("F", 16, "Released")   # delivered after the end
    move("E", 2, "Released")
    return iteration


def test_metrics_from_the_change_log(store, clock):
    iteration = seed(store, clock)
    metrics = retro_metrics(store, iteration, now=at(22))
    assert sorted(metrics.committed) == ["A", "B", "C", "D", "F"]
    assert sorted(metrics.delivered) == ["A", "B"]
    assert sorted(metrics.carried_over) == ["C", "D", "F"]
    assert metrics.added_late == ["D"]
    assert metrics.cycle_days == [4.0, 6.0] and metrics.median_cycle_days == 5.0
    assert metrics.blocked_days == 4.6           # B: 2 days; C: from the 12th 10:00 to the end of the 14th
    assert metrics.oversized == [("C", 3.0)]
    assert metrics.finished
    assert "Delivered: 2 of 5" in metrics.summary_lines()


def test_metrics_while_the_iteration_runs(store, clock):
    iteration = seed(store, clock)
    metrics = retro_metrics(store, iteration, now=at(7))
    assert not metrics.finished
    assert sorted(metrics.delivered) == ["A"]
    assert metrics.blocked_days == 2.0
    assert "Not delivered yet: 4" in metrics.summary_lines()


def test_a_card_moved_back_out_of_released_is_not_delivered(store, clock):
    iteration = seed(store, clock)
    stages = {s.name: s.id for s in store.workspace.stages()}
    clock.now = at(10)
    card = next(i for i in store.items.all() if i.title == "A")
    store.items.move(card.id, card.version, stages["Pending test"])
    metrics = retro_metrics(store, iteration, now=at(22))
    assert sorted(metrics.delivered) == ["B"]


def test_undone_scope_change_is_not_counted(store, clock):
    iteration = seed(store, clock)
    clock.now = at(3)
    card = store.items.create(title="G", stage_id=store.workspace.stages()[0].id, iteration_id=iteration.id)
    store.undo()
    assert "G" not in retro_metrics(store, iteration, now=at(22)).committed
    assert card.id
