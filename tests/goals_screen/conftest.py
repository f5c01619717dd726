"""Fixtures of the Goals screen tests: people, and an objective with two KRs and a few check-ins."""

from datetime import timedelta

import pytest

from cockpit.db.store import Store
from tests.helpers import TODAY


@pytest.fixture
def people(store: Store) -> dict:
    made = {handle: store.workspace.add_person(name, handle, ["Product manager"])
            for name, handle in (("Ann Lee", "ann"), ("Ben Okafor", "ben"))}
    store.forget_undo()
    return made


@pytest.fixture
def okrs(store: Store, people: dict) -> dict:
    """O1 "Make self-serve the way customers buy" with a conversion KR (higher is better, check-ins
    over two weeks, a monthly target) and a checkout-time KR (lower is better, no check-in)."""
    goals = store.goals
    objective = goals.add_objective("Make self-serve the way customers buy", owner_id=people["ann"].id,
                                    period_start=TODAY - timedelta(days=50), period_end=TODAY + timedelta(days=40),
                                    interpretation="Most new customers sign up and pay without sales",
                                    strategy="Shorter checkout, clearer pricing")
    conversion = goals.add_kr(objective.id, "Checkout conversion to 3%", owner_id=people["ann"].id,
                              module="Payments", metric="checkout conversion", unit="%", baseline=2.0, target=3.0,
                              monthly_targets={f"{TODAY:%Y-%m}": 2.5})
    speed = goals.add_kr(objective.id, "Checkout under 40 s", owner_id=people["ben"].id, module="Checkout",
                         metric="median checkout time", unit="s", direction="lower", baseline=70, target=40)
    for back, value in ((13, 2.0), (10, 2.2), (8, 2.2), (6, 2.4), (3, 2.5), (1, 2.6)):
        goals.check_in(conversion.id, TODAY - timedelta(days=back), value)
    store.forget_undo()
    return {"objective": objective, "conversion": conversion, "speed": speed}
