"""The demo's change log reads as a real workspace's: numbered in time order (the History screen lists
it newest first by number), and no card is changed before it was created."""


def test_the_demo_log_runs_in_time_order_and_no_card_changes_before_it_exists(demo):
    store, _ctx = demo
    rows = store.changes()
    assert len(rows) > 500
    assert [c.at for c in rows] == sorted(c.at for c in rows)
    assert [c.id for c in rows] == sorted(c.id for c in rows)
    created = {c.entity_id: c.at for c in rows if c.entity == "item" and c.action == "create"}
    early = [(c.label, c.at, created[c.entity_id]) for c in rows
             if c.entity == "item" and c.entity_id in created and c.at < created[c.entity_id]]
    assert early == []
    linked = [c for c in rows if c.entity == "item" and c.label.casefold().startswith("link ")]
    assert len(linked) == 13  # the goals' cards, each linked after it was filed
