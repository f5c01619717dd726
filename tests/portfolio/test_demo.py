"""The demo's second project: the portfolio shows two rows; the first project stays the one shown."""

from tests.helpers import TODAY


def test_the_demo_has_a_second_project_with_its_own_workflow_team_and_history(demo):
    store, ctx = demo
    assert store.workspace.project().id == ctx.project_id  # a new window still opens the first project
    rows = store.portfolio.figures(TODAY)
    assert [(r.campaign, r.name) for r in rows] == [("Holiday growth campaign", "Holiday growth campaign"),
                                                   ("Payments platform", "Checkout revamp")]
    checkout = rows[1]
    assert checkout.pm == "Iris Novak" and checkout.iteration == "P2" and checkout.blocked == 1
    assert checkout.top_risk == 12 and checkout.next_node
    assert [s.name for s in store.workspace.stages(checkout.id)] == [
        "Backlog", "Building", "Review", "Ready to ship", "Shipped"]
    iterations = store.workspace.iterations(checkout.id)
    assert [(it.name, it.closed) for it in iterations] == [("P1", True), ("P2", False)]
    store.project_id = checkout.id
    cards = store.items.all()
    assert len(cards) == 10 and all(c.project_id == checkout.id for c in cards)
    assert len([c for c in store.changes(entity="item") if c.action == "move"]) > 10  # some history
    team = {p.handle for p in store.workspace.people() if "Checkout revamp" in p.project_roles}
    assert team == {"iris", "jonas", "kemi"}
