"""A meeting reads only its window of the change log: the minutes their meeting's rows, the retro
metrics the rows of the iteration's cards (through the index of revision 0012), with the same
figures as a replay of the whole log."""

from datetime import date, datetime, timezone

from sqlalchemy import event

from cockpit.db.store import Store
from cockpit.logic.retro_metrics import compute
from cockpit.services.meetings import MeetingSession, minutes_text


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=timezone.utc)


def changes_section(text: str) -> list[str]:
    return [line for line in text.split("## Changes during the meeting", 1)[1].splitlines() if line.strip()]


def seed(store, clock):
    clock.now = at(1, 8)
    sprint = store.workspace.add_iteration("Sprint", date(2026, 11, 1), date(2026, 11, 14))
    other = store.workspace.add_iteration("Other", date(2026, 11, 15), date(2026, 11, 28))
    stages = store.workspace.stages()
    clock.now = at(1)
    cards = {
        "in": store.items.create(title="In the sprint", stage_id=stages[0].id, iteration_id=sprint.id),
        "left": store.items.create(title="Moved out later", stage_id=stages[0].id, iteration_id=sprint.id),
        "other": store.items.create(title="Elsewhere", stage_id=stages[0].id, iteration_id=other.id),
        "none": store.items.create(title="Unplanned", stage_id=stages[0].id),
    }
    clock.now = at(3)
    left = cards["left"]
    cards["left"] = store.items.update(left.id, left.version, iteration_id=other.id)
    other_card = cards["other"]
    cards["other"] = store.items.move(other_card.id, other_card.version, stages[1].id)
    return sprint, stages, cards


def test_minutes_and_metrics_leave_out_changes_outside_the_meeting(engine, store, clock):
    sprint, stages, cards = seed(store, clock)
    clock.now = at(15, 9)
    session = MeetingSession(store)
    session.start("retrospective", "Retro", [], iteration_id=sprint.id)
    clock.now = at(15, 9).replace(minute=5)
    moved = store.items.move(cards["in"].id, cards["in"].version, stages[1].id)
    bob = Store(engine, actor="bob", clock=clock)  # another window, in no meeting
    bob.items.update(cards["none"].id, cards["none"].version, title="Renamed by Bob")
    meeting_id = session.meeting_id
    session.end()
    clock.now = at(15, 11)
    store.items.update(moved.id, moved.version, title="Renamed after the meeting")

    asked: list[dict] = []
    whole_log = store.changes
    store.changes = lambda **filters: asked.append(filters) or whole_log(**filters)  # type: ignore[method-assign]
    text = minutes_text(store, meeting_id)
    store.changes = whole_log  # type: ignore[method-assign]
    assert asked == [{"meeting_id": meeting_id}]  # the minutes' only read of the log is their meeting's
    assert changes_section(text) == ["- 09:05 Move card In the sprint: Pending review → Pending development (tester)"]
    assert "Committed: 2 cards" in text  # "in" and "left" (in the sprint before its end), nothing else

    rows = store.iteration_changes(sprint.id)
    assert {row.entity_id for row in rows} == {cards["in"].id, cards["left"].id}
    assert [row.id for row in rows] == sorted(row.id for row in rows)
    everything = store.changes(entity="item")
    assert len(everything) > len(rows)
    for now in (at(2), at(15, 9), at(20)):  # the same figures as a replay of the whole log
        window = compute(sprint, rows, stages, now)
        whole = compute(sprint, everything, stages, now)
        assert window == whole
    assert sorted(compute(sprint, rows, stages, at(20)).committed) == ["Moved out later", "Renamed after the meeting"]


def test_the_window_queries_use_their_indexes(engine, store, clock, on_postgres):
    sprint, _stages, _cards = seed(store, clock)
    session = MeetingSession(store)
    session.start("retrospective", "Retro", [], iteration_id=sprint.id)
    ran: list[tuple[str, object]] = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):  # noqa: ANN001
        ran.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        store.iteration_changes(sprint.id)
        [metrics_query] = [(sql, p) for sql, p in ran if "entity_id IN" in sql]
        del ran[:]
        store.changes(meeting_id=session.meeting_id)
        [minutes_query] = [(sql, p) for sql, p in ran if "meeting_id" in sql and "FROM change" in sql]
    finally:
        event.remove(engine, "before_cursor_execute", remember)

    with engine.connect() as conn:
        if on_postgres:
            conn.exec_driver_sql("ANALYZE change")  # statistics of the expression index too
            conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table: ask whether an index can serve it
        plans = []
        for sql, params in (metrics_query, minutes_query):
            prefix = "EXPLAIN " if on_postgres else "EXPLAIN QUERY PLAN "
            rows = conn.exec_driver_sql(prefix + sql, params).all()
            plans.append(" ".join(str(cell) for row in rows for cell in row))
    metrics_plan, minutes_plan = plans
    assert "ix_change_item_iteration" in metrics_plan, metrics_plan
    assert "ix_change_entity" in metrics_plan, metrics_plan
    assert "ix_change_meeting_id" in minutes_plan, minutes_plan
    if not on_postgres:
        assert "SCAN change" not in metrics_plan and "SCAN change" not in minutes_plan
