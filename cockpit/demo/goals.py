"""Demo goals: one objective on the campaign, one on the project, five key results (one of them lower
is better) with 60 days of check-ins, a dozen cards and two risks naming their KR.

The history up to yesterday arrives as one import from the analytics export (a believable start:
the team loaded what the dashboards already had, this morning); today's values are checked in one by
one by the KRs' owners, and one of them recounted.  Some days are missing (weekends for the referral count, an outage, forgotten days).
"""

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cockpit.db.models_goals import CheckinCreate
from cockpit.db.store import Store

if TYPE_CHECKING:
    from cockpit.demo import DemoContext

DAYS = 60

# (title, on the campaign?, owner, strategy, interpretation, period: days before / after today)
OBJECTIVES = [
    ("Turn holiday shoppers into repeat buyers", True, "ann",
     "Reward the second order: loyalty points, referrals and bundles only repeat buyers see.",
     "Shoppers the campaign brings in come back within the season.", 45, 40),
    ("A checkout that holds at the holiday peak", False, "eli",
     "Load-test every release; rate limits and a fallback payment provider before launch day.",
     "No customer loses an order to a slow or crashing checkout.", 45, 40),
]
# (objective index, title, owner, module, metric, unit, direction, baseline, target, value 60 days ago,
#  value today, daily noise, skip weekends)
KEY_RESULTS = [
    (0, "Repeat purchase rate", "fatima", "Loyalty", "orders from returning customers", "%", "higher",
     18.0, 25.0, 17.6, 22.4, 0.5, False),
    (0, "Referral sign-ups per day", "goro", "Referrals", "sign-ups through a referral link", "sign-ups",
     "higher", 40.0, 120.0, 38.0, 96.0, 9.0, True),
    (0, "Campaign page conversion", "dana", "Landing", "visits that end in an order", "%", "higher",
     2.1, 3.5, 2.0, 3.7, 0.15, False),
    (1, "Checkout p95 latency", "eli", "Checkout", "95th percentile of checkout time", "ms", "lower",
     1800.0, 900.0, 1850.0, 1120.0, 60.0, False),
    (1, "Crash-free checkout sessions", "chen", "Checkout", "sessions without a crash", "%", "higher",
     99.0, 99.8, 98.9, 99.6, 0.08, False),
]
# Cards serving a KR (by the KR's index above).
LINKS = {
    0: ["Loyalty points on campaign orders", "Email template for winners", "Gift bundles in the catalogue",
        "Bundle pricing rules"],
    1: ["Referral link generator", "Leaderboard for referrals", "Share card for social networks"],
    2: ["Landing page hero for the campaign", "A/B test of the hero copy"],
    3: ["Load test the coupon endpoint", "Capacity plan for launch day"],
    4: ["Fix crash on empty cart with coupon", "Smoke test suite for checkout"],
}
RISK_LINKS = {"Campaign page too slow on mobile": 2, "Payment provider outage on launch day": 4}
#: Days (ago) without data for every KR: the analytics export failed.
OUTAGE = {23, 24}


def _series(rng: random.Random, today: date, start: float, end: float, noise: float, skip_weekends: bool,
            decimals: int) -> dict[date, float]:
    values = {}
    for ago in range(DAYS - 1, -1, -1):
        day = today - timedelta(days=ago)
        if ago in OUTAGE or (skip_weekends and day.weekday() == 6) or (ago > 2 and rng.random() < 0.06):
            continue
        trend = start + (end - start) * (DAYS - 1 - ago) / (DAYS - 1)
        values[day] = round(trend + rng.gauss(0, noise), decimals)
    return values


def seed(store: Store, ctx: "DemoContext") -> None:
    rng = random.Random(1717)
    campaign_id = store.workspace.project().campaign_id
    store.clock = lambda: ctx.at(DAYS + 2, 10)
    objectives = []
    for title, on_campaign, owner, strategy, meaning, before, after in OBJECTIVES:
        where = {"campaign_id": campaign_id} if on_campaign and campaign_id else {"project_id": ctx.project_id}
        objectives.append(store.goals.add_objective(
            title, owner_id=ctx.people[owner].id, strategy=strategy, interpretation=meaning,
            period_start=ctx.today - timedelta(days=before), period_end=ctx.today + timedelta(days=after), **where))
    krs = []
    month = f"{ctx.today:%Y-%m}"
    previous = f"{ctx.today.replace(day=1) - timedelta(days=1):%Y-%m}"
    for index, title, owner, module, metric, unit, direction, baseline, target, *_series_args in KEY_RESULTS:
        step = (target - baseline) / 3
        krs.append(store.goals.add_kr(
            objectives[index].id, title, owner_id=ctx.people[owner].id, module=module, metric=metric, unit=unit,
            direction=direction, baseline=baseline, target=target,
            monthly_targets={previous: round(baseline + step, 2), month: round(baseline + 2 * step, 2)}))
    history: list[CheckinCreate] = []
    recent: list[tuple[int, date, float, str]] = []
    for kr, (*_head, start, end, noise, skip) in zip(krs, KEY_RESULTS):
        decimals = 0 if kr.unit in ("ms", "sign-ups") else 2
        for day, value in _series(rng, ctx.today, start, end, noise, skip, decimals).items():
            if day < ctx.today:
                history.append(CheckinCreate(kr_id=kr.id, day=day, value=value))
            else:
                recent.append((kr.id, day, value, ""))
    store.clock = lambda: ctx.at(7 / 24, 0)  # 07:00 today
    store.goals.check_in_many(history, label="import metrics from analytics-export.csv")
    for number, (kr_id, day, value, note) in enumerate(recent):  # today's, by each owner
        store.clock = lambda n=number: ctx.at((9 + n / 3) / 24, 0)  # from 09:00, twenty minutes apart
        store.goals.check_in(kr_id, day, value, note)
    store.clock = lambda: ctx.at(11 / 24, 0)  # 11:00
    store.goals.check_in(krs[3].id, ctx.today, 1135.0, "recounted after the cache fix")  # replaces today's
    # Cards and risks name the KR they serve: each KR's cards are linked by the PM twenty minutes
    # after the last of them was filed (never before a card existed: its activity feed reads in order).
    by_title = {item.title: item for item in ctx.items}
    for index, titles in LINKS.items():
        store.clock = lambda t=titles: max(by_title[title].created for title in t) + timedelta(minutes=20)
        store.kr_links.link_items(krs[index].id, {by_title[t].id: store.items.get(by_title[t].id).version for t in titles})
    linked = {by_title[title].id for titles in LINKS.values() for title in titles}
    ctx.items = [store.items.get(item.id) if item.id in linked else item for item in ctx.items]
    store.clock = lambda: ctx.at(1, 15)  # the risks, after yesterday's review of the register
    for risk in store.risks.all():
        if risk.title in RISK_LINKS:
            store.risks.update(risk.id, risk.version, kr_id=krs[RISK_LINKS[risk.title]].id)
