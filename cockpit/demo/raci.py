"""Demo data of the RACI feature.

The default PMO table comes with every new workspace (``setup_defaults``); the demo adds one activity
the team has not settled yet: a data-tracking review with nobody Accountable, so the live validation
has something to show ("1 activity without an A").
"""

from typing import TYPE_CHECKING

from cockpit.db.store import Store

if TYPE_CHECKING:
    from cockpit.demo import DemoContext


def seed(store: Store, ctx: "DemoContext") -> None:
    store.clock = lambda: ctx.at(20, 14)
    review = store.raci.add_activity(
        "Data-tracking review", phase="Requirements",
        criteria="Every new page and button has a tracking event named in the PRD; the data team agreed",
        deliverable="Tracking plan sign-off")
    roles = {role.code: role.id for role in store.workspace.roles()}
    for code, letter in (("PM", "R"), ("DEV", "C"), ("TL", "C"), ("BO", "I")):
        store.raci.set_letter(review.id, roles[code], letter, 0)
