"""Imports write through ``Tx.insert_values`` (SQLAlchemy Core, no ORM object): every row gets its id
in order, version 1 and a "create" change row shaped like the one-row path's; a row the database
refuses in a later batch leaves nothing written; undo of the import removes every row, each with its
"delete" change; ids are never handed out twice."""

import pytest

from cockpit.db.errors import StoreError
from cockpit.db.models_risks import Risk, RiskCreate
from cockpit.services.calendar_files import import_calendar


def _risks(count: int) -> list[RiskCreate]:
    return [RiskCreate(title=f"Risk {n}", probability=1 + n % 5, impact=1 + n % 3) for n in range(count)]


def test_an_import_writes_every_row_in_order_with_its_change_row_and_one_undo_removes_them(store):
    one = store.risks.create(title="Written alone")  # the one-row path (Tx.insert), for the change's shape
    ids = store.risks.import_many(_risks(1234), label="import risks")  # 13 batches of 100
    assert len(ids) == 1234 and ids == sorted(ids) and ids[0] > one.id
    rows = {risk.id: risk for risk in store.risks.all()}
    assert [rows[risk_id].title for risk_id in ids] == [f"Risk {n}" for n in range(1234)]
    assert {rows[risk_id].version for risk_id in ids} == {1}
    assert {rows[risk_id].project_id for risk_id in ids} == {store.workspace.project().id}

    created = [c for c in store.changes(entity="risk") if c.action == "create"]
    alone, imported = created[0], created[1:]
    assert [c.entity_id for c in imported] == ids and len({c.txn for c in imported}) == 1
    assert {c.label for c in imported} == {"import risks (1234)"}
    assert all(c.project_id == rows[c.entity_id].project_id and c.before is None for c in imported)
    assert set(imported[0].after) == set(alone.after)  # every column, as the one-row path logs it
    first = imported[0].after
    assert (first["id"], first["title"], first["version"], first["impact"]) == (ids[0], "Risk 0", 1, 1)
    assert first["created"] == rows[ids[0]].created.isoformat()

    assert store.undo().startswith("import risks")
    assert [risk.id for risk in store.risks.all()] == [one.id]
    deleted = {c.entity_id for c in store.changes(entity="risk") if c.action == "delete"}
    assert deleted == set(ids)


def test_a_row_refused_by_the_database_in_a_later_batch_writes_nothing(store):
    before = store.last_change_id()
    values = [data.model_dump() | {"project_id": store.workspace.project().id} for data in _risks(1200)]
    values[1100]["title"] = None  # NOT NULL: refused by the database in the third batch
    with pytest.raises(StoreError, match="refused by the database"):
        with store.write("import risks") as tx:
            tx.insert_values(Risk, values, step=500)
    assert store.risks.all() == [] and store.last_change_id() == before


def test_ids_are_never_handed_out_twice(store):
    first = store.risks.import_many(_risks(3))
    store.risks.delete(first[-1], 1)  # the highest id: SQLite's AUTOINCREMENT never gives it again
    second = store.risks.import_many(_risks(2))
    assert second[0] > first[-1]
    alone = store.risks.create(title="After the import")  # the ORM path continues after them
    assert alone.id > second[-1]


ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:a@example.org\r
DTSTART:20261203T150000\r
DTEND:20261203T160000\r
SUMMARY:Town hall\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:b@example.org\r
DTSTART;VALUE=DATE:20261225\r
SUMMARY:Christmas\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_imported_events_belong_to_the_project_shown_and_undo_removes_them(store, tmp_path):
    other = store.portfolio.add_project("Elsewhere")
    store.project_id = other.id
    path = tmp_path / "events.ics"
    path.write_bytes(ICS)
    assert import_calendar(store, path) == (2, 0, 0)
    events = store.calendar.events()
    assert {e.title for e in events} == {"Town hall", "Christmas"}
    assert {e.project_id for e in events} == {other.id} and {e.version for e in events} == {1}
    created = [c for c in store.changes(entity="calendar_event") if c.action == "create"]
    assert sorted(c.entity_id for c in created) == sorted(e.id for e in events)
    assert {c.project_id for c in created} == {other.id}
    store.project_id = None  # the first project's calendar does not show them
    assert store.calendar.events() == []
    store.project_id = other.id
    store.undo()
    assert store.calendar.events() == []
