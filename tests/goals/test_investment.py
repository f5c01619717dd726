"""Team investment (issue 17, point 4) from the change log: a card counts for its owner's team at the
moment it reached a finished stage, in the period asked for; the share serving each objective and the
overall share of delivered work that serves an OKR."""

from datetime import timedelta

import pytest

from cockpit.logic.investment import NO_TEAM
from cockpit.services.investment import delivered_in, investment
from tests.helpers import TODAY


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("COCKPIT_TZ", "UTC")


def test_teams_at_delivery_and_shares_per_objective(store, clock):
    clock.advance(days=-25)  # 28 Oct: the team and its cards are set up
    ann = store.workspace.add_person("Ann Lee", "ann", team="Web")
    bob = store.workspace.add_person("Bob Ray", "bob", team="Data")
    stages = {s.category: s.id for s in store.workspace.stages()}
    growth = store.goals.add_objective("Growth")
    quality = store.goals.add_objective("Quality")
    g1 = store.goals.add_kr(growth.id, "Repeat rate")
    q1 = store.goals.add_kr(quality.id, "Crash-free sessions")

    def card(title, owner, kr=None):
        return store.items.create(title=title, stage_id=stages["in_progress"], owner_id=owner.id, kr_id=kr)

    a1, a2, b1, b2, old, back, nobody = (
        card("Badge", ann, g1.id), card("Points", ann, q1.id), card("Pipeline", bob, g1.id), card("Cleanup", bob),
        card("Shipped last month", ann, g1.id), card("Sent back", bob, q1.id),
        store.items.create(title="Orphan", stage_id=stages["in_progress"]))
    clock.advance(days=5)
    store.items.move(old.id, old.version, stages["done"])  # 2 Nov: before the period
    clock.advance(days=19)  # 21 Nov 09:00
    for item in (a1, b1, b2, back, nobody):
        item = store.items.get(item.id)
        store.items.move(item.id, item.version, stages["done"])
    sent = store.items.get(back.id)
    store.items.move(sent.id, sent.version, stages["in_progress"])  # sent back the same day
    clock.advance(hours=1)
    person = store.workspace.person(ann.id)
    store.people.update_person(ann.id, person.version, team="Mobile")  # Ann moves team afterwards
    clock.advance(hours=2)
    a2 = store.items.get(a2.id)
    store.items.move(a2.id, a2.version, stages["after_release"])  # delivered by Ann, now in Mobile
    start, end = TODAY - timedelta(days=7), TODAY

    cards = delivered_in(store, start, end)
    assert {(c.item_id, c.team) for c in cards} == {
        (a1.id, "Web"), (b1.id, "Data"), (b2.id, "Data"), (nobody.id, NO_TEAM), (a2.id, "Mobile")}

    result = investment(store, start, end)
    assert (result.delivered, result.serving) == (5, 3) and result.okr_share == pytest.approx(0.6)
    assert dict(result.by_objective) == {growth.id: 2, quality.id: 1}
    teams = {t.team: t for t in result.teams}
    assert [t.team for t in result.teams] == ["Data", "Mobile", "Web", NO_TEAM]
    assert (teams["Data"].delivered, teams["Data"].share(growth.id), teams["Data"].okr_share) == (2, 0.5, 0.5)
    assert (teams["Web"].delivered, teams["Web"].share(growth.id)) == (1, 1.0)
    assert (teams["Mobile"].delivered, teams["Mobile"].share(quality.id)) == (1, 1.0)
    assert teams[NO_TEAM].serving == 0

    earlier = investment(store, TODAY - timedelta(days=30), TODAY - timedelta(days=10))
    assert (earlier.delivered, earlier.serving, [t.team for t in earlier.teams]) == (1, 1, ["Web"])


def test_nothing_delivered_has_no_share(store):
    result = investment(store, TODAY - timedelta(days=7), TODAY)
    assert (result.delivered, result.okr_share, result.teams) == (0, None, ())
