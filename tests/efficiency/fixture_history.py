"""A small history with hand-computed figures (the comments give the arithmetic), written through
the store with the clock moved: a move back, a card reopened after release, a week with no
deliveries, a blocked period, bugs (one resolved as duplicate, an incident).  Times are UTC and the
tests pin the zone to UTC.  Today is Sunday 22 Nov 2026; the weeks shown (4) start Mon 26 Oct,
2 Nov, 9 Nov and 16 Nov.

Stages: 0 Pending review (backlog), 1 Pending development, 2 Pending test (in progress),
3 Pending release (awaiting release), 4 Released (done), 5 Retro done (after release).
"""

from datetime import datetime, timezone

from tests.helpers import NOW


def at(day: int, hour: int = 9, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=timezone.utc)


def build(store) -> dict[str, int]:  # noqa: ANN001
    stages = [s.id for s in store.workspace.stages()]
    ids: dict[str, int] = {}

    def when(moment: datetime) -> None:
        store.clock = lambda: moment

    def new(name: str, moment: datetime, **fields) -> None:  # noqa: ANN003
        when(moment)
        ids[name] = store.items.create(title=name, stage_id=stages[0], **fields).id

    def move(name: str, stage: int, moment: datetime) -> None:
        when(moment)
        card = store.items.get(ids[name])
        store.items.move(card.id, card.version, stages[stage])

    # A: moved back from test to development once; delivered Mon 9 Nov.
    #    cycle 3 Nov -> 9 Nov = 6 days, lead 2 Nov -> 9 Nov = 7 days.
    new("A move back", at(2))
    for stage, day in ((1, 3), (2, 4), (1, 5), (2, 6), (3, 7), (4, 9)):
        move("A move back", stage, at(day))
    # B: released Fri 6 Nov (its week would otherwise count it), reopened Tue 10 Nov, released again
    #    Thu 19 Nov: delivered once, on 19 Nov; cycle 4 -> 19 Nov = 15 days, lead 2 -> 19 Nov = 17.
    new("B reopened", at(2))
    for stage, day in ((1, 4), (4, 6), (1, 10), (4, 19)):
        move("B reopened", stage, at(day))
    # C: blocked Wed 11 Nov 09:00 to Fri 13 Nov 21:00 (2.5 days); cycle 10 -> 18 Nov = 8, lead 9.
    new("C blocked", at(9))
    move("C blocked", 1, at(10))
    when(at(11))
    card = store.items.get(ids["C blocked"])
    card = store.items.set_blocked(card.id, card.version, True, "waiting for the API")
    when(at(13, 21))
    store.items.set_blocked(card.id, card.version, False)
    move("C blocked", 4, at(18))
    # D: an incident (a bug found in production), resolved as a duplicate on Thu 12 Nov: closed then,
    #    never a valid bug.
    new("D duplicate", at(10), kind="bug", severity="major", in_production=True)
    when(at(12))
    card = store.items.get(ids["D duplicate"])
    store.items.update(card.id, card.version, resolution="duplicate")
    # E: a valid bug opened Mon 16 Nov, in development since Tue 17 Nov: open, 5 days old today.
    new("E open bug", at(16), kind="bug", severity="minor")
    move("E open bug", 1, at(17))
    # F: a valid incident opened Mon 9 Nov, started 9 Nov 12:00, released Fri 20 Nov 09:00:
    #    cycle 10.875 days, lead 11 days.
    new("F incident", at(9), kind="bug", severity="critical", in_production=True)
    move("F incident", 1, at(9, 12))
    move("F incident", 4, at(20))
    store.clock = lambda: NOW
    return ids
