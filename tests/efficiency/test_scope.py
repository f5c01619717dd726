"""The efficiency figures "for a project or a whole campaign": the campaign's scope takes in every
project of the campaign and of its sub-campaigns, and no other."""

from cockpit.services import flow as flow_service
from tests.helpers import NOW, TODAY


def deliver(store, project_id: int, title: str) -> int:  # noqa: ANN001
    """A card of ``project_id`` moved to its first done-category stage (delivered now)."""
    stages = store.workspace.stages(project_id)
    card = store.items.create(title=title, stage_id=stages[0].id)
    done = next(s for s in stages if s.category == "done")
    store.items.move(card.id, card.version, done.id)
    return card.id


def test_a_campaign_takes_in_its_sub_campaigns_projects_and_no_other(store) -> None:  # noqa: ANN001
    campaign = store.portfolio.add_campaign("Growth")
    sub = store.portfolio.add_campaign("Growth / checkout", parent_id=campaign.id)
    other = store.portfolio.add_campaign("Platform")
    home = store.portfolio.add_project("Search", campaign_id=campaign.id)
    below = store.portfolio.add_project("Checkout", campaign_id=sub.id)
    elsewhere = store.portfolio.add_project("Billing", campaign_id=other.id)
    cards = {name: deliver(store, project.id, name)
             for name, project in (("search", home), ("checkout", below), ("billing", elsewhere))}

    alone, label = flow_service.scope(store, home.id, campaign=False)
    assert alone == [home.id] and label == "Search"
    ids, label = flow_service.scope(store, home.id, campaign=True)
    assert sorted(ids) == sorted([home.id, below.id]) and label == "campaign Growth (2 projects)"

    flows = flow_service.load(store, ids, NOW)
    delivered = {f.card.id for f in flows.flows if f.delivered is not None}
    assert delivered == {cards["search"], cards["checkout"]}
    figures = flow_service.board(store, flows, 4, TODAY, NOW)
    assert figures.delivered == 2
    assert flow_service.board(store, flow_service.load(store, alone, NOW), 4, TODAY, NOW).delivered == 1
