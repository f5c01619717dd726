"""Demo project, people, iterations and about 40 cards with a few weeks of history."""

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cockpit.db.store import Store

if TYPE_CHECKING:
    from cockpit.demo import DemoContext

PEOPLE = [
    ("Ann Lee", "ann", ["Product manager"]),
    ("Ben Okafor", "ben", ["Technical PM"]),
    ("Chen Wei", "chen", ["Test owner"]),
    ("Dana Ruiz", "dana", ["Designer"]),
    ("Eli Novak", "eli", ["Tech lead", "Developers"]),
    ("Fatima Khan", "fatima", ["Developers"]),
    ("Goro Sato", "goro", ["Developers"]),
    ("Hana Berg", "hana", ["PMO", "Business owner"]),
]

# (title, kind, priority, owner, estimate) per iteration, oldest iteration first.
WORK = [
    [
        ("Landing page hero for the campaign", "feature", "high", "dana", 1.5),
        ("Coupon service: issue codes in bulk", "feature", "urgent", "fatima", 2.0),
        ("Track campaign page views (data tracking)", "task", "medium", "goro", 1.0),
        ("Fix timezone bug in the countdown banner", "bug", "high", "goro", 0.5),
        ("Share card for social networks", "feature", "medium", "dana", 1.0),
        ("Referral link generator", "feature", "high", "fatima", 2.0),
        ("Load test the coupon endpoint", "task", "medium", "chen", 1.0),
        ("Grey release switch for the campaign", "task", "high", "eli", 0.5),
        ("Retro action: write the release checklist", "action", "medium", "ben", 0.5),
        ("Fix double counting of clicks", "bug", "urgent", "goro", 1.0),
        ("Rollback plan for the coupon migration", "task", "high", "eli", 0.5),
        ("Campaign FAQ page", "feature", "low", "dana", 1.0),
        ("Smoke test suite for checkout", "task", "medium", "chen", 1.5),
    ],
    [
        ("Loyalty points on campaign orders", "feature", "high", "fatima", 2.0),
        ("Leaderboard for referrals", "feature", "medium", "goro", 3.0),
        ("A/B test of the hero copy", "task", "medium", "ann", 1.0),
        ("Push notification opt-in prompt", "feature", "medium", "dana", 1.5),
        ("Fix crash on empty cart with coupon", "bug", "urgent", "fatima", 0.5),
        ("Data dashboard for campaign KPIs", "feature", "high", "goro", 2.0),
        ("Test cases for loyalty points", "task", "medium", "chen", 1.0),
        ("Accessibility review of campaign pages", "task", "medium", "dana", 1.0),
        ("Rate limit the referral API", "task", "high", "eli", 1.0),
        ("PRD: gift bundles", "task", "high", "ann", 1.0),
        ("Fix wrong currency in receipts", "bug", "high", "goro", 0.5),
        ("Capacity plan for launch day", "task", "medium", "ben", 1.0),
        ("Email template for winners", "feature", "low", "dana", 1.0),
        ("Retro action: pair on estimates over two days", "action", "low", "hana", 0.5),
    ],
    [
        ("Gift bundles in the catalogue", "feature", "high", "fatima", 4.0),
        ("Bundle pricing rules", "feature", "high", "goro", 2.0),
        ("PRD: partner co-marketing", "task", "medium", "ann", 1.0),
        ("Design partner badges", "feature", "medium", "dana", 1.0),
        ("Technical design: bundle inventory", "task", "high", "eli", 1.5),
        ("Data tracking plan for bundles", "task", "medium", "ann", 0.5),
        ("Fix flaky checkout test", "bug", "medium", "chen", 0.5),
        ("Partner API sandbox access", "task", "medium", "ben", None),
        ("Holiday banner variants", "feature", "low", "dana", 1.0),
        ("Fraud check on bulk coupon use", "feature", "urgent", "eli", 2.5),
        ("Customer support macros for the campaign", "task", "low", "hana", 0.5),
        ("Estimate the loyalty tier upgrade", "task", "medium", "ben", None),
        ("Fix typo in the German landing page", "bug", "low", "dana", 0.25),
    ],
]
# How far each iteration's cards got: stage index per card (0 = Pending review ... 5 = Retro done).
PROGRESS = [
    [5, 5, 5, 5, 4, 4, 4, 4, 5, 4, 3, 4, 4],
    [3, 2, 4, 2, 3, 2, 2, 1, 2, 1, 3, 1, 1, 1],
    [1, 1, 0, 1, 1, 0, 2, 0, 0, 1, 0, 0, 0],
]
BLOCKED = {
    "Leaderboard for referrals": "waiting for the ranking API from the platform team",
    "Partner API sandbox access": "partner has not sent credentials",
    "Fraud check on bulk coupon use": "legal review of the rules pending",
}
#: Cards hidden on a shared screen (presentation mode, f5): a partner deal not yet announced.
CONFIDENTIAL = {"PRD: partner co-marketing", "Partner API sandbox access"}
GOALS = [
    "Launch the campaign landing page and coupons",
    "Grow referrals and loyalty on campaign orders",
    "Gift bundles ready for the holiday peak",
]


def seed_team(store: Store, today: date, context: type["DemoContext"]) -> "DemoContext":
    """The project, its people, its three iterations and its stages (the cards come later)."""
    starts = [today - timedelta(days=30), today - timedelta(days=16), today - timedelta(days=2)]
    ctx = context(today=today, project_id=0)
    store.clock = lambda: ctx.at(40)
    project = store.workspace.setup_defaults("Holiday growth campaign")
    ctx.project_id = project.id
    for name, handle, roles in PEOPLE:
        ctx.people[handle] = store.workspace.add_person(name, handle, roles, email=f"{handle}@example.com")
    for start, goal in zip(starts, GOALS):
        ctx.iterations.append(store.workspace.add_iteration(start.strftime("%m%d"), start, start + timedelta(days=27), goal))
    ctx.stages = store.workspace.stages()
    return ctx


def seed_cards(store: Store, ctx: "DemoContext") -> None:
    """The iterations' cards, moved along the stages over the last weeks."""
    rng = random.Random(916)
    for iteration, work, progress in zip(ctx.iterations, WORK, PROGRESS):
        days_in = (ctx.today - iteration.start).days
        for (title, kind, priority, owner, estimate), reached in zip(work, progress):
            born = max(days_in - rng.randint(0, 3), 0) + 0.1
            store.clock = lambda d=born: ctx.ago(d, 9)
            due = iteration.end - timedelta(days=rng.randint(0, 6))
            item = store.items.create(title=title, kind=kind, priority=priority, owner_id=ctx.people[owner].id,
                                      estimate=estimate, iteration_id=iteration.id, due=due,
                                      stage_id=ctx.stages[0].id, confidential=title in CONFIDENTIAL)
            age = born
            for stage in ctx.stages[1:reached + 1]:
                age = max(age - rng.uniform(0.5, max(born / (reached + 1), 0.6)), 0.05)
                store.clock = lambda d=age: ctx.ago(d, 11)
                item = store.items.move(item.id, item.version, stage.id,
                                        detail={"criteria": list(stage.criteria)})
            if title in BLOCKED:
                store.clock = lambda: ctx.ago(1.2, 15)
                item = store.items.set_blocked(item.id, item.version, True, BLOCKED[title])
            ctx.items.append(item)
    store.clock = lambda: ctx.at(0.5)
