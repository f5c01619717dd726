"""Portfolio fixtures: a workspace with two projects in a campaign and a sub-campaign, and the app."""

from datetime import timedelta

import pytest

from tests.helpers import TODAY, cockpit_app


@pytest.fixture
def two_projects(store):
    """"Test project" (campaign "Test project", current iteration 12 and an earlier 11 and a later 13)
    and "Checkout" (sub-campaign "Payments" of "Retail"), each with cards; undo stacks emptied."""
    first = store.workspace.project()
    store.workspace.add_iteration("11", TODAY - timedelta(days=20), TODAY - timedelta(days=7))
    current = store.workspace.add_iteration("12", TODAY - timedelta(days=6), TODAY + timedelta(days=7))
    store.workspace.add_iteration("13", TODAY + timedelta(days=8), TODAY + timedelta(days=21))
    its = {it.name: it.id for it in store.workspace.iterations()}
    stages = {s.name: s.id for s in store.workspace.stages()}
    store.items.create(title="Current work", stage_id=stages["Pending development"], iteration_id=its["12"])
    store.items.create(title="Delivered now", stage_id=stages["Released"], iteration_id=its["12"])
    store.items.create(title="Left over", stage_id=stages["Pending test"], iteration_id=its["11"], blocked=True,
                       blocked_reason="waiting")
    store.items.create(title="Done before", stage_id=stages["Released"], iteration_id=its["11"])
    store.items.create(title="Planned later", stage_id=stages["Pending review"], iteration_id=its["13"])
    store.risks.create(title="Vendor late", probability=4, impact=5)
    ann = store.workspace.add_person("Ann Lee", "ann")
    retail = store.portfolio.add_campaign("Retail", lead_id=ann.id)
    payments = store.portfolio.add_campaign("Payments", parent_id=retail.id)
    other = store.portfolio.add_project("Checkout", campaign_id=payments.id, pm_id=ann.id)
    other_stage = store.workspace.stages(other.id)[1].id
    store.items.create(title="Card of Checkout", stage_id=other_stage)
    store.forget_undo()
    return first, other, current


@pytest.fixture
def make_app(settings):
    def make(store, **kwargs):
        return cockpit_app(store, settings=settings, today=TODAY, **kwargs)
    return make
