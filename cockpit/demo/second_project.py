"""A second project for the demo's portfolio (ctrl+o): "Checkout revamp" in its own campaign,
"Payments platform", with a shorter workflow of its own, three more people (one part-time, Fridays
off, so the capacity shows), two iterations (the earlier one closed), cards with a few weeks of
history and one risk.  The first project stays the one a new window shows."""

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from cockpit.db.store import Store

if TYPE_CHECKING:
    from cockpit.demo import DemoContext

PEOPLE = [  # (name, handle, roles in this project, availability %, days off)
    ("Iris Novak", "iris", ["Product manager"], 100, []),
    ("Jonas Brandt", "jonas", ["Tech lead", "Developers"], 100, []),
    ("Kemi Adeyemi", "kemi", ["Developers", "Test owner"], 80, ["fri"]),
]
#: Its own workflow: the standard stages renamed and tightened (gates and criteria kept).
STAGES = [("Backlog", None), ("Building", 3), ("Review", 2), ("Ready to ship", 2), ("Shipped", None)]
# (title, kind, priority, owner, estimate, stages reached) of the current iteration, then the earlier one
CURRENT = [
    ("One-page checkout form", "feature", "high", "jonas", 2.0, 2),
    ("Saved cards with 3-D Secure", "feature", "urgent", "kemi", 2.0, 1),
    ("Apple Pay and Google Pay buttons", "feature", "high", "jonas", 1.5, 1),
    ("Address lookup by postcode", "feature", "medium", "kemi", 1.0, 3),
    ("Checkout funnel tracking", "task", "medium", "iris", 1.0, 0),
    ("Fix rounding of split payments", "bug", "urgent", "kemi", 0.5, 4),
    ("PRD: guest checkout", "task", "medium", "iris", None, 0),
]
EARLIER = [
    ("Payment provider sandbox", "task", "high", "jonas", 1.0, 4),
    ("Checkout error messages rewrite", "feature", "medium", "iris", 1.0, 4),
    ("Card form accessibility fixes", "bug", "high", "kemi", 0.5, 3),
]


def seed(store: Store, ctx: "DemoContext") -> None:
    rng = random.Random(1016)
    today = ctx.today
    store.clock = lambda: ctx.at(25)
    lead = ctx.people.get("ben")
    pmo = ctx.people.get("hana")
    campaign = store.portfolio.add_campaign("Payments platform", lead_id=lead.id if lead else None,
                                            pmo_id=pmo.id if pmo else None)
    project = store.portfolio.add_project("Checkout revamp", campaign_id=campaign.id, pmo_id=pmo.id if pmo else None)
    store.project_id = project.id  # people, iterations and cards below are this project's
    try:
        people = {}
        for name, handle, roles, share, off in PEOPLE:
            people[handle] = store.workspace.add_person(name, handle, roles, email=f"{handle}@example.com",
                                                        team="Payments", availability=share, days_off=off)
        project = store.portfolio.update_project(project.id, project.version, pm_id=people["iris"].id)
        stages = store.workflow.stages(project.id)
        for stage, (name, wip) in zip(stages, STAGES):
            store.workflow.update_stage(stage.id, stage.version, name=name, wip_limit=wip)
        for extra in stages[len(STAGES):]:
            store.workflow.remove_stage(extra.id, store.workflow.stages(project.id)[-1].version)
        stages = store.workflow.stages(project.id)
        earlier = store.workspace.add_iteration("P1", today - timedelta(days=24), today - timedelta(days=11),
                                                "Sandbox payments end to end")
        templates = store.calendar.templates()  # its key nodes come from the workspace's template
        current = store.calendar.new_iteration("P2", today - timedelta(days=10), today + timedelta(days=17),
                                               "One-page checkout in grey release",
                                               templates[0].id if templates else None)
        for iteration, work in ((earlier, EARLIER), (current, CURRENT)):
            days_in = (today - iteration.start).days
            for title, kind, priority, owner, estimate, reached in work:
                born = max(days_in - rng.randint(0, 2), 1) + 0.2
                store.clock = lambda d=born: ctx.ago(d, 9)
                item = store.items.create(title=title, kind=kind, priority=priority, owner_id=people[owner].id,
                                          estimate=estimate, iteration_id=iteration.id, stage_id=stages[0].id)
                age = born
                for stage in stages[1:reached + 1]:
                    age = max(age - rng.uniform(0.5, max(born / (reached + 1), 0.6)), 0.05)
                    store.clock = lambda d=age: ctx.ago(d, 11)
                    item = store.items.move(item.id, item.version, stage.id, detail={"criteria": list(stage.criteria)})
                if title == "Saved cards with 3-D Secure":
                    store.clock = lambda: ctx.ago(1.3, 14)
                    store.items.set_blocked(item.id, item.version, True, "waiting for the bank's test certificates")
        store.clock = lambda: ctx.at(10, 17)
        store.portfolio.set_iteration_closed(earlier.id, earlier.version, True)
        store.clock = lambda: ctx.at(4)
        store.risks.create(title="Bank certification slips past the release train", probability=3, impact=4,
                           owner_id=people["jonas"].id, response="mitigate",
                           mitigation="Ask the bank for a sandbox certificate this week")
    finally:
        store.project_id = None  # a new window opens the first project, as before
