"""Demo risk register: twelve risks in every status, some reviews overdue, a few weeks of history."""

from datetime import timedelta
from typing import TYPE_CHECKING

from cockpit.db.store import Store

if TYPE_CHECKING:
    from cockpit.demo import DemoContext

# (title, category, P, I, owner, response, status, review in days (negative: overdue), residual P/I)
RISKS = [
    ("Coupon abuse by bulk sign-ups", "Security", 4, 5, "eli", "mitigate", "open", -3, (2, 4)),
    ("Payment provider outage on launch day", "Vendor", 2, 5, "ben", "transfer", "monitoring", 5, (2, 3)),
    ("Gift bundle inventory not ready for the peak", "Schedule", 4, 4, "fatima", "mitigate", "open", 1, (3, 3)),
    ("Partner API credentials late", "Vendor", 5, 3, "ben", "escalate", "occurred", -1, None),
    ("Key developer on leave during code freeze", "Resource", 3, 3, "hana", "accept", "monitoring", 9, None),
    ("Legal blocks the fraud rules", "Compliance", 3, 4, "hana", "escalate", "open", -6, (2, 4)),
    ("Campaign page too slow on mobile", "Technical", 3, 3, "dana", "mitigate", "open", 2, (1, 3)),
    ("Data tracking misses referral events", "Technical", 2, 3, "goro", "mitigate", "monitoring", 12, (1, 2)),
    ("Holiday freeze shortens the test window", "Schedule", 4, 3, "chen", "avoid", "occurred", 0, None),
    ("Translation of the German pages late", "Resource", 2, 2, "dana", "accept", "closed", None, None),
    ("Rollback of the coupon migration fails", "Technical", 1, 5, "eli", "mitigate", "closed", None, (1, 2)),
    ("Budget cut for paid promotion", "Business", 2, 4, "ann", "accept", "open", 20, None),
]
DETAILS = {
    "Coupon abuse by bulk sign-ups": (
        "Bots create accounts to harvest welcome coupons.",
        "More than 50 sign-ups per minute from one network",
        "Rate limit sign-ups; fraud check on bulk coupon use.",
        "Pause the welcome coupon and void codes issued in the spike.",
    ),
    "Partner API credentials late": (
        "Co-marketing depends on the partner sandbox.",
        "No credentials one week before the partner launch",
        "Weekly escalation call with the partner manager.",
        "Launch without partner badges; add them in the next iteration.",
    ),
    "Payment provider outage on launch day": (
        "", "Provider status page shows degraded service",
        "Second provider configured as a fallback.", "Switch checkout to the fallback provider.",
    ),
}
# Score changes made during the last weeks, for the history: (title, days ago, field, step)
HISTORY = [
    ("Coupon abuse by bulk sign-ups", 14, "probability", -1),
    ("Coupon abuse by bulk sign-ups", 6, "probability", 1),
    ("Gift bundle inventory not ready for the peak", 9, "impact", 1),
    ("Legal blocks the fraud rules", 5, "probability", 1),
    ("Campaign page too slow on mobile", 3, "impact", -1),
]


def seed(store: Store, ctx: "DemoContext") -> None:
    linked = next((item for item in ctx.items if item.title == "Partner API sandbox access"), None)
    made = {}
    for index, (title, category, p, i, owner, response, status, review, residual) in enumerate(RISKS):
        store.clock = lambda d=25 - index: ctx.at(d, 9)
        description, trigger, mitigation, contingency = DETAILS.get(title, ("", "", "", ""))
        p0, i0 = p, i
        for name, _days, field, step in (h for h in HISTORY if h[0] == title):
            if field == "probability":
                p0 -= step
            else:
                i0 -= step
        risk = store.risks.create(
            title=title, category=category, probability=p0, impact=i0, owner_id=ctx.people[owner].id,
            response=response, status="open", description=description, trigger=trigger,
            mitigation=mitigation, contingency=contingency,
            residual_probability=residual[0] if residual else None,
            residual_impact=residual[1] if residual else None,
            next_review=ctx.today + timedelta(days=review) if review is not None else None,
            confidential=title == "Budget cut for paid promotion",
            item_id=linked.id if linked is not None and title == "Partner API credentials late" else None,
        )
        made[title] = risk
    for title, days, field, step in HISTORY:
        store.clock = lambda d=days: ctx.at(d, 16)
        risk = store.risks.get(made[title].id)
        store.risks.nudge(risk.id, risk.version, field, step)
    store.clock = lambda: ctx.at(1, 14)
    for title, *_rest, status, _review, _residual in RISKS:
        if status != "open":
            risk = store.risks.get(made[title].id)
            store.risks.update(risk.id, risk.version, status=status)
