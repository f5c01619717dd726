"""Twelve weeks of delivered work before the demo's iterations, so that every chart of the
efficiency screen shows something: cards moving through the stages with realistic cycle times, a
few blocked for a while, two reopened after release, bugs with severities and resolutions, and two
production incidents.  The finished cards belong to no iteration, so the board (current iteration
plus unfinished work) does not show them."""

import random
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from cockpit.db.models import Item, ItemRead
from cockpit.db.store import Store
from cockpit.db.tx import UNCHECKED, Tx

if TYPE_CHECKING:
    from cockpit.demo import DemoContext

# (title, kind, owner); bugs carry (severity, found in production, resolution).
DONE = [
    ("Campaign brief and success metrics", "task", "ann"), ("Wireframes for the landing page", "feature", "dana"),
    ("Coupon data model", "task", "eli"), ("Checkout: apply a coupon code", "feature", "fatima"),
    ("Event tracking plan for checkout", "task", "ann"), ("Coupon admin: list and revoke codes", "feature", "goro"),
    ("Load test plan", "task", "chen"), ("Feature switch for the checkout flow", "task", "eli"),
    ("Product page badges for campaign items", "feature", "dana"), ("Order confirmation email copy", "task", "ann"),
    ("Referral programme PRD", "task", "ann"), ("Referral tracking cookie", "feature", "goro"),
    ("Smoke tests for the coupon flow", "task", "chen"), ("Campaign countdown banner", "feature", "dana"),
    ("Coupon expiry job", "feature", "fatima"), ("Analytics dashboard skeleton", "feature", "goro"),
    ("Release checklist template", "task", "ben"), ("Customer support FAQ draft", "task", "hana"),
    ("Rate limiting for coupon redemption", "feature", "eli"), ("Mobile layout of the landing page", "feature", "dana"),
    ("Refund flow keeps the coupon", "feature", "fatima"), ("Grey release to 5 % of users", "task", "eli"),
    ("Translate the landing page (DE, FR)", "task", "dana"), ("Retro action: shorter stand-ups", "action", "ben"),
    ("Partner logo wall", "feature", "dana"), ("Cache the campaign catalogue", "feature", "goro"),
    ("Test data for loyalty points", "task", "chen"), ("Monitoring alerts for checkout errors", "task", "eli"),
    ("Loyalty points PRD", "task", "ann"), ("Referral reward payout job", "feature", "fatima"),
    ("Accessibility fixes on the coupon form", "task", "dana"), ("Capacity review with the platform team", "task", "ben"),
    ("Winners announcement page", "feature", "dana"), ("Export coupon usage for finance", "feature", "goro"),
    ("Rollback drill for the coupon service", "task", "eli"), ("Retro action: pair on risky migrations", "action", "hana"),
]
BUGS = [
    ("Coupon code accepted twice", "fatima", "critical", True, "valid"),  # an incident, fixed
    ("Banner overlaps the cart on small screens", "dana", "minor", False, "valid"),
    ("Tracking event fires on page reload", "goro", "major", False, "valid"),
    ("Wrong discount shown for bundles", "fatima", "major", False, "duplicate"),
    ("Email preview shows raw placeholders", "ann", "minor", False, "valid"),
    ("Slow checkout under load", "eli", "major", False, "wont_fix"),
    ("Referral link 404 in the app", "goro", "critical", False, "invalid"),
    ("Countdown shows a negative time", "dana", "trivial", False, "valid"),
]
#: Cards released, then reopened (a defect found after release) and released again.
REOPENED = {"Checkout: apply a coupon code", "Referral tracking cookie"}
BLOCKED = {"Coupon expiry job": "waiting for the scheduler upgrade",
           "Referral reward payout job": "finance approval of the payout rules",
           "Cache the campaign catalogue": "cache cluster not provisioned"}
#: The board's own bugs: (severity, found in production).  The crash on an empty cart reached users.
BOARD_BUGS = {"Fix crash on empty cart with coupon": ("critical", True),
              "Fix double counting of clicks": ("major", False),
              "Fix timezone bug in the countdown banner": ("minor", False),
              "Fix wrong currency in receipts": ("major", False),
              "Fix flaky checkout test": ("minor", False),
              "Fix typo in the German landing page": ("trivial", False)}
#: Days ago the history starts (twelve weeks) and ends (the first iteration's cards take over).
FIRST_DAY, LAST_DAY = 84, 33


def seed(store: Store, ctx: "DemoContext") -> None:
    """The history is written in one database transaction through ``Tx`` (some 300 separate commits
    would double the demo's build time), yet read back as the real thing: each change is its own
    action (its own ``txn``), made by the card's owner at its simulated time, and the changes are
    written in the order of those times (the History screen lists them in that order)."""
    rng = random.Random(1812)
    stages = ctx.stages  # Pending review, development, test, release, Released, Retro done
    work = [(title, kind, owner, None) for title, kind, owner in DONE] + \
           [(title, "bug", owner, (severity, prod, resolution)) for title, owner, severity, prod, resolution in BUGS]
    rng.shuffle(work)
    step = (FIRST_DAY - LAST_DAY - 12) / len(work)
    #: (when, order, owner, label, write): planned first, written in time order below.
    planned: list[tuple[datetime, int, str, str, Callable[[Tx], None]]] = []
    cards: dict[str, Item] = {}

    def plan(when: datetime, owner: str, label: str, write: Callable[[Tx], None]) -> None:
        planned.append((when, len(planned), owner, label, write))

    def change(title: str, owner: str, days_ago: float, hour: int, fields: dict, action: str = "update",
               label: str = "edit card", detail: dict | None = None) -> None:
        when = ctx.at(0, hour) - timedelta(days=days_ago)  # earlier is more days ago

        def write(tx: Tx) -> None:
            tx.update(cards[title], UNCHECKED, fields | {"updated": when} |
                      ({"stage_entered": when} if "stage_id" in fields else {}), action=action, detail=detail)
        plan(when, owner, f"{label} {title}", write)

    for index, (title, kind, owner, bug) in enumerate(work):
        at = FIRST_DAY - index * step - rng.uniform(0, 2)
        created = ctx.at(0, 9) - timedelta(days=at)
        card = Item(title=title, kind=kind, priority=rng.choice(["high", "medium", "medium", "low"]),
                    owner_id=ctx.people[owner].id, estimate=rng.choice([0.5, 1.0, 1.0, 1.5, 2.0]),
                    project_id=ctx.project_id, stage_id=stages[0].id, position=10_000 + index,
                    severity=bug[0] if bug else None, in_production=bool(bug and bug[1]),
                    created=created, updated=created, stage_entered=created)
        plan(created, owner, f"create card {title}",
             lambda tx, title=title, card=card: cards.__setitem__(title, tx.insert(card)))
        if bug and bug[2] != "valid":  # triaged a day or two later, then tidied away
            at -= rng.uniform(0.5, 2)
            change(title, owner, at, 14, {"resolution": bug[2]})
            change(title, owner, at, 15, {"stage_id": stages[5].id}, "move", "move card",
                   {"from_stage": stages[0].name, "to_stage": stages[5].name})
            continue
        at -= rng.uniform(0.5, 3)  # waiting in review
        path = [1, 2, 3, 4] + ([2, 3, 4] if title in REOPENED else []) + ([5] if index % 3 else [])
        previous = stages[0]
        for position, stage in enumerate(path):
            at = max(at - rng.uniform(0.4, 2.5) * (3 if stage == 2 and position > 3 else 1), 1)
            if title in BLOCKED and stage == 2 and position == 1:
                change(title, owner, at, 10, {"blocked": True, "blocked_reason": BLOCKED[title]}, "block",
                       "block card")
                at -= rng.uniform(1.5, 3.5)
                change(title, owner, at, 10, {"blocked": False, "blocked_reason": ""}, "block", "unblock card")
            change(title, owner, at, 11 + position % 5, {"stage_id": stages[stage].id}, "move", "move card",
                   {"from_stage": previous.name, "to_stage": stages[stage].name})
            previous = stages[stage]
    with store.write("demo history", undoable=False) as tx:
        for when, _order, owner, label, write in sorted(planned, key=lambda step: step[:2]):
            tx.now, tx.label, tx.txn, tx.actor = when, label, uuid.uuid4().hex, ctx.people[owner].name
            write(tx)
        tx.actor = store.actor


def rate_board_bugs(store: Store, ctx: "DemoContext") -> None:
    """The current iterations' bugs get the severity and production flag they were filed with."""
    with store.write("demo bug ratings", undoable=False) as tx:
        for index, card in enumerate(ctx.items):
            if card.title in BOARD_BUGS:  # rated when filed
                severity, in_production = BOARD_BUGS[card.title]
                row = tx.get(Item, card.id)
                tx.now = row.created + timedelta(minutes=20)
                change_fields = {"severity": severity, "in_production": in_production}
                tx.label, tx.txn = f"edit card {row.title}", uuid.uuid4().hex
                tx.update(row, UNCHECKED, change_fields, detail=None)
                ctx.items[index] = ItemRead.model_validate(row, from_attributes=True)
